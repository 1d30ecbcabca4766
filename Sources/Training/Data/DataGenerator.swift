import Foundation
import Numerics

/// The seeded synthetic datasets and the two ways to give data by hand.
public enum DataSource: Hashable, Codable, Sendable {
    /// Regression: x ~ N(0, 1)^d, y = w·x + b + ε with ε ~ N(0, noise²).
    case linear(samples: Int, features: Int, weights: [Double], bias: Double, noise: Double)
    /// Classification: `centers` Gaussian clusters of standard deviation `spread`, their
    /// centres drawn uniformly in [−box, box]^features; sample i belongs to class i mod centers.
    case blobs(samples: Int, centers: Int, features: Int, spread: Double, box: Double)
    /// Two interleaving half circles (classes 0 and 1) with Gaussian noise.
    case moons(samples: Int, noise: Double)
    /// Two concentric circles, the inner one `factor` times the outer radius.
    case circles(samples: Int, noise: Double, factor: Double)
    /// `arms` interleaved spiral arms, one class each.
    case spirals(samples: Int, arms: Int, noise: Double)
    /// Points uniform in [−1, 1]²; class 1 where the signs of x1 and x2 differ.
    case xor(samples: Int, noise: Double)
    /// Samples given inline: a feature row per sample and its target.
    case points(features: [[Double]], targets: [Double], classification: Bool)

    public static let maximumSamples = 1_000_000

