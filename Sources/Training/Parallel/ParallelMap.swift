import Foundation

/// `transform` applied to every element with at most `jobs` running at once; results come back
/// in the order of `elements`, whatever order they finish in. The build runs experiments and
/// draws figures with it; loss grids and gradient-variance trials split their work with it.
package func parallelMap<Element: Sendable, Output: Sendable>(_ elements: [Element], jobs: Int, _ transform: @escaping @Sendable (Element) -> Output) -> [Output] {
    guard jobs > 1, elements.count > 1 else { return elements.map(transform) }
    let slots = Slots<Output>(count: elements.count)
    @Sendable func work() {
        while let index = slots.claim() {
            slots.fill(index, with: transform(elements[index]))
        }
    }
    // Threads of its own, not `concurrentPerform`: Dispatch runs a `concurrentPerform` inside
    // another one's worker on that worker alone, so a loss grid evaluated by an experiment the
    // build runs in parallel would get one core.
    let helpers = min(jobs, elements.count) - 1
    let finished = DispatchSemaphore(value: 0)
    for _ in 0..<helpers {
        let thread = Thread {
            work()
            finished.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }
    work()
    for _ in 0..<helpers { finished.wait() }
    return slots.values
}

/// `0..<count` cut into about `jobs × 4` consecutive ranges (at least `minimum` long), so that
/// workers that finish early take more and a shared machine's slow core holds up little.
package func chunks(of count: Int, jobs: Int, minimum: Int = 1) -> [Range<Int>] {
    guard count > 0 else { return [] }
    let pieces = max(1, min(count / max(1, minimum), max(1, jobs) * 4))
    return (0..<pieces).map { piece in (count * piece / pieces)..<(count * (piece + 1) / pieces) }
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
