import Accreditation
import Foundation
import EquityKit

/// 自评报告: the county's self-assessment report in the section structure of accreditation.md §5.
public struct SelfAssessmentReport {
    public var language: ReportLanguage
    /// County name for the title ("" leaves it out).
    public var county: String

    public init(language: ReportLanguage = .zh, county: String = "") {
        self.language = language
        self.county = county
    }

    public func render(_ a: Assessment, input: AssessmentInput) -> String {
        let L = language
        let numerals = L == .zh ? ["一", "二", "三", "四", "五", "六", "七", "八", "九"] : (1...9).map { "\($0)." }
        var out = L.t("\(county)县域义务教育优质均衡发展督导评估 自评报告", "Self-assessment report: high-quality balanced compulsory education\(county.isEmpty ? "" : ", " + county)") + "\n"
        out += L.t("评估规则：\(a.rules.nameZH)（\(a.rules.id)，\(a.rules.basis)）", "Rules: \(a.rules.nameEN) (\(a.rules.id), \(a.rules.basis))") + "\n"
        out += L.t("结论：", "Conclusion: ") + AssessmentFormatting.overall(a.status, L) + "\n\n"
        let titles = [L.t("基本情况", "Basic facts"), L.t("主要做法与成效", "Main measures and results"),
                      L.t("资源配置达标情况", "Resource allocation"), L.t("政府保障程度", "Government guarantee"),
                      L.t("教育质量", "Education quality"), L.t("社会认可度", "Social recognition"),
                      L.t("否决事项自查", "Veto self-check"), L.t("存在问题与整改措施", "Problems and rectification"),
                      L.t("自评结论", "Conclusion")]
        func heading(_ k: Int) -> String { "\(numerals[k])\(L == .zh ? "、" : " ")\(titles[k])\n" }

        out += heading(0) + basics(a, input) + "\n"
        out += heading(1)
        for part in [AssessmentPart.resources, .government, .quality, .recognition] {
            let items = a.items(in: part)
            let passed = items.filter { $0.status == .passed }.count
            out += "  " + L.t("\(part.zh)：\(items.count) 项中 \(passed) 项达标", "\(part.en): \(passed) of \(items.count) items met") + "\n"
        }
        out += "  " + L.t("（本县主要做法由县教育局补充）", "(the county bureau adds its main measures here)") + "\n\n"
        out += heading(2)
        if let e = a.resources {
            // The 资源配置 report says the other parts are out of its data; here they are the next sections.
            let resources = TextReport(language: L, listing: .all).render(e)
                .replacingOccurrences(of: "（政府保障程度、教育质量、社会认可度不在本数据范围内）", with: "")
                .replacingOccurrences(of: " (government guarantee, quality and satisfaction are not part of this data)", with: "")
            out += resources.split(separator: "\n", omittingEmptySubsequences: false)
                .map { "  " + $0 }.joined(separator: "\n") + "\n"
        } else if let r = a.item("R") {
            out += "  " + AssessmentFormatting.status(r.status, L) + L.t("：", ": ") + r.missing.map { AssessmentFormatting.missing($0, L) }.joined(separator: "；") + "\n"
        }
        out += "\n" + heading(3) + itemTable(a.items(in: .government)) + "\n"
        out += heading(4) + itemTable(a.items(in: .quality)) + "\n"
        out += heading(5) + recognition(a) + "\n"
        out += heading(6) + vetoes(a, input) + "\n"
        out += heading(7) + problems(a) + "\n"
        out += heading(8) + conclusion(a)
        return out
    }

    func basics(_ a: Assessment, _ input: AssessmentInput) -> String {
        let L = language
        let schools = input.schoolRows
        var byType: [SchoolType: Int] = [:]
        for s in schools { if let t = s.rows.first?.record.schoolType { byType[t, default: 0] += 1 } }
        let students = input.statistics.reduce(0) { $0 + $1.record.students }
        var out = "  " + L.t("学校 \(schools.count) 所（统计行 \(input.statistics.count) 行），在校生 \(NumberFormatting.grouped(students)) 人",
                             "\(schools.count) schools (\(input.statistics.count) rows), \(NumberFormatting.grouped(students)) students") + "\n"
        let types = SchoolType.allCases.compactMap { t in byType[t].map { L.t("\(t.rawValue) \($0) 所", "\(t.english) \($0)") } }
        out += "  " + types.joined(separator: L.t("，", ", ")) + "\n"
        if let e = a.item("E") { out += "  " + line(e) + "\n" }
        return out
    }

    func line(_ r: ItemResult) -> String {
        let L = language
        let c = AssessmentFormatting.comparison(r)
        var s = "\(r.key) \(AssessmentFormatting.name(r.definition, L))\(L.t("：", ": "))\(AssessmentFormatting.status(r.status, L))"
        if r.value != nil || r.threshold != nil {
            s += L.t("（值 ", " (value ") + AssessmentFormatting.value(r.value, item: r.key, measure: r.measures.first?.key ?? "", L)
                + L.t("，标准 ", ", threshold ") + AssessmentFormatting.threshold(r.threshold, c, item: r.key, measure: r.measures.first?.key ?? "", L) + L.t("）", ")")
        }
        return s
    }

