import SafeNumbers

/// One rule's verdict for the county, a school or a project in one fiscal year.
public struct FundingRuleResult: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable { case passed, failed, pending, explain }
    public enum Scope: String, Sendable, Codable { case county, school, project }

    /// F1…F8 (`FundingRule`).
    public var rule: String
    public var scope: Scope
    /// The county code, school code or project code.
    public var subject: String
    /// 小学 / 初中 where the rule is per section, else "".
    public var section: String
    public var fiscalYear: Int
    public var status: Status
    /// The measured value and the threshold, as exact text with their unit.
    public var value: String
    public var threshold: String
    /// The phase whose lines were used (nil for project rules).
    public var phase: BudgetPhase?
    /// Why, in Chinese and English.
    public var detailZH: String
    public var detailEN: String
}

/// The rules `FundingCheck` applies, with their keys.
public enum FundingRule: String, CaseIterable, Sendable {
    case countyQuota = "F1", schoolQuota = "F2", smallSchool = "F3", specialSchool = "F4"
    case ruralUrban = "F5", training = "F6", procurementNotice = "F7", swing = "F8"

    public var zh: String {
        switch self {
        case .countyQuota: "县生均公用经费基准定额不低于省定标准"
        case .schoolQuota: "学校公用经费不低于 在校生数 × 县基准定额"
        case .smallSchool: "不足100名学生的学校按100名学生核定公用经费"
        case .specialSchool: "特殊教育学校生均公用经费不低于6000元"
        case .ruralUrban: "农村生均公用经费不低于城区的90%"
        case .training: "教师培训经费不低于学校年度公用经费的5%"
        case .procurementNotice: "采购意向至少提前30日公开"
        case .swing: "公用经费同比变动超过10%须说明"
        }
    }

    public var en: String {
        switch self {
        case .countyQuota: "county per-pupil base quota ≥ the province's"
        case .schoolQuota: "school public funds ≥ pupils × the county quota"
        case .smallSchool: "schools under 100 pupils funded as 100"
        case .specialSchool: "special schools ≥ 6,000 yuan per pupil"
        case .ruralUrban: "rural per-pupil funds ≥ 90% of urban"
        case .training: "teacher training ≥ 5% of the school's public funds"
        case .procurementNotice: "procurement intent published ≥ 30 days before the tender"
        case .swing: "year-on-year change of public funds over 10% needs an explanation"
        }
    }
}

/// Figures of one school in one year: public funds and training funds of the phase used.
public struct SchoolFunds: Sendable, Equatable {
    public var school: FundingSchool
    public var fiscalYear: Int
    /// The phase the rules use: 决算, else 调整预算, else 年初预算 (执行 is progress during the year, never judged
    /// against a yearly standard), and the public funds in it.
    public var phase: BudgetPhase?
    public var publicFunds: Fen
    /// The latest budget phase (调整预算 > 年初预算) and its public and training funds (for Q4).
    public var budgetPhase: BudgetPhase?
    public var budgetPublicFunds: Fen
    public var budgetTraining: Fen
    /// Per pupil in 分, rounded half-up (display only; rules compare exact products).
    public var perPupil: Fen? {
        guard school.pupils > 0 else { return nil }
        let q = publicFunds.fen / school.pupils, r = publicFunds.fen % school.pupils
        return Fen(2 * r >= school.pupils ? q + 1 : q)
    }
}

/// Applies the funding rules to a dataset: every rule, per county, school and project, per fiscal year.
public enum FundingCheck {
    /// Every result, ordered by year, rule, then subject.
    public static func run(_ data: FundingDataset, rules: FundingRules = .national) -> [FundingRuleResult] {
        var out: [FundingRuleResult] = []
        let years = data.years
        var previous: [String: SchoolFunds] = [:]
        for year in years {
            let funds = schoolFunds(data, year: year, rules: rules)
            out += countyQuota(data, year, rules)
            for f in funds {
                out += schoolRules(f, rules, county: data.countyCode)
                if let p = previous[f.school.code], p.fiscalYear == year - 1 { out.append(swing(p, f, rules)) }
            }
            out += ruralUrban(funds, data.countyCode, year, rules)
            for p in data.projects where p.fiscalYear == year { out.append(procurement(p, rules)) }
            previous = Dictionary(funds.map { ($0.school.code, $0) }, uniquingKeysWith: { a, _ in a })
        }
        return out
    }

