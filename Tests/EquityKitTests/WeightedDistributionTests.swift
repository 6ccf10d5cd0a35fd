import Testing
@testable import EquityKit

@Suite struct WeightedDistributionTests {
    /// The definition applied literally: repeat each value `weight` times, sort, take the ⌈q·P⌉-th
    /// (1-based; the first for q = 0), with q = numerator/100 so ⌈·⌉ is computed in exact integers.
    static func expandedQuantile(values: [Double], weights: [Int], percent: Int) -> Double {
        var expanded: [Double] = []
        for (v, w) in zip(values, weights) { expanded += Array(repeating: v, count: w) }
        expanded.sort()
        let p = expanded.count
        let rank = max(1, (percent * p + 99) / 100) // ⌈percent·P/100⌉
        return expanded[rank - 1]
    }

    @Test(arguments: [3 as UInt64, 17, 256, 9001])
    func quantilesMatchExpandedIntegerWeights(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let n = 1 + rng.int(0...250)
        var values: [Double] = [], weights: [Int] = []
        for _ in 0..<n {
            // Few distinct values so ties are common; some zero weights (dropped by the distribution).
            values.append(Double(rng.int(0...40)) * 0.25)
            weights.append(rng.int(0...20))
        }
        if weights.allSatisfy({ $0 == 0 }) { weights[0] = 1 }
        let d = WeightedDistribution(values: values, weights: weights.map(Double.init))
        for percent in [0, 1, 5, 10, 25, 33, 50, 67, 75, 90, 95, 99, 100] {
            let expected = Self.expandedQuantile(values: values, weights: weights, percent: percent)
            #expect(d.quantile(Double(percent) / 100) == expected, "q = \(percent)%")
        }
        #expect(d.median == Self.expandedQuantile(values: values, weights: weights, percent: 50))
    }

    @Test func quantileByHand() {
        // Sorted values 2, 4, 6, 8, 10 with weights 3, 22, 40, 25, 10: cumulative 3, 25, 65, 90, 100.
        // (Given shuffled, to exercise the sort.)
        let d = WeightedDistribution(values: [8, 2, 10, 6, 4], weights: [25, 3, 10, 40, 22])
        #expect(d.values == [2, 4, 6, 8, 10])
        #expect(d.weights == [3, 22, 40, 25, 10])
        #expect(d.cumulative == [3, 25, 65, 90, 100])
        #expect(d.totalWeight == 100)
        #expect(d.quantile(0.03) == 2)   // cumulative 3 ≥ 3
        #expect(d.quantile(0.05) == 4)   // 3 < 5 ≤ 25
        #expect(d.quantile(0.25) == 4)   // exactly 25 reaches 25
        #expect(d.quantile(0.26) == 6)
        #expect(d.median == 6)           // 50 → cumulative 65
        #expect(d.quantile(0.90) == 8)   // exactly 90
        #expect(d.quantile(0.95) == 10)  // 90 < 95
        #expect(d.quantile(1) == 10)
        #expect(d.quantile(0) == 2)
    }

    @Test func zeroWeightsDroppedAndEmpty() {
        let d = WeightedDistribution(values: [100, 1, 2], weights: [0, 1, 1])
        #expect(d.values == [1, 2])
        #expect(d.quantile(1) == 2) // the zero-weight 100 is not a candidate
        let empty = WeightedDistribution(values: [], weights: [])
        #expect(empty.quantile(0.5) == nil)
        #expect(empty.median == nil)
        #expect(empty.gini() == .undefined(.noSchools))
    }

    /// O(n²) pairwise definition ΣΣ P_i P_j |x_i − x_j| / (2 P² μ), in extended precision.
    static func pairwiseGini(values: [Double], weights: [Double]) -> Double {
        var num: Wide = 0, p: Wide = 0, px: Wide = 0
        for i in values.indices {
            p += Wide(weights[i]); px += Wide(weights[i]) * Wide(values[i])
            for j in values.indices {
                num += Wide(weights[i]) * Wide(weights[j]) * abs(Wide(values[i]) - Wide(values[j]))
            }
        }
        let mu = px / p
        return Double(num / (2 * p * p * mu))
    }