    func itemTable(_ items: [ItemResult]) -> String {
        let L = language
        var t = TextTable(header: [L.t("项目", "Item"), L.t("内容", "Wording"), L.t("值", "Value"), L.t("标准", "Threshold"),
                                   L.t("结论", "Result"), L.t("佐证 / 未达标学校 / 待补充", "Evidence / failing schools / missing")])
        for r in items {
            let c = AssessmentFormatting.comparison(r)
            let m = r.measures.first?.key ?? ""
            var detail: [String] = []
            if r.definition.kind.needsVerdict {
                detail += r.verdicts.filter { $0.schoolCode == nil }.map { "\($0.reviewer.isEmpty ? L.t("评审", "review") : $0.reviewer)：\($0.passed ? L.t("达标", "pass") : L.t("不达标", "fail")) \($0.comment)" }
            }
            if !r.failingSchools.isEmpty {
                let names = r.schools.filter { $0.status == .failed }.map { "\($0.schoolName)\($0.section.map { "(\($0))" } ?? "")" }
                detail.append(L.t("未达标：", "failing: ") + names.prefix(8).joined(separator: "、") + (names.count > 8 ? L.t(" 等 \(names.count) 所", " and \(names.count - 8) more") : ""))
            }
            if r.status == .pending {
                let m = r.missing.prefix(3).map { AssessmentFormatting.missing($0, L) }
                detail.append(L.t("待补充：", "missing: ") + m.joined(separator: "；") + (r.missing.count > 3 ? L.t(" 等 \(r.missing.count) 项", " and \(r.missing.count - 3) more") : ""))
            }
            detail += L == .zh ? r.notesZH : r.notesEN
            let wording = AssessmentFormatting.name(r.definition, L)
            t.rows.append([r.key, String(wording.prefix(L == .zh ? 24 : 48)) + (wording.count > (L == .zh ? 24 : 48) ? "…" : ""),
                           AssessmentFormatting.value(r.value, item: r.key, measure: m, L),
                           AssessmentFormatting.threshold(r.threshold, c, item: r.key, measure: m, L),
                           AssessmentFormatting.status(r.status, L), detail.joined(separator: L.t("；", "; "))])
            for extra in r.measures.dropFirst() {
                t.rows.append(["", "  " + L.t(extra.zh, extra.en), AssessmentFormatting.value(extra.value, item: r.key, measure: extra.key, L),
                               AssessmentFormatting.threshold(extra.threshold, extra.comparison, item: r.key, measure: extra.key, L),
                               extra.passed.map { $0 ? L.t("达标", "passed") : L.t("未达标", "FAILED") } ?? L.t("待补充", "pending"), ""])
            }
        }
        return t.render(indent: "  ")
    }

    func recognition(_ a: Assessment) -> String {
        let L = language
        var out = ""
        if let r = a.item("S") { out += "  " + line(r) + "\n" }
        out += "  " + L.t("国家调查：", "Official survey: ") + (a.recognitionOfficialPct.map { NumberFormatting.fixed($0, 1) + "%" } ?? L.t("尚未录入", "not entered yet")) + "\n"
        out += "  " + L.t("县预调查（仅供参考，不代替国家调查）：", "County pre-survey (reference only, never stands in for the official figure): ")
            + (a.recognitionPresurveyPct.map { NumberFormatting.fixed($0, 1) + "%" } ?? L.t("无", "none")) + "\n"
        return out
    }

    func vetoes(_ a: Assessment, _ input: AssessmentInput) -> String {
        let L = language
        var t = TextTable(header: [L.t("项目", "Item"), L.t("事项", "Veto"), L.t("声明", "Declared"), L.t("说明", "Explanation")])
        for r in a.items(in: .veto) {
            let d = input.vetoes.first { $0.key == r.key }
            t.rows.append([r.key, AssessmentFormatting.name(r.definition, L),
                           d.map { $0.present ? L.t("是（一票否决）", "YES (veto)") : L.t("否", "no") } ?? L.t("未声明", "not declared"),
                           d?.explanation ?? ""])
        }
        return t.render(indent: "  ")
    }

    func problems(_ a: Assessment) -> String {
        let L = language
        var out = ""
        let tasks = Rectification.tasks(from: a, version: 1)
        if tasks.isEmpty { out += "  " + L.t("无未达标项目。", "No failed item.") + "\n" }
        for (k, t) in tasks.enumerated() {
            out += "  \(k + 1). " + L.t(t.titleZH, t.titleEN) + "\n"
            out += "     " + L.t("整改措施：＿＿＿＿  责任单位：＿＿＿＿  完成时限：＿＿＿＿", "Measures: ____  Responsible unit: ____  Deadline: ____") + "\n"
        }
        let pending = a.items.filter { $0.status == .pending }
        if !pending.isEmpty {
            out += "  " + L.t("待补充的项目：", "Pending items:") + "\n"
            for r in pending {
                let m = r.missing.prefix(5).map { AssessmentFormatting.missing($0, L) }
                out += "  - \(r.key)\(L.t("：", ": "))" + m.joined(separator: L.t("；", "; ")) + (r.missing.count > 5 ? L.t(" 等 \(r.missing.count) 项", " and \(r.missing.count - 5) more") : "") + "\n"
            }
        }
        return out
    }

    func conclusion(_ a: Assessment) -> String {
        let L = language
        var out = "  " + L.t("自评结论：", "Conclusion: ") + AssessmentFormatting.overall(a.status, L) + "\n"
        if !a.vetoesPresent.isEmpty {
            out += "  " + L.t("存在一票否决事项 \(a.vetoesPresent.joined(separator: "、"))，不予认定，其他项目结果不改变此结论。",
                              "Veto \(a.vetoesPresent.joined(separator: ", ")) declared: not recognised, whatever the other items show.") + "\n"
        }
        let failed = a.items.filter { $0.status == .failed }.map(\.key)
        let pending = a.items.filter { $0.status == .pending }.map(\.key)
        if !failed.isEmpty { out += "  " + L.t("未达标：", "Failed: ") + failed.joined(separator: L.t("、", ", ")) + "\n" }
        if !pending.isEmpty { out += "  " + L.t("待补充：", "Pending: ") + pending.joined(separator: L.t("、", ", ")) + "\n" }
        return out
    }
}
