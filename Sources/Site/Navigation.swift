import Lessons

/// The course sidebar and the search box of every page: every lesson by number and title,
/// the current one marked (`aria-current="page"`), and under it the current lesson's sections.
/// On a narrow screen the sidebar folds behind a button (`assets/navigation.js`).
enum Navigation {
    static let scriptPath = "assets/navigation.js"

    /// The lessons' numbers as the sidebar, the search and the index show them, in course order.
    /// A lesson's number is the one its file name starts with (`05-momentum-nesterov.md` is 5).
    /// In a course where no file name starts with a number, each lesson is numbered by its place
    /// from 1. No number is shown twice: in a course that numbers its files, a lesson whose file
    /// name has no number, or whose number a lesson before it already shows, has none ("").
    static func numbers(of course: Course) -> [String] {
        let prefixes = course.pages.map(prefixNumber)
        guard prefixes.contains(where: { $0 != nil }) else { return course.pages.indices.map { String($0 + 1) } }
        var shown: Set<Int> = []
        return prefixes.map { number in
            guard let number, shown.insert(number).inserted else { return "" }
            return String(number)
        }
    }

    /// The number `page`'s file name starts with, if it starts with one to five digits.
    static func prefixNumber(of page: LessonPage) -> Int? {
        let digits = page.slug.prefix { ("0"..."9").contains($0) }
        return !digits.isEmpty && digits.count < 6 ? Int(digits) : nil
    }

    /// The language a page is written in: its lesson's `lang`, else (a lesson that did not parse) `en`.
    static func language(of page: LessonPage) -> String {
        if case let .lesson(lesson, _, _) = page.content { return lesson.language }
        return "en"
    }

    /// The `courseLessons` of a template: each lesson's `number`, `title`, `href`, whether it is
    /// `current`, its `language`, and for the current one its `sections` (`level`, `id`, `html`).
    static func lessons(of course: Course, current: Int?, sections: [[String: Any]]) -> [[String: Any]] {
        let numbers = numbers(of: course)
        return course.pages.enumerated().map { position, page in
            var item: [String: Any] = ["number": numbers[position], "title": page.title,
                                       "href": HTML.url(page.fileName), "current": position == current,
                                       "language": language(of: page)]
            if position == current, !sections.isEmpty { item["sections"] = sections }
            return item
        }
    }

    /// The Previous and Next links (`href`, `title`) at the bottom of the page at `position`: the
    /// nearest lesson before and after it written in its own language, so that an English reader
    /// is not sent into a translation; where there is none on a side, the course index ("Contents").
    static func pager(course: Course, position: Int, strings: InterfaceStrings) -> (previous: [String: String], next: [String: String]) {
        let language = language(of: course.pages[position])
        let index = ["href": "index.html", "title": strings("page.contents")]
        func link(_ positions: some Sequence<Int>) -> [String: String] {
            guard let found = positions.first(where: { Self.language(of: course.pages[$0]) == language }) else { return index }
            return ["href": HTML.url(course.pages[found].fileName), "title": course.pages[found].title]
        }
        return (link((0..<position).reversed()), link((position + 1)..<course.pages.count))
    }

