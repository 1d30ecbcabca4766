import Lessons

/// The course as the site shows it, in reading order.
public struct Course: Sendable {
    public var title: String
    public var summary: String?
    public var pages: [LessonPage]
    /// The language of the index page and of pages whose lesson did not parse.
    public var language: String
    /// The interface strings of every language, with the course's overrides.
    public var strings: StringCatalog
    /// Pages made by earlier renders of this process, by their `memoryToken`.
    public var memory: SiteMemory?

    public init(title: String, summary: String?, pages: [LessonPage], language: String = "en", strings: StringCatalog = .builtIn) {
        self.title = title
        self.summary = summary
        self.pages = pages
        self.language = language
        self.strings = strings
    }

    /// Whether any page folds an answer (`<details class="answer">`), so that the script
    /// that opens answers for printing is needed.
    public var hasAnswers: Bool {
        pages.contains { page in
            if case let .lesson(lesson, _, _) = page.content { return MarkdownDocument.opensAnswer(lesson.prose.markdown) }
            return false
        }
    }

    /// Whether any page has math, so that KaTeX is needed.
    public var hasMath: Bool {
        pages.contains { page in
            if case let .lesson(lesson, _, _) = page.content { return !lesson.prose.math.isEmpty }
            return false
        }
    }
}

extension Course {
    /// Whether any page shows code (a code block, or an experiment's block under its
    /// figures), so that highlight.js and the copy buttons' script are needed.
    public var hasCode: Bool {
        pages.contains { page in
            if case let .lesson(lesson, experiments, _) = page.content {
                return !experiments.isEmpty || memory.map { $0.page(page.memoryToken) { SiteRenderer.content(of: page, course: self) }.hasCode }
                    ?? MarkdownDocument(markdown: lesson.prose.markdown).hasCodeBlocks
            }
            return false
        }
    }
}

/// One lesson page: either a lesson with its experiments' outputs, or the errors that kept
/// a lesson from building.
public struct LessonPage: Sendable {
    public enum Content: Sendable {
        /// A lesson that parsed; `errors` (a failed run or claim) are shown in a box above it.
        case lesson(Lesson, experiments: [ExperimentOutput], errors: [String])
        /// A lesson that did not parse: only its errors.
        case failed(title: String, errors: [String])
    }

    public var slug: String
    public var content: Content
    /// Names this page's content for `Course.memory`: a builder that gives one must give
    /// another whenever anything the page is made from changes. Nil: made every time.
    public var memoryToken: UInt64?

    public init(slug: String, content: Content) {
        self.slug = slug
        self.content = content
    }

    public var title: String {
        switch content {
        case let .lesson(lesson, _, _): return lesson.title
        case let .failed(title, _): return title
        }
    }

    public var summary: String? {
        if case let .lesson(lesson, _, _) = content { return lesson.summary }
        return nil
    }

    /// Whether the lesson built without an error.
    public var succeeded: Bool {
        switch content {
        case let .lesson(_, _, errors): return errors.isEmpty
        case .failed: return false
        }
    }

    /// The first drawn figure of the lesson, for the index's thumbnail.
    public var firstFigure: FigureOutput? {
        guard case let .lesson(_, experiments, _) = content else { return nil }
        for experiment in experiments {
            for case let .figure(figure) in experiment.items { return figure }
        }
        return nil
    }

    /// The page's file name in `output/`.
    public var fileName: String { slug + ".html" }
}

/// What an experiment produced for its page.
public struct ExperimentOutput: Sendable {
    /// One numbered output of an experiment, in the order its `figures:` list gives.
    public enum Item: Sendable {
        case figure(FigureOutput)
        case table(FigureOutput, TableOutput)

        public var figure: FigureOutput {
            switch self {
            case let .figure(figure), let .table(figure, _): return figure
            }
        }
    }

    public var id: String
    public var title: String?
    /// The experiment's number in its lesson.
    public var number: Int
    /// The experiment block's YAML, shown folded under its figures.
    public var source: String
    public var items: [Item]
    public var downloads: [Download]

    public init(id: String, title: String?, number: Int = 1, source: String = "", items: [Item], downloads: [Download] = []) {
        self.id = id
        self.title = title
        self.number = number
        self.source = source
        self.items = items
        self.downloads = downloads
    }
}

