/// A drawing back end that replays a `Scene`, in device coordinates (points, y down). It
/// measures text for the layout pass and draws what the scene holds; it never sees data.
///
/// `CairoRenderer` draws pixels or SVG; `RecordingRenderer` records what would be drawn so
/// that layout can be tested without comparing images.
public protocol Renderer: TextMeasuring {
    /// Device pixels per point, so that rasterised marks match the output's resolution.
    var scale: Double { get }
    func fill(_ rect: Rect, color: Color)
    /// Strokes a polyline.
    func stroke(_ points: [Point], color: Color, width: Double, dash: [Double])
    /// Fills a closed polygon.
    func fill(polygon points: [Point], color: Color)
    /// Draws `text` with the top-left corner of its (unrotated) box at `origin`; when
    /// `vertical`, the text reads bottom to top and its rotated box's top-left is `origin`.
    func draw(_ text: ChartText, style: TextStyle, at origin: Point, vertical: Bool)
    /// Draws pixels into `rect`, one image pixel per device pixel.
    func draw(_ image: RasterImage, in rect: Rect)
    /// Restricts drawing to `rect` until `resetClip()`.
    func clip(to rect: Rect)
    func resetClip()
}

/// Premultiplied 32-bit ARGB pixels, row by row from the top.
public struct RasterImage: Hashable, Sendable {
    public var width: Int
    public var height: Int
    public var pixels: [UInt32]

    public init(width: Int, height: Int, pixels: [UInt32]) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }
}
