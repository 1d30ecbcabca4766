/// Collects the items of a `Scene` as the layout pass lays a figure out, and is the door
/// every device number passes through: paths are split at non-finite points, clipped to the
/// current clip rectangle (the canvas when there is none) and decimated to what the pixels
/// can show; rectangles, texts and images that are not finite or fall outside are dropped.
final class SceneBuilder {
    let size: Size
    /// Device pixels per point, so that rasterised marks and decimation match the output.
    let scale: Double
    /// The colours the scene is drawn in; every colour passes through it.
    let theme: ChartTheme
    private let measurer: TextMeasuring
    private var items: [Scene.Item] = []
    private var clipRect: Rect?

    init(size: Size, scale: Double, theme: ChartTheme = .light, measuring measurer: TextMeasuring) {
        self.size = size
        self.theme = theme
        self.scale = scale.isFinite && scale > 0 ? scale : 1
        self.measurer = measurer
    }

    /// Each panel's data-to-point transform, in drawing order, as its marks were laid out.
    var panels: [PanelTransform] = []

    var scene: Scene { Scene(size: size, items: items, panels: panels) }

    private var canvas: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height) }

    /// Where drawing shows: the clip rectangle, or the canvas.
    private var visible: Rect { clipRect ?? canvas }

    func measure(_ text: ChartText, style: TextStyle) -> Size {
        measurer.measure(text, style: style)
    }

    func fill(_ rect: Rect, color: Color) {
        guard let shown = rect.intersection(visible.insetBy(-1)) else { return }
        items.append(.fill(shown, theme.color(color)))
    }

    /// Strokes a polyline: each run of finite points is decimated and clipped to the visible
    /// rectangle widened by the stroke.
    func stroke(_ points: [Point], color: Color, width: Double, dash: [Double]) {
        guard width.isFinite, width > 0 else { return }
        let dash = dash.allSatisfy({ $0.isFinite && $0 >= 0 }) && dash.contains(where: { $0 > 0 }) ? dash : []
        let bounds = visible.insetBy(-(width / 2 + 2))
        // Decimating first bounds the clipping work; both keep what a pixel can show.
        for run in Clipping.finiteRuns(points) {
            for path in Clipping.polylines(Decimation.decimated(Array(run), scale: scale), in: bounds) {
                items.append(.stroke(path, theme.strokeColor(color), width: width, dash: dash))
            }
        }
    }

    /// Fills a polygon clipped to the visible rectangle; non-finite vertices are left out.
    func fill(polygon points: [Point], color: Color) {
        let finite = points.filter { $0.x.isFinite && $0.y.isFinite }
        let clipped = Clipping.polygon(finite, in: visible.insetBy(-1))
        let outline = Decimation.decimated(clipped, scale: scale)
        if outline.count > 2 { items.append(.polygon(outline, theme.color(color))) }
    }

    func draw(_ text: ChartText, style: TextStyle, at origin: Point, vertical: Bool) {
        guard origin.x.isFinite, origin.y.isFinite, !text.isEmpty else { return }
        let extent = measure(text, style: style)
        let box = vertical
            ? Rect(x: origin.x, y: origin.y, width: extent.height, height: extent.width)
            : Rect(x: origin.x, y: origin.y, width: extent.width, height: extent.height)
        guard box.intersection(canvas) != nil else { return }
        var themed = style
        themed.color = theme.color(style.color)
        items.append(.text(text, themed, origin: origin, vertical: vertical))
    }

    func draw(_ image: RasterImage, in rect: Rect) {
        guard image.width > 0, image.height > 0, image.pixels.count == image.width * image.height,
              rect.intersection(canvas) != nil else { return }
        items.append(.image(image, rect))
    }

    func clip(to rect: Rect) {
        clipRect = rect.intersection(canvas) ?? Rect(x: 0, y: 0, width: 0, height: 0)
        items.append(.clip(clipRect))
    }

    func resetClip() {
        clipRect = nil
        items.append(.clip(nil))
    }
}

/// What layout needs from a renderer before anything is drawn: the size of a text.
public protocol TextMeasuring: AnyObject {
    /// The logical size of `text` set in `style`, unrotated.
    func measure(_ text: ChartText, style: TextStyle) -> Size
}

extension Rect {
    /// The rectangle grown by `-amount` on every side (shrunk for a positive amount).
    func insetBy(_ amount: Double) -> Rect {
        Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
    }

    /// The overlap of two rectangles; nil when they do not overlap or a number is not finite.
    func intersection(_ other: Rect) -> Rect? {
        let left = max(minX, other.minX), right = min(maxX, other.maxX)
        let top = max(minY, other.minY), bottom = min(maxY, other.maxY)
        guard left.isFinite, right.isFinite, top.isFinite, bottom.isFinite, left <= right, top <= bottom else { return nil }
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }
}
