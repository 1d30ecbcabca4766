import Foundation

/// The last few results of one costly, pure computation, shared by the threads of a process.
///
/// A figure is drawn in several renderings (two themes, whole and as a page's background, at
/// two scales in two layouts), and much of a contour's work is the same in each: its iso-lines
/// (in data coordinates) in all of them, its band raster in every rendering of the same pixel
/// size. `value(for:compute:)` computes a key's value once; a thread that asks for a key while
/// another computes it waits for that value instead of computing it again. The computations are
/// pure, so a remembered value is exactly what computing it again would give, and the drawing
/// is the same bits whichever thread computes first. Keys are compared with `==` (an array
/// shared between renderings compares by its storage first, so finding one is cheap).
final class ComputationMemo<Key: Equatable & Sendable, Value: Sendable>: @unchecked Sendable {
    private enum State {
        case computing
        case done(Value)
    }

    private let capacity: Int
    private let condition = NSCondition()
    /// Most recently used last; each with a number of its own, by which the thread computing
    /// it finds it again (a key need not equal itself: a grid with NaN in a copied array).
    private var entries: [(id: UInt64, key: Key, state: State)] = []
    private var ids: UInt64 = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    func value(for key: Key, compute: () -> Value) -> Value {
        condition.lock()
        while let index = entries.firstIndex(where: { $0.key == key }) {
            if case let .done(value) = entries[index].state {
                entries.append(entries.remove(at: index))
                condition.unlock()
                return value
            }
            condition.wait()
        }
        ids += 1
        let id = ids
        entries.append((id, key, .computing))
        condition.unlock()
        let value = compute()
        condition.lock()
        entries.removeAll { $0.id == id }
        entries.append((id, key, .done(value)))
        // The oldest finished entries go; one being computed stays until it is done, and does
        // not count, so that a value just computed is there for the threads waiting for it.
        func finished(_ entry: (id: UInt64, key: Key, state: State)) -> Bool { if case .done = entry.state { true } else { false } }
        while entries.count(where: finished) > capacity, let oldest = entries.firstIndex(where: finished) {
            entries.remove(at: oldest)
        }
        condition.broadcast()
        condition.unlock()
        return value
    }
}
