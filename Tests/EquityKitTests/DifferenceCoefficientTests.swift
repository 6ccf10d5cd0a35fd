import Testing
@testable import EquityKit

@Suite struct DifferenceCoefficientTests {
    // standards.md §3 worked example.
    static let students: [Double] = [45, 37, 89, 76, 55]
    static let books: [Double] = [279, 137, 935, 160, 402]
    static var booksPerStudent: [Double] { zip(books, students).map { $0 / $1 } }

    @Test func publishedWorkedExampleWeighted() {
        let r = DifferenceCoefficient.weighted(values: Self.booksPerStudent, weights: Self.students)
        let cv = r.cv.value
        // Published: 0.5153 before rounding, 0.52 in the table.
        #expect(cv.map { ($0 * 10_000).rounded() / 10_000 } == 0.5153)
        #expect(cv.map { ($0 * 100).rounded() / 100 } == 0.52)
        // python3: exact Fractions X_i = books_i/students_i, X̄ = Σ P X / P, var = Σ P (X−X̄)²/P,
        // Decimal(var).sqrt()/X̄ at 50 digits → 0.515256629884476453860032714142324…
        #expect(isClose(cv, 0.51525662988447645386, relative: 1e-12))
        // The weighted mean is total books / total students = 1913/302 (Fraction).
        #expect(isClose(r.mean.value, 1913.0 / 302.0, relative: 1e-15))
        // Independent Float80 textbook formula agrees too.
        #expect(isClose(cv, referenceWeightedCV(values: Self.booksPerStudent, weights: Self.students)!, relative: 1e-13))
        // S = CV · X̄.
        #expect(isClose(r.standardDeviation.value, 0.51525662988447645386 * 1913.0 / 302.0, relative: 1e-12))
    }

    @Test func publishedWorkedExampleUnweighted() {
        let r = DifferenceCoefficient.unweighted(values: Self.booksPerStudent)
        #expect(r.cv.value.map { ($0 * 10_000).rounded() / 10_000 } == 0.4888)
        // Same python computation with all weights 1 → 0.488770681605017152272444338751…
        #expect(isClose(r.cv.value, 0.48877068160501715227, relative: 1e-12))
        // The weighted and unweighted CVs are genuinely different numbers.
        let w = DifferenceCoefficient.weighted(values: Self.booksPerStudent, weights: Self.students)
        #expect(abs(w.cv.value! - r.cv.value!) > 0.02)
    }

    /// Seeded generator identical to this Python (SplitMix64, u = (z >> 11)·2⁻⁵³):
    ///   students = 1 + int(u*u*u*u*4000); base = next()%60 + 5; extra = next() % (students*10+1)
    ///   value = float(students*base + extra) / float(students)
    static func randomCounty(seed: UInt64, schools: Int) -> (values: [Double], weights: [Double]) {
        var rng = SplitMix64(seed: seed)
        var values: [Double] = [], weights: [Double] = []
        for _ in 0..<schools {
            let u = rng.unit()
            let students = 1 + Int(u * u * u * u * 4000) // heavily skewed: most schools small, few large
            let base = rng.next() % 60 + 5
            let extra = rng.next() % UInt64(students * 10 + 1)
            let books = UInt64(students) * base + extra
            values.append(Double(books) / Double(students))
            weights.append(Double(students))
        }
        return (values, weights)
    }

    @Test func tenThousandSchoolsAgainstExactRational() {
        let (values, weights) = Self.randomCounty(seed: 20_250_917, schools: 10_000)
        // The generator matches the Python one (first three schools printed by python3).
        #expect(Array(values.prefix(3)) == [28.0, 11.136363636363637, 66.97223599405056])
        #expect(Array(weights.prefix(3)) == [1, 44, 2017])
        #expect(weights.reduce(0, +) == 7_980_108)
        #expect(weights.min() == 1 && weights.max() == 3995)
        let r = DifferenceCoefficient.weighted(values: values, weights: weights)
        // python3: Fraction(value) for each double, exact weighted mean/variance, Decimal sqrt (40 digits):
        // CV = 0.4484114850489808438956380803397576940020, X̄ = 39.23661396562552790694584596624670694426
        #expect(isClose(r.cv.value, 0.44841148504898084390, relative: 1e-9))
        #expect(isClose(r.cv.value, 0.44841148504898084390, relative: 1e-13)) // much tighter than required
        #expect(isClose(r.mean.value, 39.236613965625527907, relative: 1e-13))
    }

