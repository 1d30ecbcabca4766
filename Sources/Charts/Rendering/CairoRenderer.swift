import CCairo
import CPango

/// Draws charts into a Cairo image surface and encodes it as PNG; all text goes through
/// PangoCairo so that fontconfig can fall back to fonts with CJK and other scripts.
///
/// Hinting is switched off and antialiasing fixed, so the same figure gives the same pixels
/// whatever the machine's fontconfig settings are.
///
/// Text is laid out and drawn in device pixels (a font `scale` times the style's size, under
/// an unscaled matrix) rather than in points under the scaled matrix: under a 2× matrix,
/// Pango 1.50.12 set `<sub>` at full size and on the baseline (w1 where 1× showed w₁).
public final class CairoRenderer: Renderer {
    /// Changes whenever the same figure would be drawn with different pixels or encoded into
    /// different bytes, so that figures cached under the old version are drawn again.
    public static let version = "11"

    /// The font family asked for; fontconfig substitutes per character when it lacks a glyph.
    public static let fontFamily = "DejaVu Sans"

    /// What the canvas becomes.
    public enum Output: Sendable {
        /// Pixels, `size × scale`, encoded by `pngData()`.
        case png(scale: Double)
        /// Vectors (text as glyph outlines, contour fills as an embedded image at `scale`),
        /// encoded by `svgData()`.
        case svg(rasterScale: Double)
    }

    /// Collects the bytes Cairo writes through a stream callback.
    private final class Sink {
        var bytes: [UInt8] = []
    }

    private let surface: OpaquePointer
    private let context: OpaquePointer
    private let layout: OpaquePointer
    private let fontOptions: OpaquePointer
    private let sink: Sink
    private struct MeasureKey: Hashable {
        var markup: String
        var style: TextStyle
    }
    private var measured: [MeasureKey: Size] = [:]
    /// Texts drawn with characters that no installed font covers (drawn as boxes), in order.
    public private(set) var textsWithMissingGlyphs: [String] = []
    public let size: Size
    public let scale: Double
    private let isSVG: Bool
    /// Device pixels per point for text: `scale` on a PNG, 1 on SVG (which is in points).
    private var textScale: Double { isSVG ? 1 : scale }

    /// A blank canvas of `size` points drawn at `scale` pixels per point, for a PNG.
    public convenience init(size: Size, scale: Double) throws {
        try self.init(size: size, output: .png(scale: scale))
    }

