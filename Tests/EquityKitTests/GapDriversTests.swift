import Testing
@testable import EquityKit

@Suite struct GapDriversTests {
    static func randomSection(seed: UInt64, n: Int) -> (values: [Double], weights: [Double]) {
        var rng = SplitMix64(seed: seed)
        var values: [Double] = [], weights: [Double] = []
        for _ in 0..<n {
            let u = rng.unit()
            weights.append(Double(1 + Int(u * u * 2500)))
            values.append(Double(rng.int(2_000...9_000)) / Double(rng.int(300...1_200)) * (rng.int(0...49) == 0 ? 3 : 1))
        }
        return (values, weights)
    }

    @Test(arguments: [4 as UInt64, 64, 1999])
    func sharesSumToOneAndLeaveOneOutMatchesRecomputation(seed: UInt64) throws {
        let (values, weights) = Self.randomSection(seed: seed, n: 300)
        let drivers = try #require(GapDrivers.all(values: values, weights: weights, schoolIndices: values.indices.map { $0 + 100 }))
        #expect(drivers.count == values.count)
        #expect(abs(drivers.map(\.varianceShare).reduce(0, +) - 1) < 1e-12)
        let mean = zip(values, weights).map(*).reduce(0, +) / weights.reduce(0, +)
        for (i, d) in drivers.enumerated() {
            #expect(d.school == i + 100)
            #expect(d.belowMean == (values[i] < mean))
            // From scratch without school i, by the Float80 textbook formula.
            var v = values, w = weights
            v.remove(at: i); w.remove(at: i)
            let scratch = referenceWeightedCV(values: v, weights: w)!
            #expect(isClose(d.leaveOneOutCV.value, scratch, relative: 1e-12), "school \(i)")
        }
    }

    @Test func handExample() throws {
        // X = 1, 2, 3, 6 with equal weights: X̄ = 3, d = −2, −1, 0, 3, SS = 4 + 1 + 0 + 9 = 14.
        let drivers = try #require(GapDrivers.all(values: [1, 2, 3, 6], weights: [1, 1, 1, 1], schoolIndices: [0, 1, 2, 3]))
        #expect(isClose(drivers[0].varianceShare, 4.0 / 14, relative: 1e-15))
        #expect(isClose(drivers[1].varianceShare, 1.0 / 14, relative: 1e-15))
        #expect(drivers[2].varianceShare == 0)
        #expect(isClose(drivers[3].varianceShare, 9.0 / 14, relative: 1e-15))
        #expect(drivers.map(\.belowMean) == [true, true, false, false])
        // Without 6: {1, 2, 3}, mean 2, variance 2/3 → CV √(2/3)/2.
        #expect(isClose(drivers[3].leaveOneOutCV.value, (2.0 / 3).squareRoot() / 2, relative: 1e-14))
        // Without 1: {2, 3, 6}, mean 11/3, variance (25 + 4 + 49)/27 = 78/27 → CV √(78/27)/(11/3).
        #expect(isClose(drivers[0].leaveOneOutCV.value, (78.0 / 27).squareRoot() / (11.0 / 3), relative: 1e-14))
    }

    /// Leaving one of two schools leaves a single school: its CV is 0 by the formula.
    @Test func leaveOneOutOfTwoSchoolsIsZero() throws {
        // Indicator values 0.1 and 0.7, students 37 and 45.
        let drivers = try #require(GapDrivers.all(values: [0.1, 0.7], weights: [37, 45], schoolIndices: [0, 1]))
        for d in drivers {
            #expect(isClose(d.leaveOneOutCV.value, 0, relative: 1e-12), "school \(d.school): \(d.leaveOneOutCV)")
        }
    }

    /// Two schools at exactly 7.5 m²/student and one at 12.3: without the third, the CV is exactly 0.
    @Test func leaveOneOutWhenTheRestAreEqual() throws {
        let values = [7.5, 7.5, 12.3], weights = [600.0, 800, 450]
        let drivers = try #require(GapDrivers.all(values: values, weights: weights, schoolIndices: [0, 1, 2]))
        #expect(isClose(drivers[2].leaveOneOutCV.value, 0, relative: 1e-12), "\(drivers[2].leaveOneOutCV)")
        // The others: recomputed from scratch.
        #expect(isClose(drivers[0].leaveOneOutCV.value, referenceWeightedCV(values: [7.5, 12.3], weights: [800, 450])!, relative: 1e-12))
        #expect(isClose(drivers[1].leaveOneOutCV.value, referenceWeightedCV(values: [7.5, 12.3], weights: [600, 450])!, relative: 1e-12))
    }

    @Test func topReturnsLargestSharesInOrder() throws {
        let (values, weights) = Self.randomSection(seed: 321, n: 500)
        let indices = Array(values.indices)
        let all = try #require(GapDrivers.all(values: values, weights: weights, schoolIndices: indices))
        let sorted = all.sorted { $0.varianceShare > $1.varianceShare }
        let top = GapDrivers.top(7, values: values, weights: weights, schoolIndices: indices)
        #expect(top.count == 7)
        #expect(top.map(\.school) == sorted.prefix(7).map(\.school))
        #expect(zip(top, top.dropFirst()).allSatisfy { $0.varianceShare >= $1.varianceShare })
        #expect(top.first?.varianceShare == all.map(\.varianceShare).max())
        // More than available → all, ordered; 0 → none.
        #expect(GapDrivers.top(10, values: [1, 2, 3, 6], weights: [1, 1, 1, 1], schoolIndices: [0, 1, 2, 3]).map(\.school) == [3, 0, 1, 2])
        #expect(GapDrivers.top(0, values: values, weights: weights, schoolIndices: indices).isEmpty)
    }

    @Test func noVariationOrNoSchools() {
        #expect(GapDrivers.all(values: [4, 4, 4], weights: [1, 2, 3], schoolIndices: [0, 1, 2]) == nil)
        #expect(GapDrivers.all(values: [], weights: [], schoolIndices: []) == nil)
        #expect(GapDrivers.top(3, values: [4, 4], weights: [1, 2], schoolIndices: [0, 1]).isEmpty)
    }
}
