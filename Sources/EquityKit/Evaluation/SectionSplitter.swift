/// Splits 合计 rows of multi-section schools into 小学 and 初中 parts (standards.md §1.1).
///
/// Facilities are shared by student-equivalent weights (九年一贯制 1 : 1.1), people and classes by plain
/// student share, maxima and per-student amounts are copied. A section row of the same school takes
/// precedence over the 合计 row's share. Values keep full precision (no rounding).
public enum SectionSplitter {
    /// Where a section came from: its record, and its share of that record's people and facilities.
    public struct Origin: Sendable, Equatable {
        public var record: Int
        /// Plain student share (1 for a section row).
        public var plainShare: Double
        /// Student-equivalent share (1 for a section row).
        public var weightedShare: Double
    }

    /// The evaluated sections and the 合计 shares replaced by section rows.
    public struct Outcome: Sendable {
        public var sections: [SchoolSection]
        /// The origin of each of `sections`, in the same order.
        public var origins: [Origin]
        /// (row of the 合计 row, school code, section) whose share a section row replaced.
        public var superseded: [(row: Int, schoolCode: String, section: Section)]
    }

    /// Splits every combined record with `weights`; single-section records pass through.
    public static func split(_ records: [StatisticsRecord], weights: SplitWeights) -> Outcome {
        // Only schools with a 合计 row can have a share replaced, so only their section rows are remembered.
        let combinedCodes = Set(records.lazy.filter { $0.section == .combined }.map(\.schoolCode))
        var given = Set<SectionKey>()
        if !combinedCodes.isEmpty {
            for r in records where combinedCodes.contains(r.schoolCode) {
                if case .single(let s) = r.section { given.insert(SectionKey(code: r.schoolCode, section: s)) }
            }
        }
        var sections: [SchoolSection] = []
        var origins: [Origin] = []
        sections.reserveCapacity(records.count)
        origins.reserveCapacity(records.count)
        var superseded: [(Int, String, Section)] = []
        for (u, r) in records.enumerated() {
            switch r.section {
            case .single(let s):
                origins.append(Origin(record: u, plainShare: 1, weightedShare: 1))
                sections.append(SchoolSection(schoolCode: r.schoolCode, schoolName: r.schoolName, schoolType: r.schoolType,
                                              section: s, location: r.location, parentSchoolCode: r.parentSchoolCode,
                                              students: r.students, quantities: r.quantities, sourceRow: r.row))
            case .combined:
                guard let counts = r.sectionStudents, let w = weights.weights(for: r.schoolType) else { continue }
                for s in Section.allCases where counts[s] > 0 {
                    if given.contains(SectionKey(code: r.schoolCode, section: s)) {
                        superseded.append((r.row, r.schoolCode, s))
                        continue
                    }
                    let share = shares(of: s, counts: counts, weights: w)
                    origins.append(Origin(record: u, plainShare: share.plain, weightedShare: share.weighted))
                    sections.append(SchoolSection(
                        schoolCode: r.schoolCode, schoolName: r.schoolName, schoolType: r.schoolType, section: s,
                        location: r.location, parentSchoolCode: r.parentSchoolCode, students: counts[s],
                        quantities: apportion(r.quantities, to: s, counts: counts, weights: w),
                        sourceRow: r.row, apportioned: true))
                }
            }
        }
        return Outcome(sections: sections, origins: origins, superseded: superseded)
    }

    /// A section's plain and student-equivalent shares of a combined row.
    public static func shares(of section: Section, counts: SectionStudents,
                              weights w: StudentEquivalentWeights) -> (plain: Double, weighted: Double) {
        let n = Double(counts[section])
        let plainTotal = plainTotal(counts)
        let weightedTotal = Double(counts.primary) * w.primary + Double(counts.junior) * w.junior
            + Double(counts.senior) * w.senior
        let sectionWeight = section == .primary ? w.primary : w.junior
        return (plainTotal > 0 ? n / plainTotal : 0, weightedTotal > 0 ? n * sectionWeight / weightedTotal : 0)
    }

    /// The share of `section` in a combined row's quantities. (Operations in the order
    /// `v·n/total` keep results bit-identical to the benchmark's pandas check.)
    public static func apportion(_ q: Quantities, to section: Section, counts: SectionStudents,
                                 weights w: StudentEquivalentWeights) -> Quantities {
        let n = Double(counts[section])
        let plainTotal = plainTotal(counts)
        let weightedTotal = Double(counts.primary) * w.primary + Double(counts.junior) * w.junior
            + Double(counts.senior) * w.senior
        let sectionWeight = section == .primary ? w.primary : w.junior
        var out = Quantities()
        for quantity in Quantity.allCases {
            guard let v = q[quantity] else { continue }
            switch quantity.apportioning {
            case .byStudents: out[quantity] = plainTotal > 0 ? v * n / plainTotal : 0
            case .byWeightedStudents: out[quantity] = weightedTotal > 0 ? v * (n * sectionWeight) / weightedTotal : 0
            case .copied: out[quantity] = v
            }
        }
        return out
    }

    /// All students of a 合计 row, summed in Double: exact below 2^53 (so equal to the Int sum) and never trapping.
    static func plainTotal(_ counts: SectionStudents) -> Double {
        Double(counts.primary) + Double(counts.junior) + Double(counts.senior)
    }

    private struct SectionKey: Hashable {
        var code: String
        var section: Section
    }
}
