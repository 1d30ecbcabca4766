extension FigureSpec {
    /// What an author may set on any image figure: its size, a title drawn above it, and the
    /// text of its axis labels in place of the generated ones. Nil keeps the kind's own.
    public struct Options: Hashable, Codable, Sendable {
        public var size: Size?
        public var title: String?
        public var xLabel: String?
        public var yLabel: String?

        public init(size: Size? = nil, title: String? = nil, xLabel: String? = nil, yLabel: String? = nil) {
            self.size = size
            self.title = title
            self.xLabel = xLabel
            self.yLabel = yLabel
        }
    }

    /// A figure's size in CSS pixels (the 1× PNG's pixels; the 2× PNG has twice as many).
    public enum Size: Hashable, Codable, Sendable {
        /// The text column's full width (46rem, 736 px), shorter than the default.
        case wide
        case square
        /// For a figure beside a short paragraph, or one of several in a row of thought.
        case small
        case pixels(width: Int, height: Int)

        public static let names = ["wide", "square", "small"]

        /// The sizes `[width, height]` may take: below them ticks and labels no longer fit,
        /// above them a PNG grows past what a page should load. A grid of four panels needs more.
        public static func bounds(panelGrid: Bool) -> (width: ClosedRange<Int>, height: ClosedRange<Int>) {
            panelGrid ? (480...1600, 360...1200) : (280...1600, 200...1200)
        }
    }
}
