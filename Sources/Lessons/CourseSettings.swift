import Foundation

/// Course-wide settings from the optional `lessons/course.yml`: the title, summary and
/// language (`lang`) of the index page.
public struct CourseSettings: Hashable, Sendable {
    public static let fileName = "course.yml"
    public static let defaultTitle = "Course"

    public var title: String
    public var summary: String?
    /// The language of the index page's words (`lang:`), `en` by default.
    public var language: String

    public init(title: String = CourseSettings.defaultTitle, summary: String? = nil, language: String = "en") {
        self.title = title
        self.summary = summary
        self.language = language
    }

    /// Reads `course.yml` in `directory`; its absence gives the defaults.
    public static func load(from directory: URL, displayDirectory: String) throws(Diagnostics) -> CourseSettings {
        let url = directory.appendingPathComponent(fileName)
        let display = displayDirectory.isEmpty ? fileName : displayDirectory + "/" + fileName
        guard FileManager.default.fileExists(atPath: url.path) else { return CourseSettings() }
        let start = SourceLocation(file: display, line: 1, column: 1)
        let data: Data
        switch LessonFiles.read(url, inside: directory) {
        case let .success(bytes): data = bytes
        case let .failure(problem):
            throw Diagnostics([Diagnostic(.fileUnreadable(path: display, problem: problem.problem, advice: problem.advice), at: start)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Diagnostics([Diagnostic(.invalidUTF8, at: start)])
        }
        var reader = SpecReader(file: display, lineOffset: 0)
        var settings = CourseSettings()
        if let root = reader.compose(text), let fields = reader.fields(root, context: display, allowed: ["title", "summary", "lang"]) {
            settings.title = fields["title"].flatMap { reader.string($0, key: "title") } ?? defaultTitle
            settings.summary = fields["summary"].flatMap { reader.string($0, key: "summary") }
            settings.language = fields["lang"].flatMap { reader.string($0, key: "lang") } ?? "en"
        }
        guard reader.diagnostics.isEmpty else { throw Diagnostics(reader.diagnostics) }
        return settings
    }
}
