import EquityKit
import Foundation
import JunhengPlanner
import JunhengSheets

/// A remedy plan for the terminal and as JSON (`status`, `total_cost`, `best_bound`, `gap`, `actions`, …).
public enum PlanReport {
    /// Status in words; never calls an unproven plan optimal.
    public static func status(_ s: PlanStatus, _ L: ReportLanguage) -> String {
        switch s {
        case .optimal: L.t("已证明最优", "proven optimal")
        case .feasible: L.t("可行方案（时间用尽，未证明最优）", "feasible (time limit; optimality not proven)")
        case .infeasible: L.t("无解：现有措施无法使全县达标", "infeasible: no plan with the allowed actions makes the county pass")
        case .noPlanFound: L.t("时间用尽，未找到方案", "time limit reached before any plan was found")
        case .cvNotConverged: L.t("差异系数割平面未收敛：方案仍超出限值", "CV cuts had not converged: the plan still exceeds a CV limit")
        }
    }

    public static func text(_ p: RemedyPlan, language L: ReportLanguage = .zh) -> String {
        var out = L.t("整改方案", "Remedy plan") + "（\(p.solver)）\n"
        out += L.t("状态：", "Status: ") + status(p.status, L) + "\n"
        if let cost = p.totalCost {
            out += L.t("总费用：", "Total cost: ") + yuan(cost)
            if let bound = p.bestBound { out += L.t("；下界 ", "; best bound ") + yuan(bound) }
            if let gap = p.gap { out += L.t("；相对差距 ", "; gap ") + NumberFormatting.percent(gap) }
            out += "\n"
        }
        if let failing = p.failingSchools { out += L.t("仍未达标学校：\(failing) 所\n", "School sections still failing: \(failing)\n") }
        out += L.t("求解轮数 \(p.rounds)，差异系数割平面 \(p.cuts) 条，用时 ", "\(p.rounds) solver rounds, \(p.cuts) CV cuts, ")
            + NumberFormatting.fixed(p.seconds, 1) + L.t(" 秒\n", " s\n")
        if !p.actions.isEmpty {
            var table = TextTable(header: [L.t("学校标识码", "Code"), L.t("学校名称", "School"), L.t("学段", "Section"),
                                           L.t("措施", "Action"), L.t("数量", "Quantity"), L.t("费用(元)", "Cost (yuan)"),
                                           L.t("调出学校", "From")], numeric: [4, 5])
            for a in p.actions {
                table.rows.append([a.schoolCode, a.schoolName, a.section, L.t(a.action.zh, a.action.rawValue),
                                   NumberFormatting.grouped(Int(a.quantity.rounded())) + " " + L.t(a.action.unit.zh, a.action.unit.en),
                                   NumberFormatting.grouped(Int(a.cost.rounded())), a.from ?? ""])
            }
            out += "\n" + table.render()
        }
        if let after = p.after {
            out += "\n" + L.t("整改前后对比（差异系数 / 未达标学校）：", "Before and after (CV / schools failing):") + "\n"
            var table = TextTable(header: [L.t("学段", "Section"), L.t("指标", "Indicator"), L.t("整改前", "Before"),
                                           L.t("整改后", "After"), L.t("限值", "Limit")], numeric: [2, 3, 4])
            for (b, a) in zip(p.before.sections, after.sections) where b.section == a.section {
                for (bi, ai) in zip(b.indicators, a.indicators) {
                    table.rows.append([L.section(b.section), L.short(bi.definition), NumberFormatting.statistic(bi.cv, 3, L),
                                       NumberFormatting.statistic(ai.cv, 3, L), NumberFormatting.fixed(bi.cvLimit, 2)])
                }
                table.rows.append([L.section(b.section), L.t("未达标学校", "Failing schools"), String(b.schoolsFailing),
                                   String(a.schoolsFailing), ""])
            }
            out += table.render()
            out += L.t("整改后资源配置结论：", "Resource allocation after the plan: ") + L.verdict(after.passed) + "\n"
        }
        return out
    }

    static func yuan(_ v: Double) -> String { NumberFormatting.grouped(Int(v.rounded())) + " 元" }

