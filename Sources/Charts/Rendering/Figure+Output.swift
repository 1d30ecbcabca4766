/// A figure drawn as PNG, with the texts that a missing font left as boxes.
public struct RenderedPNG: Sendable {
    public var bytes: [UInt8]
    /// Texts (as Pango markup) with characters no installed font covers.
    public var textsWithMissingGlyphs: [String]
}

extension Figure {
    /// The figure drawn through Cairo at `scale` pixels per point, encoded as PNG.
    public func png(scale: Double, theme: ChartTheme = .light) throws -> [UInt8] {
        try render(scale: scale, theme: theme).bytes
    }

    /// The figure drawn through Cairo at `scale` pixels per point, encoded as PNG, with the
    /// texts that came out as boxes for want of a font.
    public func render(scale: Double, theme: ChartTheme = .light) throws -> RenderedPNG {
        let renderer = try CairoRenderer(size: size, scale: scale)
        FigureDrawing(self, theme: theme).draw(on: renderer)
        return RenderedPNG(bytes: try renderer.pngData(), textsWithMissingGlyphs: renderer.textsWithMissingGlyphs)
    }

    /// The figure at each of `scales` (pixels per point), encoded as PNG, drawn only once, at
    /// the largest: a smaller scale that divides it is that drawing reduced by block means
    /// (`CairoRenderer.pngData(reducedBy:)`), any other is drawn anew. In the order of `scales`.
    public func render(scales: [Int], theme: ChartTheme = .light) throws -> [RenderedPNG] {
        guard let largest = scales.max() else { return [] }
        let renderer = try CairoRenderer(size: size, scale: Double(largest))
        FigureDrawing(self, theme: theme).draw(on: renderer)
        return try scales.map { scale in
            guard scale > 0, largest % scale == 0 else { return try render(scale: Double(scale), theme: theme) }
            return RenderedPNG(bytes: try renderer.pngData(reducedBy: largest / scale), textsWithMissingGlyphs: renderer.textsWithMissingGlyphs)
        }
    }

    /// The figure as an SVG document; filled contours are embedded as images at
    /// `rasterScale` pixels per point.
    public func svg(rasterScale: Double = 2) throws -> [UInt8] {
        let renderer = try CairoRenderer(size: size, output: .svg(rasterScale: rasterScale))
        FigureDrawing(self).draw(on: renderer)
        return try renderer.svgData()
    }
}
