import EquityKit
import SafeNumbers

/// One school section's teacher figures derived from the register (the statistics' 专任教师数 … 中级及以上职称数).
public struct SectionFigures: Sendable, Equatable {
    public var key: SectionKey
    /// 专任教师数.
    public var teachers: Int
    /// 高于规定学历教师数.
    public var degreeTeachers: Int
    /// 县级及以上骨干教师数.
    public var backboneTeachers: Int
    /// 体育艺术专任教师数.
    public var peArtTeachers: Int
    /// 持教师资格证教师数.
    public var certifiedTeachers: Int
    /// 完成5年360学时培训教师数.
    public var trainingCompleted: Int
    /// Teachers whose cycle hours are given (the rest are not counted in `trainingCompleted`).
    public var trainingReported: Int
    /// Of `trainingReported`, teachers whose hours came from the training records (the rest from the register column).
    public var trainingFromRecords: Int = 0
    /// 中级及以上职称教师数.
    public var midSeniorTitleTeachers: Int

    /// The figure standing for statistics quantity `q` (nil for quantities the register does not give).
    public subscript(q: Quantity) -> Int? {
        switch q {
        case .teachers: teachers
        case .degreeTeachers: degreeTeachers
        case .backboneTeachers: backboneTeachers
        case .peArtTeachers: peArtTeachers
        case .certifiedTeachers: certifiedTeachers
        case .midSeniorTitleTeachers: midSeniorTitleTeachers
        default: nil
        }
    }

    /// The statistics quantities the register derives, in the template's order.
    public static let quantities: [Quantity] = [.teachers, .degreeTeachers, .backboneTeachers, .peArtTeachers,
                                                .midSeniorTitleTeachers, .certifiedTeachers]
}

/// A derived figure that differs from the statistics file, at the statistics row's grain (a 合计 row is compared with
/// the sum of its sections).
public struct FigureDifference: Sendable, Equatable {
    public enum Kind: String, Sendable { case differs, schoolNotInRegister = "school_not_in_register", schoolNotInStatistics = "school_not_in_statistics" }
    public var kind: Kind
    /// Statistics row (0 when the school is only in the register).
    public var row: Int
    public var schoolCode: String
    /// 小学 / 初中 / 合计.
    public var section: String
    /// The statistics column key (`teachers`, `teachers_above_required_degree`, …; "" for a whole school).
    public var field: String
    public var statistics: Double?
    public var derived: Int?
}

/// What the register gives beside what the statistics file says.
public struct FigureComparison: Sendable {
    public var figures: [SectionFigures]
    public var differences: [FigureDifference]
}

/// Derives the teacher figures from the register and compares them with a statistics snapshot.
public enum TeacherFigures {
    /// Per school section, sorted by school code then section. 完成360学时 counts from `training` (the records where
    /// the county keeps them for a teacher in the cycle, else the register's column).
    public static func derive(_ register: TeacherRegister, rules: DerivationRules = TeacherRules.builtIn.derivation,
                              training: TrainingHours = .registerOnly) -> [SectionFigures] {
        register.bySection.map { key, ts in
            func n(_ p: (TeacherRecord) -> Bool) -> Int { ts.reduce(0) { $0 + (p($1) ? 1 : 0) } }
            return SectionFigures(key: key, teachers: ts.count, degreeTeachers: n(rules.aboveRequiredDegree),
                                  backboneTeachers: n(rules.isBackbone), peArtTeachers: n(rules.isPEArt),
                                  certifiedTeachers: n(rules.isCertified),
                                  trainingCompleted: n { training.completed($0, required: rules.trainingCycleHours) },
                                  trainingReported: n { training.hours($0).source != .none },
                                  trainingFromRecords: n { training.hours($0).source == .records },
                                  midSeniorTitleTeachers: n(rules.isMidSenior))
        }.sorted { $0.key < $1.key }
    }

    /// The figures and every difference with `records`: each reported teacher quantity of each statistics row (a 合计
    /// row against the sum of the school's sections; a section row superseding it is compared instead), statistics
    /// schools without register teachers, and register schools missing from the statistics. Unreported optional
    /// quantities are not differences.
    public static func compare(_ register: TeacherRegister, with records: [StatisticsRecord],
                               rules: DerivationRules = TeacherRules.builtIn.derivation, training: TrainingHours = .registerOnly) -> FigureComparison {
        let figures = derive(register, rules: rules, training: training)
        let byKey = Dictionary(figures.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var differences: [FigureDifference] = []
        var seen = Set<SectionKey>()
        let sectionRows = Set(records.compactMap { r -> SectionKey? in
            if case .single(let s) = r.section { return SectionKey(r.schoolCode, s) }
            return nil
        })
        for r in records {
            let sections: [Section]
            switch r.section {
            case .single(let s): sections = [s]
            case .combined:
                // Sections with their own row are compared there; the 合计 row stands for the rest.
                sections = Section.allCases.filter { s in (r.sectionStudents?[s] ?? 0) > 0 && !sectionRows.contains(SectionKey(r.schoolCode, s)) }
                if sections.isEmpty { continue }
            }
            let present = sections.compactMap { byKey[SectionKey(r.schoolCode, $0)] }
            sections.forEach { seen.insert(SectionKey(r.schoolCode, $0)) }
            if present.isEmpty {
                if (r.quantities[.teachers] ?? 0) > 0 {
                    differences.append(FigureDifference(kind: .schoolNotInRegister, row: r.row, schoolCode: r.schoolCode, section: r.section.label,
                                                        field: Quantity.teachers.key, statistics: r.quantities[.teachers], derived: 0))
                }
                continue
            }
            for q in SectionFigures.quantities {
                guard let stated = r.quantities[q] else { continue }
                let derived = Checked.sum(present) { $0[q] ?? 0 }
                if abs(stated - Double(derived)) > 1e-9 {
                    differences.append(FigureDifference(kind: .differs, row: r.row, schoolCode: r.schoolCode, section: r.section.label,
                                                        field: q.key, statistics: stated, derived: derived))
                }
            }
        }
        for f in figures where !seen.contains(f.key) {
            differences.append(FigureDifference(kind: .schoolNotInStatistics, row: 0, schoolCode: f.key.schoolCode, section: f.key.section.rawValue,
                                                field: Quantity.teachers.key, statistics: nil, derived: f.teachers))
        }
        return FigureComparison(figures: figures, differences: differences)
    }

    /// A new statistics snapshot with the derived figures adopted: every teacher quantity of a row the register
    /// covers is replaced (a 合计 row by its sections' sum); rows the register does not cover stay as they were.
    public static func adopt(_ register: TeacherRegister, into records: [StatisticsRecord],
                             rules: DerivationRules = TeacherRules.builtIn.derivation) -> [StatisticsRecord] {
        let byKey = Dictionary(derive(register, rules: rules).map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        return records.map { r in
            let sections: [Section]
            switch r.section {
            case .single(let s): sections = [s]
            case .combined: sections = Section.allCases.filter { (r.sectionStudents?[$0] ?? 0) > 0 }
            }
            let present = sections.compactMap { byKey[SectionKey(r.schoolCode, $0)] }
            guard !present.isEmpty else { return r }
            var out = r
            for q in SectionFigures.quantities { out.quantities[q] = Double(Checked.sum(present) { $0[q] ?? 0 }) }
            return out
        }
    }
}
