/// Everything the training engine can refuse. Messages are sentences a course author reads:
/// the value, and what would be allowed.
public enum TrainingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A hyper-parameter or option outside its allowed range.
    case invalidValue(name: String, value: String, allowed: String)
    /// A budget that would run longer than Descent allows for one run.
    case budgetTooLarge(name: String, value: Int, limit: Int)
    /// A dataset with no samples.
    case emptyDataset
    /// A CSV cell that is not a number (row counts the header as row 1).
    case csvCellNotANumber(row: Int, column: String, value: String)
    /// A column named in `features` or `target` that the CSV header lacks.
    case csvMissingColumn(name: String, available: [String])
    /// A CSV row with a different number of cells than the header.
    case csvRaggedRow(row: Int, cells: Int, expected: Int)
    /// A loss that does not fit the model's output.
    case lossDoesNotFitModel(loss: String, model: String, allowed: [String])
    /// A parameter name the model does not have.
    case unknownParameter(name: String, allowed: [String])

    public var description: String {
        switch self {
        case let .invalidValue(name, value, allowed):
            return "\(name) is \(value), but it must be \(allowed)."
        case let .budgetTooLarge(name, value, limit):
            return "\(name) is \(value), more than the limit of \(limit) for one run."
        case .emptyDataset:
            return "The dataset has no samples; give it at least one."
        case let .csvCellNotANumber(row, column, value):
            return "Row \(row), column `\(column)` of the CSV is `\(value)`, which is not a number."
        case let .csvMissingColumn(name, available):
            return "The CSV has no column `\(name)`; its columns are \(available.joined(separator: ", "))."
        case let .csvRaggedRow(row, cells, expected):
            return "Row \(row) of the CSV has \(cells) cells, but the header has \(expected)."
        case let .lossDoesNotFitModel(loss, model, allowed):
            return "The loss \(loss) does not fit the \(model) model; use \(allowed.joined(separator: " or "))."
        case let .unknownParameter(name, allowed):
            return "There is no parameter `\(name)`; the parameters are \(allowed.joined(separator: ", "))."
        }
    }
}
