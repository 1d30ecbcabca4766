import Foundation
import Training

/// The cache's files for training logs and loss grids: a small JSON head for the structure,
/// then the long numeric arrays (traces, final parameters, grid values) as raw little-endian
/// 8-byte values. Reading one is a copy, where JSON would parse every number's text; a
/// no-change build reads every experiment's logs, so this is most of what it costs.
///
/// Layout: the magic `DESCENT-PACK-1\n`, the head's byte count (UInt64), the head (JSON), then
/// each array as its element count (UInt64) and its elements. Doubles keep their bit
/// patterns, NaN payloads included. Anything that does not read back whole is a cache miss.
enum CachePacking {
    static let magic = Array("DESCENT-PACK-1\n".utf8)

    /// Appends values to a packed file.
    struct Writer {
        var bytes: [UInt8] = []

        mutating func append(_ value: UInt64) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }

        mutating func append(_ values: [Double]) {
            append(UInt64(values.count))
            bytes.reserveCapacity(bytes.count + values.count * 8)
            for value in values { append(value.bitPattern) }
        }

        mutating func append(_ values: [Int]) {
            append(UInt64(values.count))
            for value in values { append(UInt64(bitPattern: Int64(value))) }
        }
    }

    /// Reads the values a `Writer` appended, in the same order; nil past the end.
    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func word() -> UInt64? {
            guard bytes.count - offset >= 8 else { return nil }
            let value = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
            offset += 8
            return value
        }

        /// The element count of the next array, if that many elements follow.
        mutating func count() -> Int? {
            guard let word = word(), word <= UInt64((bytes.count - offset) / 8) else { return nil }
            return Int(word)
        }

        /// The next array's elements, each its 8 bytes read as a UInt64.
        mutating func words() -> [UInt64]? {
            guard let count = count() else { return nil }
            let start = offset
            offset += count * 8
            return bytes.withUnsafeBytes { raw in
                (0..<count).map { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: start + $0 * 8, as: UInt64.self)) }
            }
        }

        mutating func doubles() -> [Double]? { words()?.map(Double.init(bitPattern:)) }
        mutating func integers() -> [Int]? { words()?.map { Int(Int64(bitPattern: $0)) } }
    }

    /// A packed file: the head as JSON, then the arrays `body` appends.
    static func pack(head: some Encodable, body: (inout Writer) -> Void) -> [UInt8]? {
        guard let json = ResultCache.encode(head) else { return nil }
        var writer = Writer(bytes: magic)
        writer.append(UInt64(json.count))
        writer.bytes += json
        body(&writer)
        return writer.bytes
    }

    /// The head of a packed file and a reader at its arrays; nil when it is not one.
    static func unpack<Head: Decodable>(_ bytes: [UInt8], head: Head.Type) -> (Head, Reader)? {
        guard bytes.starts(with: magic) else { return nil }
        var reader = Reader(bytes: bytes, offset: magic.count)
        guard let length = reader.word(), length <= UInt64(bytes.count - reader.offset) else { return nil }
        let json = Data(bytes[reader.offset..<reader.offset + Int(length)])
        reader.offset += Int(length)
        guard let head = ResultCache.decode(Head.self, from: json) else { return nil }
        return (head, reader)
    }
}

extension TrainingLog.Trace {
    /// The trace's arrays in the order they are packed (`layerCount` stays in the head).
    static var packedArrays: [WritableKeyPath<Self, [Double]>] { [
        \.epochs, \.losses, \.gradientNorms, \.parameters, \.learningRates, \.learningRateLows,
        \.learningRateHighs, \.parameterLearningRates, \.layerGradientNorms,
    ] }
    static var packedIndices: [WritableKeyPath<Self, [Int]>] { [\.steps, \.parameterIndices] }
}

extension ResultCache.Runs {
    /// The runs packed: the logs' traces and final parameters as arrays, the rest as JSON.
    var packed: [UInt8]? {
        var head = self
        for index in head.logs.indices {
            for path in TrainingLog.Trace.packedIndices { head.logs[index].trace[keyPath: path] = [] }
            for path in TrainingLog.Trace.packedArrays { head.logs[index].trace[keyPath: path] = [] }
            head.logs[index].finalParameters = []
        }
        return CachePacking.pack(head: head) { writer in
            for log in logs {
                for path in TrainingLog.Trace.packedIndices { writer.append(log.trace[keyPath: path]) }
                for path in TrainingLog.Trace.packedArrays { writer.append(log.trace[keyPath: path]) }
                writer.append(log.finalParameters)
            }
        }
    }

    init?(packed bytes: [UInt8]) {
        guard var (runs, reader) = CachePacking.unpack(bytes, head: Self.self) else { return nil }
        for index in runs.logs.indices {
            for path in TrainingLog.Trace.packedIndices {
                guard let values = reader.integers() else { return nil }
                runs.logs[index].trace[keyPath: path] = values
            }
            for path in TrainingLog.Trace.packedArrays {
                guard let values = reader.doubles() else { return nil }
                runs.logs[index].trace[keyPath: path] = values
            }
            guard let final = reader.doubles() else { return nil }
            runs.logs[index].finalParameters = final
        }
        guard reader.offset == bytes.count else { return nil }
        self = runs
    }
}

extension LossGrid {
    /// The grid packed: its three arrays, after a head that is the grid without them.
    var packed: [UInt8]? {
        var head = self
        head.xValues = []
        head.yValues = []
        head.values = []
        return CachePacking.pack(head: head) { writer in
            writer.append(xValues)
            writer.append(yValues)
            writer.append(values)
        }
    }

    init?(packed bytes: [UInt8]) {
        guard var (grid, reader) = CachePacking.unpack(bytes, head: Self.self),
              let xs = reader.doubles(), let ys = reader.doubles(), let values = reader.doubles(),
              values.count == xs.count * ys.count, reader.offset == bytes.count
        else { return nil }
        grid.xValues = xs
        grid.yValues = ys
        grid.values = values
        self = grid
    }
}
