import Foundation

/// What rendering a lesson's own part of the site costs, kept between the renders of a
/// long-lived process (`descent preview`): its page content (prose, experiments, contents)
/// and its search sections. A page carries a `memoryToken` that its builder changes whenever
/// anything the page is made from changes; a page with a known token is not made again. The
/// shell around the content (navigation, pager, template) is rendered every time, since it
/// joins every lesson.
public final class SiteMemory: @unchecked Sendable {
    struct Page {
        /// The template values the lesson's content gives (`content`, `contents`, `hasCode`, …).
        var values: [String: Any]
        var hasCode: Bool { values["hasCode"] as? Bool ?? false }
    }

    private let lock = NSLock()
    private var pages: [UInt64: Page] = [:]
    private var sections: [String: [SearchIndex.Section]] = [:]

    public init() {}

    func page(_ token: UInt64?, make: () -> Page) -> Page {
        guard let token else { return make() }
        if let page = lock.withLock({ pages[token] }) { return page }
        let page = make()
        lock.withLock { pages[token] = page }
        return page
    }

    /// A lesson's search sections, which also depend on its position in the course.
    func sections(_ token: UInt64?, position: Int, make: () -> [SearchIndex.Section]) -> [SearchIndex.Section] {
        guard let token else { return make() }
        let key = "\(token)/\(position)"
        if let found = lock.withLock({ sections[key] }) { return found }
        let made = make()
        lock.withLock { sections[key] = made }
        return made
    }

    /// Forgets every page whose token is not among `tokens`.
    func keep(only tokens: Set<UInt64>) {
        lock.withLock {
            pages = pages.filter { tokens.contains($0.key) }
            sections = sections.filter { key, _ in key.split(separator: "/").first.flatMap { UInt64($0) }.map(tokens.contains) ?? false }
        }
    }
}
