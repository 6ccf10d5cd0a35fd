/// 预算阶段: the phase a budget line belongs to.
public enum BudgetPhase: String, CaseIterable, Sendable, Codable, Hashable, Comparable {
    /// 年初预算
    case initial = "年初预算"
    /// 调整预算
    case adjusted = "调整预算"
    /// 执行 (year-to-date execution)
    case executed = "执行"
    /// 决算 (final accounts)
    case final = "决算"

    /// English key used in files and the data package.
    public var key: String {
        switch self { case .initial: "initial"; case .adjusted: "adjusted"; case .executed: "executed"; case .final: "final" }
    }

    /// Accepts the Chinese name or the English key.
    public init?(label: String) {
        if let p = BudgetPhase(rawValue: label) { self = p; return }
        guard let p = BudgetPhase.allCases.first(where: { $0.key == label.lowercased() }) else { return nil }
        self = p
    }

    public static func < (a: BudgetPhase, b: BudgetPhase) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }

    /// Whether the phase is a budget (年初/调整) rather than an outturn (执行/决算).
    public var isBudget: Bool { self == .initial || self == .adjusted }
}

/// 资金来源: where a line's money comes from.
public enum FundSource: Sendable, Hashable, Codable {
    /// 本级财政
    case own
    /// 上级转移支付, by programme (e.g. 城乡义务教育补助经费)
    case transfer(programme: String)
    /// 社会捐赠
    case donation

    /// `own`, `transfer`, `donation`.
    public var key: String {
        switch self { case .own: "own"; case .transfer: "transfer"; case .donation: "donation" }
    }

    public var zh: String {
        switch self { case .own: "本级"; case .transfer: "上级转移支付"; case .donation: "社会捐赠" }
    }

    /// The programme of a transfer ("" otherwise).
    public var programme: String {
        if case .transfer(let p) = self { return p }
        return ""
    }

    /// From a file's cell (本级/own, 上级转移支付/transfer, 社会捐赠/donation) and programme cell; nil when unknown or a
    /// transfer lacks its programme.
    public init?(label: String, programme: String) {
        switch label.lowercased() {
        case "本级", "own": self = .own
        case "上级转移支付", "转移支付", "transfer":
            guard !programme.isEmpty else { return nil }
            self = .transfer(programme: programme)
        case "社会捐赠", "donation": self = .donation
        default: return nil
        }
    }
}

/// One budget line of one school and fiscal year: phase, 功能分类, 经济分类, fund source, amount.
public struct BudgetLine: Sendable, Hashable, Codable {
    public var schoolCode: String
    public var fiscalYear: Int
    public var phase: BudgetPhase
    public var functionalCode: String
    public var economicCode: String
    public var source: FundSource
    public var amount: Fen
    /// Row in the file it came from (0 when made in code).
    public var row: Int

    public init(schoolCode: String, fiscalYear: Int, phase: BudgetPhase, functionalCode: String, economicCode: String,
                source: FundSource, amount: Fen, row: Int = 0) {
        (self.schoolCode, self.fiscalYear, self.phase, self.functionalCode, self.economicCode, self.source, self.amount, self.row) =
            (schoolCode, fiscalYear, phase, functionalCode, economicCode, source, amount, row)
    }
}

/// 采购阶段: procurement stages in order, 采购意向 → 招标公告 → 中标 → 合同 → 验收 → 支付.
public enum ProcurementStage: String, CaseIterable, Sendable, Codable, Hashable, Comparable {
    case intent = "采购意向", tender = "招标公告", award = "中标", contract = "合同", acceptance = "验收", payment = "支付"

    public var key: String {
        switch self {
        case .intent: "intent"; case .tender: "tender"; case .award: "award"
        case .contract: "contract"; case .acceptance: "acceptance"; case .payment: "payment"
        }
    }

    public static func < (a: ProcurementStage, b: ProcurementStage) -> Bool {
        allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
    }
}

/// Execution reported on a date: percent of the project budget paid out (0–100).
public struct ExecutionPoint: Sendable, Hashable, Codable {
    public var date: CivilDate
    public var percent: Int
    public init(date: CivilDate, percent: Int) { (self.date, self.percent) = (date, percent) }
}

/// A project (项目): budget, the 优质均衡 indicator or item it serves, procurement stage dates, execution over time.
public struct FundingProject: Sendable, Hashable, Codable {
    public var code: String
    public var name: String
    public var schoolCode: String
    public var fiscalYear: Int
    /// Linked 优质均衡 indicator or item key (e.g. `R4`, `G3`, `Q4`); "" when none.
    public var indicatorKey: String
    public var budget: Fen
    /// The planned date of the 招标公告 (used when the tender is not published yet).
    public var plannedTender: CivilDate?
    /// Dates of the stages reached.
    public var stages: [ProcurementStage: CivilDate]
    /// Execution points, by date.
    public var execution: [ExecutionPoint]
    public var row: Int

    public init(code: String, name: String, schoolCode: String, fiscalYear: Int, indicatorKey: String, budget: Fen,
                plannedTender: CivilDate?, stages: [ProcurementStage: CivilDate], execution: [ExecutionPoint], row: Int = 0) {
        (self.code, self.name, self.schoolCode, self.fiscalYear, self.indicatorKey, self.budget) = (code, name, schoolCode, fiscalYear, indicatorKey, budget)
        (self.plannedTender, self.stages, self.execution, self.row) = (plannedTender, stages, execution.sorted { $0.date < $1.date }, row)
    }

    /// The furthest stage reached (nil before the 采购意向).
    public var stage: ProcurementStage? { ProcurementStage.allCases.last { stages[$0] != nil } }

    /// The latest execution percent (0 when none reported).
    public var executionPercent: Int { execution.last?.percent ?? 0 }
}

/// What the rules need of a school: its kind, 城乡 location and pupils (from the statistics file).
public struct FundingSchool: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, Hashable { case primary, junior, nineYear, special, teachingPoint, other }
    public enum Location: String, Sendable, Codable, Hashable { case urban = "城区", town = "镇区", rural = "乡村" }

    public var code: String
    public var name: String
    public var kind: Kind
    public var location: Location
    /// Pupils of the 小学 and 初中 sections (a special school's pupils are counted in `primaryPupils + juniorPupils`).
    public var primaryPupils: Int
    public var juniorPupils: Int

    public init(code: String, name: String, kind: Kind, location: Location, primaryPupils: Int, juniorPupils: Int) {
        (self.code, self.name, self.kind, self.location, self.primaryPupils, self.juniorPupils) = (code, name, kind, location, primaryPupils, juniorPupils)
    }

    public var pupils: Int { primaryPupils + juniorPupils }
}

/// Everything a county's funding check reads: schools, budget lines and projects of one or more fiscal years.
public struct FundingDataset: Sendable, Hashable, Codable {
    public var countyCode: String
    public var countyName: String
    public var schools: [FundingSchool]
    public var lines: [BudgetLine]
    public var projects: [FundingProject]

    public init(countyCode: String, countyName: String, schools: [FundingSchool], lines: [BudgetLine], projects: [FundingProject]) {
        (self.countyCode, self.countyName, self.schools, self.lines, self.projects) = (countyCode, countyName, schools, lines, projects)
    }

    /// Fiscal years present in the lines, ascending.
    public var years: [Int] { Array(Set(lines.map(\.fiscalYear))).sorted() }
}
