import Lessons

/// The course's search index, written as a script (`assets/search-index.js`) that assigns a
/// global, so that search works from `file://`, where a page may not fetch a JSON file.
///
/// The index is built from the parsed lessons, not from their HTML: each section (the text
/// before the first heading, then each heading of level 2 or 3 not folded in an answer) keeps
/// its lesson, title, anchor and the words of its prose, figure captions and title. Math,
/// inline code, code blocks and raw HTML are left out. To stay small the index keeps each word
/// once: a sorted vocabulary, and per section the positions of its words in it. Its order is
/// the course's, so the same course gives the same bytes.
struct SearchIndex: Equatable {
    struct Lesson: Equatable {
        var href: String
        var number: String
        var title: String
        var language: String
    }

    struct Section: Equatable {
        /// Position of the section's lesson in `lessons`.
        var lesson: Int
        var title: String
        /// The heading's id; empty for the text before the first heading (the page's top).
        var anchor: String
        /// The section's words, lower-cased, each once, in the order they first appear.
        var words: [String]
        /// The opening words of the section's prose, shown under a result as its context.
        var excerpt: String = ""
    }

    var lessons: [Lesson] = []
    var sections: [Section] = []

    static let path = "assets/search-index.js"
    /// The global the script assigns; the page's search script reads it.
    static let global = "descentSearchIndex"

    init(course: Course) {
        let numbers = Navigation.numbers(of: course)
        for (position, page) in course.pages.enumerated() {
            lessons.append(Lesson(href: HTML.url(page.fileName), number: numbers[position], title: page.title,
                                  language: Navigation.language(of: page)))
            guard case let .lesson(lesson, experiments, _) = page.content else { continue }
            let make = { Self.sections(of: lesson, experiments: experiments, lesson: position) }
            sections += course.memory?.sections(page.memoryToken, position: position, make: make) ?? make()
        }
    }

    /// The sections of one lesson, with the captions of each experiment's figures and tables
    /// in the section where the experiment stands.
    static func sections(of lesson: Lessons.Lesson, experiments: [ExperimentOutput], lesson position: Int) -> [Section] {
        let document = MarkdownDocument(markdown: lesson.prose.markdown)
        let headings = document.anchorHeadings()
        var sections: [(title: String, anchor: String, text: String)] = [(lesson.title, "", "")]
        var experimentIndex = 0
        for passage in document.passages {
            switch passage {
            case let .heading(index):
                guard index < headings.count else { continue }
                let heading = headings[index]
                if (2...3).contains(heading.level), !heading.folded {
                    sections.append((collapsingSpaces(withoutPlaceholders(heading.text)), heading.id, ""))
                } else {
                    sections[sections.count - 1].text += " " + heading.text + " "
                }
            case let .text(text):
                sections[sections.count - 1].text += text
            case let .fencedBlock(info):
                guard info == LessonParser.experimentInfo, experimentIndex < experiments.count else { continue }
                for item in experiments[experimentIndex].items {
                    sections[sections.count - 1].text += " " + withoutMath(item.figure.caption) + " "
                }
                experimentIndex += 1
            }
        }
        return sections.compactMap { section in
            let words = Self.words(in: section.title + " " + withoutPlaceholders(section.text))
            // The top of a lesson that starts with a heading has nothing of its own to find.
            if section.anchor.isEmpty, words == Self.words(in: section.title), sections.count > 1 { return nil }
            return Section(lesson: position, title: section.title, anchor: section.anchor, words: words,
                           excerpt: excerpt(of: withoutPlaceholders(section.text)))
        }
    }

