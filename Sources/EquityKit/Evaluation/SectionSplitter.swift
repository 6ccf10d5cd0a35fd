/// Splits 合计 rows of multi-section schools into 小学 and 初中 parts (standards.md §1.1).
///
/// Facilities are shared by student-equivalent weights (九年一贯制 1 : 1.1), people and classes by plain
/// student share, maxima and per-student amounts are copied. A section row of the same school takes
/// precedence over the 合计 row's share. Values keep full precision (no rounding).
public enum SectionSplitter {
    /// The evaluated sections and the 合计 shares replaced by section rows.
    public struct Outcome: Sendable {
        public var sections: [SchoolSection]
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
        sections.reserveCapacity(records.count)
        var superseded: [(Int, String, Section)] = []
        for r in records {
            switch r.section {
            case .single(let s):
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
                    sections.append(SchoolSection(
                        schoolCode: r.schoolCode, schoolName: r.schoolName, schoolType: r.schoolType, section: s,
                        location: r.location, parentSchoolCode: r.parentSchoolCode, students: counts[s],
                        quantities: apportion(r.quantities, to: s, counts: counts, weights: w),
                        sourceRow: r.row, apportioned: true))
                }
            }
        }
        return Outcome(sections: sections, superseded: superseded)
    }

    /// The share of `section` in a combined row's quantities.
    public static func apportion(_ q: Quantities, to section: Section, counts: SectionStudents,
                                 weights w: StudentEquivalentWeights) -> Quantities {
        let n = Double(counts[section])
        let plainTotal = Double(counts.primary + counts.junior + counts.senior)
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

    private struct SectionKey: Hashable {
        var code: String
        var section: Section
    }
}
