extension Figure {
    /// The figure drawn through Cairo at `scale` pixels per point, encoded as PNG.
    public func png(scale: Double) throws -> [UInt8] {
        let renderer = try CairoRenderer(size: size, scale: scale)
        FigureDrawing(self).draw(on: renderer)
        return try renderer.pngData()
    }
}
