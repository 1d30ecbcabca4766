/// An analytic loss surface over two parameters `x` and `y`, with no data.
///
/// Surfaces make the geometry of an optimizer visible: a contour plot of the function with
/// the optimizer's path drawn on it. On a surface, one step is one epoch.
public struct Surface: Objective, Hashable, Codable {
    public enum Function: Hashable, Codable, Sendable {
        /// f(x, y) = a·x² + b·y²; its minimum is 0 at the origin.
        case quadratic(a: Double, b: Double)
    }

    public var function: Function

    public init(_ function: Function) {
        self.function = function
    }

    public var parameterNames: [String] { ["x", "y"] }

    /// The point where the function is smallest, where it is known.
    public var minimum: (x: Double, y: Double)? {
        switch function {
        case .quadratic: return (0, 0)
        }
    }

    public func value(x: Double, y: Double) -> Double {
        switch function {
        case let .quadratic(a, b): return a * x * x + b * y * y
        }
    }

    public func gradient(x: Double, y: Double) -> (x: Double, y: Double) {
        switch function {
        case let .quadratic(a, b): return (2 * a * x, 2 * b * y)
        }
    }

    public func lossAndGradient(
        at parameters: UnsafeBufferPointer<Double>,
        gradient: UnsafeMutableBufferPointer<Double>
    ) -> Double {
        let (x, y) = (parameters[0], parameters[1])
        let g = self.gradient(x: x, y: y)
        gradient[0] = g.x
        gradient[1] = g.y
        return value(x: x, y: y)
    }

    public func loss(at parameters: UnsafeBufferPointer<Double>) -> Double {
        value(x: parameters[0], y: parameters[1])
    }
}