    /// Whether a line counts as 公用经费 / as training under `rules`.
    static func isPublicFunds(_ l: BudgetLine, _ rules: FundingRules) -> Bool {
        rules.publicFundsEconomicPrefixes.contains { l.economicCode.hasPrefix($0) }
    }
    static func isTraining(_ l: BudgetLine, _ rules: FundingRules) -> Bool { rules.trainingEconomicCodes.contains(l.economicCode) }

    /// Each school's figures in `year` (schools with no line that year are left out).
    public static func schoolFunds(_ data: FundingDataset, year: Int, rules: FundingRules) -> [SchoolFunds] {
        var bySchool: [String: [BudgetLine]] = [:]
        for l in data.lines where l.fiscalYear == year { bySchool[l.schoolCode, default: []].append(l) }
        return data.schools.compactMap { s in
            guard let lines = bySchool[s.code] else { return nil }
            let phases = Set(lines.map(\.phase))
            let phase = phases.filter { $0 != .executed }.max()
            let budgetPhase = phases.filter(\.isBudget).max()
            func sum(_ p: BudgetPhase?, _ keep: (BudgetLine) -> Bool) -> Fen {
                Fen(Checked.sum(lines.filter { $0.phase == p && keep($0) }.map(\.amount.fen)))
            }
            return SchoolFunds(school: s, fiscalYear: year, phase: phase, publicFunds: sum(phase) { isPublicFunds($0, rules) },
                               budgetPhase: budgetPhase, budgetPublicFunds: sum(budgetPhase) { isPublicFunds($0, rules) },
                               budgetTraining: sum(budgetPhase) { isTraining($0, rules) })
        }
    }

    static func result(_ rule: FundingRule, _ scope: FundingRuleResult.Scope, _ subject: String, section: String = "", _ year: Int,
                       _ status: FundingRuleResult.Status, value: String, threshold: String, phase: BudgetPhase?,
                       zh: String, en: String) -> FundingRuleResult {
        FundingRuleResult(rule: rule.rawValue, scope: scope, subject: subject, section: section, fiscalYear: year, status: status,
                          value: value, threshold: threshold, phase: phase, detailZH: zh, detailEN: en)
    }

    static func countyQuota(_ data: FundingDataset, _ year: Int, _ r: FundingRules) -> [FundingRuleResult] {
        [("小学", r.countyPrimaryYuan, r.provinceQuotaPrimaryYuan), ("初中", r.countyJuniorYuan, r.provinceQuotaJuniorYuan)].map { s, county, province in
            result(.countyQuota, .county, data.countyCode, section: s, year, county >= province ? .passed : .failed,
                   value: "\(county) 元/生·年", threshold: "≥ \(province) 元/生·年", phase: nil,
                   zh: "县\(s)基准定额 \(county) 元，省定 \(province) 元", en: "county \(s) quota \(county) yuan, province \(province) yuan")
        }
    }

