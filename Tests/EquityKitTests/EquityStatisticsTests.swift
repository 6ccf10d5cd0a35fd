import Testing
@testable import EquityKit

@Suite struct EquityStatisticsTests {
    static let names = ["城区", "镇区", "乡村"]

    /// Values 2, 4, 6, 8, 10 with students 3, 22, 40, 25, 10 (P = 100), given in shuffled order.
    static func handExample() -> EquityStatistics {
        EquityStatistics(values: [6, 10, 2, 8, 4], weights: [40, 10, 3, 25, 22],
                         groups: [0, 0, 1, 2, 2], groupNames: names)
    }

    @Test func rangesAndPercentilesByHand() {
        let s = Self.handExample()
        #expect(s.minimum == .value(2))
        #expect(s.maximum == .value(10))
        #expect(s.range == .value(8))
        // Cumulative 3, 25, 65, 90, 100: P5 → first cumulative ≥ 5 is 25 → 4; P95 → 100 → 10; median → 65 → 6.
        #expect(s.p5 == .value(4))
        #expect(s.p95 == .value(10))
        #expect(s.median == .value(6))
        #expect(s.restrictedRange == .value(6))
        #expect(s.federalRangeRatio == .value(1.5)) // (10 − 4) / 4
    }

    @Test func mcLooneAndVerstegenByHand() {
        let s = Self.handExample()
        // McLoone: below M = 6 are 2 (×3) and 4 (×22): (6 + 88) / (6 · 25) = 94/150 = 47/75.
        #expect(isClose(s.mcLoone.value, 47.0 / 75, relative: 1e-15))
        // Verstegen: above 6 are 8 (×25) and 10 (×10): (200 + 100) / (6 · 35) = 300/210 = 10/7.
        #expect(isClose(s.verstegen.value, 10.0 / 7, relative: 1e-15))
        // Gini: python Fraction ΣΣ P_i P_j |x_i−x_j| / (2 P² μ), μ = 317/50 → 5341/31700.
        #expect(isClose(s.gini.value, 5341.0 / 31700, relative: 1e-14))
    }

    @Test func equalValues() {
        let s = EquityStatistics(values: [5, 5, 5], weights: [1, 2, 3], groups: [0, 1, 2], groupNames: Self.names)
        #expect(s.range == .value(0))
        #expect(s.federalRangeRatio == .value(0))
        // Nobody below or above the median: 1 by definition.
        #expect(s.mcLoone == .value(1))
        #expect(s.verstegen == .value(1))
        #expect(s.gini == .value(0))
        #expect(s.theil.total == .value(0))
    }

    @Test func federalRangeRatioUndefinedWhenP5IsZero() {
        // 10 of 100 students at 0 → P5 = 0.
        let s = EquityStatistics(values: [0, 3, 5], weights: [10, 40, 50], groups: [0, 0, 0], groupNames: Self.names)
        #expect(s.p5 == .value(0))
        #expect(s.p95 == .value(5))
        #expect(s.restrictedRange == .value(5))
        #expect(s.federalRangeRatio == .undefined(.zeroReference))
        // Median 3: McLoone over the 0-valued students = 0/(3·10) = 0; Verstegen 5/3.
        #expect(s.mcLoone == .value(0))
        #expect(isClose(s.verstegen.value, 5.0 / 3, relative: 1e-15))
    }

    @Test func medianZeroMakesMedianRatiosUndefined() {
        let s = EquityStatistics(values: [0, 0, 4], weights: [30, 30, 40], groups: [0, 0, 0], groupNames: Self.names)
        #expect(s.median == .value(0))
        #expect(s.mcLoone == .undefined(.zeroReference))
        #expect(s.verstegen == .undefined(.zeroReference))
    }

    @Test func noSchools() {
        let s = EquityStatistics(values: [], weights: [], groups: [], groupNames: Self.names)
        for stat in [s.minimum, s.maximum, s.range, s.p5, s.p95, s.restrictedRange, s.federalRangeRatio,
                     s.median, s.mcLoone, s.verstegen, s.gini] {
            #expect(stat == .undefined(.noSchools))
        }
        #expect(s.theil.total == .undefined(.noSchools))
    }

    @Test func mcLooneAgainstIndependentLoop() {
        // Random data: McLoone/Verstegen recomputed from the expanded-weight median and plain sums.
        var rng = SplitMix64(seed: 77)
        var values: [Double] = [], weights: [Double] = []
        for _ in 0..<301 { values.append(Double(rng.int(10...90))); weights.append(Double(rng.int(1...50))) }
        let s = EquityStatistics(values: values, weights: weights, groups: values.map { _ in 0 }, groupNames: Self.names)
        var expanded: [Double] = []
        for (v, w) in zip(values, weights) { expanded += Array(repeating: v, count: Int(w)) }
        expanded.sort()
        let m = expanded[(expanded.count + 1) / 2 - 1] // ⌈P/2⌉-th student
        #expect(s.median == .value(m))
        let below = zip(values, weights).filter { $0.0 < m }
        let above = zip(values, weights).filter { $0.0 > m }
        let mcLoone = below.map { $0.0 * $0.1 }.reduce(0, +) / (m * below.map(\.1).reduce(0, +))
        let verstegen = above.map { $0.0 * $0.1 }.reduce(0, +) / (m * above.map(\.1).reduce(0, +))
        #expect(isClose(s.mcLoone.value, mcLoone, relative: 1e-13))
        #expect(isClose(s.verstegen.value, verstegen, relative: 1e-13))
        #expect(s.mcLoone.value! < 1 && s.verstegen.value! > 1)
    }
}
