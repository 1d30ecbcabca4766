import Foundation
import Testing
@testable import Training

@Suite struct DataTests {
    @Test func generatorsAreSeededAndShaped() throws {
        let sources: [(DataSource, Int, Int?)] = [
            (.linear(samples: 30, features: 2, weights: [1, 2], bias: 0, noise: 0.1), 2, nil),
            (.blobs(samples: 30, centers: 3, features: 2, spread: 1, box: 5), 2, 3),
            (.moons(samples: 31, noise: 0.1), 2, 2),
            (.circles(samples: 30, noise: 0.05, factor: 0.5), 2, 2),
            (.spirals(samples: 30, arms: 3, noise: 0.05), 2, 3),
            (.xor(samples: 30, noise: 0), 2, 2),
        ]
        for (source, features, classes) in sources {
            let a = try source.make(seed: 9)
            #expect(a == (try source.make(seed: 9)))
            #expect(a != (try source.make(seed: 10)))
            #expect(a.featureCount == features)
            #expect(a.classCount == classes)
            if let classes {
                #expect(Set(a.targets) == Set((0..<classes).map(Double.init)))
            }
        }
        #expect(try DataSource.moons(samples: 31, noise: 0).make(seed: 1).sampleCount == 31)
    }

    @Test func xorLabelsFollowTheSigns() throws {
        let data = try DataSource.xor(samples: 50, noise: 0).make(seed: 3)
        for index in 0..<data.sampleCount {
            let x = data.sample(index)
            #expect(data.targets[index] == ((x[x.startIndex] > 0) != (x[x.startIndex + 1] > 0) ? 1 : 0))
        }
    }

    @Test func theGeneratorIsXoshiro256StarStar() {
        // Reference values of xoshiro256** seeded through SplitMix64 with seed 0.
        var generator = SeededGenerator(seed: 0)
        #expect(generator.next() == 0x99EC_5F36_CB75_F2B4)
        #expect(generator.next() == 0xBF6E_1F78_4956_452A)
    }

    @Test func standardisationCentresAndScales() throws {
        let data = try DataSource.points(features: [[1, 10], [3, 10], [5, 10]], targets: [0, 1, 2], classification: false).make(seed: 0)
        let statistics = data.featureStatistics()
        #expect(statistics.mean == [3, 10])
        #expect(statistics.deviation[1] == 0)
        let standardized = data.standardized(mean: statistics.mean, deviation: statistics.deviation)
        #expect(standardized.features == [-(1.5).squareRoot(), 0, 0, 0, (1.5).squareRoot(), 0])
    }

    @Test func csvIsReadByColumnName() throws {
        let text = "height,\"weight, kg\",label\n1.5,60,0\n1.8, 80 ,1\n\n"
        let data = try CSVData.dataset(from: text, features: ["weight, kg", "height"], target: "label", classification: true)
        #expect(data.features == [60, 1.5, 80, 1.8])
        #expect(data.targets == [0, 1])
        #expect(data.classCount == 2)
        #expect(data.featureNames == ["weight, kg", "height"])
    }

