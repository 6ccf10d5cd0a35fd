import Foundation
import Funding

/// `junheng funding check` output: every rule's result per county, school and project, per fiscal year.
public struct FundingCheckReport: Sendable {
    public var dataset: FundingDataset
    public var rules: FundingRules
    public var results: [FundingRuleResult]

    public init(dataset: FundingDataset, rules: FundingRules) {
        self.dataset = dataset
        self.rules = rules
        results = FundingCheck.run(dataset, rules: rules)
    }

    /// Counts by status.
    public var summary: [FundingRuleResult.Status: Int] {
        Dictionary(grouping: results, by: \.status).mapValues(\.count)
    }

    func statusText(_ s: FundingRuleResult.Status, _ lang: ReportLanguage) -> String {
        switch s {
        case .passed: lang.t("通过", "passed")
        case .failed: lang.t("未通过", "FAILED")
        case .pending: lang.t("待定", "pending")
        case .explain: lang.t("需说明", "explain")
        }
    }

    /// The terminal report.
    public func text(language lang: ReportLanguage = .zh) -> String {
        var out = lang.t("经费规则检查", "Funding rules check") + " · \(dataset.countyName) (\(dataset.countyCode)) · " + lang.t("规则", "rules") + " \(rules.id)\n"
        let names = Dictionary(dataset.schools.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let projects = Dictionary(dataset.projects.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        func line(_ r: FundingRuleResult) -> String {
            let rule = FundingRule(rawValue: r.rule)
            let name = rule.map { lang.t($0.zh, $0.en) } ?? r.rule
            let section = r.section.isEmpty ? "" : " [\(r.section)]"
            let phase = r.phase.map { " · \($0.rawValue)" } ?? ""
            return "    \(r.rule) \(statusText(r.status, lang))\(section)  \(r.value)  (\(r.threshold))\(phase)  \(name) — \(lang.t(r.detailZH, r.detailEN))\n"
        }
        for year in Set(results.map(\.fiscalYear)).sorted() {
            let ofYear = results.filter { $0.fiscalYear == year }
            out += "\n== \(year) ==\n  " + lang.t("县级", "County") + "\n"
            for r in ofYear where r.scope == .county { out += line(r) }
            out += "  " + lang.t("学校", "Schools") + "\n"
            var seen = Set<String>()
            for r in ofYear where r.scope == .school {
                if seen.insert(r.subject).inserted {
                    let s = names[r.subject]
                    out += "   \(r.subject) \(s?.name ?? "") (\(s?.location.rawValue ?? ""), \(s?.pupils ?? 0) \(lang.t("人", "pupils")))\n"
                }
                out += line(r)
            }
            let ps = ofYear.filter { $0.scope == .project }
            if !ps.isEmpty {
                out += "  " + lang.t("项目", "Projects") + "\n"
                for r in ps {
                    let p = projects[r.subject]
                    out += "   \(r.subject) \(p?.name ?? "") · \(p?.stage?.rawValue ?? lang.t("未启动", "not started")) · \(p?.executionPercent ?? 0)%\n" + line(r)
                }
            }
        }
        let s = summary
        out += "\n" + lang.t("合计", "Total") + ": \(s[.passed] ?? 0) \(statusText(.passed, lang)), \(s[.failed] ?? 0) \(statusText(.failed, lang)), "
            + "\(s[.explain] ?? 0) \(statusText(.explain, lang)), \(s[.pending] ?? 0) \(statusText(.pending, lang))\n"
        return out
    }

    struct JSONBody: Encodable {
        var county_code: String, county_name: String, rules: String, years: [Int]
        var summary: [String: Int]
        var results: [Item]
        struct Item: Encodable {
            var rule: String, scope: String, subject: String, section: String, fiscal_year: Int, status: String
            var value: String, threshold: String, phase: String?, detail_zh: String, detail_en: String
        }
    }

    /// `{ county_code, county_name, rules, years, summary: {passed, failed, explain, pending}, results: [...] }`.
    public func json() -> [UInt8] {
        let s = summary
        let body = JSONBody(county_code: dataset.countyCode, county_name: dataset.countyName, rules: rules.id, years: dataset.years,
                            summary: ["passed": s[.passed] ?? 0, "failed": s[.failed] ?? 0, "explain": s[.explain] ?? 0, "pending": s[.pending] ?? 0],
                            results: results.map {
                                .init(rule: $0.rule, scope: $0.scope.rawValue, subject: $0.subject, section: $0.section, fiscal_year: $0.fiscalYear,
                                      status: $0.status.rawValue, value: $0.value, threshold: $0.threshold, phase: $0.phase?.key,
                                      detail_zh: $0.detailZH, detail_en: $0.detailEN)
                            })
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(((try? e.encode(body)) ?? Data("{}".utf8))) + [10]
    }
}
