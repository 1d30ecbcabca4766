import Foundation
import Testing
@testable import Charts

/// Scribbles (dense noisy paths) are stroked into a shared coverage mask and painted in each
/// theme's colour (CairoRenderer.strokeScribble).
@Suite struct ScribbleTests {
    /// A deterministic noisy curve across the plot: `count` points, each jumping up to 160
    /// points up or down from the last.
    static func noise(_ count: Int) -> [Point] {
        (0..<count).map { index in Point(20 + 600 * Double(index) / Double(count), 60 + 160 * Double((index * 7919) % 13) / 12) }
    }

    @Test func aLongNoisyPathIsAScribbleAndASmoothOrShortOneIsNot() {
        #expect(CairoRenderer.isScribble(Self.noise(300)))
        #expect(!CairoRenderer.isScribble(Self.noise(200)))  // too few points for edges not to show
        let smooth = (0..<1000).map { Point(Double($0) * 0.6, 150 + 50 * sin(Double($0) / 100)) }
        #expect(!CairoRenderer.isScribble(smooth))
        // A zig-zag of 300 steps across a valley 30 points wide and 600 long: 9000 points of
        // path against 630 of box.
        let zigzag = (0..<300).map { Point(Double($0) * 2, $0 % 2 == 0 ? 100 : 130) }
        #expect(CairoRenderer.isScribble(zigzag))
    }

    /// Drawn in two colours (as a light and a dark rendering are), a scribble covers the same
    /// pixels, only inside the clip, and each in its own colour.
    @Test func aScribbleCoversTheSamePixelsInEveryColourInsideTheClip() throws {
        let points = Self.noise(2000)
        let clip = Rect(x: 10, y: 40, width: 600, height: 150)
        func draw(_ color: Color) throws -> [UInt32] {
            let renderer = try CairoRenderer(size: Size(width: 640, height: 300), scale: 2)
            renderer.fill(Rect(x: 0, y: 0, width: 640, height: 300), color: .white)
            renderer.clip(to: clip)
            renderer.stroke(points, color: color, width: 1, dash: [])
            return renderer.pixels
        }
        let black = try draw(.black), blue = try draw(Color(red: 0, green: 0, blue: 1))
        let background: UInt32 = 0xFFFF_FFFF
        let inked = black.indices.filter { black[$0] != background }
        #expect(inked == blue.indices.filter { blue[$0] != background })
        #expect(inked.count > 10_000)
        // Device pixels at 2×: the clip is x 20..<1220, y 80..<380.
        #expect(inked.allSatisfy { (20..<1220).contains($0 % 1280) && (80..<380).contains($0 / 1280) })
        // Fully covered pixels take the colour exactly.
        #expect(black.contains(0xFF00_0000) && blue.contains(0xFF00_00FF))
        #expect(!blue.contains(0xFF00_0000))
    }
}
