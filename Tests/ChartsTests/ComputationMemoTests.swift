import Foundation
import Testing
@testable import Charts

/// The contour work a figure's renderings share: computed once per key, whichever thread asks
/// first, and the same values as computing them again.
@Suite struct ComputationMemoTests {
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }

    @Test func threadsAskingForOneKeyComputeItOnce() {
        let memo = ComputationMemo<Int, [Int]>(capacity: 4), computed = Counter()
        let results = LockedResults()
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            results.set(index, memo.value(for: 7) {
                computed.add()
                // Long enough that the other threads ask while this one computes.
                return (0..<200_000).map { $0 % 7 }
            })
        }
        let values = (0..<8).map(results.get)
        #expect(computed.value == 1)
        #expect(Set(values).count == 1)
    }

    @Test func theOldestEntryGoesWhenTheMemoIsFull() {
        let memo = ComputationMemo<Int, Int>(capacity: 2), computed = Counter()
        func ask(_ key: Int) -> Int { memo.value(for: key) { computed.add(); return key * 10 } }
        let answers: [Int] = [ask(1), ask(2), ask(1), ask(3)]
        #expect(answers == [10, 20, 10, 30])
        #expect(computed.value == 3)
        // 2 was used least recently, so it went when 3 came; 1 stayed.
        #expect(ask(1) == 10)
        #expect(computed.value == 3)
        #expect(ask(2) == 20)
        #expect(computed.value == 4)
    }

    @Test func rememberedContourWorkIsWhatComputingItGives() {
        let grid = bowl(61), levels = [0.5, 1, 2, 4]
        #expect(Contours.rememberedIsolines(grid, levels: levels) == levels.map { Contours.isolines(grid, level: $0) })
        // Asked again, with a grid equal but not the same storage, it is the same.
        let copy = Grid(xValues: grid.xValues.map { $0 }, yValues: grid.yValues.map { $0 }, values: grid.values.map { $0 })
        #expect(Contours.rememberedIsolines(copy, levels: levels) == levels.map { Contours.isolines(grid, level: $0) })
        // Another grid is another key.
        var other = grid
        other.values[0] += 1
        #expect(Contours.rememberedIsolines(other, levels: [8]) == [Contours.isolines(other, level: 8)])
    }

    final class LockedResults: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [Int: [Int]] = [:]
        func set(_ index: Int, _ value: [Int]) { lock.withLock { results[index] = value } }
        func get(_ index: Int) -> [Int] { lock.withLock { results[index] ?? [] } }
    }
}
