/// Where an item's figures came from: the finance office's records (财务数据) or the county's assessment package (申报材料).
public enum FigureSource: String, Sendable, Codable, Hashable, CaseIterable {
    case finance
    case submission

    public var zh: String { self == .finance ? "财务数据" : "申报材料" }
    public var en: String { self == .finance ? "finance office" : "assessment package" }
}

/// The finance office's figures of one fiscal year (from the funding records), used for G2, G6, G7 and Q4 instead of
/// the package's own figures wherever they exist. Amounts are integer 分; the phase names say which figure was used.
public struct FinanceFigures: Sendable, Equatable {
    /// One school's finance figures.
    public struct School: Sendable, Equatable {
        /// 核定公用经费 (分) for G6/G7: the phase the funding rules judge (决算, else 调整预算, else 年初预算).
        public var publicFundsFen: Int?
        public var publicFundsPhase: String
        /// 公用经费预算总额 and 教师培训经费预算 (分) for Q4, of the latest budget phase (调整预算, else 年初预算).
        public var budgetFen: Int?
        public var trainingFen: Int?
        public var budgetPhase: String

        public init(publicFundsFen: Int?, publicFundsPhase: String = "", budgetFen: Int?, trainingFen: Int?, budgetPhase: String = "") {
            (self.publicFundsFen, self.publicFundsPhase, self.budgetFen, self.trainingFen, self.budgetPhase) =
                (publicFundsFen, publicFundsPhase, budgetFen, trainingFen, budgetPhase)
        }
    }

    public var fiscalYear: Int
    /// By school code (codes as in the statistics).
    public var schools: [String: School]
    /// 生均公用经费基准定额 (yuan) the finance office recorded; nil: the package's figure is used.
    public var countyBasePrimaryYuan: Int?
    public var countyBaseJuniorYuan: Int?
    public var provinceBasePrimaryYuan: Int?
    public var provinceBaseJuniorYuan: Int?

    public init(fiscalYear: Int, schools: [String: School], countyBasePrimaryYuan: Int? = nil, countyBaseJuniorYuan: Int? = nil,
                provinceBasePrimaryYuan: Int? = nil, provinceBaseJuniorYuan: Int? = nil) {
        (self.fiscalYear, self.schools) = (fiscalYear, schools)
        (self.countyBasePrimaryYuan, self.countyBaseJuniorYuan, self.provinceBasePrimaryYuan, self.provinceBaseJuniorYuan) =
            (countyBasePrimaryYuan, countyBaseJuniorYuan, provinceBasePrimaryYuan, provinceBaseJuniorYuan)
    }

    /// The county figures (G2, and G6's primary quota) the finance office recorded.
    var county: [CountyKey: Int] {
        var c: [CountyKey: Int] = [:]
        c[.baseFundsPrimary] = countyBasePrimaryYuan
        c[.baseFundsJunior] = countyBaseJuniorYuan
        c[.provinceBaseFundsPrimary] = provinceBasePrimaryYuan
        c[.provinceBaseFundsJunior] = provinceBaseJuniorYuan
        return c
    }

    /// `input` with the finance figures in place of the package's (a pure overlay; schools absent from the statistics
    /// are ignored).
    public func overlay(_ input: AssessmentInput) -> AssessmentInput {
        var out = input
        for (k, v) in county { out.county[k] = Double(v) }
        let known = Set(input.statistics.map(\.record.schoolCode))
        for (code, f) in schools where known.contains(code) {
            var facts = input.facts(code)
            if let p = f.publicFundsFen { facts.approvedPublicFunds = Self.yuan(p) }
            if let b = f.budgetFen, let t = f.trainingFen { (facts.publicFundsBudget, facts.trainingBudget) = (Self.yuan(b), Self.yuan(t)) }
            out.schools[code] = facts
        }
        return out
    }

    /// 分 as yuan (exact for any amount below 2⁵³ 分; the assessment compares with a 1e-9 relative tolerance, far below 1 分).
    static func yuan(_ fen: Int) -> Double { Double(fen) / 100 }

    /// Which source item `key`'s figure of school `code` came from (nil for items that never take finance figures).
    func source(item key: String, school code: String?) -> FigureSource? {
        switch key {
        case "G2":
            return county.isEmpty ? .submission : .finance
        case "G6", "G7":
            guard let code else { return nil }
            return schools[code]?.publicFundsFen != nil ? .finance : .submission
        case "Q4":
            guard let code, let s = schools[code] else { return code == nil ? nil : .submission }
            return s.budgetFen != nil && s.trainingFen != nil ? .finance : .submission
        default:
            return nil
        }
    }

    /// The phase a finance figure of item `key` came from ("" when unknown).
    func phase(item key: String, school code: String) -> String {
        guard let s = schools[code] else { return "" }
        return key == "Q4" ? s.budgetPhase : s.publicFundsPhase
    }

    /// Items whose figures may come from the finance office.
    public static let itemKeys: Set<String> = ["G2", "G6", "G7", "Q4"]
}
