import Foundation
import Testing
@testable import Charts

/// x² + y² on an n × n grid over [−2, 2]².
func bowl(_ n: Int = 81, nanCorner: Bool = false) -> Grid {
    let axis = (0..<n).map { -2 + 4 * Double($0) / Double(n - 1) }
    var values: [Double] = []
    for y in axis {
        for x in axis { values.append(nanCorner && x > 1.5 && y > 1.5 ? .nan : x * x + y * y) }
    }
    return Grid(xValues: axis, yValues: axis, values: values)
}

@Suite struct ContourTests {
    @Test(arguments: [0.25, 1.0, 2.0, 3.5])
    func isolinesOfTheBowlAreCirclesOfTheRightRadius(level: Double) throws {
        let lines = Contours.isolines(bowl(), level: level)
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        let radius = level.squareRoot()
        for point in line {
            // Linear interpolation along a cell edge of width 0.05 errs by less than 0.001 here.
            #expect(abs(hypot(point.x, point.y) - radius) < 2e-3)
        }
        // A closed curve: it ends where it starts, and goes all the way round.
        #expect(line.first == line.last)
        let angles = Set(line.map { Int((atan2($0.y, $0.x) + Double.pi) / (2 * Double.pi) * 8) % 8 })
        #expect(angles.count == 8)
    }

    @Test func aLevelOutsideTheValuesHasNoLine() {
        #expect(Contours.isolines(bowl(), level: 100).isEmpty)
        #expect(Contours.isolines(bowl(), level: -1).isEmpty)
    }

    @Test func cellsWithANaNCornerAreSkipped() {
        // The level-8 circle (radius 2.83) only crosses the grid near its corners; with the
        // top-right corner masked, that arc is gone and three remain.
        let full = Contours.isolines(bowl(), level: 7)
        let masked = Contours.isolines(bowl(nanCorner: true), level: 7)
        #expect(full.count == 4)
        #expect(masked.count == 3)
        #expect(masked.allSatisfy { $0.allSatisfy { !($0.x > 1.5 && $0.y > 1.5) } })
    }

    @Test func aSaddleCellIsResolvedByItsCentre() {
        // Corners (0,0) = 1, (1,0) = 0, (0,1) = 0, (1,1) = 1; the centre, 0.5, is above the
        // level 0.4, so the high corners stay joined and the two low corners are cut off.
        let grid = Grid(xValues: [0, 1], yValues: [0, 1], values: [1, 0, 0, 1])
        let lines = Set(Contours.isolines(grid, level: 0.4).map { Set($0) })
        #expect(lines == [Set([Point(0, 0.6), Point(0.4, 1)]), Set([Point(0.6, 0), Point(1, 0.4)])])
        // Below the centre (level 0.6) the low corners join and the high ones are cut off.
        let high = Set(Contours.isolines(grid, level: 0.6).map { Set($0) })
        #expect(high == [Set([Point(0, 0.4), Point(0.4, 0)]), Set([Point(1, 0.6), Point(0.6, 1)])])
    }

    @Test func levelsAreNiceLinearStepsOverANarrowRange() {
        let result = Contours.levels(for: bowl().values, targetCount: 8)
        #expect(!result.logarithmic)
        #expect(result.levels == [0, 1, 2, 3, 4, 5, 6, 7, 8])
    }

    @Test func levelsAreLogarithmicWhenValuesSpanDecades() {
        // Rosenbrock-like: 0.01 to 25 000, evenly spread in log.
        let values = (0...100).map { 0.01 * pow(2.5e6, Double($0) / 100) }
        let result = Contours.levels(for: values, targetCount: 10)
        #expect(result.logarithmic)
        // Seven decades from the smallest value: one level a decade, and one below the data.
        #expect(result.levels == [0.001, 0.01, 0.1, 1, 10, 100, 1000, 10_000, 100_000])
    }

    @Test func levelsOverFewDecadesUseOneTwoFive() {
        let values = (0...100).map { 1 + 999 * pow(Double($0) / 100, 4) }  // 1 … 1000, skewed low
        let result = Contours.levels(for: values, targetCount: 10)
        #expect(result.logarithmic)
        #expect(result.levels == [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000])
    }

    @Test func levelsOfSignedValuesAreLinear() {
        let result = Contours.levels(for: [-4, -1, 0, 2, 4], targetCount: 8)
        #expect(!result.logarithmic)
        #expect(result.levels == [-4, -3, -2, -1, 0, 1, 2, 3, 4])
    }

    @Test func bandsFollowTheLevels() {
        let levels = [0.0, 1, 2, 4]
        #expect(Contours.band(of: -1, levels: levels) == 0)
        #expect(Contours.band(of: 0.5, levels: levels) == 0)
        #expect(Contours.band(of: 1, levels: levels) == 1)
        #expect(Contours.band(of: 3.9, levels: levels) == 2)
        #expect(Contours.band(of: 100, levels: levels) == 2)
    }

    @Test func bandPixelsColourByLevelAndLeaveNaNTransparent() {
        let mark = ContourMark(grid: bowl(nanCorner: true), levels: [0, 2, 4, 8])
        // 8 × 8 pixels over [−2, 2]²: pixel centres at x = −1.75 + 0.5·column, y = 1.75 − 0.5·row.
        let pixels = Contours.bandPixels(mark, width: 8, height: 8, dataX: { -2 + $0 * 0.5 }, dataY: { 2 - $0 * 0.5 })
        #expect(pixels.count == 64)
        #expect(pixels[3 * 8 + 3] == mark.bandColor(0).premultipliedARGB)  // (−0.25, 0.25): 0.125
        #expect(pixels[3 * 8 + 0] == mark.bandColor(1).premultipliedARGB)  // (−1.75, 0.25): 3.125
        #expect(pixels[0 * 8 + 0] == mark.bandColor(2).premultipliedARGB)  // (−1.75, 1.75): 6.125
        #expect(pixels[0 * 8 + 7] == 0)                                     // (1.75, 1.75): masked
    }

    @Test func viridisGetsLighterFromStartToEnd() {
        let lightness = (0...10).map { Oklab(Colormap.viridis.color(at: Double($0) / 10)).l }
        #expect(zip(lightness, lightness.dropFirst()).allSatisfy { $0 < $1 })
        // The ends are viridis' own ends (up to the Oklab round trip).
        for (fraction, hex) in [(0.0, UInt32(0x440154)), (1.0, 0xFDE725)] {
            let color = Colormap.viridis.color(at: fraction), expected = Color(hex: hex)
            #expect(abs(color.red - expected.red) + abs(color.green - expected.green) + abs(color.blue - expected.blue) < 1e-6)
        }
    }
}
