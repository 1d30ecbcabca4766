import Charts
import Lessons
import Site
import Training

/// Something that went wrong in a build, with where it happened.
public enum BuildProblem: Error, Sendable, CustomStringConvertible {
    /// The lesson (or course settings) did not parse or validate.
    case lesson(Diagnostic)
    /// Training refused a run of an experiment.
    case training(TrainingError, experiment: String, run: String?, at: SourceLocation)
    /// A claim of the experiment's `expect:` list does not hold.
    case claim(Diagnostic)
    /// A figure could not be drawn.
    case drawing(ChartsError, figure: String, at: SourceLocation)
    /// The site could not be made (a course template does not parse).
    case site(SiteError)
    /// A file or folder could not be read or written, or may not be used; the message is
    /// placed at its start, as a lesson-level problem is.
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case let .lesson(diagnostic):
            return diagnostic.description
        case let .training(error, experiment, run, location):
            return "\(location): error: experiment `\(experiment)`\(run.map { ", run `\($0)`" } ?? ""): \(error)"
        case let .claim(diagnostic):
            return diagnostic.description
        case let .drawing(error, figure, location):
            return "\(location): error: figure `\(figure)`: \(error)"
        case let .site(error):
            return error.description
        case let .io(path, reason):
            return "\(path):1:1: error: \(reason)"
        }
    }
}