    /// The sidebar's HTML (`{{{sidebar}}}`) on a page in `language`: a lesson written in
    /// another language has its own `lang`, so that its title is read and drawn as its language.
    static func sidebar(_ lessons: [[String: Any]], language: String = "en", strings: InterfaceStrings = .english) -> String {
        var html = "<nav class=\"sidebar\" id=\"sidebar\" aria-label=\"\(HTML.escape(strings("page.contents")))\">\n" + drawerHead(strings) + "<ol class=\"sidebar-lessons\">\n"
        for lesson in lessons {
            let current = lesson["current"] as? Bool == true
            let number = HTML.escape(lesson["number"] as? String ?? "")
            let title = HTML.escape(lesson["title"] as? String ?? "")
            let href = HTML.escape(lesson["href"] as? String ?? "")
            let lessonLanguage = lesson["language"] as? String ?? language
            let lang = lessonLanguage == language ? "" : " lang=\"\(HTML.escape(lessonLanguage))\""
            html += current ? "<li class=\"current\">" : "<li>"
            html += "<a href=\"\(href)\"\(lang)\(current ? " aria-current=\"page\"" : "")><span class=\"number\">\(number)</span> <span class=\"title\">\(title)</span></a>"
            if let sections = lesson["sections"] as? [[String: Any]] {
                html += "\n<ul class=\"sidebar-sections\" aria-label=\"\(HTML.escape(strings("page.onThisPage")))\">\n" + sections.map { section in
                    "<li class=\"level-\(section["level"] as? Int ?? 2)\"><a href=\"#\(HTML.escape(section["id"] as? String ?? ""))\">\(section["html"] as? String ?? "")</a></li>\n"
                }.joined() + "</ul>\n"
            }
            html += "</li>\n"
        }
        return html + "</ol>\n</nav>\n"
    }

    /// The top of the sidebar when it is a drawer on a narrow screen: a link to the course index
    /// and a button that closes the drawer (beside the text, both are hidden).
    static func drawerHead(_ strings: InterfaceStrings) -> String {
        """
        <div class="sidebar-head"><a class="sidebar-index" href="index.html">\(HTML.escape(strings("page.contents")))</a>\
        <button class="sidebar-close" type="button" aria-label="\(HTML.escape(strings("page.closeLessons")))" aria-controls="sidebar">\
        <span aria-hidden="true">✕</span></button></div>

        """
    }

    /// The button that opens the sidebar on a narrow screen (`{{{sidebarButton}}}`).
    static func sidebarButton(_ strings: InterfaceStrings) -> String {
        """
        <button class="sidebar-toggle" type="button" aria-expanded="false" aria-controls="sidebar">\
        <span class="sidebar-toggle-icon" aria-hidden="true"></span>\(HTML.escape(strings("page.lessons")))</button>
        """
    }

    /// The search box and its list of results (`{{{search}}}`); the script fills the list.
    /// Its words are the page's language's: "No results" reaches the script as `data-no-results`.
    static func search(_ strings: InterfaceStrings) -> String {
        let text = { (key: String) in HTML.escape(strings(key)) }
        return """
            <div class="search" role="search" data-no-results="\(text("page.noResults"))">\
            <input type="search" id="search" class="search-input" placeholder="\(text("page.search"))" title="\(text("page.searchHint"))" \
            aria-label="\(text("page.searchLabel"))" autocomplete="off" spellcheck="false" role="combobox" aria-expanded="false" \
            aria-autocomplete="list" aria-controls="search-results" />\
            <ul id="search-results" class="search-results" role="listbox" aria-label="\(text("page.search"))" hidden="hidden"></ul>\
            </div>
            """
    }

    /// The scripts of the sidebar and search (`{{{navigationScripts}}}`).
    static let scripts = """
        <script defer="defer" src="\(SearchIndex.path)"></script>
        <script defer="defer" src="\(scriptPath)"></script>
        """

    /// The template values every page has: `sidebar`, `sidebarButton`, `search`,
    /// `navigationScripts` (HTML) and `courseLessons` (data, for a template of one's own).
    /// Their words come from `strings`, the page's language's.
    static func values(course: Course, current: Int?, sections: [[String: Any]], strings: InterfaceStrings = .english) -> [String: Any] {
        let lessons = lessons(of: course, current: current, sections: sections)
        let pageLanguage = current.map { Self.language(of: course.pages[$0]) } ?? course.language
        return ["courseLessons": lessons, "sidebar": sidebar(lessons, language: pageLanguage, strings: strings), "sidebarButton": sidebarButton(strings),
                "search": search(strings), "navigationScripts": scripts]
    }
}
