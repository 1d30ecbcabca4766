import Testing
@testable import Charts

@Suite struct TicksTests {
    @Test(arguments: [
        (0.0, 1.0, 5, 0.2), (0.0, 10.0, 4, 2.5), (0.0, 30.0, 6, 5.0),
        (-3.0, 3.0, 6, 1.0), (0.0, 0.003, 6, 0.0005), (0.0, 7e8, 7, 1e8),
    ])
    func stepsAreNiceNumbers(lower: Double, upper: Double, target: Int, expected: Double) {
        #expect(abs(Ticks.niceStep(span: upper - lower, targetCount: target) - expected) <= expected * 1e-12)
    }

    @Test func countsTickOnWholeNumbers() {
        #expect(Ticks.linear(from: 0, to: 20, targetCount: 8, integers: true).map(\.value) == [0, 5, 10, 15, 20])
        #expect(Ticks.linear(from: 0, to: 3, targetCount: 10, integers: true).map(\.value) == [0, 1, 2, 3])
        #expect(Ticks.linear(from: 0, to: 250, targetCount: 10, integers: true).map(\.value) == stride(from: 0.0, through: 250, by: 25).map { $0 })
    }

    @Test func linearTicksCoverTheRangeWithoutFloatNoise() {
        let ticks = Ticks.linear(from: 0, to: 1, targetCount: 10)
        #expect(ticks.map(\.label.markup) == ["0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1.0"])
    }

    @Test func negativeTicksUseATrueMinusAndNoNegativeZero() {
        let ticks = Ticks.linear(from: -1, to: 1, targetCount: 4)
        #expect(ticks.map(\.label.markup) == ["−1.0", "−0.5", "0", "0.5", "1.0"])
    }

    @Test func tinyAndHugeValuesUsePowersOfTen() {
        #expect(Ticks.linear(from: 0, to: 3e-5, targetCount: 3).map(\.label.markup) == ["0", "1×10⁻⁵", "2×10⁻⁵", "3×10⁻⁵"])
        #expect(Ticks.linear(from: 0, to: 4e6, targetCount: 4).map(\.label.markup) == ["0", "1×10⁶", "2×10⁶", "3×10⁶", "4×10⁶"])
    }

    @Test func anAxisSharesOnePowerOfTen() {
        // From −1.1×10⁶ to 0: every label in millions, not "−800000" beside "−10×10⁵".
        #expect(Ticks.linear(from: -1.1e6, to: 0, targetCount: 6).map(\.label.markup)
            == ["−1.0×10⁶", "−0.8×10⁶", "−0.6×10⁶", "−0.4×10⁶", "−0.2×10⁶", "0"])
    }

    @Test func aZeroWidthRangeGivesOneTick() {
        #expect(Ticks.linear(from: 2, to: 2).map(\.value) == [2])
    }

    @Test func logTicksArePowersOfTenWithMinorTicksBetween() {
        let ticks = Ticks.log(from: 1e-3, to: 10)
        #expect(ticks.filter(\.isMajor).map(\.label.markup) == ["10⁻³", "10⁻²", "10⁻¹", "10⁰", "10¹"])
        #expect(ticks.filter { !$0.isMajor }.count == 4 * 8)
    }

    @Test func logTicksOverManyDecadesLabelEveryFewDecades() {
        let labelled = Ticks.log(from: 1e-12, to: 10).filter(\.isMajor).map(\.value)
        #expect(labelled == [1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 1].map { $0 })
    }

    @Test func logTicksWithOnlyOneOfOneTwoFiveLabelEveryMultiple() {
        // 0.3 to 0.9 holds 5×10⁻¹ only: every multiple is labelled.
        let labels = Ticks.log(from: 0.3, to: 0.9).filter { !$0.label.isEmpty }.map(\.label.markup)
        #expect(labels == ["3×10⁻¹", "4×10⁻¹", "5×10⁻¹", "6×10⁻¹", "7×10⁻¹", "8×10⁻¹", "9×10⁻¹"])
    }

    @Test func aLogRangeNarrowerThanAMultipleGetsLinearSteps() {
        let labels = Ticks.log(from: 0.11, to: 0.16).filter { !$0.label.isEmpty }.map(\.label.markup)
        #expect(labels == ["0.12", "0.14", "0.16"])
    }

    @Test func logTicksWithinOneDecadeLabelTwoAndFive() {
        let labels = Ticks.log(from: 1.5, to: 9).filter { !$0.label.isEmpty }.map(\.label.markup)
        #expect(labels == ["2×10⁰", "5×10⁰"])
    }
}
