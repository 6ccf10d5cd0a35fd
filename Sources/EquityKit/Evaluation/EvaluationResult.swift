/// Why a school is listed but left out of the CV.
public enum ExclusionReason: Sendable, Equatable {
    /// Special-education or vocational school.
    case excludedType(SchoolType)
    /// 教学点 below the minimum number of students.
    case smallTeachingPoint(students: Int, minimum: Int)
    /// No students in this section.
    case noStudents

    /// Chinese explanation.
    public var zh: String {
        switch self {
        case .excludedType(let t): "\(t.rawValue)不计入差异系数"
        case .smallTeachingPoint(let s, let m): "教学点学生 \(s) 人，不足 \(m) 人，不计入差异系数"
        case .noStudents: "在校生为0，不计入"
        }
    }

    /// English explanation.
    public var en: String {
        switch self {
        case .excludedType(let t): "\(t.english): not counted in the CV"
        case .smallTeachingPoint(let s, let m): "teaching point with \(s) students (< \(m)): not counted in the CV"
        case .noStudents: "no students: not counted"
        }
    }
}

/// One school section's values against the standard.
public struct SchoolEvaluation: Sendable {
    public var school: SchoolSection
    /// Whether the school counts in the section's CV.
    public var included: Bool
    public var exclusion: ExclusionReason?
    /// Indicator values in the standard's order; nil when not computable.
    public var values: [Double?]
    /// Number of indicators whose requirement is met.
    public var met: Int
    /// Indices of indicators whose requirement is not met.
    public var unmet: [Int]
    /// Indices of unmet indicators also below the floor (85% of the requirement).
    public var belowFloor: [Int]
    /// The school rule's verdict; nil when the standard has no school rule.
    public var passed: Bool?
}

/// One indicator's county-level result in a section.
public struct IndicatorEvaluation: Sendable {
    public var definition: IndicatorDefinition
    /// Student-weighted county mean.
    public var mean: Statistic
    /// Official student-weighted 差异系数.
    public var cv: Statistic
    /// Unweighted CV, for comparison only.
    public var cvUnweighted: Statistic
    public var cvLimit: Double
    /// Whether the CV is within the limit (for 综合差异系数 standards: informative only).
    public var passed: Bool
    public var equity: EquityStatistics?
    /// Schools that contribute most to the weighted variance, largest first.
    public var drivers: [GapDriver]
}

/// The result for one section (小学 or 初中).
public struct SectionEvaluation: Sendable {
    public var section: Section
    /// Schools counted in the CV.
    public var schools: Int
    /// Students of the schools counted in the CV.
    public var students: Int
    /// Schools listed but not counted.
    public var excludedSchools: Int
    public var indicators: [IndicatorEvaluation]
    /// 综合差异系数 (mean of all CVs), for standards judged on it.
    public var compositeCV: Statistic?
    /// Whether the CV rule holds.
    public var cvPassed: Bool
    /// Counted schools failing the school rule.
    public var schoolsFailing: Int
    /// CV rule holds and every counted school passes.
    public var passed: Bool
}

/// Something the reader of an evaluation should know.
public enum EvaluationNote: Sendable, Equatable {
    /// A section has a single counted school, so its CVs are 0 by the formula.
    case singleSchool(Section)
    /// A section row replaced the share of a 合计 row.
    case supersededCombinedRow(row: Int, schoolCode: String, section: Section)
    /// A section has schools but none counted in the CV; it is not judged.
    case noIncludedSchools(Section)

    /// Chinese text.
    public var zh: String {
        switch self {
        case .singleSchool(let s): "\(s.rawValue)只有1所学校计入，差异系数按公式为0，请注意"
        case .supersededCombinedRow(let r, let c, let s): "第\(r)行 学校 \(c) 的合计行中\(s.rawValue)部分已由单独的\(s.rawValue)行代替"
        case .noIncludedSchools(let s): "\(s.rawValue)没有计入差异系数的学校，未作评价"
        }
    }

    /// English text.
    public var en: String {
        switch self {
        case .singleSchool(let s): "\(s.english): only one school counted, so every CV is 0 by the formula"
        case .supersededCombinedRow(let r, let c, let s): "row \(r): the \(s.english) share of school \(c)'s combined row is replaced by its own \(s.english) row"
        case .noIncludedSchools(let s): "\(s.english): no school counted in the CV; section not judged"
        }
    }
}

/// A county's evaluation against a standard (资源配置 part).
public struct Evaluation: Sendable {
    public var standard: Standard
    public var sections: [SectionEvaluation]
    /// Every school section, in file order within each section (小学 first).
    public var schools: [SchoolEvaluation]
    /// 资源配置 verdict: every judged section passes.
    public var passed: Bool
    public var notes: [EvaluationNote]
}

/// Why data cannot be evaluated against a standard.
public enum EvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No school sections at all.
    case noSchools
    /// Counted schools lack a quantity the standard needs; rows as numbered in the file.
    case missingQuantity(indicator: String, quantity: Quantity, rows: [Int])

    public var description: String {
        switch self {
        case .noSchools:
            return "没有可评价的学校 / no schools to evaluate"
        case .missingQuantity(let key, let q, let rows):
            let shown = rows.prefix(20).map(String.init).joined(separator: ", ") + (rows.count > 20 ? " …" : "")
            return "指标 \(key) 需要列 \(q.key)，但以下行未填写：\(shown) / indicator \(key) needs column \(q.key), blank in rows \(shown)"
        }
    }
}
