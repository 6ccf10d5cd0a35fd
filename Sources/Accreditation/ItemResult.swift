import EquityKit

/// 达标 / 未达标 / 待补充.
public enum ItemStatus: String, Sendable, Codable, CaseIterable {
    case passed
    case failed
    case pending

    /// Failed if any failed, else pending if any pending, else passed (an empty list passes).
    public static func combine(_ all: [ItemStatus]) -> ItemStatus {
        if all.contains(.failed) { return .failed }
        if all.contains(.pending) { return .pending }
        return .passed
    }

    public var zh: String {
        switch self {
        case .passed: "达标"
        case .failed: "未达标"
        case .pending: "待补充"
        }
    }

    public var en: String {
        switch self {
        case .passed: "passed"
        case .failed: "FAILED"
        case .pending: "pending"
        }
    }
}

/// 可申报 / 不可申报 / 待补充.
public enum OverallStatus: String, Sendable, Codable {
    case eligible
    case notEligible = "not_eligible"
    case pending

    public var zh: String {
        switch self {
        case .eligible: "可申报"
        case .notEligible: "不可申报"
        case .pending: "待补充"
        }
    }

    public var en: String {
        switch self {
        case .eligible: "eligible"
        case .notEligible: "not eligible"
        case .pending: "pending"
        }
    }
}

/// How a value is compared with its threshold.
public enum Comparison: String, Sendable, Codable {
    case atLeast = ">="
    case atMost = "<="
    case below = "<"

    /// Relative tolerance, so 0.1 computed as 0.09999999999 meets "≥ 10%".
    public static let tolerance = 1e-9

    /// Whether `value` satisfies the comparison with `threshold`.
    public func holds(_ value: Double, _ threshold: Double) -> Bool {
        let tol = max(abs(threshold), 1) * Self.tolerance
        switch self {
        case .atLeast: return value >= threshold - tol
        case .atMost: return value <= threshold + tol
        case .below: return value < threshold - tol
        }
    }

    public var symbol: String {
        switch self {
        case .atLeast: "≥"
        case .atMost: "≤"
        case .below: "<"
        }
    }
}

/// Something a pending item lacks: a figure, a sheet or a reviewer's verdict.
public struct Missing: Sendable, Equatable, Hashable {
    /// Where it goes, e.g. `county.teacher_avg_pay_yuan`, `statistics.max_class_size`, `rooms`, `reviews.G1`.
    public var field: String
    public var schoolCode: String?
    public var zh: String
    public var en: String

    public init(field: String, schoolCode: String? = nil, zh: String, en: String) {
        self.field = field
        self.schoolCode = schoolCode
        self.zh = zh
        self.en = en
    }
}

/// One computed test of an item: a value against a threshold.
public struct Measure: Sendable, Equatable {
    public var key: String
    public var zh: String
    public var en: String
    /// Nil when a figure is missing.
    public var value: Double?
    public var threshold: Double
    public var comparison: Comparison
    /// Nil when the value is missing.
    public var passed: Bool? { value.map { comparison.holds($0, threshold) } }

    public init(key: String, zh: String, en: String, value: Double?, threshold: Double, comparison: Comparison) {
        self.key = key
        self.zh = zh
        self.en = en
        self.value = value
        self.threshold = threshold
        self.comparison = comparison
    }

    var status: ItemStatus { passed.map { $0 ? .passed : .failed } ?? .pending }
}

/// One school's (or school section's) verdict on a per-school item.
public struct SchoolItemResult: Sendable, Equatable {
    public var schoolCode: String
    public var schoolName: String
    /// 学段 label (小学 / 初中 / 合计 / 特教) for section-grain items; nil for school-grain ones.
    public var section: String?
    /// Row of the statistics the values come from (first row of the school).
    public var row: Int
    public var status: ItemStatus
    public var value: Double?
    public var threshold: Double?
    public var missing: [Missing]
    public var noteZH: String
    public var noteEN: String
    /// Where the figure came from (G2, G6, G7, Q4; nil for other items) and, for finance figures, the budget phase.
    public var source: FigureSource? = nil
    public var sourcePhase: String = ""

    public init(schoolCode: String, schoolName: String, section: String? = nil, row: Int, status: ItemStatus,
                value: Double? = nil, threshold: Double? = nil, missing: [Missing] = [], noteZH: String = "", noteEN: String = "") {
        self.schoolCode = schoolCode
        self.schoolName = schoolName
        self.section = section
        self.row = row
        self.status = status
        self.value = value
        self.threshold = threshold
        self.missing = missing
        self.noteZH = noteZH
        self.noteEN = noteEN
    }
}

/// The verdict on one item.
public struct ItemResult: Sendable, Equatable {
    public var definition: ItemDefinition
    public var status: ItemStatus
    /// The headline value (the first measure's, or for per-school items the worst school's); nil when not computed.
    public var value: Double?
    public var threshold: Double?
    public var measures: [Measure]
    /// Per-school verdicts, for school and school-section items, in statistics order.
    public var schools: [SchoolItemResult]
    /// What a pending item lacks (schools' missing figures included).
    public var missing: [Missing]
    /// The reviewers' verdicts the item used.
    public var verdicts: [ReviewVerdict]
    public var notesZH: [String]
    public var notesEN: [String]
    /// The sources of the item's figures, finance first (G2, G6, G7, Q4; empty for other items).
    public var sources: [FigureSource] = []

    public var key: String { definition.key }

    /// Codes of the schools that fail the item, each once, in statistics order.
    public var failingSchools: [String] {
        var seen = Set<String>()
        return schools.filter { $0.status == .failed }.map(\.schoolCode).filter { seen.insert($0).inserted }
    }
}

/// A county's complete assessment: every item, the 资源配置 evaluation, and the overall status.
public struct Assessment: Sendable {
    public var rules: AccreditationRules
    public var items: [ItemResult]
    /// The 资源配置 evaluation (nil when it could not run; item R is then pending).
    public var resources: Evaluation?
    public var status: OverallStatus
    /// Vetoes declared true: each alone makes the county not eligible, whatever else is pending.
    public var vetoesPresent: [String]
    /// The official 社会认可度 figure (percent), when entered.
    public var recognitionOfficialPct: Double?
    /// The county's own pre-survey (percent): shown beside the official figure, never used for the verdict.
    public var recognitionPresurveyPct: Double?
    /// The fiscal year of the finance figures used (nil: none were given).
    public var financeYear: Int? = nil

    /// The result of item `key`.
    public func item(_ key: String) -> ItemResult? { items.first { $0.key == key } }

    /// Items of one part, in order.
    public func items(in part: AssessmentPart) -> [ItemResult] { items.filter { $0.definition.part == part } }

    /// not_eligible if any item failed (a veto included), else pending if any is pending, else eligible.
    public static func overall(_ items: [ItemResult]) -> OverallStatus {
        switch ItemStatus.combine(items.map(\.status)) {
        case .failed: .notEligible
        case .pending: .pending
        case .passed: .eligible
        }
    }
}
