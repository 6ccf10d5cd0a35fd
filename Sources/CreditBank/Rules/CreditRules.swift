/// A credit framework as data: how outcomes become credits (or card points), the thresholds, the caps and the
/// conversion rules. Presets live in `RulePresets`; a county overrides them with a JSON/TOML file.
public struct CreditRules: Sendable, Hashable, Codable {
    /// Stable id used in every decision's `rule` (e.g. "acbs").
    public var id: String
    public var name: String
    /// What is counted.
    public var unit: Unit
    /// Credits per study hour when the outcome states no credits (e.g. 16 学时 = 1 credit).
    public var hoursPerCredit: Amount?
    /// Card points per full hour (慈溪: 1).
    public var pointsPerFullHour: Int?
    /// The credit year starts on this day (ACBS: 03-01).
    public var yearStart: MonthDay
    /// Terms in order from the year start; each runs until the next starts (ACBS: 03-01, 09-01).
    public var terms: [Term]
    /// Minimum attendance in percent (ACBS: 80); nil: not required.
    public var minAttendancePct: Amount?
    /// Minimum score out of 100 (ACBS: 60); nil: not required.
    public var minScore: Amount?
    /// The programme the credits count toward.
    public var programme: Programme?
    public var caps: [Cap]
    public var conversions: [Conversion]
    /// Where the preset's numbers come from (shown in reports).
    public var source: String?

    /// Credits, or card points.
    public enum Unit: String, Sendable, Hashable, Codable { case credits, points }

    /// A term within the credit year.
    public struct Term: Sendable, Hashable, Codable {
        public var name: String
        public var start: MonthDay
        public init(name: String, start: MonthDay) { self.name = name; self.start = start }
    }

    /// A limit on credited amounts. An outcome that would take a bucket past its limit is not credited at all.
    public struct Cap: Sendable, Hashable, Codable {
        public var id: String
        public var scope: Scope
        /// The most a bucket may hold (for `programmeShare`: ignored, `percent` of the programme's requirement is used).
        public var limit: Amount?
        /// For `programmeShare`: the share of the programme's required credits, in percent.
        public var percent: Amount?
        /// Counts only outcomes of these kinds (nil: all kinds).
        public var kinds: [OutcomeKind]?

        /// What one bucket is.
        public enum Scope: String, Sendable, Hashable, Codable {
            /// One credit year (from `yearStart`).
            case year
            /// One term of one credit year.
            case term
            /// One institution, whole record.
            case institution
            /// One kind of outcome, whole record (use `kinds`).
            case kind
            /// A share of the programme's required credits, whole record (use `kinds` and `percent`).
            case programmeShare = "programme_share"
            /// The whole record.
            case total
        }

        public init(id: String, scope: Scope, limit: Amount? = nil, percent: Amount? = nil, kinds: [OutcomeKind]? = nil) {
            self.id = id; self.scope = scope; self.limit = limit; self.percent = percent; self.kinds = kinds
        }
    }

    /// A programme with requirements (ACBS bachelor: 140 credits, ≥ 30 liberal arts, ≥ 60 major).
    public struct Programme: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        public var requiredCredits: Amount
        /// Named sub-requirements (shown, not enforced by the caps).
        public var requirements: [String: Amount]?
        public init(id: String, name: String, requiredCredits: Amount, requirements: [String: Amount]? = nil) {
            self.id = id; self.name = name; self.requiredCredits = requiredCredits; self.requirements = requirements
        }

