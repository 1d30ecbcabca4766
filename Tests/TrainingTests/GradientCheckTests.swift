import Foundation
import Testing
@testable import Training

/// Central finite differences against every analytic gradient.
func checkGradient(_ problem: some TrainingProblem, at parameters: [Double], batch: [Int]? = nil, tolerance: Double = 1e-6) -> [String] {
    let indices = batch ?? Array(0..<problem.sampleCount)
    func lossAndGradient(_ point: [Double]) -> (Double, [Double]) {
        var gradient = [Double](repeating: 0, count: problem.parameterCount)
        var workspace = [Double](repeating: 0, count: max(1, problem.workspaceCount))
        let loss = point.withUnsafeBufferPointer { p in
            indices.withUnsafeBufferPointer { b in
                gradient.withUnsafeMutableBufferPointer { g in
                    workspace.withUnsafeMutableBufferPointer { w in
                        problem.lossAndGradient(p.baseAddress!, batch: b, gradient: g.baseAddress!, workspace: w.baseAddress!)
                    }
                }
            }
        }
        return (loss, gradient)
    }
    let analytic = lossAndGradient(parameters).1
    var failures: [String] = []
    for index in parameters.indices {
        let h = 1e-6 * max(1, abs(parameters[index]))
        var plus = parameters
        var minus = parameters
        plus[index] += h
        minus[index] -= h
        let numeric = (lossAndGradient(plus).0 - lossAndGradient(minus).0) / (2 * h)
        if abs(numeric - analytic[index]) > tolerance * max(1, abs(numeric)) {
            failures.append("\(problem.parameterNames[index]): analytic \(analytic[index]), numeric \(numeric)")
        }
    }
    return failures
}

/// Parameters drawn from a seeded normal, so that the checks see generic points.
func randomParameters(_ count: Int, seed: UInt64, scale: Double = 0.7) -> [Double] {
    var random = SeededGenerator(seed: seed)
    return (0..<count).map { _ in scale * random.normal() }
}

@Suite struct GradientCheckTests {
    static let regression = try! DataSource.linear(samples: 12, features: 3, weights: [1, -2, 0.5], bias: 0.3, noise: 0.2).make(seed: 1)
    static let binary = try! DataSource.moons(samples: 12, noise: 0.1).make(seed: 2)
    static let threeClasses = try! DataSource.blobs(samples: 12, centers: 3, features: 2, spread: 1, box: 3).make(seed: 3)
    static let oneInput = try! DataSource.points(features: [[0.5], [2.5], [-1]], targets: [0.2, 0.9, 0.4], classification: false).make(seed: 0)

    static var cases: [(String, any TrainingProblem)] {
        var cases: [(String, any TrainingProblem)] = []
        for reduction in Reduction.allCases {
            for loss in [Loss.mse, .halfMSE] {
                cases.append(("linear \(loss) \(reduction)", try! SupervisedProblem(model: LinearModel(kind: .linear, inputs: 3), loss: loss, reduction: reduction, training: regression)))
            }
            for loss in [Loss.bce, .mse, .halfMSE] {
                cases.append(("logistic \(loss) \(reduction)", try! SupervisedProblem(model: LinearModel(kind: .logistic, inputs: 2), loss: loss, reduction: reduction, training: binary)))
                cases.append(("sigmoid-neuron \(loss) \(reduction)", try! SupervisedProblem(model: LinearModel(kind: .sigmoidNeuron, inputs: 1), loss: loss, reduction: reduction, training: oneInput)))
            }
            cases.append(("softmax cross-entropy \(reduction)", try! SupervisedProblem(model: LinearModel(kind: .softmax, inputs: 2, classes: 3), loss: .crossEntropy, reduction: reduction, training: threeClasses)))
            for activation in Activation.allCases {
                for loss in [Loss.mse, .halfMSE] {
                    cases.append(("mlp \(activation) regression \(loss) \(reduction)", try! SupervisedProblem(model: MLP(inputs: 3, hidden: [4, 3], outputs: 1, activation: activation, link: .identity), loss: loss, reduction: reduction, training: regression)))
                }
                for loss in [Loss.bce, .mse, .halfMSE] {
                    cases.append(("mlp \(activation) binary \(loss) \(reduction)", try! SupervisedProblem(model: MLP(inputs: 2, hidden: [5], outputs: 1, activation: activation, link: .sigmoid), loss: loss, reduction: reduction, training: binary)))
                }
                cases.append(("mlp \(activation) cross-entropy \(reduction)", try! SupervisedProblem(model: MLP(inputs: 2, hidden: [4, 4], outputs: 3, activation: activation, link: .softmax), loss: .crossEntropy, reduction: reduction, training: threeClasses)))
            }
        }
        return cases
    }

