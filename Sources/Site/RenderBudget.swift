import Mustache

/// The work one page's template may do. A course's template can nest a list inside itself
/// (`{{#contents}}{{#contents}}…`), and each level multiplies the items rendered: 300
/// headings nested four deep are 300⁴ renderings. Every list and text value of the render
/// context goes through a budget that counts list items and bytes; once either passes its
/// limit, lists end and texts are empty, so rendering stops within the budget's work.
final class RenderBudget {
    /// List items (over all lists, nested ones each time) that one page may render.
    static let itemLimit = 100_000
    /// Bytes one page may write: inserted values, plus the template's own text once per item.
    static let byteLimit = 100_000_000

    enum Exceeded: Equatable {
        case items(list: String)
        case bytes(list: String?)
    }

    /// Bytes of the template, charged per list item as an upper bound on the literal text
    /// that one rendering of a section writes.
    private let templateSize: Int
    private var items = 0
    private var bytes = 0
    /// The list whose item was rendered last, to point at its section.
    private var currentList: String?
    private(set) var exceeded: Exceeded?

    init(templateSize: Int) {
        self.templateSize = templateSize
        bytes = templateSize
    }

    /// Whether one more item of `list` fits.
    func spendItem(of list: String) -> Bool {
        guard exceeded == nil else { return false }
        currentList = list
        items += 1
        bytes += templateSize
        if items > Self.itemLimit {
            exceeded = .items(list: list)
        } else if bytes > Self.byteLimit {
            exceeded = .bytes(list: list)
        }
        return exceeded == nil
    }

    /// Whether `count` more bytes fit.
    func spendBytes(_ count: Int) -> Bool {
        guard exceeded == nil else { return false }
        bytes += count
        if bytes > Self.byteLimit { exceeded = .bytes(list: currentList) }
        return exceeded == nil
    }

    /// `value` with its lists, objects and texts counted by this budget.
    func counted(_ value: Any, name: String) -> Any {
        switch value {
        case let text as String:
            return spendBytes(text.utf8.count) ? text : ""
        case let object as [String: Any]:
            return CountedObject(values: object, budget: self)
        case let list as [Any]:
            return CountedList(name: name, items: list, budget: self)
        default:
            return value
        }
    }
}

/// An object of the render context whose values are counted by a budget.
struct CountedObject: MustacheParent, MustacheCustomRenderable {
    let values: [String: Any]
    let budget: RenderBudget

    func child(named name: String) -> Any? {
        values[name].map { budget.counted($0, name: name) }
    }

    var renderText: String { "" }
    var isNull: Bool { false }
}

/// A list of the render context whose items are counted by a budget.
struct CountedList: MustacheSequence, MustacheTransformable, MustacheCustomRenderable {
    let name: String
    let items: [Any]
    let budget: RenderBudget

    struct Iterator: IteratorProtocol {
        let list: CountedList
        var position = 0

        mutating func next() -> Any? {
            guard position < list.items.count, list.budget.spendItem(of: list.name) else { return nil }
            defer { position += 1 }
            return list.budget.counted(list.items[position], name: list.name)
        }
    }

    func makeIterator() -> Iterator { Iterator(list: self) }

    func transform(_ transform: String) -> Any? {
        switch transform {
        case "first": return items.first.map { budget.counted($0, name: name) }
        case "last": return items.last.map { budget.counted($0, name: name) }
        case "reversed": return CountedList(name: name, items: items.reversed(), budget: budget)
        case "count": return items.count
        case "empty": return items.isEmpty
        default: return nil
        }
    }

    var renderText: String { "" }
    var isNull: Bool { false }
}