/// A file of results offered for download: a link's text and its path in `output/`.
public struct Download: Sendable, Equatable {
    public var title: String
    public var path: String

    public init(title: String, path: String) {
        self.title = title
        self.path = path
    }
}

/// A table of results: a header row and body rows of text.
public struct TableOutput: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]
    /// Columns whose cells are numbers, aligned to the right.
    public var numericColumns: Set<Int>

    public init(header: [String], rows: [[String]], numericColumns: Set<Int> = []) {
        self.header = header
        self.rows = rows
        self.numericColumns = numericColumns
    }
}

/// A numbered figure: where its images are (none for a table) and how to describe it.
public struct FigureOutput: Sendable {
    public var id: String
    /// The figure's number within its lesson, counting from 1.
    public var number: Int
    public var caption: String
    /// Paths relative to `output/` of the 1× and 2× PNGs.
    public var image: String
    public var image2x: String
    /// Size of the 1× image in pixels.
    public var width: Int
    public var height: Int
    /// A description generated from the data, for screen readers.
    public var alt: String
    /// The other renderings of the figure (the one above is wide and light): dark, and laid
    /// out for a narrow screen in light and dark; nil where the figure has none.
    public var dark: FigureImage?
    public var narrow: FigureImage?
    public var narrowDark: FigureImage?
    /// The smallest text in the figure, in points of its layout (CSS pixels at its own width).
    public var smallestTextSize: Double?
    /// The files of the data the figure draws, linked under its caption.
    public var data: [Download] = []
    /// For a figure the page draws over in the browser (a contour's paths, an `explore`
    /// figure's selected run): its data script and its renderings without those marks. Nil
    /// for a figure that is only an image.
    public var player: FigurePlayer?

    public init(id: String, number: Int, caption: String, image: String, image2x: String, width: Int, height: Int, alt: String) {
        self.id = id
        self.number = number
        self.caption = caption
        self.image = image
        self.image2x = image2x
        self.width = width
        self.height = height
        self.alt = alt
    }
}

/// One rendering of a figure: its files at 1× and 2× (either may be missing) and its size in
/// CSS pixels.
public struct FigureImage: Sendable, Equatable {
    public var image: String?
    public var image2x: String?
    public var width: Int
    public var height: Int

    public init(image: String?, image2x: String?, width: Int, height: Int) {
        self.image = image
        self.image2x = image2x
        self.width = width
        self.height = height
    }

    /// The `srcset` of the files it has: `a.png 1x, a@2x.png 2x`.
    var sourceSet: String {
        [image.map { HTML.attribute(path: $0) + " 1x" }, image2x.map { HTML.attribute(path: $0) + " 2x" }]
            .compactMap { $0 }.joined(separator: ", ")
    }
}

/// What the browser needs to draw a figure's runs itself: the script that sets
/// `window.descentFigures["<figure id>"]` (see `FigureScript` in Build) and the figure drawn without the
/// runs' marks, in the same renderings as the figure, over which the page draws them.
public struct FigurePlayer: Sendable, Equatable {
    /// Path relative to `output/` of the data script.
    public var script: String
    /// The figure without the drawn-over marks: wide and light, then the other renderings
    /// (nil where the figure has none).
    public var background: FigureImage
    public var dark: FigureImage?
    public var narrow: FigureImage?
    public var narrowDark: FigureImage?
    /// Whether the figure has sliders (an `explore` figure), not only playback.
    public var sliders: Bool

    public init(script: String, background: FigureImage, dark: FigureImage? = nil, narrow: FigureImage? = nil, narrowDark: FigureImage? = nil, sliders: Bool) {
        self.script = script
        self.background = background
        self.dark = dark
        self.narrow = narrow
        self.narrowDark = narrowDark
        self.sliders = sliders
    }
}

/// A file of the site: a path relative to `output/` and its bytes.
public struct SiteFile: Sendable, Equatable {
    public var path: String
    public var contents: [UInt8]

    public init(path: String, contents: [UInt8]) {
        self.path = path
        self.contents = contents
    }
}
