import EquityKit

/// Applies every item's rule of accreditation.md to a county's assessment input.
public enum Assessor {
    /// Assesses `input` under `rules`; part R uses the existing 资源配置 evaluation against `standard`. With `finance`,
    /// G2, G6, G7 and Q4 use the finance office's figures where it recorded them, and every result of those items says
    /// which source it used.
    public static func assess(_ input: AssessmentInput, rules: AccreditationRules = .national,
                              standard: Standard = BuiltInStandards.youzhi2017, finance: FinanceFigures? = nil) -> Assessment {
        let c = Context(finance?.overlay(input) ?? input, rules: rules)
        var items: [ItemResult] = []
        let (resourcesItem, evaluation) = c.resources(standard: standard)
        for d in AssessmentItems.all {
            switch d.key {
            case "R": items.append(resourcesItem)
            default: items.append(c.result(d))
            }
        }
        items = items.map { markSources($0, finance) }
        return Assessment(rules: rules, items: items, resources: evaluation, status: Assessment.overall(items),
                          vetoesPresent: input.vetoes.filter(\.present).map(\.key).sorted { vetoOrder($0) < vetoOrder($1) },
                          recognitionOfficialPct: input.county[.recognitionOfficialPct],
                          recognitionPresurveyPct: input.county[.recognitionPresurveyPct], financeYear: finance?.fiscalYear)
    }

    /// Marks each school result of G2/G6/G7/Q4 (and the item) with the source of its figures.
    static func markSources(_ item: ItemResult, _ finance: FinanceFigures?) -> ItemResult {
        guard FinanceFigures.itemKeys.contains(item.key) else { return item }
        var item = item
        if item.key == "G2" {
            item.sources = [finance?.source(item: "G2", school: nil) ?? .submission]
            return item
        }
        for i in item.schools.indices {
            let code = item.schools[i].schoolCode
            let source = finance?.source(item: item.key, school: code) ?? .submission
            item.schools[i].source = source
            if source == .finance { item.schools[i].sourcePhase = finance?.phase(item: item.key, school: code) ?? "" }
        }
        let used = Set(item.schools.compactMap(\.source))
        item.sources = FigureSource.allCases.filter(used.contains)
        return item
    }

    static func vetoOrder(_ key: String) -> Int { AssessmentItems.vetoKeys.firstIndex(of: key) ?? 99 }
}

/// The input and rules while items are judged.
struct Context {
    let input: AssessmentInput
    let rules: AccreditationRules
    /// Rooms by school code, verdicts by `key@school` (`key@` for the county level): lookups stay O(1) for big counties.
    let roomsBySchool: [String: [SpecialRoom]]
    let verdictsByTarget: [String: [ReviewVerdict]]

    init(_ input: AssessmentInput, rules: AccreditationRules) {
        self.input = input
        self.rules = rules
        roomsBySchool = Dictionary(grouping: input.rooms ?? [], by: \.schoolCode)
        verdictsByTarget = Dictionary(grouping: input.reviews, by: { $0.key + "@" + ($0.schoolCode ?? "") })
    }

    // MARK: county figures and verdicts

    func figure(_ k: CountyKey, _ missing: inout [Missing]) -> Double? {
        if let v = input.county[k] { return v }
        missing.append(Missing(field: "county." + k.rawValue, zh: "县级数据「\(k.zh)」（\(k.rawValue)）", en: "county figure \(k.rawValue)"))
        return nil
    }

    /// The reviewer's verdict on `key` for a school (its own verdict first, else the county-level one) or the county.
    func verdict(_ key: String, school: String? = nil) -> (status: ItemStatus, used: [ReviewVerdict], missing: Missing?) {
        var found = school.map { verdictsByTarget[key + "@" + $0] ?? [] } ?? []
        if found.isEmpty { found = verdictsByTarget[key + "@"] ?? [] }
        guard !found.isEmpty else {
            let whereZH = school.map { "学校 \($0) 的" } ?? ""
            let whereEN = school.map { " for school \($0)" } ?? ""
            return (.pending, [], Missing(field: "reviews." + key, schoolCode: school, zh: "\(whereZH)\(key) 评审结论（达标/不达标）",
                                          en: "a reviewer's verdict on \(key)\(whereEN)"))
        }
        return (found.allSatisfy(\.passed) ? .passed : .failed, found, nil)
    }

    func ratio(_ a: Double?, _ b: Double?, _ missing: inout [Missing], zeroZH: String, zeroEN: String, field: String) -> Double? {
        guard let a, let b else { return nil }
        guard b > 0 else {
            missing.append(Missing(field: field, zh: zeroZH, en: zeroEN))
            return nil
        }
        return a / b
    }

    /// A county item from its measures and, when the kind needs it, its verdict.
    func countyItem(_ d: ItemDefinition, _ measures: [Measure], missing: [Missing], notesZH: [String] = [], notesEN: [String] = [],
                    forceStatus: ItemStatus? = nil) -> ItemResult {
        var statuses = measures.map(\.status)
        var missing = missing
        var used: [ReviewVerdict] = []
        if d.kind.needsVerdict {
            let v = verdict(d.key)
            statuses.append(v.status)
            used = v.used
            if let m = v.missing { missing.append(m) }
        }
        if d.kind.needsData && measures.isEmpty && !missing.isEmpty { statuses.append(.pending) }
        let status = forceStatus ?? ItemStatus.combine(statuses)
        return ItemResult(definition: d, status: status, value: measures.first?.value, threshold: measures.first?.threshold,
                          measures: measures, schools: [], missing: status == .pending ? missing : [],
                          verdicts: used, notesZH: notesZH, notesEN: notesEN)
    }

