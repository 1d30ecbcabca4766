/// What can go wrong while drawing a chart.
public enum ChartsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Cairo reported a failure; `status` is Cairo's own description.
    case cairo(operation: String, status: String)
    /// libpng could not encode the canvas; `reason` is libpng's message.
    case png(reason: String)
    /// The figure is too small or too large to draw.
    case invalidSize(width: Double, height: Double, scale: Double)

    public var description: String {
        switch self {
        case let .cairo(operation, status):
            return "Cairo failed to \(operation): \(status)."
        case let .png(reason):
            return "libpng failed to encode the figure: \(reason)."
        case let .invalidSize(width, height, scale):
            return "A figure of \(width)×\(height) points at scale \(scale) cannot be drawn; "
                + "width and height must be between 16 and 4000 points and the scale between 0.5 and 4."
        }
    }
}
