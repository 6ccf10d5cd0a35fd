import Foundation
import JunhengPlanner
import Plot

/// Two saved plans side by side: status, total cost, cost per action kind, number of actions, schools failing after.
enum PlanCompareView {
    static func render(_ a: PlanShowModel, _ b: PlanShowModel, _ ctx: PageContext) -> String {
        let kinds = RemedyAction.allCases.map(\.rawValue).filter { k in
            a.result.actions.contains { $0.action == k } || b.result.actions.contains { $0.action == k }
        }
        func costs(_ m: PlanShowModel) -> [String: Double] {
            Dictionary(uniqueKeysWithValues: m.result.costByAction.map { ($0.action, $0.cost) })
        }
        let (ca, cb) = (costs(a), costs(b))
        func row(_ label: String, _ id: String, _ x: String, _ y: String, numeric: Bool = true) -> Node<HTML.TableContext> {
            .tr(.attr(.id, id), .th(.text(label)), .td(.attr(.class, numeric ? "num" : ""), .text(x)), .td(.attr(.class, numeric ? "num" : ""), .text(y)))
        }
        let title = ctx.t("方案比较", "Plan comparison")
        return Layout.page(ctx, title: title, .group(
            .h1(.text(title)),
            .div(.class("scroll"), .table(.id("plan-compare"),
                .tr(.th(), .th(.a(.attr(.href, "/plans/\(a.id.uuidString)"), .text("A · \(a.countyName) · \(a.title)"))),
                    .th(.a(.attr(.href, "/plans/\(b.id.uuidString)"), .text("B · \(b.countyName) · \(b.title)")))),
                row(ctx.t("学年 / 数据版本", "Year / data version"), "cmp-data", "\(a.year) v\(a.snapshotVersion)", "\(b.year) v\(b.snapshotVersion)", numeric: false),
                row(ctx.t("目标", "Objective"), "cmp-mode", PlanWords.mode(a.parameters, ctx.t), PlanWords.mode(b.parameters, ctx.t), numeric: false),
                row(ctx.t("状态", "Status"), "cmp-status", PlanWords.status(a.result.status, ctx.t), PlanWords.status(b.result.status, ctx.t), numeric: false),
                row(ctx.t("总费用（元）", "Total cost (yuan)"), "cmp-total", a.result.totalCost.map(Format.yuan) ?? "—", b.result.totalCost.map(Format.yuan) ?? "—"),
                row(ctx.t("下界（元）", "Best bound (yuan)"), "cmp-bound", a.result.bestBound.map(Format.yuan) ?? "—", b.result.bestBound.map(Format.yuan) ?? "—"),
                row(ctx.t("措施数", "Actions"), "cmp-actions", String(a.result.actions.count), String(b.result.actions.count)),
                .forEach(kinds) { k in
                    row(PlanWords.action(k, ctx.t) + ctx.t("（元）", " (yuan)"), "cmp-\(k)", ca[k].map(Format.yuan) ?? "—", cb[k].map(Format.yuan) ?? "—")
                },
                row(ctx.t("整改后未达标学校", "Schools failing after"), "cmp-failing",
                    a.result.schoolsFailingAfter.map(String.init) ?? "—", b.result.schoolsFailingAfter.map(String.init) ?? "—"),
                row(ctx.t("条件", "Conditions"), "cmp-conditions", PlanShowView.conditions(a.parameters, ctx), PlanShowView.conditions(b.parameters, ctx), numeric: false)
            ))
        ))
    }
}