    /// F2/F3/F4/F6 for one school.
    static func schoolRules(_ f: SchoolFunds, _ r: FundingRules, county: String) -> [FundingRuleResult] {
        var out: [FundingRuleResult] = []
        let s = f.school, year = f.fiscalYear
        let per = f.perPupil.map { "\($0.yuanString) 元/生" } ?? "—"
        if s.kind == .special {
            // funds ≥ pupils × minimum, in 分.
            if s.pupils == 0 {
                out.append(result(.specialSchool, .school, s.code, year, .pending, value: "—", threshold: "≥ \(r.specialMinimumYuan) 元/生",
                                  phase: f.phase, zh: "在校生数为 0，无法计算", en: "no pupils: cannot compute"))
            } else {
                let ok = ExactProduct.atLeast([max(0, f.publicFunds.fen)], [s.pupils, r.specialMinimumYuan, 100]) && f.publicFunds.fen >= 0
                out.append(result(.specialSchool, .school, s.code, year, ok ? .passed : .failed, value: per, threshold: "≥ \(r.specialMinimumYuan) 元/生",
                                  phase: f.phase, zh: "公用经费 \(f.publicFunds.yuanString) 元 ÷ \(s.pupils) 人", en: "public funds \(f.publicFunds.yuanString) yuan ÷ \(s.pupils) pupils"))
            }
        } else {
            // Required funds in 分 = Σ section pupils × quota × 100, with small schools lifted to `smallSchoolPupils`.
            let qp = r.countyPrimaryYuan, qj = r.countyJuniorYuan
            let small = s.pupils < r.smallSchoolPupils
            if small {
                // funds ≥ floor × (pp·qp + pj·qj) / pupils × 100 ⇔ funds × pupils ≥ floor × (pp·qp + pj·qj) × 100.
                let weighted = s.primaryPupils * qp + s.juniorPupils * qj
                let quotaText = s.juniorPupils == 0 ? "\(qp)" : s.primaryPupils == 0 ? "\(qj)" : "按学段加权"
                if s.pupils == 0 {
                    out.append(result(.smallSchool, .school, s.code, year, .pending, value: f.publicFunds.yuanString + " 元", threshold: "≥ \(r.smallSchoolPupils) × \(quotaText) 元",
                                      phase: f.phase, zh: "在校生数为 0，无法按学段计算", en: "no pupils: the section quota is unknown"))
                } else {
                    let ok = f.publicFunds.fen >= 0 && ExactProduct.atLeast([f.publicFunds.fen, s.pupils], [r.smallSchoolPupils, weighted, 100])
                    let requiredFen = s.primaryPupils == 0 || s.juniorPupils == 0 ? Fen(r.smallSchoolPupils * (s.juniorPupils == 0 ? qp : qj) * 100).yuanString : "—"
                    out.append(result(.smallSchool, .school, s.code, year, ok ? .passed : .failed, value: f.publicFunds.yuanString + " 元",
                                      threshold: "≥ \(requiredFen) 元（\(r.smallSchoolPupils) × \(quotaText) 元）", phase: f.phase,
                                      zh: "在校生 \(s.pupils) 人，按 \(r.smallSchoolPupils) 人核定", en: "\(s.pupils) pupils, funded as \(r.smallSchoolPupils)"))
                }
            } else {
                let required = Fen(Checked.sum([s.primaryPupils * qp * 100, s.juniorPupils * qj * 100]))
                let ok = f.publicFunds >= required
                out.append(result(.schoolQuota, .school, s.code, year, ok ? .passed : .failed, value: f.publicFunds.yuanString + " 元（\(per)）",
                                  threshold: "≥ \(required.yuanString) 元", phase: f.phase,
                                  zh: "小学 \(s.primaryPupils) × \(qp) + 初中 \(s.juniorPupils) × \(qj) 元", en: "primary \(s.primaryPupils) × \(qp) + junior \(s.juniorPupils) × \(qj) yuan"))
            }
        }
        // F6: training × 10000 ≥ share × public funds (budget phase).
        let share = r.trainingShareBasisPoints
        if f.budgetPhase == nil || f.budgetPublicFunds.fen <= 0 {
            out.append(result(.training, .school, s.code, year, .pending, value: f.budgetTraining.yuanString + " 元", threshold: "≥ \(pct(share)) × 公用经费预算",
                              phase: f.budgetPhase, zh: "没有公用经费预算（年初或调整预算）", en: "no public-funds budget (initial or adjusted)"))
        } else {
            let ok = ExactProduct.atLeast([max(0, f.budgetTraining.fen), 10_000], [share, f.budgetPublicFunds.fen]) && f.budgetTraining.fen >= 0
            out.append(result(.training, .school, s.code, year, ok ? .passed : .failed, value: "\(f.budgetTraining.yuanString) 元（\(ratioText(f.budgetTraining.fen, f.budgetPublicFunds.fen))）",
                              threshold: "≥ \(pct(share)) × \(f.budgetPublicFunds.yuanString) 元", phase: f.budgetPhase,
                              zh: "培训费 ÷ 公用经费预算", en: "training ÷ public-funds budget"))
        }
        return out
    }

    /// F5 per section over single-section schools (九年一贯制 and special schools are left out: their funds are not
    /// split by section).
    static func ruralUrban(_ funds: [SchoolFunds], _ county: String, _ year: Int, _ r: FundingRules) -> [FundingRuleResult] {
        [("小学", [FundingSchool.Kind.primary, .teachingPoint]), ("初中", [.junior])].map { section, kinds in
            func total(_ locations: [String]) -> (funds: Int, pupils: Int) {
                let fs = funds.filter { kinds.contains($0.school.kind) && locations.contains($0.school.location.rawValue) }
                return (Checked.sum(fs.map(\.publicFunds.fen)), Checked.sum(fs.map(\.school.pupils)))
            }
            let rural = total(r.ruralLocations), urban = total(r.urbanLocations)
            let threshold = "≥ \(pct(r.ruralShareBasisPoints))"
            guard rural.pupils > 0, urban.pupils > 0, urban.funds > 0 else {
                return result(.ruralUrban, .county, county, section: section, year, .pending, value: "—", threshold: threshold, phase: nil,
                              zh: "缺少农村或城区\(section)学校", en: "no rural or no urban \(section) schools")
            }
            // (Rf / Rp) ≥ share × (Uf / Up) ⇔ Rf × Up × 10000 ≥ share × Uf × Rp.
            let ok = rural.funds >= 0 && ExactProduct.atLeast([rural.funds, urban.pupils, 10_000], [r.ruralShareBasisPoints, urban.funds, rural.pupils])
            let rPer = perPupil(rural.funds, rural.pupils), uPer = perPupil(urban.funds, urban.pupils)
            let ratio = Double(rural.funds) * Double(urban.pupils) / (Double(urban.funds) * Double(rural.pupils)) * 100
            return result(.ruralUrban, .county, county, section: section, year, ok ? .passed : .failed,
                          value: oneDecimal(ratio) + "%", threshold: threshold, phase: funds.compactMap(\.phase).max(),
                          zh: "农村 \(rPer) 元/生，城区 \(uPer) 元/生", en: "rural \(rPer), urban \(uPer) yuan per pupil")
        }
    }

