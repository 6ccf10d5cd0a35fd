import EquityKit

/// Which schools the text report lists.
public enum SchoolListing: String, Sendable, CaseIterable {
    case all
    case failing
    case none
}

/// The evaluation for a terminal: verdict, per-section indicator table, gap drivers, equity statistics, schools.
public struct TextReport {
    public var language: ReportLanguage
    public var listing: SchoolListing

    public init(language: ReportLanguage = .zh, listing: SchoolListing = .all) {
        self.language = language
        self.listing = listing
    }

    public func render(_ e: Evaluation) -> String {
        let L = language
        var out = "均衡 Junheng — " + L.t(e.standard.nameZH, e.standard.nameEN) + "  [\(e.standard.id)，\(e.standard.basis)"
        if let base = e.standard.derivedFrom { out += L.t("，基于 ", ", based on ") + base }
        out += "]\n"
        out += L.t("资源配置结论：", "Resource allocation: ") + L.verdict(e.passed)
        out += L.t("（政府保障程度、教育质量、社会认可度不在本数据范围内）\n", " (government guarantee, quality and satisfaction are not part of this data)\n")
        for s in e.sections { out += "\n" + section(s, e) }
        if !e.notes.isEmpty {
            out += "\n" + L.t("说明：", "Notes:") + "\n"
            for n in e.notes { out += "  • " + L.note(n) + "\n" }
        }
        if listing != .none { out += "\n" + schools(e) }
        return out
    }

    func section(_ s: SectionEvaluation, _ e: Evaluation) -> String {
        let L = language
        var out = "【\(L.section(s.section))】" + L.t("计入差异系数 \(NumberFormatting.grouped(s.schools)) 所学校、\(NumberFormatting.grouped(s.students)) 名学生",
                                                    "\(NumberFormatting.grouped(s.schools)) schools, \(NumberFormatting.grouped(s.students)) students counted")
        if s.excludedSchools > 0 { out += L.t("；另列出未计入 \(s.excludedSchools) 所", "; \(s.excludedSchools) more listed, not counted") }
        out += "  " + L.t("结论：", "verdict: ") + L.verdict(s.passed) + "\n"
        let comparator = e.standard.countyRule.strictlyBelow ? "<" : "≤"
        var table = TextTable(header: [L.t("指标", "Indicator"), L.t("县均值", "Mean"), L.t("差异系数", "CV"),
                                       L.t("不加权CV(参考)", "Unweighted CV"), L.t("限值", "Limit"), L.t("结论", "Result")],
                              numeric: [1, 2, 3])
        for i in s.indicators {
            table.rows.append([L.name(i.definition),
                               NumberFormatting.statistic(i.mean, NumberFormatting.indicatorDigits(i.definition), L),
                               NumberFormatting.statistic(i.cv, 3, L), NumberFormatting.statistic(i.cvUnweighted, 3, L),
                               comparator + NumberFormatting.fixed(i.cvLimit, 2),
                               e.standard.countyRule.kind == .compositeMean ? L.t("(参考)", "(info)") : L.verdict(i.passed)])
        }
        out += table.render(indent: "  ")
        if let composite = s.compositeCV {
            out += "  " + L.t("综合差异系数", "Composite CV") + "：" + NumberFormatting.statistic(composite, 3, L)
                + "  " + L.t("限值", "limit") + " \(comparator)" + NumberFormatting.fixed(e.standard.cvLimit(in: s.section), 2)
                + "  " + L.verdict(s.cvPassed) + "\n"
        }
        if let rule = e.standard.schoolRule {
            out += "  " + L.t("学校达标：\(s.schools - s.schoolsFailing)/\(s.schools) 所（至少\(rule.minimumMet)项达到标准，其余不低于\(Int((rule.floorRatio * 100).rounded()))%）",
                              "Schools passing: \(s.schools - s.schoolsFailing)/\(s.schools) (≥\(rule.minimumMet) met, the rest ≥\(Int((rule.floorRatio * 100).rounded()))%)") + "\n"
        }
        out += drivers(s, e)
        out += equity(s)
        return out
    }

