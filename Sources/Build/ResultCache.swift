import Crypto
import Charts
import Foundation
import Lessons
import Training

/// Keys that say when a stored result still holds.
///
/// An experiment's training key is the SHA-256 of its normalised spec: the parsed values with
/// defaults filled, as JSON with sorted keys, so that YAML key order, comments, prose and
/// captions change nothing; a CSV dataset enters by the SHA-256 of its bytes, not its path.
/// The training engine's version is part of the key, so a change of the numbers it computes
/// retrains everything. The cache key also holds Descent's version and toolchain
/// (`BuildIdentity`), so a cache written by another Descent is not reused; the spec's key
/// published in the results (`spec_sha256`) leaves them out, so that the committed results are
/// the same bytes whichever compiler built the Descent that wrote them.
enum CacheKey {
    /// The part of an experiment that decides its training logs.
    struct Training: Encodable {
        /// Nil for the published spec key (and then left out of the JSON, so that key is what
        /// it was before these parts existed).
        var descent: String?
        var toolchain: String?
        var engine: String
        var model: ModelSpec
        var data: DataSpec?
        var csvSHA256: String?
        var loss: Loss?
        var reduction: Reduction
        var initialization: Initialization
        var budget: Budget
        var tolerance: Double?
        var seed: UInt64
        var runs: [RunSpec]
    }

    /// What a contour's loss grid depends on beyond the training.
    struct Grid: Encodable {
        var training: String
        /// `LossGrid.version`: how the grid is computed.
        var grid = LossGrid.version
        var parameters: [String]
        var range: [String: ClosedRange<Double>]
        var resolution: Int
    }

    /// The key of the experiment's cached training; `identity: nil` gives the spec's key, as
    /// the results file publishes it.
    static func training(_ spec: ExperimentSpec, identity: BuildIdentity? = .current, engine: String = Trainer.engineVersion) -> String {
        CacheKey.sha256(Array(trainingParts(spec, identity: identity, engine: engine).utf8))
    }

    /// The JSON text whose SHA-256 is the experiment's training key (kept with the cache entry,
    /// so that `--explain` can name the part that changed).
    static func trainingParts(_ spec: ExperimentSpec, identity: BuildIdentity? = .current, engine: String = Trainer.engineVersion) -> String {
        var data = spec.data
        var csvHash: String?
        if case let .csv(path, file, features, target)? = data?.source {
            // The bytes decide, not where the file is on this machine.
            csvHash = RegularFile.contents(atPath: file).map { sha256(Array($0)) } ?? "missing"
            data?.source = .csv(path: path, file: "", features: features, target: target)
        }
        return encoded(Training(
            descent: identity?.version, toolchain: identity?.toolchain, engine: engine, model: spec.model, data: data, csvSHA256: csvHash, loss: spec.loss,
            reduction: spec.reduction, initialization: spec.initialization, budget: spec.budget,
            tolerance: spec.tolerance, seed: spec.seed, runs: spec.runs.map { run in
                // A run's colour is drawn, not trained: recolouring retrains nothing.
                var trained = run
                trained.color = nil
                return trained
            }))
    }

    /// What a gradient-variance figure's measurements depend on beyond the training.
    struct Variance: Encodable {
        var training: String
        var at: FigureSpec.VariancePoint
        var sizes: [Int]?
        var trials: Int
    }

    /// The key of a figure's analysis (a contour's grid, a gradient-variance measurement).
    static func analysis(training: String, figure: FigureSpec) -> String? {
        switch figure.kind {
        case let .contour(parameters, range, resolution):
            return hash(Grid(training: training, parameters: parameters, range: range, resolution: resolution))
        case let .gradientVariance(at, sizes, trials):
            return hash(Variance(training: training, at: at, sizes: sizes, trials: trials))
        default:
            return nil
        }
    }

    static func hash(_ value: some Encodable) -> String {
        sha256(Array(encodedData(value)))
    }

    /// The SHA-256 of `value` encoded as `hash` does, with each mark's data (a grid's values,
    /// a line's, scatter's or path's points) written as the SHA-256 of their bit patterns
    /// (little-endian, a point's x then y) rather than as numbers.
    static func hashWithDataDigests(_ value: some Encodable) -> String {
        var userInfo: [CodingUserInfoKey: any Sendable] = [:]
        if let key = Charts.DataDigest.key {
            let digest: Charts.DataDigest.Function = { values in
                values.map { $0.bitPattern.littleEndian }.withUnsafeBytes { sha256(Array($0)) }
            }
            userInfo[key] = digest
        }
        return sha256(Array(encodedData(value, userInfo: userInfo)))
    }