    /// A blank canvas of `size` points for `output`.
    public init(size: Size, output: Output) throws {
        let scale: Double
        switch output {
        case let .png(value): scale = value
        case let .svg(value): scale = value
        }
        guard (16...4000).contains(size.width), (16...4000).contains(size.height), (0.5...4).contains(scale) else {
            throw ChartsError.invalidSize(width: size.width, height: size.height, scale: scale)
        }
        self.size = size
        self.scale = scale
        let sink = Sink()
        self.sink = sink
        let surface: OpaquePointer?
        switch output {
        case .png:
            isSVG = false
            surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32((size.width * scale).rounded()), Int32((size.height * scale).rounded()))
        case .svg:
            isSVG = true
            surface = cairo_svg_surface_create_for_stream({ closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque(), size.width, size.height)
            if let surface { cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PT) }
        }
        guard let surface else {
            throw ChartsError.cairo(operation: "create a surface", status: "out of memory")
        }
        try Self.check(cairo_surface_status(surface), "create a surface") {
            cairo_surface_destroy(surface)
        }
        guard let context = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw ChartsError.cairo(operation: "create a drawing context", status: "out of memory")
        }
        try Self.check(cairo_status(context), "create a drawing context") {
            cairo_destroy(context)
            cairo_surface_destroy(surface)
        }
        guard let fontOptions = cairo_font_options_create() else {
            cairo_destroy(context)
            cairo_surface_destroy(surface)
            throw ChartsError.cairo(operation: "create font options", status: "out of memory")
        }
        cairo_font_options_set_antialias(fontOptions, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_hint_style(fontOptions, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(fontOptions, CAIRO_HINT_METRICS_OFF)
        cairo_set_font_options(context, fontOptions)

        guard let layout = pango_cairo_create_layout(context) else {
            cairo_font_options_destroy(fontOptions)
            cairo_destroy(context)
            cairo_surface_destroy(surface)
            throw ChartsError.cairo(operation: "create a text layout", status: "Pango returned no layout")
        }
        pango_cairo_context_set_font_options(pango_layout_get_context(layout), fontOptions)
        // Glyphs at their exact advances rather than whole pixels, so that a label measures the
        // same in points at 1× and 2× (rounded, a long label differed by 1.5 pt) and both
        // scales lay a figure out alike.
        pango_context_set_round_glyph_positions(pango_layout_get_context(layout), 0)
        pango_layout_context_changed(layout)
        // Only after the layout took the unscaled matrix: text is set in device pixels.
        if !isSVG { cairo_scale(context, scale, scale) }

        self.surface = surface
        self.context = context
        self.layout = layout
        self.fontOptions = fontOptions
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(layout))
        cairo_font_options_destroy(fontOptions)
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    // MARK: Renderer

    public func measure(_ text: ChartText, style: TextStyle) -> Size {
        // Layout measures the same labels many times (tick fitting, legend placement).
        let key = MeasureKey(markup: text.markup, style: style)
        if let size = measured[key] { return size }
        prepare(text, style: style)
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        // A wrapped, centred layout places its lines inside the full width: the text's own
        // box starts at logical.x, and is what layout needs.
        let unit = Double(PANGO_SCALE) * textScale
        let size = Size(width: Double(logical.width) / unit, height: Double(logical.height) / unit)
        measured[key] = size
        return size
    }

    public func fill(_ rect: Rect, color: Color) {
        setSource(color)
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo_fill(context)
    }

    public func stroke(_ points: [Point], color: Color, width: Double, dash: [Double]) {
        guard Self.setStroke(points, width: width, dash: dash, on: context) else { return }
        setSource(color)
        if !isSVG, Self.isScribble(points) {
            strokeScribble(points, width: width, dash: dash)
        } else {
            cairo_stroke(context)
        }
        cairo_set_dash(context, nil, 0, 0)
    }

    /// A scribble's coverage, device pixels `x..<x + width` by `y..<y + height`, one byte each.
    private struct Coverage: Sendable {
        var x: Int32, y: Int32, width: Int32, height: Int32, stride: Int32
        var bytes: [UInt8]
    }

    /// What decides a scribble's coverage: its device points and pen, and the visible region.
    private struct CoverageKey: Equatable, Sendable {
        var points: [Point]
        var width: Double
        var dash: [Double]
        var scale: Double
        var region: [Int32]
        var clip: [Double]
    }

    /// Scribbles' coverage, shared by a figure's renderings that differ only in colour (light
    /// and dark): each scribble is stroked once per layout and scale, then painted through its
    /// coverage in each theme's colour.
    private static let coverages = ComputationMemo<CoverageKey, Coverage?>(capacity: 24)

    /// Strokes the current path, set up as `stroke` set it, through its shared coverage: a
    /// solid scribble's computed by `PolylineCoverage`, a dashed one's rasterised by cairo with
    /// 4 × 4 supersampling (`CAIRO_ANTIALIAS_FAST`), which looks the same as cairo's finer
    /// default on a scribble and is about 3.5 times faster.
    private func strokeScribble(_ points: [Point], width: Double, dash: [Double]) {
        var left = 0.0, top = 0.0, right = 0.0, bottom = 0.0
        cairo_stroke_extents(context, &left, &top, &right, &bottom)
        var clipLeft = 0.0, clipTop = 0.0, clipRight = 0.0, clipBottom = 0.0
        cairo_clip_extents(context, &clipLeft, &clipTop, &clipRight, &clipBottom)
        let pixels = (width: Int32(cairo_image_surface_get_width(surface)), height: Int32(cairo_image_surface_get_height(surface)))
        func device(_ value: Double, _ rounding: FloatingPointRoundingRule, limit: Int32) -> Int32 {
            let pixel = (value * scale).rounded(rounding)
            return pixel.isFinite ? Int32(min(max(pixel, 0), Double(limit))) : 0
        }
        let x0 = device(max(left, clipLeft), .down, limit: pixels.width), y0 = device(max(top, clipTop), .down, limit: pixels.height)
        let x1 = device(min(right, clipRight), .up, limit: pixels.width), y1 = device(min(bottom, clipBottom), .up, limit: pixels.height)
        guard x1 > x0, y1 > y0 else { return cairo_new_path(context) }
        let key = CoverageKey(
            points: points, width: width, dash: dash, scale: scale, region: [x0, y0, x1 - x0, y1 - y0],
            clip: [clipLeft, clipTop, clipRight, clipBottom])
        let coverage = Self.coverages.value(for: key) { Self.coverage(of: key) }
        guard let coverage else {
            // Cairo could not make the mask: stroke the path directly instead.
            _ = Self.setStroke(points, width: width, dash: dash, on: context)
            return cairo_stroke(context)
        }
        cairo_new_path(context)
        coverage.bytes.withUnsafeBytes { bytes in
            // Cairo only reads a mask: the shared bytes are not copied or written.
            guard let base = bytes.baseAddress.map({ UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: UInt8.self)) }),
                  let mask = cairo_image_surface_create_for_data(base, CAIRO_FORMAT_A8, coverage.width, coverage.height, coverage.stride)
            else { return }
            cairo_save(context)
            cairo_identity_matrix(context)
            cairo_mask_surface(context, mask, Double(coverage.x), Double(coverage.y))
            cairo_restore(context)
            cairo_surface_destroy(mask)
        }
    }

    /// Strokes `key`'s points into a coverage of its region: with `PolylineCoverage` when the
    /// line is solid and its pen at most `PolylineCoverage.maximumPen` wide, else with cairo;
    /// nil when cairo cannot.
    private static func coverage(of key: CoverageKey) -> Coverage? {
        let (x, y, width, height) = (key.region[0], key.region[1], key.region[2], key.region[3])
        let stride = cairo_format_stride_for_width(CAIRO_FORMAT_A8, width)
        if key.dash.isEmpty, key.width * key.scale <= PolylineCoverage.maximumPen, stride > 0 {
            let (scale, left, top) = (key.scale, Double(x), Double(y))
            let points = key.points.map { Point($0.x * scale - left, $0.y * scale - top) }
            let clip = Rect(
                x: key.clip[0] * scale - left, y: key.clip[1] * scale - top,
                width: (key.clip[2] - key.clip[0]) * scale, height: (key.clip[3] - key.clip[1]) * scale)
            var bytes = [UInt8](repeating: 0, count: Int(stride) * Int(height))
            bytes.withUnsafeMutableBufferPointer { bytes in
                PolylineCoverage.stroke(
                    points, penWidth: key.width * scale, clip: clip,
                    into: bytes, width: Int(width), height: Int(height), stride: Int(stride))
            }
            return Coverage(x: x, y: y, width: width, height: height, stride: stride, bytes: bytes)
        }
        guard stride > 0, let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, width, height) else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let context = cairo_create(surface) else { return nil }
        defer { cairo_destroy(context) }
        cairo_translate(context, -Double(x), -Double(y))
        cairo_scale(context, key.scale, key.scale)
        cairo_rectangle(context, key.clip[0], key.clip[1], key.clip[2] - key.clip[0], key.clip[3] - key.clip[1])
        cairo_clip(context)
        guard setStroke(key.points, width: key.width, dash: key.dash, on: context) else { return nil }
        cairo_set_antialias(context, CAIRO_ANTIALIAS_FAST)
        cairo_stroke(context)
        cairo_surface_flush(surface)
        guard cairo_status(context) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(surface) else { return nil }
        let bytes = Array(UnsafeBufferPointer(start: data, count: Int(stride) * Int(height)))
        return Coverage(x: x, y: y, width: width, height: height, stride: stride, bytes: bytes)
    }

    /// Makes `points` the current path of `context`, with the pen every stroke uses: `width`,
    /// round caps (butt caps on a dashed line), and round joins, except bevels on a dense
    /// polyline, where the angle at each joint is tiny, a bevel looks the same and strokes
    /// several times faster. False, with no path, for no points. The caller resets the dash.
    private static func setStroke(_ points: [Point], width: Double, dash: [Double], on context: OpaquePointer) -> Bool {
        guard addPath(points, on: context) else { return false }
        cairo_set_line_width(context, width)
        cairo_set_line_join(context, points.count > 64 ? CAIRO_LINE_JOIN_BEVEL : CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(context, dash.isEmpty ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT)
        dash.withUnsafeBufferPointer { cairo_set_dash(context, $0.baseAddress, Int32($0.count), 0) }
        return true
    }

    /// Whether a path is a scribble: more than 256 points and at least 8 times as long as its
    /// bounding box is wide and high together, like a noisy per-update curve or an optimizer's
    /// cloud of steps around a minimum. Its segments overlap so densely that cairo's 4 × 4
    /// supersampling looks the same as its finer default; a smooth curve, or a zig-zag of a
    /// few dozen steps across a valley, whose edges show, keeps the default.
    static func isScribble(_ points: [Point]) -> Bool {
        guard points.count > 256, let first = points.first else { return false }
        var length = 0.0
        var (left, right, top, bottom) = (first.x, first.x, first.y, first.y)
        var previous = first
        for point in points.dropFirst() {
            length += abs(point.x - previous.x) + abs(point.y - previous.y)
            left = min(left, point.x)
            right = max(right, point.x)
            top = min(top, point.y)
            bottom = max(bottom, point.y)
            previous = point
        }
        return length > 8 * ((right - left) + (bottom - top))
    }

    public func fill(polygon points: [Point], color: Color) {
        guard Self.addPath(points, on: context) else { return }
        cairo_close_path(context)
        setSource(color)
        cairo_fill(context)
    }

    public func draw(_ text: ChartText, style: TextStyle, at origin: Point, vertical: Bool) {
        prepare(text, style: style)
        cairo_save(context)
        setSource(style.color)
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        // In device pixels, under the unscaled matrix the layout was set for.
        let offset = Point(-Double(logical.x) / Double(PANGO_SCALE), -Double(logical.y) / Double(PANGO_SCALE))
        let device = Point(origin.x * textScale, origin.y * textScale)
        cairo_identity_matrix(context)
        if vertical {
            cairo_translate(context, device.x, device.y + Double(logical.width) / Double(PANGO_SCALE))
            cairo_rotate(context, -Double.pi / 2)
            cairo_move_to(context, offset.x, offset.y)
        } else {
            cairo_move_to(context, device.x + offset.x, device.y + offset.y)
        }
        pango_cairo_update_layout(context, layout)
        if pango_layout_get_unknown_glyphs_count(layout) > 0, !textsWithMissingGlyphs.contains(text.markup) {
            textsWithMissingGlyphs.append(text.markup)
        }
        pango_cairo_show_layout(context, layout)
        cairo_restore(context)
    }

    public func draw(_ image: RasterImage, in rect: Rect) {
        guard image.width > 0, image.height > 0, image.pixels.count == image.width * image.height else { return }
        var pixels = image.pixels
        pixels.withUnsafeMutableBytes { bytes in
            guard let base = bytes.baseAddress,
                  let source = cairo_image_surface_create_for_data(
                      base.assumingMemoryBound(to: UInt8.self), CAIRO_FORMAT_ARGB32,
                      Int32(image.width), Int32(image.height), Int32(image.width * 4))
            else { return }
            // Destroying the source here, while `pixels` lives, makes a recording (SVG) surface
            // copy what it still references.
            defer { cairo_surface_destroy(source) }
            cairo_save(context)
            cairo_translate(context, rect.x, rect.y)
            cairo_scale(context, rect.width / Double(image.width), rect.height / Double(image.height))
            cairo_set_source_surface(context, source, 0, 0)
            cairo_pattern_set_filter(cairo_get_source(context), CAIRO_FILTER_NEAREST)
            cairo_paint(context)
            cairo_restore(context)
        }
    }

    public func clip(to rect: Rect) {
        cairo_reset_clip(context)
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(context)
    }

    public func resetClip() {
        cairo_reset_clip(context)
    }

    // MARK: Output

    /// The canvas encoded as PNG by libpng (`PNGEncoder`, `PNGSettings.figures`); no timestamp
    /// or other metadata, so equal pixels give equal bytes.
    public func pngData() throws -> [UInt8] {
        precondition(!isSVG, "pngData() is for a PNG canvas")
        try Self.check(cairo_status(context), "draw the figure")
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else {
            throw ChartsError.cairo(operation: "read the pixels", status: "the surface has no data")
        }
        return try PNGEncoder.encode(
            data, width: Int(cairo_image_surface_get_width(surface)), height: Int(cairo_image_surface_get_height(surface)),
            stride: Int(cairo_image_surface_get_stride(surface)))
    }

    /// The canvas reduced by `factor` in each direction, encoded as PNG: each pixel the mean
    /// of a `factor` × `factor` block of the canvas's (premultiplied, so colour and coverage
    /// average together). Cairo's antialiasing makes a pixel the share of its area each shape
    /// covers, and that share is linear in area: a block's mean is the pixel a canvas drawn at
    /// `1 / factor` of the scale would have, up to rounding, at a fraction of the drawing's
    /// cost. The reduced canvas is `size × scale / factor` rounded, as such a canvas would be;
    /// a block cut by the canvas's edge averages the pixels it has.
    public func pngData(reducedBy factor: Int) throws -> [UInt8] {
        precondition(!isSVG, "pngData(reducedBy:) is for a PNG canvas")
        guard factor > 1 else { return try pngData() }
        try Self.check(cairo_status(context), "draw the figure")
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else {
            throw ChartsError.cairo(operation: "read the pixels", status: "the surface has no data")
        }
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let reducedScale = scale / Double(factor)
        let reducedWidth = max(1, Int((size.width * reducedScale).rounded())), reducedHeight = max(1, Int((size.height * reducedScale).rounded()))
        var reduced = [UInt32](repeating: 0, count: reducedWidth * reducedHeight)
        let source = UnsafeRawPointer(data)
        func pixel(_ x: Int, _ y: Int) -> UInt32 {
            source.advanced(by: y * stride).assumingMemoryBound(to: UInt32.self)[x]
        }
        for row in 0..<reducedHeight {
            let top = row * factor, bottom = min(top + factor, height)
            var column = 0
            if factor == 2, bottom - top == 2 {
                // Whole 2 × 2 blocks: the four channels summed two at a time in 16-bit lanes.
                let upper = source.advanced(by: top * stride).assumingMemoryBound(to: UInt32.self)
                let lower = source.advanced(by: (top + 1) * stride).assumingMemoryBound(to: UInt32.self)
                while column < reducedWidth, 2 * column + 1 < width {
                    let (a, b) = (upper[2 * column], upper[2 * column + 1]), (c, d) = (lower[2 * column], lower[2 * column + 1])
                    let lanes: UInt32 = 0x00FF_00FF, rounding: UInt32 = 0x0002_0002  // + 2 rounds the quarter
                    let redBlue = (a & lanes) &+ (b & lanes) &+ (c & lanes) &+ (d & lanes) &+ rounding
                    let alphaGreen = ((a >> 8) & lanes) &+ ((b >> 8) & lanes) &+ ((c >> 8) & lanes) &+ ((d >> 8) & lanes) &+ rounding
                    reduced[row * reducedWidth + column] = ((redBlue >> 2) & lanes) | (((alphaGreen >> 2) & lanes) << 8)
                    column += 1
                }
            }
            // Blocks the canvas's edge cuts, and factors other than 2: channel by channel.
            for column in column..<reducedWidth {
                let left = min(column * factor, width), right = min(left + factor, width)
                let count = UInt32((bottom - top) * (right - left))
                guard count > 0 else { continue }
                var sums: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
                for y in top..<bottom {
                    for x in left..<right {
                        let value = pixel(x, y)
                        sums = (sums.0 + (value >> 24), sums.1 + ((value >> 16) & 0xFF), sums.2 + ((value >> 8) & 0xFF), sums.3 + (value & 0xFF))
                    }
                }
                func mean(_ sum: UInt32) -> UInt32 { (sum + count / 2) / count }
                reduced[row * reducedWidth + column] = mean(sums.0) << 24 | mean(sums.1) << 16 | mean(sums.2) << 8 | mean(sums.3)
            }
        }
        return try reduced.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { throw ChartsError.cairo(operation: "read the pixels", status: "no pixels") }
            return try PNGEncoder.encode(
                base.assumingMemoryBound(to: UInt8.self), width: reducedWidth, height: reducedHeight, stride: reducedWidth * 4)
        }
    }

    /// The canvas's premultiplied ARGB pixels, row by row (for tests of the encoder).
    var pixels: [UInt32] {
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { return [] }
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        var pixels: [UInt32] = []
        pixels.reserveCapacity(width * height)
        for row in 0..<height {
            UnsafeRawPointer(data + row * stride).withMemoryRebound(to: UInt32.self, capacity: width) { line in
                pixels += (0..<width).map { line[$0] }
            }
        }
        return pixels
    }

    /// The canvas as an SVG document. Cairo numbers embedded images and surfaces with
    /// counters shared by the whole process; those ids are renumbered in order of appearance so
    /// that the same figure gives the same bytes in any build, serial or parallel.
    public func svgData() throws -> [UInt8] {
        precondition(isSVG, "svgData() is for an SVG canvas")
        try Self.check(cairo_status(context), "draw the figure")
        cairo_surface_finish(surface)
        try Self.check(cairo_surface_status(surface), "write the SVG")
        return Array(Self.renumberingIDs(String(decoding: sink.bytes, as: UTF8.self)).utf8)
    }

    /// The id families whose numbers come from process-wide counters.
    static let renumberedIDs = ["surface", "image", "source", "pattern", "mask"]

    /// Renumbers `id="<family>N"` and `#<family>N` references per family, in order of first
    /// appearance. Only those two contexts are read, so base64 pixel data is never touched.
    static func renumberingIDs(_ svg: String) -> String {
        var numbers: [String: [Substring: Int]] = [:]
        var result = ""
        result.reserveCapacity(svg.utf8.count)
        var rest = svg[...]
        while let marker = rest.firstIndex(where: { $0 == "\"" || $0 == "#" }) {
            let isReference = rest[marker] == "#"
            let after = rest.index(after: marker)
            result += rest[..<after]
            rest = rest[after...]
            guard let family = renumberedIDs.first(where: { rest.hasPrefix($0) }),
                  isReference || svg[..<marker].hasSuffix("id=") else { continue }
            let digitsStart = rest.index(rest.startIndex, offsetBy: family.count)
            let digits = rest[digitsStart...].prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty else { continue }
            let number = numbers[family, default: [:]][digits] ?? (numbers[family]?.count ?? 0) + 1
            numbers[family, default: [:]][digits] = number
            result += family + String(number)
            rest = rest[digits.endIndex...]
        }
        result += rest
        return result
    }

    // MARK: Helpers

    private func prepare(_ text: ChartText, style: TextStyle) {
        let description = pango_font_description_new()
        pango_font_description_set_family(description, Self.fontFamily)
        pango_font_description_set_weight(description, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_absolute_size(description, style.size * textScale * Double(PANGO_SCALE))
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)
        if let width = style.maxWidth {
            pango_layout_set_width(layout, Int32(clamping: Int((width * textScale * Double(PANGO_SCALE)).rounded(.down))))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
            // A negative height is a number of lines: Pango ellipsizes the last one.
            pango_layout_set_height(layout, -Int32(clamping: style.maxLines))
            pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
            pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        } else {
            pango_layout_set_width(layout, -1)
            pango_layout_set_height(layout, -1)
            pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_NONE)
            pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        }
        // Markup that Pango cannot parse is shown as the literal text rather than dropped.
        if pango_parse_markup(text.markup, -1, 0, nil, nil, nil, nil) != 0 {
            pango_layout_set_markup(layout, text.markup, -1)
        } else {
            pango_layout_set_text(layout, text.markup, -1)
        }
    }

    /// Starts a new path through `points`; false when there are none.
    private static func addPath(_ points: [Point], on context: OpaquePointer) -> Bool {
        guard let first = points.first else { return false }
        cairo_new_path(context)
        cairo_move_to(context, first.x, first.y)
        for point in points.dropFirst() {
            cairo_line_to(context, point.x, point.y)
        }
        return true
    }

    private func setSource(_ color: Color) {
        cairo_set_source_rgba(context, color.red, color.green, color.blue, color.alpha)
    }

    private static func check(_ status: cairo_status_t, _ operation: String, cleanup: () -> Void = {}) throws {
        guard status != CAIRO_STATUS_SUCCESS else { return }
        cleanup()
        throw ChartsError.cairo(operation: operation, status: String(cString: cairo_status_to_string(status)))
    }
}
