import Foundation
import Testing
@testable import EquityKit

@Suite struct TheilDecompositionTests {
    static let names = ["城区", "镇区", "乡村"]

    /// Direct formula T = Σ (P_i/P)(X_i/X̄) ln(X_i/X̄) in extended precision (0·ln 0 = 0).
    static func directTheil(values: [Double], weights: [Double]) -> Double {
        var p: Wide = 0, px: Wide = 0
        for i in values.indices { p += Wide(weights[i]); px += Wide(weights[i]) * Wide(values[i]) }
        let mean = px / p
        var t: Wide = 0
        for i in values.indices where values[i] > 0 {
            let r = Wide(values[i]) / mean
            t += Wide(weights[i]) / p * r * Wide(log(Double(r)))
        }
        return Double(t)
    }

    @Test func twoGroupsByHand() throws {
        // Group 城区: X = 1, 3 (P = 1, 1), mean 2. Group 乡村: X = 4 (P = 2), mean 4. Overall P = 4, X̄ = 12/4 = 3.
        // T   = ¼·⅓·ln⅓ + ¼·1·ln1 + ½·(4/3)·ln(4/3) = (4/3)ln2 − (3/4)ln3
        // s_城 = 4/12 = 1/3, s_乡 = 8/12 = 2/3 (resource shares)
        // between = ⅓ ln(2/3) + ⅔ ln(4/3); T_城 = ½·½·ln½ + ½·(3/2)·ln(3/2); within = ⅓·T_城 = −ln2/12 + ln(3/2)/4
        let t = TheilDecomposition(values: [1, 4, 3], weights: [1, 2, 1], groups: [0, 2, 0], groupNames: Self.names)
        let total = 4.0 / 3 * log(2.0) - 0.75 * log(3.0)          // 0.1002370242455114
        let between = log(2.0 / 3) / 3 + 2 * log(4.0 / 3) / 3       // 0.056633012265132426
        let within = -log(2.0) / 12 + log(1.5) / 4                  // 0.04360401198037899
        #expect(isClose(t.total.value, total, relative: 1e-14))
        #expect(isClose(t.between.value, between, relative: 1e-14))
        #expect(isClose(t.within.value, within, relative: 1e-14))
        // Groups: the empty 镇区 is omitted; means, students, shares, own Theil.
        #expect(t.groups.map(\.group) == ["城区", "乡村"])
        let urban = try #require(t.groups.first)
        #expect(urban.students == 2 && urban.mean == .value(2))
        #expect(isClose(urban.resourceShare.value, 1.0 / 3, relative: 1e-15))
        #expect(isClose(urban.theil.value, -0.25 * log(2.0) + 0.75 * log(1.5), relative: 1e-14))
        let rural = try #require(t.groups.last)
        #expect(rural.students == 2 && rural.mean == .value(4) && rural.theil == .value(0))
        #expect(isClose(rural.resourceShare.value, 2.0 / 3, relative: 1e-15))
    }

    @Test(arguments: [2 as UInt64, 31, 500, 8080])
    func totalEqualsBetweenPlusWithin(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let n = 3 + rng.int(0...600)
        var values: [Double] = [], weights: [Double] = [], groups: [Int] = []
        for _ in 0..<n {
            let g = rng.int(0...2)
            groups.append(g)
            // Group-dependent level so the between part is not negligible; occasional zeros.
            values.append(rng.int(0...30) == 0 ? 0 : (1 + Double(g)) * (1 + 9 * rng.unit()))
            weights.append(Double(rng.int(1...2000)))
        }
        let t = TheilDecomposition(values: values, weights: weights, groups: groups, groupNames: Self.names)
        let total = t.total.value!, between = t.between.value!, within = t.within.value!
        #expect(abs(total - (between + within)) <= 1e-12 * total)
        #expect(isClose(total, Self.directTheil(values: values, weights: weights), relative: 1e-12))
        #expect(between > 0 && within > 0)
        // Resource shares sum to 1.
        #expect(abs(t.groups.compactMap(\.resourceShare.value).reduce(0, +) - 1) < 1e-14)
        // Each group's Theil agrees with the direct formula on its own members.
        for (g, name) in Self.names.enumerated() {
            let idx = values.indices.filter { groups[$0] == g }
            guard !idx.isEmpty, let group = t.groups.first(where: { $0.group == name }) else { continue }
            let direct = Self.directTheil(values: idx.map { values[$0] }, weights: idx.map { weights[$0] })
            #expect(isClose(group.theil.value, direct, relative: 1e-12))
        }
    }

    @Test func singleGroupHasNoBetweenPart() {
        let t = TheilDecomposition(values: [2, 5, 9], weights: [10, 20, 30], groups: [1, 1, 1], groupNames: Self.names)
        #expect(isClose(t.between.value, 0, relative: 1e-15))
        #expect(isClose(t.within.value, t.total.value!, relative: 1e-14))
    }

    @Test func undefinedCases() {
        let none = TheilDecomposition(values: [], weights: [], groups: [], groupNames: Self.names)
        #expect(none.total == .undefined(.noSchools))
        #expect(none.between == .undefined(.noSchools) && none.within == .undefined(.noSchools))
        #expect(none.groups.isEmpty)
        let zero = TheilDecomposition(values: [0, 0], weights: [3, 4], groups: [0, 1], groupNames: Self.names)
        #expect(zero.total == .undefined(.zeroMean))
        #expect(zero.between == .undefined(.zeroMean) && zero.within == .undefined(.zeroMean))
        #expect(TheilDecomposition.theil(values: [7, 7], weights: [1, 9]) == .value(0))
    }
}