    /// The dataset, drawn from the generator seeded with `seed`.
    public func make(seed: UInt64) throws -> Dataset {
        var random = SeededGenerator(seed: seed, stream: Streams.dataGeneration)
        switch self {
        case let .linear(samples, features, weights, bias, noise):
            try Self.check(samples: samples)
            try Self.check(features: features)
            try Self.check(noise: noise)
            guard weights.count == features else {
                throw TrainingError.invalidValue(name: "weights", value: "\(weights.count) numbers", allowed: "one number per feature (\(features))")
            }
            var x = [Double](repeating: 0, count: samples * features)
            var y = [Double](repeating: 0, count: samples)
            for row in 0..<samples {
                var value = bias
                for column in 0..<features {
                    let feature = random.normal()
                    x[row * features + column] = feature
                    value += weights[column] * feature
                }
                y[row] = value + noise * random.normal()
            }
            return try Dataset(features: x, targets: y, featureCount: features, classCount: nil)

        case let .blobs(samples, centers, features, spread, box):
            try Self.check(samples: samples)
            try Self.check(features: features)
            guard (2...32).contains(centers) else {
                throw TrainingError.invalidValue(name: "centers", value: "\(centers)", allowed: "a whole number from 2 to 32")
            }
            guard spread > 0, spread.isFinite else {
                throw TrainingError.invalidValue(name: "spread", value: "\(spread)", allowed: "a number greater than 0")
            }
            guard box > 0, box.isFinite else {
                throw TrainingError.invalidValue(name: "box", value: "\(box)", allowed: "a number greater than 0")
            }
            let centres = (0..<centers * features).map { _ in random.uniform(-box, box) }
            var x = [Double](repeating: 0, count: samples * features)
            var y = [Double](repeating: 0, count: samples)
            for row in 0..<samples {
                let label = row % centers
                for column in 0..<features {
                    x[row * features + column] = centres[label * features + column] + spread * random.normal()
                }
                y[row] = Double(label)
            }
            return try Dataset(features: x, targets: y, featureCount: features, classCount: centers)

        case let .moons(samples, noise):
            try Self.check(samples: samples, atLeast: 2)
            try Self.check(noise: noise)
            let outer = samples / 2 + samples % 2
            let inner = samples / 2
            var points: [(Double, Double, Double)] = []
            for index in 0..<outer {
                let t = Double.pi * Double(index) / Double(max(1, outer - 1))
                points.append((Elementary.cos(t), Elementary.sin(t), 0))
            }
            for index in 0..<inner {
                let t = Double.pi * Double(index) / Double(max(1, inner - 1))
                points.append((1 - Elementary.cos(t), 0.5 - Elementary.sin(t), 1))
            }
            return try Self.shuffled(points, noise: noise, random: &random)

        case let .circles(samples, noise, factor):
            try Self.check(samples: samples, atLeast: 2)
            try Self.check(noise: noise)
            guard factor > 0, factor < 1 else {
                throw TrainingError.invalidValue(name: "factor", value: "\(factor)", allowed: "a number between 0 and 1 (exclusive)")
            }
            let outer = samples / 2 + samples % 2
            let inner = samples / 2
            var points: [(Double, Double, Double)] = []
            for index in 0..<outer {
                let t = 2 * Double.pi * Double(index) / Double(outer)
                points.append((Elementary.cos(t), Elementary.sin(t), 0))
            }
            for index in 0..<inner {
                let t = 2 * Double.pi * Double(index) / Double(inner)
                points.append((factor * Elementary.cos(t), factor * Elementary.sin(t), 1))
            }
            return try Self.shuffled(points, noise: noise, random: &random)

        case let .spirals(samples, arms, noise):
            try Self.check(samples: samples, atLeast: arms)
            try Self.check(noise: noise)
            guard (2...8).contains(arms) else {
                throw TrainingError.invalidValue(name: "arms", value: "\(arms)", allowed: "a whole number from 2 to 8")
            }
            var points: [(Double, Double, Double)] = []
            for index in 0..<samples {
                let arm = index % arms
                let position = Double(index / arms) / Double(max(1, (samples - 1) / arms))
                let radius = 0.05 + 0.95 * position
                let angle = 2 * Double.pi * Double(arm) / Double(arms) + 1.75 * Double.pi * position
                points.append((radius * Elementary.cos(angle), radius * Elementary.sin(angle), Double(arm)))
            }
            return try Self.shuffled(points, noise: noise, random: &random, classes: arms)

        case let .xor(samples, noise):
            try Self.check(samples: samples)
            try Self.check(noise: noise)
            var points: [(Double, Double, Double)] = []
            for _ in 0..<samples {
                let a = random.uniform(-1, 1)
                let b = random.uniform(-1, 1)
                points.append((a, b, (a > 0) != (b > 0) ? 1 : 0))
            }
            return try Self.shuffled(points, noise: noise, random: &random)

        case let .points(features, targets, classification):
            guard !targets.isEmpty else { throw TrainingError.emptyDataset }
            guard features.count == targets.count else {
                throw TrainingError.invalidValue(name: "x", value: "\(features.count) samples", allowed: "as many samples as y has values (\(targets.count))")
            }
            let width = features.first?.count ?? 0
            if let ragged = features.firstIndex(where: { $0.count != width }) {
                throw TrainingError.invalidValue(name: "x", value: "\(features[ragged].count) numbers in sample \(ragged + 1)", allowed: "\(width) numbers, like the first sample")
            }
            let classes = classification ? try Dataset.classCount(ofLabels: targets) : nil
            return try Dataset(features: features.flatMap { $0 }, targets: targets, featureCount: width, classCount: classes)
        }
    }

    private static func check(samples: Int, atLeast minimum: Int = 1) throws {
        guard (minimum...maximumSamples).contains(samples) else {
            throw TrainingError.invalidValue(name: "n", value: "\(samples)", allowed: "a whole number from \(minimum) to \(maximumSamples)")
        }
    }

    private static func check(features: Int) throws {
        guard (1...1000).contains(features) else {
            throw TrainingError.invalidValue(name: "features", value: "\(features)", allowed: "a whole number from 1 to 1000")
        }
    }

    private static func check(noise: Double) throws {
        guard noise >= 0, noise.isFinite else {
            throw TrainingError.invalidValue(name: "noise", value: "\(noise)", allowed: "a number ≥ 0")
        }
    }

    /// Two-feature points with Gaussian noise added, in a seeded random order.
    private static func shuffled(
        _ points: [(Double, Double, Double)], noise: Double, random: inout SeededGenerator, classes: Int = 2
    ) throws -> Dataset {
        var order = Array(points.indices)
        var noisy = points
        for index in noisy.indices {
            noisy[index].0 += noise * random.normal()
            noisy[index].1 += noise * random.normal()
        }
        random.shuffle(&order)
        return try Dataset(
            features: order.flatMap { [noisy[$0].0, noisy[$0].1] }, targets: order.map { noisy[$0].2 },
            featureCount: 2, classCount: classes)
    }
}
