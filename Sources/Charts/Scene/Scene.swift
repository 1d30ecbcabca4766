/// A figure laid out: a device-space display list in points (y down), made by one layout pass
/// (`FigureDrawing.scene`) and replayed by every renderer (Cairo PNG and SVG, recording).
///
/// Every number in a scene is finite, every path lies inside its clip rectangle (widened by
/// its stroke), and every count is capped (`Caps`), whatever the data was: the layout pass is
/// the only place where data-derived numbers become device coordinates.
public struct Scene: Hashable, Sendable {
    public enum Item: Hashable, Sendable {
        case fill(Rect, Color)
        case stroke([Point], Color, width: Double, dash: [Double])
        case polygon([Point], Color)
        /// Text with the top-left corner of its (unrotated) box at `origin`; a vertical text
        /// reads bottom to top.
        case text(ChartText, TextStyle, origin: Point, vertical: Bool)
        case image(RasterImage, Rect)
        /// Restricts the items that follow to a rectangle; nil lifts the restriction.
        case clip(Rect?)
    }

    public var size: Size
    public var items: [Item]
    /// Each panel's data-to-point transform, as its marks were drawn.
    public var panels: [PanelTransform]

    public init(size: Size, items: [Item], panels: [PanelTransform] = []) {
        self.size = size
        self.items = items
        self.panels = panels
    }

    /// Draws every item, in order, through `renderer`.
    public func replay(on renderer: Renderer) {
        for item in items {
            switch item {
            case let .fill(rect, color): renderer.fill(rect, color: color)
            case let .stroke(points, color, width, dash): renderer.stroke(points, color: color, width: width, dash: dash)
            case let .polygon(points, color): renderer.fill(polygon: points, color: color)
            case let .text(text, style, origin, vertical): renderer.draw(text, style: style, at: origin, vertical: vertical)
            case let .image(image, rect): renderer.draw(image, in: rect)
            case let .clip(rect?): renderer.clip(to: rect)
            case .clip(nil): renderer.resetClip()
            }
        }
    }
}