    public static func json(_ p: RemedyPlan) -> [UInt8] {
        var w = JSONWriter(capacity: 4096)
        w.beginObject()
        w.key("status"); w.string(p.status.rawValue)
        w.key("solver"); w.string(p.solver)
        w.key("total_cost"); w.number(p.totalCost)
        w.key("best_bound"); w.number(p.bestBound)
        w.key("gap"); w.number(p.gap)
        w.key("cv_violation"); w.number(p.cvViolation)
        w.key("largest_cv_ratio"); w.number(p.largestCVRatio)
        if let failing = p.failingSchools { w.key("failing_schools"); w.int(failing) }
        w.key("passed_after"); if let a = p.after { w.bool(a.passed) } else { w.null() }
        w.key("rounds"); w.int(p.rounds)
        w.key("cuts"); w.int(p.cuts)
        w.key("seconds"); w.number(p.seconds)
        w.key("actions"); w.beginArray()
        for a in p.actions {
            w.beginObject()
            w.key("school_code"); w.string(a.schoolCode)
            w.key("school_name"); w.string(a.schoolName)
            w.key("section"); w.string(a.section)
            w.key("action"); w.string(a.action.rawValue)
            w.key("quantity"); w.number(a.quantity)
            w.key("cost"); w.number(a.cost)
            if let from = a.from { w.key("from"); w.string(from) }
            if let to = a.to { w.key("to"); w.string(to) }
            w.endObject()
        }
        w.endArray()
        w.key("sections"); w.beginArray()
        for b in p.before.sections {
            let a = p.after?.sections.first { $0.section == b.section }
            w.beginObject()
            w.key("section"); w.string(b.section.rawValue)
            w.key("schools_failing_before"); w.int(b.schoolsFailing)
            w.key("schools_failing_after"); if let a { w.int(a.schoolsFailing) } else { w.null() }
            w.key("indicators"); w.beginArray()
            for (k, i) in b.indicators.enumerated() {
                w.beginObject()
                w.key("key"); w.string(i.definition.key)
                w.key("cv_before"); w.number(i.cv.value)
                w.key("cv_after"); w.number(a?.indicators[k].cv.value)
                w.key("cv_limit"); w.number(i.cvLimit)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.bytes + [0x0A]
    }
}

/// The 整改 plan as a workbook: actions, before/after CVs, and the planned statistics.
public struct PlanWorkbook {
    public var language: ReportLanguage

    public init(language: ReportLanguage = .zh) { self.language = language }

    public func data(_ p: RemedyPlan) throws -> Data {
        let L = language
        var book = XLSXWorkbook()
        var summary: [[XLSXCell]] = [
            [.header(L.t("状态", "Status")), .text(PlanReport.status(p.status, L))],
            [.header(L.t("总费用（元）", "Total cost (yuan)")), p.totalCost.map(XLSXCell.number) ?? .empty],
            [.header(L.t("下界（元）", "Best bound (yuan)")), p.bestBound.map(XLSXCell.number) ?? .empty],
            [.header(L.t("相对差距", "Gap")), p.gap.map(XLSXCell.number) ?? .empty],
            [.header(L.t("求解器", "Solver")), .text(p.solver)],
        ]
        if let failing = p.failingSchools { summary.append([.header(L.t("仍未达标学校", "Still failing")), .number(Double(failing))]) }
        book.addSheet(name: L.t("方案概要", "Summary"), rows: summary, columnWidths: [20, 60])
        var actions: [[XLSXCell]] = [[L.t("学校标识码", "Code"), L.t("学校名称", "School"), L.t("学段", "Section"), L.t("措施", "Action"),
                                      L.t("数量", "Quantity"), L.t("单位", "Unit"), L.t("费用（元）", "Cost (yuan)"),
                                      L.t("调出学校", "From")].map { .header($0) }]
        for a in p.actions {
            actions.append([.text(a.schoolCode), .text(a.schoolName), .text(a.section), .text(L.t(a.action.zh, a.action.rawValue)),
                            .number(a.quantity), .text(L.t(a.action.unit.zh, a.action.unit.en)), .number(a.cost), .text(a.from ?? "")])
        }
        book.addSheet(name: L.t("整改措施", "Actions"), rows: actions, columnWidths: [14, 24, 8, 20, 12, 8, 14, 14])
        var compare: [[XLSXCell]] = [[L.t("学段", "Section"), L.t("指标", "Indicator"), L.t("整改前差异系数", "CV before"),
                                      L.t("整改后差异系数", "CV after"), L.t("限值", "Limit")].map { .header($0) }]
        for b in p.before.sections {
            let a = p.after?.sections.first { $0.section == b.section }
            for (k, i) in b.indicators.enumerated() {
                compare.append([.text(L.section(b.section)), .text(L.name(i.definition)), i.cv.value.map(XLSXCell.number) ?? .empty,
                                a?.indicators[k].cv.value.map(XLSXCell.number) ?? .empty, .number(i.cvLimit)])
            }
        }
        book.addSheet(name: L.t("前后对比", "Before and after"), rows: compare, columnWidths: [8, 44, 16, 16, 8])
        return try book.data()
    }
}