    @Test func badCSVGivesTheRowAndColumn() {
        #expect(throws: TrainingError.csvCellNotANumber(row: 3, column: "b", value: "n/a")) {
            try CSVData.dataset(from: "a,b,y\n1,2,0\n3,n/a,1\n", features: ["a", "b"], target: "y", classification: false)
        }
        #expect(throws: TrainingError.csvMissingColumn(name: "c", available: ["a", "b", "y"])) {
            try CSVData.dataset(from: "a,b,y\n1,2,0\n", features: ["a", "c"], target: "y", classification: false)
        }
        #expect(throws: TrainingError.csvRaggedRow(row: 2, cells: 2, expected: 3)) {
            try CSVData.dataset(from: "a,b,y\n1,2\n", features: ["a"], target: "y", classification: false)
        }
        #expect(throws: TrainingError.emptyDataset) {
            try CSVData.dataset(from: "a,y\n", features: ["a"], target: "y", classification: false)
        }
        #expect(TrainingError.csvCellNotANumber(row: 3, column: "b", value: "n/a").description == "Row 3, column `b` of the CSV is `n/a`, which is not a number.")
    }

    @Test func invalidDatasetsAreTypedErrors() {
        #expect(throws: TrainingError.emptyDataset) {
            try DataSource.points(features: [], targets: [], classification: false).make(seed: 0)
        }
        #expect(throws: TrainingError.invalidValue(name: "n", value: "0", allowed: "a whole number from 2 to 1000000")) {
            try DataSource.moons(samples: 0, noise: 0.1).make(seed: 0)
        }
        #expect(throws: TrainingError.invalidValue(name: "noise", value: "-1.0", allowed: "a number ≥ 0")) {
            try DataSource.xor(samples: 10, noise: -1).make(seed: 0)
        }
    }

    @Test func lossesThatDoNotFitTheModelAreRefused() throws {
        let data = try DataSource.linear(samples: 5, features: 1, weights: [1], bias: 0, noise: 0).make(seed: 0)
        #expect(throws: TrainingError.lossDoesNotFitModel(loss: "bce", model: "linear", allowed: ["mse", "half-mse"])) {
            try SupervisedProblem(model: LinearModel(kind: .linear, inputs: 1), loss: .bce, reduction: .mean, training: data)
        }
    }
}

@Suite struct AnalysisTests {
    @Test func theLossGridOfAQuadraticIsItsFormula() throws {
        let surface = try Surface(.quadratic(a: 1, b: 2))
        let grid = try LossGrid.evaluate(surface, base: [0, 0], xIndex: 0, yIndex: 1, xRange: -1...1, yRange: -2...2, columns: 3, rows: 5)
        #expect(grid.xValues == [-1, 0, 1])
        #expect(grid.yValues == [-2, -1, 0, 1, 2])
        #expect(grid.values[0] == 1 + 8)
        #expect(grid.values[2 * 3 + 1] == 0)
        #expect(throws: TrainingError.invalidValue(name: "grid size", value: "1×5", allowed: "at least 2×2 and at most 1000000 cells")) {
            try LossGrid.evaluate(surface, base: [0, 0], xIndex: 0, yIndex: 1, xRange: -1...1, yRange: -1...1, columns: 1, rows: 5)
        }
    }

    @Test func aLossGridOverTheWholeDoubleRangeHasFiniteCoordinates() throws {
        let surface = try Surface(.quadratic(a: 1, b: 2))
        let grid = try LossGrid.evaluate(surface, base: [0, 0], xIndex: 0, yIndex: 1, xRange: -1e308...1e308, yRange: -1e308...1e308, columns: 3, rows: 3)
        #expect(grid.xValues == [-1e308, 0, 1e308])
        #expect(grid.yValues == [-1e308, 0, 1e308])
        #expect(grid.values[4] == 0)
    }

    @Test func miniBatchVarianceFallsAsOneOverBWithTheFinitePopulationCorrection() throws {
        let data = try DataSource.linear(samples: 64, features: 2, weights: [1, -1], bias: 0.5, noise: 0.5).make(seed: 8)
        let problem = try SupervisedProblem(model: LinearModel(kind: .linear, inputs: 2), loss: .halfMSE, reduction: .mean, training: data)
        let variances = try GradientVariance.measure(problem, at: [0, 0, 0], batchSizes: [1, 4, 16, 64], trials: 4000, seed: 1)
        #expect(variances.map(\.batchSize) == [1, 4, 16, 64])
        let single = variances[0].expected
        // (σ²/B)·(N − B)/(N − 1)
        #expect(abs(variances[1].expected - single / 4 * 60 / 63) < 1e-12 * single)
        #expect(variances[3].expected == 0)
        #expect(variances[3].measured < 1e-20)
        for variance in variances.prefix(3) {
            #expect(abs(variance.measured - variance.expected) < 0.1 * variance.expected, "B = \(variance.batchSize)")
        }
    }
}
