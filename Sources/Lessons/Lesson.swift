/// A lesson read from `lessons/NN-slug.md`: front matter, Markdown body and validated
/// experiments.
public struct Lesson: Hashable, Sendable {
    /// The path shown in diagnostics, such as `lessons/01-gradient-descent.md`.
    public var file: String
    /// The file name without `.md`; the page is `<slug>.html`.
    public var slug: String
    public var title: String
    public var summary: String?
    /// Sort key; lessons without one sort by file name after those with one.
    public var order: Int?
    /// The language of the page, such as `en` or `zh`.
    public var language: String
    /// The Markdown after the front matter.
    public var body: String
    /// How many file lines precede the body (the front matter and its fences).
    public var bodyLineOffset: Int
    public var experiments: [ExperimentSpec]
    /// The body ready for Markdown: math lifted out, references resolved.
    public var prose: Prose

    public init(
        file: String, slug: String, title: String, summary: String?, order: Int?, language: String,
        body: String, bodyLineOffset: Int, experiments: [ExperimentSpec], prose: Prose? = nil
    ) {
        self.file = file
        self.slug = slug
        self.title = title
        self.summary = summary
        self.order = order
        self.language = language
        self.body = body
        self.bodyLineOffset = bodyLineOffset
        self.experiments = experiments
        self.prose = prose ?? Prose(markdown: body, math: [])
    }

    /// Each figure's and table's number in the lesson, by figure id. Images and tables
    /// (`table`, `hessian`) are numbered separately: "Figure 1", "Table 1", "Figure 2".
    public var figureNumbers: [String: FigureNumber] {
        var numbers: [String: FigureNumber] = [:]
        var counts: [Bool: Int] = [:]
        for figure in experiments.flatMap(\.figures) where numbers[figure.id] == nil {
            let isTable = !figure.isImage
            counts[isTable, default: 0] += 1
            numbers[figure.id] = FigureNumber(isTable: isTable, number: counts[isTable, default: 0])
        }
        return numbers
    }

    /// Each experiment's number in the lesson, by experiment id.
    public var experimentNumbers: [String: Int] {
        Dictionary(experiments.enumerated().map { ($0.element.id, $0.offset + 1) }, uniquingKeysWith: { first, _ in first })
    }
}

/// A figure's or table's place in its lesson: what it is called and where it links.
public struct FigureNumber: Hashable, Sendable {
    public var isTable: Bool
    public var number: Int

    public init(isTable: Bool, number: Int) {
        self.isTable = isTable
        self.number = number
    }

    /// "Figure 3" or "Table 1".
    public var label: String { label(.english) }
    /// "Figure 3" or "Table 1" in the language of `strings` ("图 3", "表 1").
    public func label(_ strings: InterfaceStrings) -> String {
        strings(isTable ? "page.table" : "page.figure", ["n": String(number)])
    }
    /// The reference prefix and anchor prefix: `fig` or `tbl`.
    public var prefix: String { isTable ? "tbl" : "fig" }
}
