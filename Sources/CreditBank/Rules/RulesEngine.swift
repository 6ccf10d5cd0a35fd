/// What happened to one outcome: credited or not, how much, which rule or cap decided, and why.
public struct CreditDecision: Sendable, Hashable, Codable {
    public var outcomeID: String
    public var credited: Bool
    /// The amount credited (0 when not credited).
    public var credits: Amount
    /// The id of the rule that decided: the base rule (`<rules>.hours` / `.stated`), a conversion, a threshold or a cap.
    public var rule: String
    public var reason: String
    /// Courses exempted by a conversion rule.
    public var exempts: [String]

    public init(outcomeID: String, credited: Bool, credits: Amount, rule: String, reason: String, exempts: [String] = []) {
        self.outcomeID = outcomeID; self.credited = credited; self.credits = credits; self.rule = rule; self.reason = reason; self.exempts = exempts
    }
}

/// One learner's result under one framework.
public struct LearnerResult: Sendable, Hashable {
    public var learnerID: String
    public var creditedTotal: Amount
    /// In application order (end date, then outcome id).
    public var decisions: [CreditDecision]
    /// The programme's requirement, if the rules name one.
    public var required: Amount?
}

/// Applies a framework to outcomes: a pure function of (outcomes, rules).
public enum RulesEngine {
    /// Outcomes grouped by learner (learners in id order), each learner's outcomes applied by end date then outcome id.
    public static func apply(_ outcomes: [Outcome], rules: CreditRules) -> [LearnerResult] {
        let byLearner = Dictionary(grouping: outcomes, by: \.learnerID)
        return byLearner.keys.sorted().map { apply(learner: $0, byLearner[$0] ?? [], rules: rules) }
    }

    /// The outcomes of one learner.
    /// `conversions` are conversion rules a reviewer applied (outcome id → rule id); they take precedence over matching.
    public static func apply(learner: String, _ outcomes: [Outcome], rules: CreditRules, conversions: [String: String] = [:]) -> LearnerResult {
        let ordered = outcomes.sorted { ($0.endDate, $0.id) < ($1.endDate, $1.id) }
        var used: [String: Amount] = [:]
        var total = Amount.zero
        var decisions: [CreditDecision] = []
        for o in ordered {
            let d = decide(o, rules: rules, forced: conversions[o.id], used: &used)
            if d.credited { total = total + d.credits }
            decisions.append(d)
        }
        return LearnerResult(learnerID: learner, creditedTotal: total, decisions: decisions, required: rules.programme?.requiredCredits)
    }

    static func decide(_ o: Outcome, rules: CreditRules, forced: String?, used: inout [String: Amount]) -> CreditDecision {
        func no(_ rule: String, _ reason: String) -> CreditDecision { CreditDecision(outcomeID: o.id, credited: false, credits: .zero, rule: rule, reason: reason) }
        if let min = rules.minAttendancePct {
            guard let a = o.attendancePct else { return no("\(rules.id).min_attendance", "未记录出勤率，要求 ≥ \(min)% / attendance not recorded, ≥ \(min)% required") }
            if a < min { return no("\(rules.id).min_attendance", "出勤率 \(a)% < \(min)% / attendance \(a)% below \(min)%") }
        }
        if let min = rules.minScore {
            guard let s = o.score else { return no("\(rules.id).min_score", "未记录成绩，要求 ≥ \(min) / score not recorded, ≥ \(min) required") }
            if s < min { return no("\(rules.id).min_score", "成绩 \(s) < \(min) / score \(s) below \(min)") }
        }
        // The amount and the rule that gives it.
        var amount: Amount, rule: String, why: String, exempts: [String] = []
        let forcedRule = forced.flatMap { f in rules.conversions.first { $0.id == f } }
        if let c = forcedRule ?? rules.conversions.first(where: { $0.matches(o) }) {
            amount = c.credits; rule = c.id; exempts = c.exempts ?? []
            why = exempts.isEmpty ? "转换规则 \(c.id)：\(c.credits) 学分 / conversion \(c.id): \(c.credits) credits"
                : "转换规则 \(c.id)：免修 \(exempts.joined(separator: "、"))，计 \(c.credits) 学分 / conversion \(c.id): exempts \(exempts.joined(separator: ", ")), \(c.credits) credits"
        } else if rules.unit == .points {
            let perHour = rules.pointsPerFullHour ?? 1
            guard let h = o.hours else { return no("\(rules.id).points", "未记录学时 / hours not recorded") }
            amount = Amount(whole: h.wholePart.multipliedReportingOverflow(by: perHour).partialValue)
            rule = "\(rules.id).points"
            why = "\(h) 学时，每满 1 学时 \(perHour) 分 / \(h) hours, \(perHour) point(s) per full hour"
        } else if let c = o.credits {
            amount = c; rule = "\(rules.id).stated"; why = "机构认定 \(c) 学分 / \(c) credits stated by the institution"
        } else if let h = o.hours, let per = rules.hoursPerCredit, per.hundredths > 0 {
            let (p, overflow) = h.hundredths.multipliedReportingOverflow(by: 100)
            amount = Amount(hundredths: overflow ? .max : p / per.hundredths)
            rule = "\(rules.id).hours"; why = "\(h) 学时 ÷ \(per) 学时/学分 / \(h) hours at \(per) hours per credit"
        } else {
            return no("\(rules.id).credits", "既无学分也无学时 / neither credits nor hours stated")
        }
        if amount.hundredths == 0 { return no(rule, why + "：0") }
        // Every cap the outcome falls under must have room for the whole amount.
        var keys: [String] = []
        for cap in rules.caps {
            if let kinds = cap.kinds, !kinds.contains(o.kind) { continue }
            let key: String, bucket: String
            switch cap.scope {
            case .year:
                let y = rules.creditYear(of: o.endDate)
                key = "\(cap.id)|\(y)"; bucket = "\(y) 学分年度（自 \(rules.yearStart) 起）/ credit year \(y) from \(rules.yearStart)"
            case .term:
                let y = rules.creditYear(of: o.endDate), t = rules.termIndex(of: o.endDate)
                key = "\(cap.id)|\(y)|\(t)"; bucket = "\(y) \(rules.terms[t].name)"
            case .institution: key = "\(cap.id)|\(o.institution)"; bucket = "机构 / institution \(o.institution)"
            case .kind: key = cap.id; bucket = (cap.kinds ?? OutcomeKind.allCases).map(\.rawValue).joined(separator: "+")
            case .programmeShare: key = cap.id; bucket = (cap.kinds ?? OutcomeKind.allCases).map(\.rawValue).joined(separator: "+")
            case .total: key = cap.id; bucket = "合计 / total"
            }
            let limit: Amount
            if cap.scope == .programmeShare {
                guard let pct = cap.percent, let req = rules.programme?.requiredCredits else { continue }
                let (p, overflow) = req.hundredths.multipliedReportingOverflow(by: pct.hundredths)
                limit = Amount(hundredths: overflow ? .max : p / 10_000)
            } else {
                guard let l = cap.limit else { continue }
                limit = l
            }
            let now = used[key] ?? .zero
            if now + amount > limit {
                return no(cap.id, "超过上限 \(cap.id)：\(bucket) 已计 \(now)，再计 \(amount) 将超过 \(limit) / cap \(cap.id): \(bucket) holds \(now), \(amount) more would exceed \(limit)")
            }
            keys.append(key)
        }
        for k in keys { used[k] = (used[k] ?? .zero) + amount }
        return CreditDecision(outcomeID: o.id, credited: true, credits: amount, rule: rule, reason: why, exempts: exempts)
    }
}
