import CCairo
import Foundation
import Testing
@testable import Charts

/// A scribble's coverage computed directly (PolylineCoverage): 16 samples a pixel, round caps
/// and joins, the clip, and agreement with cairo.
@Suite struct PolylineCoverageTests {
    static func stroke(_ points: [Point], pen: Double, clip: Rect? = nil, width: Int = 40, height: Int = 20) -> [[UInt8]] {
        var bytes = [UInt8](repeating: 0, count: width * height)
        bytes.withUnsafeMutableBufferPointer {
            PolylineCoverage.stroke(
                points, penWidth: pen, clip: clip ?? Rect(x: 0, y: 0, width: Double(width), height: Double(height)),
                into: $0, width: width, height: height, stride: width)
        }
        return (0..<height).map { Array(bytes[$0 * width..<($0 + 1) * width]) }
    }

    /// A 2-pixel pen along the middle of row 10 covers that row fully and half of each row
    /// beside it (two of each pixel's four rows of samples), and nothing farther, nor past
    /// its round ends.
    @Test func aStraightPenCoversEachRowByItsOverlapWithThePixels() {
        let rows = Self.stroke([Point(10, 10.5), Point(30, 10.5)], pen: 2)
        for column in 12...28 {
            #expect(rows[10][column] == 255)
            #expect(rows[9][column] == 128 && rows[11][column] == 128)
            #expect(rows[8][column] == 0 && rows[12][column] == 0)
        }
        #expect(rows[10][31] == 0 && rows[10][8] == 0)  // centres 1.5 beyond each end
        #expect(rows.flatMap { $0 }.filter { $0 > 0 }.count < 3 * 24)
    }

    /// A single point is a dot as wide as the pen, the same on every side.
    @Test func aSinglePointIsARoundDot() {
        let rows = Self.stroke([Point(20.5, 10.5)], pen: 6)
        #expect(rows[10][20] == 255)
        for offset in 1...4 {
            let sides = [rows[10][20 + offset], rows[10][20 - offset], rows[10 + offset][20], rows[10 - offset][20]]
            #expect(Set(sides).count == 1, "\(offset): \(sides)")
        }
        #expect(rows[10][23] == 128)  // 2.5 to 3.5 from the centre: the half within 3
        #expect(rows[10][24] == 0)
        #expect(rows[12][22] > 0 && rows[12][22] < 255)  // √8 ≈ 2.83 from the centre
    }

    /// A pixel the clip cuts in half keeps half its coverage; beyond the clip nothing is drawn.
    @Test func theClipCutsCoverageByTheShareOfEachPixelInside() {
        let rows = Self.stroke([Point(5, 10.5), Point(35, 10.5)], pen: 2, clip: Rect(x: 0, y: 0, width: 20.5, height: 10.5))
        #expect(rows[10][19] == 128)  // fully covered, half inside vertically
        #expect(rows[10][20] == 64)  // and half inside horizontally
        #expect(rows[9][19] == 128 && rows[9][20] == 64)
        #expect(rows[10][21] == 0 && rows[11][19] == 0)
    }

    /// Lines from far outside the canvas cover the rows they cross, and a path wholly outside
    /// covers nothing; the widest pen covers all it reaches, and a pen wider than that (left
    /// to cairo), a tiny one or one that is not a width draws nothing and does not trap.
    @Test func farAndExtremePathsStayInsideTheCanvas() {
        let across = Self.stroke([Point(-1e9, 10.5), Point(1e9, 10.5)], pen: 1)
        #expect(across[10].allSatisfy { $0 == 255 })
        #expect(across.enumerated().allSatisfy { $0.offset == 10 || $0.element.allSatisfy { $0 == 0 } })
        let outside = Self.stroke([Point(-500, -500), Point(-100, -300), Point(1e300, -1e300)], pen: 3)
        #expect(outside.allSatisfy { $0.allSatisfy { $0 == 0 } })
        let widest = Self.stroke([Point(20, 10), Point(21, 10)], pen: PolylineCoverage.maximumPen)
        #expect(widest.allSatisfy { $0.allSatisfy { $0 == 255 } })
        for pen in [0, -1, .nan, .infinity, 1e-300, PolylineCoverage.maximumPen.nextUp, 1e6] {
            #expect(Self.stroke([Point(20, 10), Point(21, 11)], pen: pen).allSatisfy { $0.allSatisfy { $0 == 0 } })
        }
    }

