import Foundation

/// `transform` applied to every element with at most `jobs` running at once; results come back
/// in the order of `elements`, whatever order they finish in.
func parallelMap<Element: Sendable, Output: Sendable>(_ elements: [Element], jobs: Int, _ transform: @escaping @Sendable (Element) -> Output) -> [Output] {
    guard jobs > 1, elements.count > 1 else { return elements.map(transform) }
    let slots = Slots<Output>(count: elements.count)
    DispatchQueue.concurrentPerform(iterations: min(jobs, elements.count)) { _ in
        while let index = slots.claim() {
            slots.fill(index, with: transform(elements[index]))
        }
    }
    return slots.values
}

/// Results by index, and the next index to work on, behind one lock.
private final class Slots<Output: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Output?]
    private var next = 0

    init(count: Int) {
        results = [Output?](repeating: nil, count: count)
    }

    func claim() -> Int? {
        lock.withLock {
            guard next < results.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func fill(_ index: Int, with value: Output) {
        lock.withLock { results[index] = value }
    }

    var values: [Output] {
        lock.withLock { results.map { $0! } }
    }
}