    func drivers(_ s: SectionEvaluation, _ e: Evaluation) -> String {
        let L = language
        var out = "  " + L.t("差异系数主要来源（该校占加权方差的比例 → 去掉该校后的差异系数）：",
                             "What drives each CV (share of weighted variance → CV without the school):") + "\n"
        for i in s.indicators where !i.drivers.isEmpty {
            let list = i.drivers.prefix(3).map { d in
                let school = e.schools[d.school].school
                let arrow = d.belowMean ? "↓" : "↑"
                return "\(school.schoolName)\(arrow) \(NumberFormatting.percent(d.varianceShare)) → \(NumberFormatting.statistic(d.leaveOneOutCV, 3, L))"
            }.joined(separator: "；")
            out += "    " + L.short(i.definition) + "（\(NumberFormatting.statistic(i.cv, 3, L))）：" + list + "\n"
        }
        return out
    }

    func equity(_ s: SectionEvaluation) -> String {
        let L = language
        let f = { (x: Statistic) in NumberFormatting.statistic(x, 3, L) }
        var table = TextTable(header: [L.t("均衡统计", "Equity"), L.t("极差", "Range"), "P95−P5", L.t("联邦极差率", "Fed. ratio"),
                                       "McLoone", "Verstegen", "Gini", "Theil", L.t("组间", "Between"), L.t("组内", "Within")],
                              numeric: Set(1...9))
        for i in s.indicators {
            guard let q = i.equity else { continue }
            table.rows.append([L.short(i.definition), f(q.range), f(q.restrictedRange), f(q.federalRangeRatio), f(q.mcLoone),
                               f(q.verstegen), f(q.gini), f(q.theil.total), f(q.theil.between), f(q.theil.within)])
        }
        guard !table.rows.isEmpty else { return "" }
        return "  " + L.t("Berne–Stiefel 均衡统计（按学生加权；Theil 按城区/镇区/乡村分解）：",
                          "Berne–Stiefel statistics (student-weighted; Theil split by urban/town/rural):") + "\n" + table.render(indent: "  ")
    }

    func schools(_ e: Evaluation) -> String {
        let L = language
        let indicators = e.standard.indicators
        var header = [L.t("学段", "Section"), L.t("学校标识码", "Code"), L.t("学校名称", "School"), L.t("学生数", "Students")]
        header += indicators.map { L.short($0) }
        header += [L.t("达标项", "Met"), L.t("低于85%", "Below 85%"), L.t("结论", "Result")]
        var table = TextTable(header: header, numeric: Set(3..<(4 + indicators.count + 1)))
        for s in e.schools where listing == .all || s.passed == false {
            var row = [L.section(s.school.section), s.school.schoolCode,
                       s.school.schoolName + (s.school.apportioned ? L.t("（合计分摊）", " (apportioned)") : ""),
                       NumberFormatting.grouped(s.school.students)]
            for (k, i) in indicators.enumerated() {
                guard let v = s.values[k] else { row.append("—"); continue }
                let mark = s.belowFloor.contains(k) ? "!" : (s.unmet.contains(k) ? "*" : "")
                row.append(NumberFormatting.fixed(v, NumberFormatting.indicatorDigits(i)) + mark)
            }
            row.append(e.standard.schoolRule == nil ? "—" : "\(s.met)/\(indicators.count)")
            row.append(s.belowFloor.map { L.short(indicators[$0]) }.joined(separator: "、"))
            if let x = s.exclusion {
                row.append(L.t("未计入：", "not counted: ") + L.exclusion(x))
            } else {
                row.append(s.passed.map(L.verdict) ?? "—")
            }
            table.rows.append(row)
        }
        let title = listing == .failing ? L.t("未达标学校", "Schools failing the school rule") : L.t("学校明细", "Schools")
        guard !table.rows.isEmpty else { return "【\(title)】" + L.t("无", "none") + "\n" }
        return "【\(title)】" + L.t("（* 未达到标准值；! 低于标准值的85%）", " (* below the requirement; ! below 85% of it)") + "\n"
            + table.render(indent: "  ")
    }
}