    /// F7: days from the 采购意向 to the tender (published, else planned) ≥ notice days; no intent → failed.
    static func procurement(_ p: FundingProject, _ r: FundingRules) -> FundingRuleResult {
        let threshold = "≥ \(r.procurementNoticeDays) 日"
        guard let tender = p.stages[.tender] ?? p.plannedTender else {
            return result(.procurementNotice, .project, p.code, p.fiscalYear, .pending, value: "—", threshold: threshold, phase: nil,
                          zh: "没有招标日期（计划或实际）", en: "no tender date (planned or actual)")
        }
        guard let intent = p.stages[.intent] else {
            return result(.procurementNotice, .project, p.code, p.fiscalYear, .failed, value: "未公开", threshold: threshold, phase: nil,
                          zh: "未公开采购意向（招标 \(tender)）", en: "no procurement intent published (tender \(tender))")
        }
        let days = intent.days(to: tender)
        return result(.procurementNotice, .project, p.code, p.fiscalYear, days >= r.procurementNoticeDays ? .passed : .failed,
                      value: "\(days) 日", threshold: threshold, phase: nil,
                      zh: "采购意向 \(intent)，招标 \(tender)", en: "intent \(intent), tender \(tender)")
    }

    /// F8: |this − previous| × 10000 ≤ swing × previous, on the same kind of phase when both years have it.
    static func swing(_ prev: SchoolFunds, _ cur: SchoolFunds, _ r: FundingRules) -> FundingRuleResult {
        let s = cur.school
        let threshold = "≤ ±\(pct(r.swingBasisPoints))"
        guard prev.publicFunds.fen > 0 else {
            return result(.swing, .school, s.code, cur.fiscalYear, .pending, value: "—", threshold: threshold, phase: cur.phase,
                          zh: "上年公用经费为 0", en: "last year's public funds are 0")
        }
        let diff = (cur.publicFunds.subtracting(prev.publicFunds) ?? .zero).fen
        let ok = ExactProduct.atLeast([r.swingBasisPoints, prev.publicFunds.fen], [Int(diff.magnitude > UInt(Int.max) ? UInt(Int.max) : diff.magnitude), 10_000])
        let change = Double(diff) / Double(prev.publicFunds.fen) * 100
        return result(.swing, .school, s.code, cur.fiscalYear, ok ? .passed : .explain, value: (change >= 0 ? "+" : "") + oneDecimal(change) + "%",
                      threshold: threshold, phase: cur.phase,
                      zh: "\(prev.fiscalYear) 年 \(prev.publicFunds.yuanString) 元（\(prev.phase?.rawValue ?? "")）→ \(cur.publicFunds.yuanString) 元（\(cur.phase?.rawValue ?? "")）",
                      en: "\(prev.fiscalYear): \(prev.publicFunds.yuanString) → \(cur.publicFunds.yuanString) yuan")
    }

    static func pct(_ basisPoints: Int) -> String {
        basisPoints % 100 == 0 ? "\(basisPoints / 100)%" : Decimal2.format(basisPoints, scale: 2) + "%"
    }

    static func perPupil(_ fen: Int, _ pupils: Int) -> String {
        guard pupils > 0 else { return "—" }
        let q = fen / pupils, rem = fen % pupils
        return Fen(2 * rem >= pupils ? q + 1 : q).yuanString
    }

    static func ratioText(_ a: Int, _ b: Int) -> String { b == 0 ? "—" : oneDecimal(Double(a) / Double(b) * 100) + "%" }

    /// Display only: one decimal, e.g. 89.9.
    static func oneDecimal(_ x: Double) -> String {
        guard x.isFinite else { return "—" }
        return Decimal2.format(Checked.int(rounding: x * 10), scale: 1)
    }
}
