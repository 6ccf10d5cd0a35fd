import EquityKit

/// 德育与校园文化评定: the rating of a school's moral education and campus culture.
public enum MoralRating: String, Sendable, CaseIterable, Codable, Hashable {
    case excellent = "优秀"
    case good = "良好"
    case adequate = "合格"
    case inadequate = "不合格"

    /// Accepts the Chinese label or the English word.
    public init?(label: String) {
        if let r = MoralRating(rawValue: label) { self = r; return }
        let words: [String: MoralRating] = ["excellent": .excellent, "good": .good, "adequate": .adequate, "pass": .adequate,
                                            "inadequate": .inadequate, "fail": .inadequate]
        guard let r = words[label.lowercased()] else { return nil }
        self = r
    }
}

/// School-level facts of the extended statistics (the same on every section row of a school).
public struct SchoolFacts: Sendable, Equatable {
    /// 是否寄宿制 (blank = 否).
    public var boarding: Bool
    /// 是否公办 (blank = 是).
    public var publicSchool: Bool
    /// 核定公用经费 (yuan).
    public var approvedPublicFunds: Double?
    /// 公用经费预算总额 (yuan).
    public var publicFundsBudget: Double?
    /// 教师培训经费预算 (yuan).
    public var trainingBudget: Double?
    public var moralRating: MoralRating?
    /// 2016年前规划建设: may take a province's relaxed room areas (G3).
    public var plannedBy2016: Bool
    /// 2010年前建成: may take a province's relaxed size limit (G4).
    public var builtBy2010: Bool

    public init(boarding: Bool = false, publicSchool: Bool = true, approvedPublicFunds: Double? = nil,
                publicFundsBudget: Double? = nil, trainingBudget: Double? = nil, moralRating: MoralRating? = nil,
                plannedBy2016: Bool = false, builtBy2010: Bool = false) {
        self.boarding = boarding
        self.publicSchool = publicSchool
        self.approvedPublicFunds = approvedPublicFunds
        self.publicFundsBudget = publicFundsBudget
        self.trainingBudget = trainingBudget
        self.moralRating = moralRating
        self.plannedBy2016 = plannedBy2016
        self.builtBy2010 = builtBy2010
    }
}

/// One statistics row with its section-level extended figures.
public struct AssessedRecord: Sendable, Equatable {
    public var record: StatisticsRecord
    /// 招生数.
    public var newEntrants: Int?
    /// 划片内招生数.
    public var newEntrantsInCatchment: Int?
    /// 完成5年360学时培训教师数.
    public var teachers360h: Int?

    public init(_ record: StatisticsRecord, newEntrants: Int? = nil, newEntrantsInCatchment: Int? = nil, teachers360h: Int? = nil) {
        self.record = record
        self.newEntrants = newEntrants
        self.newEntrantsInCatchment = newEntrantsInCatchment
        self.teachers360h = teachers360h
    }

    /// 学段 label as the 申报表 shows it: 特教 for a special-education school.
    public var sectionLabel: String {
        record.schoolType == .specialEducation ? "特教" : record.section.label
    }
}

/// 专用教室: one music or art room of a school.
public struct SpecialRoom: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable, Codable { case music = "音乐", art = "美术" }
    public var schoolCode: String
    public var kind: Kind
    public var areaM2: Double

    public init(schoolCode: String, kind: Kind, areaM2: Double) {
        self.schoolCode = schoolCode
        self.kind = kind
        self.areaM2 = areaM2
    }
}

