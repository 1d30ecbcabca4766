extension Figure {
    /// The figure drawn through Cairo at `scale` pixels per point, encoded as PNG.
    public func png(scale: Double) throws -> [UInt8] {
        let renderer = try CairoRenderer(size: size, scale: scale)
        FigureDrawing(self).draw(on: renderer)
        return try renderer.pngData()
    }

    /// The figure as an SVG document; filled contours are embedded as images at
    /// `rasterScale` pixels per point.
    public func svg(rasterScale: Double = 2) throws -> [UInt8] {
        let renderer = try CairoRenderer(size: size, output: .svg(rasterScale: rasterScale))
        FigureDrawing(self).draw(on: renderer)
        return try renderer.svgData()
    }
}
