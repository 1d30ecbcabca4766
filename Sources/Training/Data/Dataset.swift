/// Samples for supervised training: a feature matrix stored row by row and one target per
/// sample. For classification the target is the class index (0, 1, …) as a Double.
public struct Dataset: Hashable, Codable, Sendable {
    public private(set) var features: [Double]
    public private(set) var targets: [Double]
    public let featureCount: Int
    /// The number of classes for classification data; nil for regression.
    public let classCount: Int?
    /// Names of the features, such as `x1`, `x2` or a CSV's column names.
    public let featureNames: [String]

    public init(features: [Double], targets: [Double], featureCount: Int, classCount: Int?, featureNames: [String]? = nil) throws {
        guard featureCount >= 1 else {
            throw TrainingError.invalidValue(name: "features", value: "\(featureCount)", allowed: "at least 1 per sample")
        }
        guard !targets.isEmpty else { throw TrainingError.emptyDataset }
        guard features.count == targets.count * featureCount else {
            throw TrainingError.invalidValue(
                name: "features", value: "\(features.count) values for \(targets.count) samples",
                allowed: "\(featureCount) values per sample")
        }
        if let bad = features.firstIndex(where: { !$0.isFinite }) {
            throw TrainingError.invalidValue(name: "feature \(bad % featureCount + 1) of sample \(bad / featureCount + 1)", value: "\(features[bad])", allowed: "a finite number")
        }
        if let bad = targets.firstIndex(where: { !$0.isFinite }) {
            throw TrainingError.invalidValue(name: "target of sample \(bad + 1)", value: "\(targets[bad])", allowed: "a finite number")
        }
        if let classCount {
            guard classCount >= 2 else {
                throw TrainingError.invalidValue(name: "classes", value: "\(classCount)", allowed: "at least 2")
            }
            if let bad = targets.firstIndex(where: { $0 < 0 || $0 >= Double(classCount) || $0 != $0.rounded() }) {
                throw TrainingError.invalidValue(
                    name: "target of sample \(bad + 1)", value: "\(targets[bad])",
                    allowed: "a class index from 0 to \(classCount - 1)")
            }
        }
        self.features = features
        self.targets = targets
        self.featureCount = featureCount
        self.classCount = classCount
        self.featureNames = featureNames ?? (featureCount == 1 ? ["x"] : (1...featureCount).map { "x\($0)" })
    }

    public var sampleCount: Int { targets.count }

    /// The most classes classification data may have.
    public static let maximumClasses = 1000

    /// The number of classes that labels 0, 1, … name (at least 2); the largest label is
    /// checked before it becomes an Int, so NaN or 1e300 is an error, not a trap.
    public static func classCount(ofLabels labels: [Double]) throws -> Int {
        let largest = labels.max() ?? 0
        guard largest >= 0, largest < Double(maximumClasses) else {
            throw TrainingError.invalidValue(name: "target", value: "\(largest)", allowed: "a class index from 0 to \(maximumClasses - 1)")
        }
        return max(2, Int(largest) + 1)
    }

    /// The features of sample `index`.
    public func sample(_ index: Int) -> ArraySlice<Double> {
        features[index * featureCount..<(index + 1) * featureCount]
    }

    /// The samples at `indices`, in that order.
    func subset(_ indices: [Int]) throws -> Dataset {
        var features: [Double] = []
        features.reserveCapacity(indices.count * featureCount)
        for index in indices {
            features.append(contentsOf: sample(index))
        }
        return try Dataset(
            features: features, targets: indices.map { targets[$0] }, featureCount: featureCount,
            classCount: classCount, featureNames: featureNames)
    }

    /// Splits off a seeded random `fraction` of the samples for validation.
    public func split(validationFraction fraction: Double, seed: UInt64) throws -> (training: Dataset, validation: Dataset) {
        guard fraction > 0, fraction < 1 else {
            throw TrainingError.invalidValue(name: "validation", value: "\(fraction)", allowed: "a fraction between 0 and 1 (exclusive)")
        }
        let validationCount = Int((Double(sampleCount) * fraction).rounded())
        guard validationCount >= 1, validationCount < sampleCount else {
            throw TrainingError.invalidValue(
                name: "validation", value: "\(fraction) of \(sampleCount) samples",
                allowed: "a fraction that leaves at least one sample on each side")
        }
        var order = Array(0..<sampleCount)
        var generator = SeededGenerator(seed: seed, stream: Streams.validationSplit)
        generator.shuffle(&order)
        return (try subset(Array(order[validationCount...])), try subset(Array(order[..<validationCount])))
    }

    /// The per-feature mean and standard deviation (population), for standardisation.
    public func featureStatistics() -> (mean: [Double], deviation: [Double]) {
        var mean = [Double](repeating: 0, count: featureCount)
        var squares = [Double](repeating: 0, count: featureCount)
        for row in 0..<sampleCount {
            for column in 0..<featureCount {
                mean[column] += features[row * featureCount + column]
            }
        }
        for column in 0..<featureCount { mean[column] /= Double(sampleCount) }
        for row in 0..<sampleCount {
            for column in 0..<featureCount {
                let centred = features[row * featureCount + column] - mean[column]
                squares[column] += centred * centred
            }
        }
        let deviation = squares.map { ($0 / Double(sampleCount)).squareRoot() }
        return (mean, deviation)
    }

    /// The dataset with every feature shifted by `mean` and divided by `deviation`
    /// (features with zero deviation are only shifted).
    public func standardized(mean: [Double], deviation: [Double]) -> Dataset {
        var copy = self
        for row in 0..<sampleCount {
            for column in 0..<featureCount {
                let scale = deviation[column] > 0 ? deviation[column] : 1
                copy.features[row * featureCount + column] = (features[row * featureCount + column] - mean[column]) / scale
            }
        }
        return copy
    }
}

/// Stream numbers that keep the uses of one seed independent of each other.
public enum Streams {
    public static let dataGeneration: UInt64 = 1
    public static let validationSplit: UInt64 = 2
    public static let shuffling: UInt64 = 3
    public static let initialization: UInt64 = 4
    public static let gradientNoise: UInt64 = 5
    public static let varianceSampling: UInt64 = 6
}
