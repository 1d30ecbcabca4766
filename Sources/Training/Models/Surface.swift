/// An analytic loss surface over two parameters `x` and `y`, with no data.
///
/// Surfaces make the geometry of an optimizer visible: a contour plot of the function with
/// the optimizer's path on it. On a surface one step is one epoch.
public struct Surface: Hashable, Codable, Sendable {
    public enum Function: Hashable, Codable, Sendable {
        /// a·x² + b·y²
        case quadratic(a: Double, b: Double)
        /// (a − x)² + b·(y − x²)², a curved valley with its minimum at (a, a²).
        case rosenbrock(a: Double, b: Double)
        /// (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)², minimum at (3, 0.5).
        case beale
        /// (x² + y − 11)² + (x + y² − 7)², four minima of value 0.
        case himmelblau
        /// x² − y², a saddle at the origin with no minimum.
        case saddle
        /// (x + 2y − 7)² + (2x + y − 5)², minimum at (1, 3).
        case booth
        /// (4 − 2.1x² + x⁴/3)·x² + xy + (4y² − 4)·y², two global minima and four local ones.
        case sixHumpCamel

        public var name: String {
            switch self {
            case .quadratic: return "quadratic"
            case .rosenbrock: return "rosenbrock"
            case .beale: return "beale"
            case .himmelblau: return "himmelblau"
            case .saddle: return "saddle"
            case .booth: return "booth"
            case .sixHumpCamel: return "six-hump-camel"
            }
        }
    }

    public var function: Function
    /// Standard deviation of seeded Gaussian noise added to each gradient component, to
    /// imitate the noise of stochastic gradients.
    public var gradientNoise: Double

    public init(_ function: Function, gradientNoise: Double = 0) throws {
        guard gradientNoise >= 0, gradientNoise.isFinite else {
            throw TrainingError.invalidValue(name: "gradient_noise", value: "\(gradientNoise)", allowed: "a number ≥ 0")
        }
        self.function = function
        self.gradientNoise = gradientNoise
    }

    /// Every surface has the same two parameters.
    public static let parameterNames = ["x", "y"]

    public var parameterNames: [String] { Surface.parameterNames }

    /// The global minima where they are known (six-hump camel's to the published precision).
    public var minima: [(x: Double, y: Double)] {
        switch function {
        case let .quadratic(a, b): return a > 0 && b > 0 ? [(0, 0)] : []
        case let .rosenbrock(a, _): return [(a, a * a)]
        case .beale: return [(3, 0.5)]
        case .himmelblau:
            return [(3, 2), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)]
        case .saddle: return []
        case .booth: return [(1, 3)]
        case .sixHumpCamel: return [(0.0898, -0.7126), (-0.0898, 0.7126)]
        }
    }

    public func value(x: Double, y: Double) -> Double {
        switch function {
        case let .quadratic(a, b):
            return a * x * x + b * y * y
        case let .rosenbrock(a, b):
            let u = a - x
            let v = y - x * x
            return u * u + b * v * v
        case .beale:
            let t1 = 1.5 - x + x * y
            let t2 = 2.25 - x + x * y * y
            let t3 = 2.625 - x + x * y * y * y
            return t1 * t1 + t2 * t2 + t3 * t3
        case .himmelblau:
            let u = x * x + y - 11
            let v = x + y * y - 7
            return u * u + v * v
        case .saddle:
            return x * x - y * y
        case .booth:
            let u = x + 2 * y - 7
            let v = 2 * x + y - 5
            return u * u + v * v
        case .sixHumpCamel:
            let x2 = x * x
            let y2 = y * y
            return (4 - 2.1 * x2 + x2 * x2 / 3) * x2 + x * y + (4 * y2 - 4) * y2
        }
    }

    public func gradient(x: Double, y: Double) -> (x: Double, y: Double) {
        switch function {
        case let .quadratic(a, b):
            return (2 * a * x, 2 * b * y)
        case let .rosenbrock(a, b):
            let v = y - x * x
            return (-2 * (a - x) - 4 * b * x * v, 2 * b * v)
        case .beale:
            let y2 = y * y
            let y3 = y2 * y
            let t1 = 1.5 - x + x * y
            let t2 = 2.25 - x + x * y2
            let t3 = 2.625 - x + x * y3
            return (
                2 * t1 * (y - 1) + 2 * t2 * (y2 - 1) + 2 * t3 * (y3 - 1),
                2 * t1 * x + 4 * t2 * x * y + 6 * t3 * x * y2)
        case .himmelblau:
            let u = x * x + y - 11
            let v = x + y * y - 7
            return (4 * x * u + 2 * v, 2 * u + 4 * y * v)
        case .saddle:
            return (2 * x, -2 * y)
        case .booth:
            let u = x + 2 * y - 7
            let v = 2 * x + y - 5
            return (2 * u + 4 * v, 4 * u + 2 * v)
        case .sixHumpCamel:
            let x2 = x * x
            return (8 * x - 8.4 * x2 * x + 2 * x2 * x2 * x + y, x - 8 * y + 16 * y * y * y)
        }
    }

    /// The Hessian [[fxx, fxy], [fxy, fyy]] at (x, y), for classifying critical points.
    public func hessian(x: Double, y: Double) -> (xx: Double, xy: Double, yy: Double) {
        switch function {
        case let .quadratic(a, b):
            return (2 * a, 0, 2 * b)
        case let .rosenbrock(_, b):
            return (2 - 4 * b * (y - x * x) + 8 * b * x * x, -4 * b * x, 2 * b)
        case .beale:
            let y2 = y * y
            let y3 = y2 * y
            let t1 = 1.5 - x + x * y
            let t2 = 2.25 - x + x * y2
            let t3 = 2.625 - x + x * y3
            let xx = 2 * ((y - 1) * (y - 1) + (y2 - 1) * (y2 - 1) + (y3 - 1) * (y3 - 1))
            let xy = 2 * (x * (y - 1) + t1) + 2 * (2 * x * y * (y2 - 1) + 2 * y * t2) + 2 * (3 * x * y2 * (y3 - 1) + 3 * y2 * t3)
            let yy = 2 * x * x + 2 * (4 * x * x * y2 + 2 * x * t2) + 2 * (9 * x * x * y2 * y2 + 6 * x * y * t3)
            return (xx, xy, yy)
        case .himmelblau:
            return (12 * x * x + 4 * y - 42, 4 * x + 4 * y, 4 * x + 12 * y * y - 26)
        case .saddle:
            return (2, 0, -2)
        case .booth:
            return (10, 8, 10)
        case .sixHumpCamel:
            let x2 = x * x
            return (8 - 25.2 * x2 + 10 * x2 * x2, 1, -8 + 48 * y * y)
        }
    }
}
