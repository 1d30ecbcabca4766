import Foundation
import Testing
@testable import Charts

/// A figure's 1× rendering is its 2× drawing reduced by 2 × 2 block means
/// (`CairoRenderer.pngData(reducedBy:)`, `Figure.render(scales:)`).
@Suite struct ReducedRenderingTests {
    /// Each pixel of the reduced PNG is the rounded mean of its block's four channels.
    @Test func aReducedPixelIsTheMeanOfItsBlock() throws {
        let renderer = try CairoRenderer(size: Size(width: 40, height: 30), scale: 2)
        renderer.fill(Rect(x: 0, y: 0, width: 40, height: 30), color: .white)
        renderer.stroke([Point(3, 4), Point(37, 26), Point(5, 25)], color: Color(red: 0.8, green: 0.2, blue: 0.1), width: 1.3, dash: [])
        let pixels = renderer.pixels
        let reduced = try decodeWithLibpng(try renderer.pngData(reducedBy: 2))
        #expect(reduced.width == 40 && reduced.height == 30)
        var partlyCovered = 0
        for row in 0..<30 {
            for column in 0..<40 {
                let block = [pixels[2 * row * 80 + 2 * column], pixels[2 * row * 80 + 2 * column + 1],
                             pixels[(2 * row + 1) * 80 + 2 * column], pixels[(2 * row + 1) * 80 + 2 * column + 1]]
                var expected: UInt32 = 0
                for shift: UInt32 in [24, 16, 8, 0] {
                    let sum = block.reduce(UInt32(0)) { total, pixel in total + ((pixel >> shift) & 0xFF) }
                    expected |= ((sum + 2) / 4) << shift
                }
                #expect(reduced.pixels[row * 40 + column] == expected, "\(column), \(row)")
                if Set(block).count > 1 { partlyCovered += 1 }
            }
        }
        #expect(partlyCovered > 50)
    }

    /// A canvas whose 2× size is odd reduces to the size a 1× canvas would have; a block the
    /// edge cuts averages the pixels it has.
    @Test func anOddCanvasReducesToTheOneTimesSize() throws {
        let renderer = try CairoRenderer(size: Size(width: 20.5, height: 16), scale: 2)
        renderer.fill(Rect(x: 0, y: 0, width: 20.5, height: 16), color: Color(red: 0, green: 0, blue: 1))
        let reduced = try decodeWithLibpng(try renderer.pngData(reducedBy: 2))
        let native = try CairoRenderer(size: Size(width: 20.5, height: 16), scale: 1)
        #expect(native.pixels.count == 21 * 16 && reduced.width == 21 && reduced.height == 16)
        #expect(reduced.pixels.allSatisfy { $0 == 0xFF00_00FF })
    }

    /// Drawn once at 2× and reduced, a figure's 1× rendering looks like one drawn at 1×: text,
    /// lines and markers within a few levels on average, since antialiasing covers a pixel by
    /// its area either way.
    @Test func aReducedFigureLooksLikeOneDrawnAtOneTimes() throws {
        let figure = FigureTests.sampleFigure()
        let renderings = try figure.render(scales: [1, 2])
        let reduced = try decodeWithLibpng(renderings[0].bytes), twice = try decodeWithLibpng(renderings[1].bytes)
        let native = try decodeWithLibpng(try figure.png(scale: 1))
        #expect(reduced.width == native.width && reduced.height == native.height)
        #expect(twice.width == 2 * native.width && twice.height == 2 * native.height)
        #expect(try decodeWithLibpng(try figure.png(scale: 2)).pixels == twice.pixels)
        func channel(_ pixel: UInt32, _ shift: UInt32) -> Int { Int((pixel >> shift) & 0xFF) }
        let differences = zip(reduced.pixels, native.pixels).map { (mine: UInt32, theirs: UInt32) -> Int in
            let channels: [Int] = [0, 8, 16].map { (shift: UInt32) -> Int in abs(channel(mine, shift) - channel(theirs, shift)) }
            return channels.max() ?? 0
        }
        let mean = Double(differences.reduce(0, +)) / Double(differences.count)
        #expect(mean < 3, "mean difference \(mean)")
        #expect(differences.filter { $0 > 0 }.count > 100)  // not the same drawing
    }
}
