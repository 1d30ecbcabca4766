import Foundation
import Lessons
import Testing
import TestSupport
@testable import Training
@testable import Build

@Suite struct CachePackingTests {
    /// Logs with every trace array filled: an MLP with Adam keeps learning rates, layer norms
    /// and per-parameter rates.
    static func trainedRuns() throws -> ResultCache.Runs {
        let lesson = try LessonParser.parse("""
            ---
            title: T
            ---
            ```experiment
            id: mlp
            model: {kind: mlp, hidden: [3]}
            data: {kind: moons, n: 40, noise: 0.2}
            epochs: 3

            runs: [{label: Adam, optimizer: adam, lr: 0.05, batch: 8}, {label: GD, lr: 0.5}]
            ```
            """, file: "l.md", slug: "l")
        let (result, _) = try ExperimentRunner.run(try #require(lesson.experiments.first), cache: .none, stored: nil)
        return ResultCache.Runs(logs: result.logs, minima: result.minima, sampleCount: result.sampleCount)
    }

    @Test func packedRunsReadBackEqual() throws {
        let runs = try Self.trainedRuns()
        let trace = try #require(runs.logs.first?.trace)
        #expect(!trace.steps.isEmpty && !trace.parameterLearningRates.isEmpty && !trace.layerGradientNorms.isEmpty)
        #expect(trace.layerCount == 2)
        let bytes = try #require(runs.packed)
        let back = try #require(ResultCache.Runs(packed: bytes))
        #expect(back.logs == runs.logs)
        #expect(back.minima == runs.minima)
        #expect(back.sampleCount == runs.sampleCount)
    }

    @Test func everyTraceArrayIsPacked() {
        // A field added to the trace must be added to the packing too, or it would come back
        // empty from the cache: the packed arrays and `layerCount` (in the head) are all of them.
        let packed = Set(TrainingLog.Trace.packedArrays.map { "\($0)" } + TrainingLog.Trace.packedIndices.map { "\($0)" })
        let fields = Mirror(reflecting: TrainingLog.Trace()).children.compactMap(\.label)
        #expect(fields.count == packed.count + 1)
        for field in fields where field != "layerCount" {
            #expect(packed.contains { $0.hasSuffix(".\(field)") }, "trace field \(field) is not packed")
        }
    }

    @Test func bitPatternsSurviveWhereJSONWouldNot() throws {
        let payload = Double(bitPattern: 0x7FF8_0000_0000_1234)
        var grid = LossGrid(xValues: [-0.0, 1e-308], yValues: [.infinity, -.infinity], values: [payload, .nan, 5e-324, -1.7976931348623157e308])
        let back = try #require(grid.packed.flatMap(LossGrid.init(packed:)))
        #expect(back.xValues.map(\.bitPattern) == grid.xValues.map(\.bitPattern))
        #expect(back.yValues == grid.yValues)
        #expect(back.values.map(\.bitPattern) == grid.values.map(\.bitPattern))
        grid.values.removeLast()
        #expect(grid.packed.flatMap(LossGrid.init(packed:)) == nil, "a grid whose values do not fill it is refused")
    }

    @Test func aDamagedFileIsAMiss() throws {
        let bytes = try #require(try Self.trainedRuns().packed)
        #expect(ResultCache.Runs(packed: Array(bytes.dropLast(3))) == nil)
        #expect(ResultCache.Runs(packed: bytes + [0]) == nil)
        #expect(ResultCache.Runs(packed: Array(bytes.prefix(20))) == nil)
        #expect(ResultCache.Runs(packed: Array("{\"logs\":[]}".utf8)) == nil)
        var huge = bytes
        // An array count far beyond the file's end is refused, not allocated.
        let headLength = Int(UInt64(littleEndian: huge.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: CachePacking.magic.count, as: UInt64.self) }))
        let firstCount = CachePacking.magic.count + 8 + headLength
        huge.replaceSubrange(firstCount..<firstCount + 8, with: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F])
        #expect(ResultCache.Runs(packed: huge) == nil)
    }

    @Test func aCachedBuildReadsThePackedLogs() throws {
        let folder = try TemporaryFolder()
        let runs = try Self.trainedRuns()
        let cache = ResultCache(directory: folder.url)
        cache.store(runs, key: "k")
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("runs/k.pack").path))
        #expect(cache.runs("k")?.logs == runs.logs)
    }
}