        enum CodingKeys: String, CodingKey { case id, name, requirements, requiredCredits = "required_credits" }
    }

    /// A conversion rule: an outcome (by catalogue id, outcome id or title text, optionally of one kind) gives fixed
    /// credits in the programme, or exempts courses (免修免考) worth those credits.
    public struct Conversion: Sendable, Hashable, Codable {
        public var id: String
        public var titleContains: String?
        public var outcomeID: String?
        public var catalogueID: String?
        public var kind: OutcomeKind?
        public var credits: Amount
        /// Courses exempted (免修免考), if the conversion is an exemption.
        public var exempts: [String]?
        public init(id: String, titleContains: String? = nil, outcomeID: String? = nil, catalogueID: String? = nil, kind: OutcomeKind? = nil,
                    credits: Amount, exempts: [String]? = nil) {
            self.id = id; self.titleContains = titleContains; self.outcomeID = outcomeID; self.catalogueID = catalogueID; self.kind = kind
            self.credits = credits; self.exempts = exempts
        }

        enum CodingKeys: String, CodingKey {
            case id, kind, credits, exempts
            case titleContains = "title_contains", outcomeID = "outcome_id", catalogueID = "catalogue_id"
        }

        func matches(_ o: Outcome) -> Bool {
            if titleContains == nil && outcomeID == nil && catalogueID == nil { return false }
            if let k = kind, k != o.kind { return false }
            if let t = titleContains, !o.title.contains(t) { return false }
            if let i = outcomeID, i != o.id { return false }
            if let c = catalogueID, c != o.catalogueID { return false }
            return true
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, name, unit, terms, programme, caps, conversions, source
        case hoursPerCredit = "hours_per_credit", pointsPerFullHour = "points_per_full_hour", yearStart = "year_start"
        case minAttendancePct = "min_attendance_pct", minScore = "min_score"
    }

    public init(id: String, name: String, unit: Unit, hoursPerCredit: Amount?, pointsPerFullHour: Int?, yearStart: MonthDay, terms: [Term],
                minAttendancePct: Amount?, minScore: Amount?, programme: Programme?, caps: [Cap], conversions: [Conversion], source: String? = nil) {
        self.id = id; self.name = name; self.unit = unit; self.hoursPerCredit = hoursPerCredit; self.pointsPerFullHour = pointsPerFullHour
        self.yearStart = yearStart; self.terms = terms; self.minAttendancePct = minAttendancePct; self.minScore = minScore
        self.programme = programme; self.caps = caps; self.conversions = conversions; self.source = source
    }

    /// Problems that make the rules unusable (empty when fine): bounded sizes, units that fit, terms in order.
    public func problems() -> [String] {
        var p: [String] = []
        if id.isEmpty || id.count > 64 { p.append("id 应为 1–64 个字符 / id must be 1–64 characters") }
        if caps.count > 64 || conversions.count > 10_000 || terms.count > 12 { p.append("规则条数过多 / too many caps, conversions or terms") }
        switch unit {
        case .points:
            if !(1...1000).contains(pointsPerFullHour ?? 0) { p.append("points 单位需要 points_per_full_hour 1–1000 / points need points_per_full_hour 1–1000") }
        case .credits:
            if let h = hoursPerCredit, h.hundredths <= 0 { p.append("hours_per_credit 应大于 0 / hours_per_credit must be > 0") }
        }
        if terms.isEmpty { p.append("至少一个学期 / at least one term") }
        let ordered = terms.map { dayOffset($0.start) }
        if ordered != ordered.sorted() || Set(ordered).count != ordered.count || ordered.first != 0 {
            p.append("学期应从 year_start 开始按顺序排列 / terms must start at year_start and be in order")
        }
        var ids = Set<String>()
        for c in caps {
            if !ids.insert(c.id).inserted { p.append("上限 \(c.id) 重复 / duplicate cap \(c.id)") }
            if c.scope == .programmeShare {
                if c.percent == nil || programme == nil { p.append("\(c.id): programme_share 需要 percent 和 programme / needs percent and a programme") }
            } else if c.limit == nil { p.append("\(c.id): 缺少 limit / missing limit") }
        }
        for c in conversions where !ids.insert(c.id).inserted { p.append("规则 \(c.id) 重复 / duplicate rule \(c.id)") }
        return p
    }

    /// Days from the year start to `d` in a non-leap year (0 = the year start).
    func dayOffset(_ d: MonthDay) -> Int {
        let cumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
        let a = cumulative[d.month - 1] + d.day, s = cumulative[yearStart.month - 1] + yearStart.day
        return (a - s + 365) % 365
    }

    /// The credit year an outcome ending on `date` counts in: the calendar year in which that credit year starts.
    public func creditYear(of date: CivilDate) -> Int {
        yearStart.isOnOrBefore(date) ? date.year : date.year - 1
    }

    /// The index of the term `date` falls in.
    public func termIndex(of date: CivilDate) -> Int {
        guard let md = MonthDay(month: date.month, day: min(date.day, CivilDate.days(2001, date.month))) else { return 0 }
        let off = dayOffset(md)
        return terms.lastIndex { dayOffset($0.start) <= off } ?? 0
    }
}
