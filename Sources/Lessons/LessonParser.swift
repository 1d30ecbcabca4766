import Foundation
import Yams

/// Reads lesson files: front matter through Yams, the body through cmark-gfm, experiment
/// blocks through `ExperimentParser`. Every problem of a lesson is reported together.
public enum LessonParser {
    public static let experimentInfo = "experiment"
    static let frontMatterKeys = ["title", "summary", "order", "lang"]

    /// Parses the lesson at `url`, naming it `displayPath` in diagnostics.
    /// `lessonsRoot` is the folder CSV files must stay inside (the lesson's own folder when nil).
    /// `catalog` gives the words of references (`@fig-ID` reads "Figure 2", or "图 2" in a
    /// `lang: zh` lesson).
    public static func parse(contentsOf url: URL, displayPath: String, lessonsRoot: URL? = nil, catalog: StringCatalog = .builtIn) throws(Diagnostics) -> Lesson {
        let data: Data
        switch LessonFiles.read(url, inside: lessonsRoot) {
        case let .success(bytes): data = bytes
        case let .failure(problem):
            throw Diagnostics([Diagnostic(.fileUnreadable(path: displayPath, problem: problem.problem, advice: problem.advice), at: SourceLocation(file: displayPath, line: 1, column: 1))])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Diagnostics([Diagnostic(.invalidUTF8, at: SourceLocation(file: displayPath, line: 1, column: 1))])
        }
        let slug = url.deletingPathExtension().lastPathComponent
        let directory = url.deletingLastPathComponent()
        return try parse(text, file: displayPath, slug: slug, lessonsRoot: lessonsRoot ?? directory, lessonDirectory: directory, catalog: catalog)
    }

