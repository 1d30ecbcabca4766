import Charts
import Testing

/// Every item of `scene` is finite and where the scene promises it: paths inside their clip
/// rectangle (the canvas when there is none) widened by their stroke, no path longer than
/// `maximumPathPoints`, every text's origin finite.
public func expectSceneIsSound(
    _ scene: Scene, maximumPathPoints: Int = 20_000, sourceLocation: SourceLocation = #_sourceLocation
) {
    let canvas = Rect(x: 0, y: 0, width: scene.size.width, height: scene.size.height)
    var clip: Rect?
    func finite(_ point: Point) -> Bool { point.x.isFinite && point.y.isFinite }
    func within(_ points: [Point], _ rect: Rect, margin: Double) -> Bool {
        // A hair of rounding beyond the margin is allowed: crossings are computed in floating point.
        let outer = Rect(x: rect.x - margin - 1e-6, y: rect.y - margin - 1e-6, width: rect.width + 2 * margin + 2e-6, height: rect.height + 2 * margin + 2e-6)
        return points.allSatisfy { finite($0) && outer.contains($0) }
    }
    for item in scene.items {
        switch item {
        case let .fill(rect, _):
            #expect(within([Point(rect.minX, rect.minY), Point(rect.maxX, rect.maxY)], canvas, margin: 1), "fill \(rect)", sourceLocation: sourceLocation)
        case let .stroke(points, _, width, dash):
            #expect(points.count > 1 && points.count <= maximumPathPoints, "a stroke of \(points.count) points", sourceLocation: sourceLocation)
            #expect(width.isFinite && width > 0 && dash.allSatisfy(\.isFinite), sourceLocation: sourceLocation)
            #expect(within(points, clip ?? canvas, margin: width / 2 + 2), "a stroke leaves its clip", sourceLocation: sourceLocation)
        case let .polygon(points, _):
            #expect(points.count > 2 && points.count <= 2 * maximumPathPoints, "a polygon of \(points.count) points", sourceLocation: sourceLocation)
            #expect(within(points, clip ?? canvas, margin: 1), "a polygon leaves its clip", sourceLocation: sourceLocation)
        case let .text(text, _, origin, _):
            #expect(finite(origin) && !text.isEmpty, sourceLocation: sourceLocation)
        case let .image(image, rect):
            #expect(image.pixels.count == image.width * image.height, sourceLocation: sourceLocation)
            #expect(within([Point(rect.minX, rect.minY), Point(rect.maxX, rect.maxY)], canvas, margin: 1), "image \(rect)", sourceLocation: sourceLocation)
        case let .clip(rect):
            clip = rect
            if let rect { #expect(within([Point(rect.minX, rect.minY), Point(rect.maxX, rect.maxY)], canvas, margin: 0), sourceLocation: sourceLocation) }
        }
    }
}
