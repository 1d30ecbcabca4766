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

    /// Each figure's number in the lesson (tables count as figures), by figure id.
    public var figureNumbers: [String: Int] {
        var numbers: [String: Int] = [:]
        for (offset, figure) in experiments.flatMap(\.figures).enumerated() where numbers[figure.id] == nil {
            numbers[figure.id] = offset + 1
        }
        return numbers
    }

    /// Each experiment's number in the lesson, by experiment id.
    public var experimentNumbers: [String: Int] {
        Dictionary(experiments.enumerated().map { ($0.element.id, $0.offset + 1) }, uniquingKeysWith: { first, _ in first })
    }
}
