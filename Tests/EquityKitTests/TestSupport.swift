import Testing
@testable import EquityKit

// Shared helpers for the EquityKit tests. Reference values are computed here by methods
// independent of EquityKit's own (Float80 textbook formulas, O(n²) pairwise sums, expansion).

/// |actual − expected| ≤ tolerance · |expected| (or ≤ tolerance when expected is 0).
func isClose(_ actual: Double?, _ expected: Double, relative tolerance: Double) -> Bool {
    guard let actual, actual.isFinite else { return false }
    if expected == 0 { return abs(actual) <= tolerance }
    return abs(actual - expected) <= tolerance * abs(expected)
}

/// SplitMix64: a tiny seeded generator, reproducible in Python (see DifferenceCoefficientTests).
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1) with 53 random bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }
}

/// Textbook weighted CV in extended precision (Float80 on x86; the type with the widest significand elsewhere):
/// X̄ = ΣPX/ΣP, S = √(ΣP(X−X̄)²/ΣP), CV = S/X̄. Plain loops, no compensation — a different algorithm.
#if arch(x86_64) || arch(i386)
typealias Wide = Float80
#else
typealias Wide = Double
#endif

func referenceWeightedCV(values: [Double], weights: [Double]) -> Double? {
    var p: Wide = 0, px: Wide = 0
    for i in values.indices { p += Wide(weights[i]); px += Wide(weights[i]) * Wide(values[i]) }
    guard p > 0 else { return nil }
    let mean = px / p
    guard mean != 0 else { return nil }
    var ss: Wide = 0
    for i in values.indices { let d = Wide(values[i]) - mean; ss += Wide(weights[i]) * d * d }
    return Double((ss / p).squareRoot() / mean)
}

/// Builds a `Quantities` from a dictionary.
func quantities(_ pairs: [Quantity: Double]) -> Quantities {
    var q = Quantities()
    for (k, v) in pairs { q[k] = v }
    return q
}

/// A single-section record.
func record(row: Int, code: String, type: SchoolType = .primary, section: Section, location: Location = .urban,
            parent: String? = nil, students: Int, _ q: [Quantity: Double]) -> StatisticsRecord {
    StatisticsRecord(row: row, schoolCode: code, schoolName: "学校\(code)", schoolType: type,
                     section: .single(section), location: location, parentSchoolCode: parent,
                     students: students, quantities: quantities(q))
}

/// youzhi-2017 quantities for 1000 students exactly at the requirement (standards.md §1.1 table × 1000 / unit).
/// 小学: 4.2, 1.0, 0.9 per 100 → 42, 10, 9 teachers; 4.5, 7.5 m² → 4500, 7500 m²; 2000 yuan → 2,000,000; 2.3 per 100 → 23 rooms.
/// 初中: 5.3, 1.0, 0.9 per 100 → 53, 10, 9; 5.8, 10.2 m² → 5800, 10200; 2500 yuan → 2,500,000; 2.4 per 100 → 24.
func youzhiAtRequirement(_ section: Section, scale: Double = 1) -> [Quantity: Double] {
    let base: [Quantity: Double] = section == .primary
        ? [.degreeTeachers: 42, .backboneTeachers: 10, .peArtTeachers: 9, .teachingAuxArea: 4500,
           .sportsArea: 7500, .equipmentValue: 2_000_000, .multimediaClassrooms: 23]
        : [.degreeTeachers: 53, .backboneTeachers: 10, .peArtTeachers: 9, .teachingAuxArea: 5800,
           .sportsArea: 10200, .equipmentValue: 2_500_000, .multimediaClassrooms: 24]
    return base.mapValues { $0 * scale }
}
