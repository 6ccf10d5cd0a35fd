/// The per-school rule: at least `minimumMet` indicators met and every unmet one ≥ `floorRatio` of its requirement.
public struct SchoolRule: Sendable, Codable, Equatable {
    public var minimumMet: Int
    public var floorRatio: Double

    public init(minimumMet: Int, floorRatio: Double) {
        self.minimumMet = minimumMet
        self.floorRatio = floorRatio
    }
}

/// How the county's 差异系数 are judged.
public enum CVRuleKind: String, Sendable, Codable, Equatable {
    /// Every indicator's CV within the limit (优质均衡 2017).
    case everyIndicator = "every_indicator"
    /// The mean of all indicators' CVs (综合差异系数) within the limit (基本均衡 2012).
    case compositeMean = "composite_mean"
}

/// The county rule on 差异系数: which CVs are compared with which limit.
public struct CountyRule: Sendable, Codable, Equatable {
    public var kind: CVRuleKind
    public var cvLimit: PerSection<Double>
    /// True when the CV must be strictly below the limit (some local standards say "< 0.30").
    public var strictlyBelow: Bool

    public init(kind: CVRuleKind, cvLimit: PerSection<Double>, strictlyBelow: Bool = false) {
        self.kind = kind
        self.cvLimit = cvLimit
        self.strictlyBelow = strictlyBelow
    }

    /// Relative tolerance of the comparison, so a CV of exactly 1/2 computed as 0.5000000000000001 meets "≤ 0.50".
    public static let tolerance = 1e-9

    /// Whether `cv` satisfies the limit of `section`.
    public func accepts(_ cv: Double, in section: Section) -> Bool {
        let limit = cvLimit[section]
        return strictlyBelow ? cv < limit * (1 - Self.tolerance) : cv <= limit * (1 + Self.tolerance)
    }
}

/// Which schools count in the CV (the rest are still listed).
public struct Scope: Sendable, Codable, Equatable {
    /// School types left out of the CV (special-education and vocational schools).
    public var excludedTypes: [SchoolType]
    /// 教学点 with fewer students than this are left out of the CV.
    public var teachingPointMinimumStudents: Int

    public init(excludedTypes: [SchoolType], teachingPointMinimumStudents: Int) {
        self.excludedTypes = excludedTypes
        self.teachingPointMinimumStudents = teachingPointMinimumStudents
    }
}

/// Student-equivalent weights of the sections of a multi-section school (小学 : 初中 : 高中).
public struct StudentEquivalentWeights: Sendable, Codable, Equatable {
    public var primary: Double
    public var junior: Double
    public var senior: Double

    public init(primary: Double, junior: Double, senior: Double) {
        self.primary = primary
        self.junior = junior
        self.senior = senior
    }
}

/// Weights used to split 合计 rows, per multi-section school type.
public struct SplitWeights: Sendable, Codable, Equatable {
    public var nineYear: StudentEquivalentWeights
    public var completeSecondary: StudentEquivalentWeights
    public var twelveYear: StudentEquivalentWeights

    enum CodingKeys: String, CodingKey {
        case nineYear = "nine_year", completeSecondary = "complete_secondary", twelveYear = "twelve_year"
    }

    public init(nineYear: StudentEquivalentWeights, completeSecondary: StudentEquivalentWeights,
                twelveYear: StudentEquivalentWeights) {
        self.nineYear = nineYear
        self.completeSecondary = completeSecondary
        self.twelveYear = twelveYear
    }

    /// Provincial practice: 九年一贯制 1 : 1.1; 完全中学 初中:高中 1 : 1.2; 十二年一贯制 1 : 1.1 : 1.32.
    public static let provincialPractice = SplitWeights(
        nineYear: .init(primary: 1, junior: 1.1, senior: 0),
        completeSecondary: .init(primary: 0, junior: 1, senior: 1.2),
        twelveYear: .init(primary: 1, junior: 1.1, senior: 1.32))

    /// Weights for a school type; nil for single-section types.
    public func weights(for type: SchoolType) -> StudentEquivalentWeights? {
        switch type {
        case .nineYear: nineYear
        case .completeSecondary: completeSecondary
        case .twelveYear: twelveYear
        default: nil
        }
    }
}