    /// The words of `text`, lower-cased, each once, in order: runs of letters and digits,
    /// without single letters and bare numbers. A run of a script written without spaces
    /// (Chinese) stays one word; the page's search finds it by substring.
    static func words(in text: String) -> [String] {
        var words: [String] = []
        var seen: Set<String> = []
        var word = ""
        func finish() {
            defer { word = "" }
            guard word.unicodeScalars.count > 1 || word.unicodeScalars.contains(where: isIdeograph),
                  !word.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else { return }
            if seen.insert(word).inserted { words.append(word) }
        }
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                word.unicodeScalars.append(scalar)
            } else {
                finish()
            }
        }
        finish()
        return words
    }

    /// Characters of a section's excerpt at most, before its last word is cut and "…" added.
    static let excerptLength = 90

    /// The opening of `text`, its spaces collapsed, cut after a whole word at `excerptLength`.
    static func excerpt(of text: String) -> String {
        let text = collapsingSpaces(text)
        guard text.count > excerptLength else { return text }
        var cut = text.prefix(excerptLength)
        // Text with spaces between its words is cut at the last space; Chinese where it is.
        if let space = cut.lastIndex(of: " "), !cut.unicodeScalars.contains(where: isIdeograph) { cut = cut[..<space] }
        while let last = cut.last, last.isPunctuation || last == " " { cut = cut.dropLast() }
        return cut + "…"
    }

    static func isIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isIdeographic
    }

    /// `text` without the private-use markers of math and inline results and what they enclose.
    static func withoutPlaceholders(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        var inside = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\u{E000}", "\u{E002}": inside = true
            case "\u{E001}", "\u{E003}": inside = false; kept.append(" ")
            default: if !inside { kept.append(scalar) }
            }
        }
        return String(kept)
    }

    static func collapsingSpaces(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// A caption without its `$…$` math.
    static func withoutMath(_ text: String) -> String {
        text.split(separator: "$", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset.isMultiple(of: 2) }.map(\.element).joined(separator: " ")
    }

    /// Words too common to tell sections apart: left out of the index, and skipped in a query.
    static let stopWords: [String] = [
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "it", "its",
        "of", "on", "or", "that", "the", "their", "then", "there", "this", "to", "was", "we", "which", "with",
    ]

    /// The script: `window.descentSearchIndex = {lessons, stop, words, sections}`, where `words`
    /// is the sorted vocabulary joined by spaces and each section is `[lesson, title, anchor,
    /// positions, excerpt]`, the positions of its words in `words` coded by `encode`.
    var script: String {
        let stop = Set(Self.stopWords)
        let vocabulary = Array(Set(sections.flatMap(\.words)).subtracting(stop)).sorted()
        let position = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($0.element, $0.offset) })
        var script = "window.\(Self.global) = {\n\"lessons\": ["
        script += lessons.map { "[\(JSONText.string($0.href)),\(JSONText.string($0.number)),\(JSONText.string($0.title)),\(JSONText.string($0.language))]" }.joined(separator: ",\n")
        script += "],\n\"stop\": [" + Self.stopWords.map(JSONText.string).joined(separator: ",") + "]"
        script += ",\n\"words\": " + JSONText.string(vocabulary.joined(separator: " ")) + ",\n\"sections\": [\n"
        script += sections.map { section in
            let words = Self.encode(section.words.compactMap { position[$0] }.sorted())
            return "[\(section.lesson),\(JSONText.string(section.title)),\(JSONText.string(section.anchor)),\"\(words)\",\(JSONText.string(section.excerpt))]"
        }.joined(separator: ",\n")
        return script + "]};\n"
    }

    /// Increasing positions as the gaps between them, each gap one character when it is below 36:
    /// a gap `g` (the position less the one before, less 1; the first counts from -1) is written
    /// as `g / 36` in base 26 with the letters `A`–`Z` (nothing when it is 0), then `g % 36` as
    /// one base-36 digit `0`–`9a`–`z`, which ends the number.
    static func encode(_ positions: [Int]) -> String {
        var code = ""
        var previous = -1
        for position in positions {
            let gap = position - previous - 1
            previous = position
            var high = gap / 36
            var prefix = ""
            while high > 0 {
                prefix = String(Character(Unicode.Scalar(UInt8(65 + high % 26)))) + prefix
                high /= 26
            }
            code += prefix + String(gap % 36, radix: 36)
        }
        return code
    }
}