/// A county-level figure of the `county` sheet (县级数据).
public enum CountyKey: String, Sendable, CaseIterable, Codable, Hashable, Comparable {
    case applicationYear = "application_year"
    case basicBalanceYear = "basic_balance_year"
    case baseFundsPrimary = "base_funds_primary_yuan"
    case baseFundsJunior = "base_funds_junior_yuan"
    case provinceBaseFundsPrimary = "province_base_funds_primary_yuan"
    case provinceBaseFundsJunior = "province_base_funds_junior_yuan"
    case teacherAvgPay = "teacher_avg_pay_yuan"
    case civilServantAvgPay = "civil_servant_avg_pay_yuan"
    case performancePayFullyApproved = "performance_pay_fully_approved"
    case rotationEligible = "rotation_eligible"
    case rotationExchanged = "rotation_exchanged"
    case rotationBackboneExchanged = "rotation_backbone_exchanged"
    case qualityHighSchoolPlan = "quality_high_school_plan"
    case quotaPlaces = "quota_places"
    case quotaPlacesRural = "quota_places_rural"
    case juniorGraduates = "junior_graduates"
    case juniorGraduatesRural = "junior_graduates_rural"
    case migrantChildrenEligible = "migrant_children_eligible"
    case migrantInPublic = "migrant_in_public"
    case migrantInPurchased = "migrant_in_purchased"
    case cohortGrade7Enrolment = "cohort_grade7_enrolment"
    case cohortGraduates = "cohort_graduates"
    case cohortTransfersIn = "cohort_transfers_in"
    case cohortTransfersOut = "cohort_transfers_out"
    case cohortDeaths = "cohort_deaths"
    case disabledChildren = "disabled_children"
    case disabledEnrolled = "disabled_enrolled"
    case disabledHomeTaught = "disabled_home_taught"
    case recognitionOfficialPct = "recognition_official_pct"
    case recognitionPresurveyPct = "recognition_presurvey_pct"

    /// How a value of the key is read and bounded.
    public enum Kind: Sendable { case year, count, yuan, percent, yesNo }

    public var kind: Kind {
        switch self {
        case .applicationYear, .basicBalanceYear: .year
        case .baseFundsPrimary, .baseFundsJunior, .provinceBaseFundsPrimary, .provinceBaseFundsJunior, .teacherAvgPay, .civilServantAvgPay: .yuan
        case .performancePayFullyApproved: .yesNo
        case .recognitionOfficialPct, .recognitionPresurveyPct: .percent
        default: .count
        }
    }

    /// Keys that may be left out without a note (figures of optional refinements).
    public var optional: Bool { self == .disabledHomeTaught || self == .recognitionOfficialPct || self == .recognitionPresurveyPct }

    /// Chinese label, accepted in the sheet instead of the key.
    public var zh: String {
        switch self {
        case .applicationYear: "申报年份"
        case .basicBalanceYear: "基本均衡认定年份"
        case .baseFundsPrimary: "县小学生均公用经费基准定额"
        case .baseFundsJunior: "县初中生均公用经费基准定额"
        case .provinceBaseFundsPrimary: "省小学生均公用经费基准定额"
        case .provinceBaseFundsJunior: "省初中生均公用经费基准定额"
        case .teacherAvgPay: "教师年平均工资"
        case .civilServantAvgPay: "公务员年平均工资"
        case .performancePayFullyApproved: "绩效工资足额核定"
        case .rotationEligible: "符合交流条件教师数"
        case .rotationExchanged: "交流轮岗教师数"
        case .rotationBackboneExchanged: "交流轮岗骨干教师数"
        case .qualityHighSchoolPlan: "优质高中招生计划"
        case .quotaPlaces: "分配到初中的名额"
        case .quotaPlacesRural: "分配到农村初中的名额"
        case .juniorGraduates: "初中毕业生数"
        case .juniorGraduatesRural: "农村初中毕业生数"
        case .migrantChildrenEligible: "符合条件随迁子女数"
        case .migrantInPublic: "公办学校就读随迁子女数"
        case .migrantInPurchased: "政府购买学位就读随迁子女数"
        case .cohortGrade7Enrolment: "本届七年级入学人数"
        case .cohortGraduates: "本届毕业生数"
        case .cohortTransfersIn: "本届转入人数"
        case .cohortTransfersOut: "本届转出人数"
        case .cohortDeaths: "本届死亡人数"
        case .disabledChildren: "适龄残疾儿童少年数"
        case .disabledEnrolled: "残疾儿童少年入学数"
        case .disabledHomeTaught: "送教上门人数"
        case .recognitionOfficialPct: "社会认可度（国家调查）"
        case .recognitionPresurveyPct: "社会认可度（县预调查）"
        }
    }