    @Test func everyModelLossAndReductionMatchesFiniteDifferences() {
        let cases = Self.cases
        #expect(cases.count == 2 * (2 + 6 + 1 + 3 * 6))
        for (index, (name, problem)) in cases.enumerated() {
            let parameters = randomParameters(problem.parameterCount, seed: UInt64(index + 1))
            let failures = checkGradient(problem, at: parameters)
            #expect(failures.isEmpty, "\(name): \(failures.joined(separator: "; "))")
            let partial = checkGradient(problem, at: parameters, batch: [3, 7, 1].map { $0 % problem.sampleCount })
            #expect(partial.isEmpty, "\(name) on a mini-batch: \(partial.joined(separator: "; "))")
        }
    }

    @Test(arguments: [
        Surface.Function.quadratic(a: 0.5, b: 3), .rosenbrock(a: 1, b: 100), .beale, .himmelblau, .saddle, .booth, .sixHumpCamel,
    ])
    func surfaceGradientsAndHessiansMatchFiniteDifferences(function: Surface.Function) throws {
        let surface = try Surface(function)
        for point in [(0.3, -0.7), (-1.2, 0.9), (2.1, 0.4)] {
            #expect(checkGradient(surface, at: [point.0, point.1]).isEmpty, "\(function.name) at \(point)")
            let h = 1e-5
            let hessian = surface.hessian(x: point.0, y: point.1)
            let gxPlus = surface.gradient(x: point.0 + h, y: point.1)
            let gxMinus = surface.gradient(x: point.0 - h, y: point.1)
            let gyPlus = surface.gradient(x: point.0, y: point.1 + h)
            let gyMinus = surface.gradient(x: point.0, y: point.1 - h)
            let xx = (gxPlus.x - gxMinus.x) / (2 * h)
            let xy = (gxPlus.y - gxMinus.y) / (2 * h)
            let yy = (gyPlus.y - gyMinus.y) / (2 * h)
            for (analytic, numeric) in [(hessian.xx, xx), (hessian.xy, xy), (hessian.yy, yy)] {
                #expect(abs(analytic - numeric) <= 1e-5 * max(1, abs(numeric)), "\(function.name) Hessian at \(point)")
            }
        }
    }

    @Test func knownMinimaHaveZeroGradient() throws {
        for function in [Surface.Function.rosenbrock(a: 1, b: 100), .beale, .booth, .himmelblau] {
            let surface = try Surface(function)
            for minimum in surface.minima {
                let g = surface.gradient(x: minimum.x, y: minimum.y)
                #expect(abs(g.x) < 1e-4 && abs(g.y) < 1e-4, "\(function.name) at \(minimum)")
            }
        }
        #expect(try Surface(.saddle).minima.isEmpty)
    }

    @Test func extremeLogitsStayFinite() throws {
        let data = try DataSource.points(features: [[1], [1]], targets: [0, 1], classification: true).make(seed: 0)
        let problem = try SupervisedProblem(model: LinearModel(kind: .logistic, inputs: 1), loss: .bce, reduction: .sum, training: data)
        let result = problem.fullLossAndGradient(at: [800, 0])
        // Sample 1 (y = 0) costs 800; sample 2 (y = 1) costs nothing.
        #expect(result.loss == 800)
        #expect(result.gradient == [1, 1])
        let softmaxData = try DataSource.points(features: [[1]], targets: [0], classification: true).make(seed: 0)
        let softmax = try SupervisedProblem(model: LinearModel(kind: .softmax, inputs: 1, classes: 2), loss: .crossEntropy, reduction: .mean, training: softmaxData)
        #expect(softmax.fullLossAndGradient(at: [-1000, 1000, 0, 0]).loss == 2000)
    }
}