    /// The value as JSON text with sorted keys: what its key is the SHA-256 of.
    static func encoded(_ value: some Encodable) -> String {
        String(decoding: encodedData(value), as: UTF8.self)
    }

    private static func encodedData(_ value: some Encodable, userInfo: [CodingUserInfoKey: any Sendable] = [:]) -> Data {
        let encoder = JSONEncoder()
        encoder.userInfo = userInfo
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        // Every value here is plain data that JSON holds; a failure would be a bug, caught by
        // the key then being empty and the result recomputed.
        return (try? encoder.encode(value)) ?? Data()
    }

    static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}

/// Training logs, loss grids and drawn figures kept between builds in `.descent-cache/`, so
/// that a prose or caption edit retrains nothing and a figure whose chart is unchanged is not
/// drawn again. Every entry is a file named by its key; a damaged entry is recomputed.
struct ResultCache: Sendable {
    let directory: URL?

    /// A cache that stores nothing (for `--fresh` and `check`).
    static let none = ResultCache(directory: nil)

    /// The running executable's size and modification time. Cached figures are named with it:
    /// the cache is local to one machine, and a rebuilt Descent may draw differently.
    static let executableIdentity: String = {
        // /proc/self/exe is a link whose own time is the process's start: follow it.
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = attributes[.size] as? NSNumber, let date = attributes[.modificationDate] as? Date
        else { return "unknown" }
        return "\(size)-\(date.timeIntervalSince1970)"
    }()

    struct Runs: Codable {
        var logs: [TrainingLog]
        var minima: [[Double]]
        var sampleCount: Int
    }

    func runs(_ key: String) -> Runs? { bytes("runs/\(key).pack").flatMap(Runs.init(packed:)) }
    func store(_ runs: Runs, key: String) { runs.packed.map { writeData(Data($0), to: "runs/\(key).pack") } }
    func grid(_ key: String) -> LossGrid? { bytes("grids/\(key).pack").flatMap(LossGrid.init(packed:)) }
    func store(_ grid: LossGrid, key: String) { grid.packed.map { writeData(Data($0), to: "grids/\(key).pack") } }
    func variances(_ key: String) -> [GradientVariance]? { read("variances/\(key).json") }
    func store(_ variances: [GradientVariance], key: String) { write(variances, to: "variances/\(key).json") }

    /// A drawn figure's placements for its data script, by layout, kept under its drawing key.
    func placements(_ key: String) -> [String: FigureScript.Placement]? { read("placements/\(key).json") }
    func store(placements: [String: FigureScript.Placement], key: String) { write(placements, to: "placements/\(key).json") }

    /// A drawn figure's size in points, by layout, kept under its drawing key: a figure reused
    /// whole needs only these of its charts.
    func sizes(_ key: String) -> [String: Size]? { read("sizes/\(key).json") }
    func store(sizes: [String: Size], key: String) { write(sizes, to: "sizes/\(key).json") }

    /// The key an experiment (`lesson#experiment`) or a figure (`lesson#experiment/figure`)
    /// was last cached under, with its parts; named by a hash, as ids may hold any character.
    func record(_ name: String) -> CacheRecord? { read("records/\(CacheKey.sha256(Array(name.utf8))).json") }
    func store(_ record: CacheRecord, name: String) { write(record, to: "records/\(CacheKey.sha256(Array(name.utf8))).json") }

    func png(_ key: String) -> [UInt8]? { bytes("figures/\(key).png") }

    private func bytes(_ path: String) -> [UInt8]? {
        guard let directory else { return nil }
        return RegularFile.contents(atPath: directory.appendingPathComponent(path).path).map(Array.init)
    }

    func store(png: [UInt8], key: String) {
        writeData(Data(png), to: "figures/\(key).png")
    }

    /// The JSON of cache entries (and of packed entries' heads): infinities and NaN as strings.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) -> T? {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try? decoder.decode(type, from: data)
    }

    static func encode(_ value: some Encodable) -> Data? {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try? encoder.encode(value)
    }

    private func read<T: Decodable>(_ path: String) -> T? {
        guard let directory, let data = RegularFile.contents(atPath: directory.appendingPathComponent(path).path) else { return nil }
        return Self.decode(T.self, from: data)
    }

    private func write(_ value: some Encodable, to path: String) {
        guard let data = Self.encode(value) else { return }
        writeData(data, to: path)
    }

    /// A cache that cannot be written is only slower, never wrong: failures are ignored.
    private func writeData(_ data: Data, to path: String) {
        guard let directory else { return }
        let url = directory.appendingPathComponent(path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? data.write(to: url, options: .atomic)
    }
}