    /// Parses lesson text. `file` is the path diagnostics show; `slug` names the page.
    public static func parse(
        _ text: String, file: String, slug: String, lessonsRoot: URL? = nil, lessonDirectory: URL? = nil, catalog: StringCatalog = .builtIn
    ) throws(Diagnostics) -> Lesson {
        // "\r\n" is one Character in Swift, so lines split on it too; a byte-order mark is not text.
        let unmarked = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let lines = unmarked.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        let start = SourceLocation(file: file, line: 1, column: 1)
        guard lines.first.map({ $0.trimmingCharacters(in: .whitespaces) == "---" }) == true else {
            throw Diagnostics([Diagnostic(.frontMatterMissing, at: start)])
        }
        guard let close = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else {
            throw Diagnostics([Diagnostic(.frontMatterUnterminated, at: start)])
        }
        var reader = SpecReader(file: file, lineOffset: 1)
        let frontMatter = lines[1..<close].joined(separator: "\n")
        var title: String?
        var summary: String?
        var order: Int?
        var language = "en"
        if let root = reader.compose(frontMatter) {
            if let fields = reader.fields(root, context: "the front matter", allowed: frontMatterKeys) {
                title = fields.required("title", reader: &reader).flatMap { reader.string($0, key: "title") }
                summary = fields["summary"].flatMap { reader.string($0, key: "summary") }
                order = fields["order"].flatMap { reader.int($0, key: "order", in: 0...1_000_000) }
                language = fields["lang"].flatMap { reader.string($0, key: "lang") } ?? language
            }
        } else if reader.diagnostics.isEmpty {
            reader.report(.missingKey(key: "title", context: "the front matter"), at: start)
        }

        let body = lines[(close + 1)...].joined(separator: "\n")
        let bodyLineOffset = close + 1
        let document = MarkdownDocument(markdown: body)
        var experiments: [ExperimentSpec] = []
        var firstLineOfID: [String: Int] = [:]
        // The ids written in blocks that did not parse: references to them are not reported,
        // since the block's own errors are the problem.
        var salvagedIDs: Set<String> = []
        // For each experiment, where its figures' ids are written.
        var figureLocations: [[SourceLocation]] = []
        for block in document.fencedBlocks where MarkdownDocument.firstWord(block.info) == experimentInfo {
            let fenceLine = bodyLineOffset + block.line
            let fence = SourceLocation(file: file, line: fenceLine, column: block.column)
            var blockReader = SpecReader(file: file, lineOffset: fenceLine)
            let context = ExperimentParser.Context(lessonDirectory: lessonDirectory, lessonsRoot: lessonsRoot, strings: catalog.strings(for: language))
            blockReader.figureIDLocations = []
            guard let spec = ExperimentParser.parse(block.literal, fence: fence, reader: &blockReader, context: context) else {
                salvagedIDs.formUnion(Self.salvagedIDs(block.literal))
                if blockReader.diagnostics.isEmpty { blockReader.report(.experimentUnreadable, at: fence) }
                reader.diagnostics.append(contentsOf: blockReader.diagnostics)
                continue
            }
            if let first = firstLineOfID[spec.id] {
                blockReader.report(.duplicateExperimentID(id: spec.id, firstLine: first), at: fence)
            } else {
                firstLineOfID[spec.id] = fenceLine
                experiments.append(spec)
                figureLocations.append(blockReader.figureIDLocations)
            }
            reader.diagnostics.append(contentsOf: blockReader.diagnostics)
        }
        var lesson = Lesson(
            file: file, slug: slug, title: title ?? slug, summary: summary, order: order, language: language,
            body: body, bodyLineOffset: bodyLineOffset, experiments: experiments)
        var figureLines: [String: Int] = [:]
        for (spec, locations) in zip(experiments, figureLocations) {
            for (index, figure) in spec.figures.enumerated() {
                let location = index < locations.count ? locations[index] : spec.location
                if let first = figureLines[figure.id] {
                    reader.report(.duplicateFigureID(id: figure.id, firstLine: first), at: location)
                } else {
                    figureLines[figure.id] = location.line
                }
            }
        }
        var references: [String: ReferenceTarget] = [:]
        let strings = catalog.strings(for: language)
        for (id, number) in lesson.figureNumbers {
            references[number.prefix + "-" + id] = ReferenceTarget(text: number.label(strings), anchor: number.prefix + "-" + id)
        }
        for (id, number) in lesson.experimentNumbers {
            references["exp-" + id] = ReferenceTarget(text: strings("page.experiment", ["n": String(number)]), anchor: "exp-" + id)
        }
        var scanner = ProseScanner(body, verbatim: document.verbatimLines, references: references)
        scanner.experiments = experiments
        scanner.salvagedIDs = salvagedIDs
        scanner.file = file
        scanner.lineOffset = bodyLineOffset
        lesson.prose = Prose(markdown: scanner.scan(), math: scanner.math, results: scanner.results)
        reader.diagnostics += scanner.problems
        for reference in scanner.unknown where !Self.mayName(reference.reference, salvaged: salvagedIDs) {
            let location = SourceLocation(file: file, line: bodyLineOffset + reference.line, column: reference.column)
            // `@fig-` naming a table (or `@tbl-` a figure): say which prefix it takes.
            let id = String(reference.reference.drop(while: { $0 != "-" }).dropFirst())
            if let number = lesson.figureNumbers[id], !reference.reference.hasPrefix("exp-") {
                reader.report(.referenceWrongKind(reference: "@" + reference.reference, correct: "@\(number.prefix)-\(id)", isTable: number.isTable), at: location)
                continue
            }
            reader.report(.unknownReference(reference: "@" + reference.reference, known: references.keys.sorted().map { "@" + $0 }), at: location)
        }
        guard reader.diagnostics.isEmpty, title != nil else {
            throw Diagnostics(reader.diagnostics)
        }
        return lesson
    }

    /// The `id:` values written in a block's text, read without YAML: the block may not parse.
    static func salvagedIDs(_ yaml: String) -> Set<String> {
        var ids: Set<String> = []
        for line in yaml.split(whereSeparator: \.isNewline) {
            var rest = line[...]
            while let range = rest.range(of: "id:") {
                let before = rest[..<range.lowerBound].last
                rest = rest[range.upperBound...]
                guard before.map({ !($0.isLetter || $0.isNumber || $0 == "_") }) ?? true else { continue }
                let value = rest.drop(while: { $0 == " " || $0 == "\"" || $0 == "'" }).prefix(while: { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
                if !value.isEmpty { ids.insert(String(value)) }
            }
        }
        return ids
    }

    /// Whether `reference` (`fig-…`, `tbl-…` or `exp-…`) may name a figure or experiment of a block
    /// that did not parse: an id written there, or a figure numbered after such an experiment.
    static func mayName(_ reference: String, salvaged: Set<String>) -> Bool {
        let name = String(reference.dropFirst(4))
        if salvaged.contains(name) { return true }
        return (reference.hasPrefix("fig-") || reference.hasPrefix("tbl-")) && salvaged.contains { name.hasPrefix($0 + "-") }
    }
}