    /// Accepts the key or its Chinese label.
    public init?(label: String) {
        if let k = CountyKey(rawValue: label.lowercased()) { self = k; return }
        guard let k = CountyKey.allCases.first(where: { $0.zh == label }) else { return nil }
        self = k
    }

    public static func < (a: CountyKey, b: CountyKey) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}

/// 质量监测: one subject's result in the national monitoring report.
public struct MonitoringResult: Sendable, Equatable {
    public var subject: String
    /// 1–4 for Ⅰ–Ⅳ.
    public var level: Int
    /// 校际差异率 as the report prints it.
    public var betweenSchoolRate: Double

    public init(subject: String, level: Int, betweenSchoolRate: Double) {
        self.subject = subject
        self.level = level
        self.betweenSchoolRate = betweenSchoolRate
    }
}

/// 评审意见: a reviewer's verdict on an item's evidence, for the county or one school.
public struct ReviewVerdict: Sendable, Equatable {
    public var key: String
    public var schoolCode: String?
    public var passed: Bool
    public var reviewer: String
    public var comment: String

    public init(key: String, schoolCode: String? = nil, passed: Bool, reviewer: String = "", comment: String = "") {
        self.key = key
        self.schoolCode = schoolCode
        self.passed = passed
        self.reviewer = reviewer
        self.comment = comment
    }
}

/// 否决事项: the county's declaration on one veto.
public struct VetoDeclaration: Sendable, Equatable {
    public var key: String
    /// True when the vetoed fact exists.
    public var present: Bool
    public var explanation: String

    public init(key: String, present: Bool, explanation: String = "") {
        self.key = key
        self.present = present
        self.explanation = explanation
    }
}

/// Everything a county submits for the assessment, validated. Nil collections mean the sheet was not supplied.
public struct AssessmentInput: Sendable, Equatable {
    /// 学校统计 rows in file order.
    public var statistics: [AssessedRecord]
    /// School-level facts by school code.
    public var schools: [String: SchoolFacts]
    /// 专用教室; nil when the sheet is absent.
    public var rooms: [SpecialRoom]?
    /// 县级数据 (yes/no values as 1/0).
    public var county: [CountyKey: Double]
    public var monitoring: [MonitoringResult]
    public var reviews: [ReviewVerdict]
    public var vetoes: [VetoDeclaration]

    public init(statistics: [AssessedRecord], schools: [String: SchoolFacts] = [:], rooms: [SpecialRoom]? = nil,
                county: [CountyKey: Double] = [:], monitoring: [MonitoringResult] = [], reviews: [ReviewVerdict] = [],
                vetoes: [VetoDeclaration] = []) {
        self.statistics = statistics
        self.schools = schools
        self.rooms = rooms
        self.county = county
        self.monitoring = monitoring
        self.reviews = reviews
        self.vetoes = vetoes
    }

    /// The school's facts (defaults when the school has none).
    public func facts(_ code: String) -> SchoolFacts { schools[code] ?? SchoolFacts() }

    /// Distinct schools in file order, each with its rows.
    public var schoolRows: [(code: String, rows: [AssessedRecord])] {
        var order: [String] = []
        var rows: [String: [AssessedRecord]] = [:]
        for r in statistics {
            if rows[r.record.schoolCode] == nil { order.append(r.record.schoolCode) }
            rows[r.record.schoolCode, default: []].append(r)
        }
        return order.map { ($0, rows[$0] ?? []) }
    }
}