    @Test(arguments: [1 as UInt64, 7, 42, 2024, 99_991])
    func randomCountiesAgainstFloat80(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let n = 2_000 + rng.int(0...8_000)
        var values: [Double] = [], weights: [Double] = []
        for _ in 0..<n {
            let u = rng.unit()
            weights.append(Double(1 + Int(u * u * u * 5000)))
            // Values around 1e3 with a spread so the CV is moderate, plus rare outliers.
            let outlier = rng.int(0...99) == 0 ? 8.0 : 1.0
            values.append((800 + 400 * rng.unit()) * outlier)
        }
        let cv = DifferenceCoefficient.weighted(values: values, weights: weights).cv.value
        let ref = referenceWeightedCV(values: values, weights: weights)!
        #expect(isClose(cv, ref, relative: 1e-9))
        #expect(isClose(cv, ref, relative: 1e-12))
    }

    @Test func integerWeightsEqualRepeatedValues() {
        // Weighting by P_i is the same as repeating school i's value P_i times, unweighted.
        let values = [3.5, 8.25, 1.0, 4.0]
        let weights = [3.0, 1.0, 4.0, 2.0]
        var expanded: [Double] = []
        for (v, w) in zip(values, weights) { expanded += Array(repeating: v, count: Int(w)) }
        let a = DifferenceCoefficient.weighted(values: values, weights: weights)
        let b = DifferenceCoefficient.unweighted(values: expanded)
        #expect(isClose(a.cv.value, b.cv.value!, relative: 1e-14))
        // By hand: X̄ = (10.5 + 8.25 + 4 + 8)/10 = 3.075; deviations 0.425, 5.175, −2.075, 0.925;
        // Σw·d² = 3·0.180625 + 26.780625 + 4·4.305625 + 2·0.855625 = 46.25625; var = 4.625625
        // (python Fraction: 7401/1600); CV = √4.625625 / 3.075.
        #expect(isClose(a.cv.value, (4.625625).squareRoot() / 3.075, relative: 1e-14))
    }

    @Test func undefinedAndDegenerateCases() {
        // Mean 0 → undefined (zero mean), not NaN or 0.
        let zero = DifferenceCoefficient.weighted(values: [0, 0, 0], weights: [10, 20, 30])
        #expect(zero.cv == .undefined(.zeroMean))
        #expect(zero.mean == .value(0))
        // No schools → undefined (no schools) everywhere.
        let none = DifferenceCoefficient.weighted(values: [], weights: [])
        #expect(none.cv == .undefined(.noSchools))
        #expect(none.mean == .undefined(.noSchools))
        #expect(none.standardDeviation == .undefined(.noSchools))
        #expect(DifferenceCoefficient.unweighted(values: []).cv == .undefined(.noSchools))
        // Only zero-weight schools: no students at all.
        #expect(DifferenceCoefficient.weighted(values: [5, 6], weights: [0, 0]).cv == .undefined(.noSchools))
        // One school → CV 0 by the formula.
        let one = DifferenceCoefficient.weighted(values: [12.5], weights: [300])
        #expect(one.cv == .value(0))
        #expect(one.mean == .value(12.5))
        // Equal values → CV 0.
        #expect(DifferenceCoefficient.weighted(values: [7.5, 7.5, 7.5], weights: [1, 50, 900]).cv == .value(0))
    }

    @Test func twoSchoolsByHand() {
        // P = 1, 3; X = 2, 6 → X̄ = 20/4 = 5; S² = (1·9 + 3·1)/4 = 3; CV = √3/5.
        let r = DifferenceCoefficient.weighted(values: [2, 6], weights: [1, 3])
        #expect(r.mean == .value(5))
        #expect(isClose(r.standardDeviation.value, (3.0).squareRoot(), relative: 1e-15))
        #expect(isClose(r.cv.value, (3.0).squareRoot() / 5, relative: 1e-15))
        // Scale invariance: multiplying every value by 100 keeps the CV.
        let scaled = DifferenceCoefficient.weighted(values: [200, 600], weights: [1, 3])
        #expect(isClose(scaled.cv.value, (3.0).squareRoot() / 5, relative: 1e-15))
    }

    @Test func compensatedSumIsAccurate() {
        // 1 + 1e-16 × 10,000: naive summation loses every tiny term; the exact sum is 1 + 1e-12.
        var s = CompensatedSum()
        s.add(1)
        for _ in 0..<10_000 { s.add(1e-16) }
        #expect(isClose(s.value, 1 + 1e-12, relative: 1e-15))
        // Cancellation: 1e20 + 1 − 1e20 = 1.
        var c = CompensatedSum()
        c.add(1e20); c.add(1); c.add(-1e20)
        #expect(c.value == 1)
    }
}