    @Test(arguments: [5 as UInt64, 11, 123, 4567])
    func giniMatchesPairwiseFormula(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let n = 2 + rng.int(0...400)
        var values: [Double] = [], weights: [Double] = []
        for _ in 0..<n {
            values.append(rng.int(0...3) == 0 ? Double(rng.int(1...10)) : 50 * rng.unit() + 1) // with ties
            let u = rng.unit()
            weights.append(Double(1 + Int(u * u * 3000)))
        }
        let g = WeightedDistribution(values: values, weights: weights).gini()
        #expect(isClose(g.value, Self.pairwiseGini(values: values, weights: weights), relative: 1e-12))
    }

    @Test func giniByHand() {
        // 1, 2, 3 equal weights: ΣΣ|x_i−x_j| = 2·(1+2+1) = 8; P = 3, μ = 2 → 8/(2·9·2) = 2/9.
        #expect(isClose(WeightedDistribution(values: [3, 1, 2], weights: [1, 1, 1]).gini().value, 2.0 / 9, relative: 1e-15))
        // 1 (×3), 3 (×1): ΣΣ = 2·3·1·2 = 12; P = 4, μ = 1.5 → 12/48 = 0.25.
        #expect(isClose(WeightedDistribution(values: [1, 3], weights: [3, 1]).gini().value, 0.25, relative: 1e-15))
        // All resource with one of n equal-weight schools: (n−1)/n.
        #expect(isClose(WeightedDistribution(values: [0, 0, 0, 12], weights: [5, 5, 5, 5]).gini().value, 0.75, relative: 1e-15))
    }

    @Test func giniOfEqualValuesIsZero() {
        // Mathematically 0; allow for rounding in the O(n) form (it leaves ~1e-18 here, harmless).
        let g = WeightedDistribution(values: [4.2, 4.2, 4.2, 4.2], weights: [10, 300, 7, 55]).gini().value
        #expect(g.map { abs($0) <= 1e-15 } == true, "\(String(describing: g))")
        #expect(WeightedDistribution(values: [7, 7, 7], weights: [1, 2, 3]).gini() == .value(0))
        #expect(WeightedDistribution(values: [9], weights: [1]).gini() == .value(0))
        #expect(WeightedDistribution(values: [0, 0], weights: [1, 2]).gini() == .undefined(.zeroMean))
    }

    /// The radix sort against the standard library's comparison sort made stable by index: same order of
    /// values and of their weights, for sizes below and above the radix cut-over, ties, negatives, ±0, zero weights.
    @Test(arguments: [1 as UInt64, 2, 3, 4, 5, 6])
    func radixSortMatchesStableComparisonSort(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        for n in [0, 1, 2, 63, 64, 65, 1000, 20_000] {
            var values: [Double] = [], weights: [Double] = []
            for _ in 0..<n {
                switch rng.int(0...5) {
                case 0: values.append(Double(rng.int(0...9)))                        // many ties
                case 1: values.append(-rng.unit() * 1e6)                              // negatives
                case 2: values.append(rng.int(0...1) == 0 ? 0.0 : -0.0)
                case 3: values.append(Double(bitPattern: rng.next() >> 2))            // any magnitude
                default: values.append(rng.unit() * 100)
                }
                weights.append(Double(rng.int(0...3)))
            }
            let got = WeightedDistribution.sortedByValue(values: values, weights: weights)
            let kept = values.indices.filter { weights[$0] > 0 }
            let order = kept.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
            // Equal values in input order; −0 before +0 is the one place the radix order is finer than `<`.
            #expect(got.values.count == order.count)
            #expect(zip(got.values, order.map { values[$0] }).allSatisfy { $0 == $1 }, "n = \(n)")
            let zeroSigns = got.values.filter { $0 == 0 }.map(\.sign)
            #expect(zeroSigns == zeroSigns.sorted { $0 == .minus && $1 == .plus }, "n = \(n)")
            // Weights travel with their values: per distinct value, the same weights in the same order.
            var byValue: [Double: [Double]] = [:], expected: [Double: [Double]] = [:]
            for (v, w) in zip(got.values, got.weights) where v != 0 { byValue[v, default: []].append(w) }
            for i in order where values[i] != 0 { expected[values[i], default: []].append(weights[i]) }
            #expect(byValue == expected, "n = \(n)")
        }
    }
}