    /// A scribble with a pen wider than `PolylineCoverage.maximumPen` is stroked by cairo:
    /// a 200-point pen covers the clip across the path's height, and nothing outside it.
    @Test func aScribbleWithAVeryWidePenIsStrokedByCairo() throws {
        let renderer = try CairoRenderer(size: Size(width: 640, height: 300), scale: 1)
        renderer.fill(Rect(x: 0, y: 0, width: 640, height: 300), color: .white)
        renderer.clip(to: Rect(x: 10, y: 40, width: 600, height: 150))
        renderer.stroke(ScribbleTests.noise(2000), color: .black, width: 200, dash: [])
        let pixels = renderer.pixels
        #expect((60..<190).allSatisfy { row in (10..<610).allSatisfy { pixels[row * 640 + $0] == 0xFF00_0000 } })
        #expect(pixels[20 * 640 + 300] == 0xFFFF_FFFF)
    }

    /// The scribbles figures draw: a noisy per-update curve of 20,000 points, decimated to
    /// each pixel column's first, lowest, highest and last point as a line mark is, and an
    /// optimizer's cloud of 2,000 steps around a minimum.
    static var scribbles: [[Point]] {
        var state: UInt64 = 7
        func random() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let curve = (0..<20_000).map { index in
            Point(20 + 590 * Double(index) / 20_000, 180 - 100 * exp(-Double(index) / 4000) - 40 * random() * random())
        }
        var cloud = [Point(300, 120)]
        for _ in 0..<2000 {
            let last = cloud[cloud.count - 1]
            cloud.append(Point(last.x + (300 - last.x) * 0.2 + 60 * (random() - 0.5), last.y + (120 - last.y) * 0.2 + 40 * (random() - 0.5)))
        }
        return [Decimation.decimated(curve, scale: 1), cloud]
    }

    /// Cairo's coverage of the stroke of `points` (device pixels) with round caps and joins,
    /// with its default antialiasing, `width` × `height` bytes (rows padded to cairo's stride).
    static func cairoStroke(_ points: [Point], pen: Double, width: Int32, height: Int32) throws -> (bytes: [UInt8], stride: Int) {
        let surface = try #require(cairo_image_surface_create(CAIRO_FORMAT_A8, width, height))
        defer { cairo_surface_destroy(surface) }
        let context = try #require(cairo_create(surface))
        defer { cairo_destroy(context) }
        for point in points { cairo_line_to(context, point.x, point.y) }
        cairo_set_line_width(context, pen)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(context, CAIRO_LINE_CAP_ROUND)
        cairo_stroke(context)
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = try #require(cairo_image_surface_get_data(surface))
        return (Array(UnsafeBufferPointer(start: data, count: stride * Int(height))), stride)
    }

    /// On the scribbles figures draw, the coverage matches cairo's stroke of the same path with
    /// round joins (cairo's finer antialiasing against 16 samples a pixel): a level or two
    /// apart on average (at most 0.9 measured), and hardly a pixel by more than a quarter.
    @Test func aScribbleIsCoveredAsCairoCoversIt() throws {
        for points in Self.scribbles {
            #expect(CairoRenderer.isScribble(points))
            for (pen, scale) in [(1.0, 1.0), (1.0, 2.0), (2.8, 1.0), (4.0, 2.0)] {
                let (width, height) = (Int(640 * scale), Int(240 * scale))
                let device = points.map { Point($0.x * scale, $0.y * scale) }
                let cairo = try Self.cairoStroke(device, pen: pen * scale, width: Int32(width), height: Int32(height))
                var direct = [UInt8](repeating: 0, count: cairo.stride * height)
                direct.withUnsafeMutableBufferPointer {
                    PolylineCoverage.stroke(
                        device, penWidth: pen * scale, clip: Rect(x: 0, y: 0, width: Double(width), height: Double(height)),
                        into: $0, width: width, height: height, stride: cairo.stride)
                }
                let differences = zip(direct, cairo.bytes).map { abs(Int($0) - Int($1)) }
                let mean = Double(differences.reduce(0, +)) / Double(differences.count)
                let large = differences.filter { $0 > 64 }.count
                let inked = direct.filter { $0 > 0 }.count
                #expect(mean < 1.5, "pen \(pen) at \(scale)×: mean difference \(mean)")
                #expect(Double(large) < 0.002 * Double(inked), "pen \(pen) at \(scale)×: \(large) pixels differ by more than 64")
                #expect(direct.contains(255) && inked > 5000)
            }
        }
    }
}