    /// A per-school item; the headline value is the first failing (else first) school's.
    func schoolItem(_ d: ItemDefinition, _ schools: [SchoolItemResult], notApplicableZH: String, notApplicableEN: String,
                    extraMissing: [Missing] = []) -> ItemResult {
        var statuses = schools.map(\.status)
        if !extraMissing.isEmpty { statuses.append(.pending) }
        let status = ItemStatus.combine(statuses)
        let headline = schools.first { $0.status == .failed } ?? schools.first { $0.status == .pending } ?? schools.first
        var seen = Set<Missing>()
        let missing = (extraMissing + schools.flatMap(\.missing)).filter { seen.insert($0).inserted }
        var used: [ReviewVerdict] = []
        if d.kind.needsVerdict {
            let keys = Set(schools.map(\.schoolCode))
            used = input.reviews.filter { $0.key == d.key && ($0.schoolCode.map(keys.contains) ?? true) }
        }
        return ItemResult(definition: d, status: status, value: headline?.value, threshold: headline?.threshold, measures: [],
                          schools: schools, missing: status == .pending ? missing : [], verdicts: used,
                          notesZH: schools.isEmpty ? [notApplicableZH] : [], notesEN: schools.isEmpty ? [notApplicableEN] : [])
    }

    func measure(_ key: String, _ zh: String, _ en: String, _ value: Double?, _ comparison: Comparison, _ threshold: Double) -> Measure {
        Measure(key: key, zh: zh, en: en, value: value, threshold: threshold, comparison: comparison)
    }

    // MARK: items

    func result(_ d: ItemDefinition) -> ItemResult {
        switch d.part {
        case .veto: return veto(d)
        case .recognition: return recognition(d)
        case .quality where d.key != "Q3" && d.key != "Q4" && d.key != "Q6": return qualityCounty(d)
        case .quality: return schoolItems(d)
        case .government where d.grain == .county: return governmentCounty(d)
        case .government: return schoolItems(d)
        case .entry: return entry(d)
        case .resources: return countyItem(d, [], missing: [])
        }
    }

    func entry(_ d: ItemDefinition) -> ItemResult {
        var m: [Missing] = []
        let app = figure(.applicationYear, &m), basic = figure(.basicBalanceYear, &m)
        let years = app.flatMap { a in basic.map { a - $0 } }
        return countyItem(d, [measure("years_since_basic_balance", "通过基本均衡认定年数", "years since basic-balance recognition",
                                      years, .atLeast, rules.number("E", "min_years_since_basic_balance"))], missing: m)
    }

    func veto(_ d: ItemDefinition) -> ItemResult {
        let declared = input.vetoes.filter { $0.key == d.key }
        let missing = Missing(field: "vetoes." + d.key, zh: "否决事项 \(d.key) 的声明（是/否）", en: "the declaration on veto \(d.key) (yes/no)")
        let status: ItemStatus = declared.isEmpty ? .pending : declared.contains(where: \.present) ? .failed : .passed
        let notes = declared.map(\.explanation).filter { !$0.isEmpty }
        return ItemResult(definition: d, status: status, value: declared.isEmpty ? nil : (declared.contains(where: \.present) ? 1 : 0),
                          threshold: 0, measures: [], schools: [], missing: declared.isEmpty ? [missing] : [], verdicts: [],
                          notesZH: notes, notesEN: notes)
    }

    func recognition(_ d: ItemDefinition) -> ItemResult {
        var m: [Missing] = []
        let official = figure(.recognitionOfficialPct, &m)
        var notesZH: [String] = [], notesEN: [String] = []
        if let pre = input.county[.recognitionPresurveyPct] {
            let shown = String(Int64((pre * 10).rounded())).withDecimal
            notesZH.append("县预调查 \(shown)%（仅供参考，不代替国家调查结果）")
            notesEN.append("county pre-survey \(shown)% (for reference only; never stands in for the official figure)")
        }
        return countyItem(d, [measure("recognition_official_pct", "社会认可度（国家调查，%）", "social recognition (official survey, %)",
                                      official, .atLeast, rules.number("S", "min_recognition_pct"))],
                          missing: m, notesZH: notesZH, notesEN: notesEN)
    }
}

/// Whole numbers without a decimal point; anything huge as Swift prints it (never a trapping conversion).
func whole(_ v: Double) -> String {
    v.rounded() == v && abs(v) < 1e15 ? String(Int64(v)) : String(v)
}

extension String {
    /// "853" → "85.3" (a tenth-unit integer's text with its decimal point).
    var withDecimal: String {
        let negative = hasPrefix("-")
        var digits = negative ? String(dropFirst()) : self
        while digits.count < 2 { digits = "0" + digits }
        let head = digits.dropLast(), tail = digits.suffix(1)
        return (negative ? "-" : "") + head + (tail == "0" ? "" : "." + tail)
    }
}
