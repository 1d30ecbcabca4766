import Lessons
import Training

/// The training results of one experiment: a log per run, in the order of the spec's runs.
public struct ExperimentResult: Sendable {
    public var spec: ExperimentSpec
    public var logs: [TrainingLog]
}

/// Trains every run of an experiment.
enum ExperimentRunner {
    static func run(_ spec: ExperimentSpec) throws(BuildProblem) -> ExperimentResult {
        var logs: [TrainingLog] = []
        for run in spec.runs {
            do {
                logs.append(try train(run, of: spec))
            } catch let error as TrainingError {
                throw .training(error, experiment: spec.id, run: run.label, at: spec.location)
            } catch {
                throw .training(.invalidValue(name: "run", value: "\(error)", allowed: "valid"), experiment: spec.id, run: run.label, at: spec.location)
            }
        }
        return ExperimentResult(spec: spec, logs: logs)
    }

    private static func train(_ run: RunSpec, of spec: ExperimentSpec) throws -> TrainingLog {
        switch spec.model {
        case let .surface(function):
            let surface = try Surface(function)
            let initial = surface.parameterNames.map { spec.initialValues[$0] ?? 0 }
            // On a surface there is no data: one step is one epoch.
            let budget: TrainingConfiguration.Budget
            switch spec.budget {
            case let .epochs(count): budget = .epochs(count)
            case let .steps(count): budget = .steps(count)
            }
            let configuration = try TrainingConfiguration(budget: budget, seed: spec.seed)
            let optimizer: Optimizer
            switch run.optimizer {
            case let .gd(learningRate):
                optimizer = try Optimizer(.gd(GradientDescent()), learningRate: learningRate)
            }
            return try Trainer.train(surface, from: initial, optimizer: optimizer, configuration: configuration)
        }
    }
}
