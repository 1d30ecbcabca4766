/// The colours a run may ask for by name (`color: vermilion`): the Okabe–Ito palette, whose
/// eight colours stay distinguishable under the common forms of colour blindness. The order is
/// the one runs without a colour take by their place in the experiment.
public enum RunColor: String, Hashable, Codable, Sendable, CaseIterable {
    case blue, vermilion, green, purple
    case skyBlue = "sky-blue"
    case orange, black, yellow

    /// Everyday names for the palette's colours, so that `color: red` points to vermilion.
    static let synonyms: [String: RunColor] = [
        "red": .vermilion, "pink": .purple, "magenta": .purple, "violet": .purple,
        "teal": .green, "cyan": .skyBlue, "light-blue": .skyBlue, "lightblue": .skyBlue,
        "gold": .yellow, "amber": .orange, "grey": .black, "gray": .black,
    ]

    /// The palette's names, nearest to `name` first: its everyday synonym, then by spelling.
    static func names(nearestTo name: String) -> [String] {
        let word = name.lowercased()
        let synonym = synonyms[word]
        return allCases.enumerated().sorted { left, right in
            let a = (left.element == synonym ? -1 : editDistance(word, left.element.rawValue), left.offset)
            let b = (right.element == synonym ? -1 : editDistance(word, right.element.rawValue), right.offset)
            return a < b
        }.map(\.element.rawValue)
    }
}
