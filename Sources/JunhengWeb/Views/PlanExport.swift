import Foundation
import JunhengSheets

/// The saved 整改 plan as an XLSX workbook: summary, actions per school, CVs before and after.
/// Built from the stored JSON contract, because a saved plan keeps that and not the planner's in-memory result.
enum PlanExport {
    static func workbook(_ r: PlanResult, parameters: PlanParameters?, title: String, countyName: String,
                         _ t: (String, String) -> String) throws -> Data {
        var book = XLSXWorkbook()
        let standard = parameters?.standard ?? StandardChoice.defaultID
        var summary: [[XLSXCell]] = [
            [.header(t("方案", "Plan")), .text(title)],
            [.header(t("县（区）", "County")), .text(countyName)],
            [.header(t("方式", "Mode")), .text(PlanWords.mode(parameters, t))],
            [.header(t("状态", "Status")), .text(PlanWords.status(r.status, t))],
            [.header(t("总费用（元）", "Total cost (yuan)")), r.totalCost.map(XLSXCell.number) ?? .empty],
            [.header(t("下界（元）", "Best bound (yuan)")), r.bestBound.map(XLSXCell.number) ?? .empty],
            [.header(t("相对差距", "Gap")), r.gap.map(XLSXCell.number) ?? .empty],
            [.header(t("求解器", "Solver")), .text(r.solver ?? "")],
        ]
        if let failing = r.schoolsFailingAfter { summary.append([.header(t("整改后未达标学校", "Failing after")), .number(Double(failing))]) }
        book.addSheet(name: t("方案概要", "Summary"), rows: summary, columnWidths: [20, 60])

        var actions: [[XLSXCell]] = [[t("学校标识码", "Code"), t("学校名称", "School"), t("学段", "Section"), t("措施", "Action"),
                                      t("数量", "Quantity"), t("单位", "Unit"), t("费用（元）", "Cost (yuan)"),
                                      t("调出学校", "From"), t("调入学校", "To")].map { .header($0) }]
        for a in r.actions {
            actions.append([.text(a.schoolCode), .text(a.schoolName), .text(a.section), .text(PlanWords.action(a.action, t)),
                            .number(a.quantity), .text(PlanWords.unit(a.action, t)), .number(a.cost), .text(a.from ?? ""), .text(a.to ?? "")])
        }
        book.addSheet(name: t("整改措施", "Actions"), rows: actions, columnWidths: [14, 24, 8, 22, 12, 8, 14, 14, 14])

        var compare: [[XLSXCell]] = [[t("学段", "Section"), t("指标", "Indicator"), t("整改前差异系数", "CV before"),
                                      t("整改后差异系数", "CV after"), t("限值", "Limit")].map { .header($0) }]
        for s in r.sections {
            for i in s.indicators {
                compare.append([.text(PlanWords.section(s.section, t)), .text(PlanWords.indicator(i.key, standard: standard, t)),
                                i.cvBefore.map(XLSXCell.number) ?? .empty, i.cvAfter.map(XLSXCell.number) ?? .empty, .number(i.cvLimit)])
            }
            compare.append([.text(PlanWords.section(s.section, t)), .text(t("未达标学校", "Failing schools")),
                            .number(Double(s.schoolsFailingBefore)), s.schoolsFailingAfter.map { .number(Double($0)) } ?? .empty, .empty])
        }
        book.addSheet(name: t("前后对比", "Before and after"), rows: compare, columnWidths: [8, 44, 16, 16, 8])
        return try book.data()
    }
}
