import Foundation
import JunhengPlanner
import Plot

/// One saved plan with what its page needs: the result, the request, the county and school names.
struct PlanShowModel {
    var id: UUID
    var title: String
    var result: PlanResult
    var parameters: PlanParameters?
    var countyCode: String
    var countyName: String
    var year: Int
    var snapshotVersion: Int
    var createdBy: String
    var createdAt: Date
    /// School code → name, for transfer senders and receivers.
    var schoolNames: [String: String]
    /// Draft funding years the viewer may add this plan's projects to (empty: no button).
    var fundingDraftYears: [Int] = []

    var standard: String { parameters?.standard ?? StandardChoice.defaultID }

    func school(_ code: String?) -> String {
        guard let code else { return "" }
        return schoolNames[code].map { "\($0)（\(code)）" } ?? code
    }
}

/// The plan page and its printable version: status, objective, bound and gap, actions per school, before/after CVs.
enum PlanShowView {
    static func render(_ m: PlanShowModel, printable: Bool, _ ctx: PageContext) -> String {
        let r = m.result
        return Layout.page(ctx, title: m.title, printable: printable, .group(
            .h1(.id("plan-title"), .text("\(m.countyName) · \(m.title)")),
            .p(.class("muted"), .text(ctx.t("\(m.year)–\(m.year + 1) 学年数据 v\(m.snapshotVersion)；\(time(m.createdAt)) 由 \(m.createdBy) 计算",
                                            "\(m.year)–\(m.year + 1) data v\(m.snapshotVersion); run \(time(m.createdAt)) by \(m.createdBy)"))),
            .if(!printable, .p(.class("actions no-print"),
                .a(.attr(.href, "/counties/\(m.countyCode)/years/\(m.year)/plans"), .text(ctx.t("全部方案", "All plans"))),
                .a(.id("plan-print"), .attr(.href, "/plans/\(m.id.uuidString)/print"), .text(ctx.t("打印方案", "Printable plan"))),
                .a(.id("plan-xlsx"), .attr(.href, "/plans/\(m.id.uuidString)/export.xlsx"), .text(ctx.t("下载 XLSX", "Download XLSX"))))),
            .if(printable, .p(.class("no-print muted"), .text(ctx.t("用浏览器打印（Ctrl+P）即得 A4 整改方案。", "Print with the browser (Ctrl+P) for an A4 plan.")))),
            summary(m, ctx),
            .h2(.text(ctx.t("整改措施（\(r.actions.count) 项）", "Actions (\(r.actions.count))"))),
            r.actions.isEmpty ? .p(.id("no-actions"), .text(ctx.t("无需措施。", "No actions."))) : actions(m, ctx),
            .if(!printable && !m.fundingDraftYears.isEmpty, toFunding(m, ctx)),
            .h2(.text(ctx.t("整改前后对比", "Before and after"))),
            .div(.class("scroll"), beforeAfter(m, ctx))
        ))
    }

    /// The button that turns the plan's building and equipment actions into draft funding projects (audited).
    static func toFunding(_ m: PlanShowModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let n = FundingFromPlan.drafts(m.result, planID: m.id).count
        return .form(.attr(.action, "/plans/\(m.id.uuidString)/funding-projects"), .method(.post), .id("plan-to-funding"), .class("no-print"), ctx.csrfField,
            .label(.for("plan-fiscal-year"), .text(ctx.t("建设与设备措施（\(n) 项）转为经费项目草稿，财政年度", "Building and equipment actions (\(n)) as draft funding projects of"))),
            .select(.id("plan-fiscal-year"), .attr(.name, "fiscal_year"), .group(m.fundingDraftYears.map { y -> Node<HTML.SelectContext> in
                .option(.attr(.value, String(y)), .attr(.label, String(y)))
            })),
            .button(.type(.submit), .id("plan-to-funding-submit"), .text(ctx.t("建立项目（记入审计日志）", "Create projects (audited)"))))
    }

    static func summary(_ m: PlanShowModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let r = m.result
        return .table(.id("plan-summary"),
            .tr(.th(.text(ctx.t("目标", "Objective"))), .td(.text(PlanWords.mode(m.parameters, ctx.t)))),
            .tr(.th(.text(ctx.t("状态", "Status"))),
                .td(.id("plan-status"), .attr(.class, r.isProvenOptimal ? "pass" : (r.totalCost == nil ? "fail" : "")), .text(PlanWords.status(r.status, ctx.t)))),
            .tr(.th(.text(ctx.t("总费用（元）", "Total cost (yuan)"))), .td(.id("plan-total"), .class("num"), .text(r.totalCost.map(Format.yuan) ?? "—"))),
            .tr(.th(.text(ctx.t("下界（元）", "Best bound (yuan)"))), .td(.id("plan-bound"), .class("num"), .text(r.bestBound.map(Format.yuan) ?? "—"))),
            .tr(.th(.text(ctx.t("相对差距", "Gap"))), .td(.id("plan-gap"), .class("num"), .text(r.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "—"))),
            .tr(.th(.text(ctx.t("未达标学校（前 → 后）", "Failing school sections (before → after)"))),
                .td(.id("plan-failing"), .text("\(r.schoolsFailingBefore) → \(r.schoolsFailingAfter.map(String.init) ?? "—")"))),
            .tr(.th(.text(ctx.t("整改后资源配置", "Resource allocation after"))),
                .td(.text(r.passedAfter.map { $0 ? ctx.t("达标", "passes") : ctx.t("未达标", "does not pass") } ?? "—"))),
            .tr(.th(.text(ctx.t("求解", "Solver"))),
                .td(.class("muted"), .text("\(r.solver ?? "")，\(String(format: "%.1f", r.seconds ?? 0)) \(ctx.t("秒", "s"))"))),
            .tr(.th(.text(ctx.t("条件", "Conditions"))), .td(.text(conditions(m.parameters, ctx))))
        )
    }

    static func conditions(_ p: PlanParameters?, _ ctx: PageContext) -> String {
        guard let p else { return "—" }
        var parts = [p.allowTransfers ? ctx.t("允许交流轮岗", "transfers allowed") : ctx.t("不允许交流轮岗", "no transfers")]
        if p.rotation { parts.append(ctx.t("交流轮岗比例要求", "rotation policy")) }
        parts.append(ctx.t("时间上限 \(Format.value(p.timeLimit)) 秒", "time limit \(Format.value(p.timeLimit)) s"))
        parts += p.rules
        return parts.joined(separator: "；")
    }

    static func actions(_ m: PlanShowModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .div(.class("scroll"), .table(.id("plan-actions"),
            .tr(.th(.text(ctx.t("学校", "School"))), .th(.text(ctx.t("学段", "Section"))), .th(.text(ctx.t("措施", "Action"))),
                .th(.class("num"), .text(ctx.t("数量", "Quantity"))), .th(.class("num"), .text(ctx.t("费用（元）", "Cost (yuan)"))),
                .th(.text(ctx.t("调出学校", "From"))), .th(.text(ctx.t("调入学校", "To")))),
            .forEach(m.result.actions) { a in
                .tr(.td(.text(m.school(a.schoolCode))), .td(.text(PlanWords.section(a.section, ctx.t))),
                    .td(.text(PlanWords.action(a.action, ctx.t))),
                    .td(.class("num"), .text("\(PlanWords.quantity(a)) \(PlanWords.unit(a.action, ctx.t))")),
                    .td(.class("num"), .text(Format.yuan(a.cost))),
                    .td(.text(m.school(a.from))), .td(.text(m.school(a.to))))
            },
            .tr(.th(.attribute(named: "colspan", value: "4"), .text(ctx.t("合计", "Total"))),
                .th(.class("num"), .text(Format.yuan(m.result.actions.reduce(0) { $0 + $1.cost }))), .th(), .th())
        ))
    }

    static func beforeAfter(_ m: PlanShowModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        func cv(_ v: Double?) -> String { v.map { String(format: "%.4f", $0) } ?? ctx.t("无定义", "undefined") }
        return .table(.id("plan-before-after"),
            .tr(.th(.text(ctx.t("学段", "Section"))), .th(.text(ctx.t("指标", "Indicator"))), .th(.class("num"), .text(ctx.t("整改前", "Before"))),
                .th(.class("num"), .text(ctx.t("整改后", "After"))), .th(.class("num"), .text(ctx.t("限值", "Limit")))),
            .forEach(m.result.sections) { s in
                .group(
                    .forEach(s.indicators) { i in
                        .tr(.td(.text(PlanWords.section(s.section, ctx.t))), .td(.text(PlanWords.indicator(i.key, standard: m.standard, ctx.t))),
                            .td(.attr(.class, "num " + (within(i.cvBefore, i.cvLimit) ? "" : "fail")), .text(cv(i.cvBefore))),
                            .td(.attr(.class, "num " + (within(i.cvAfter, i.cvLimit) ? "pass" : "fail")), .text(i.cvAfter == nil && m.result.totalCost == nil ? "—" : cv(i.cvAfter))),
                            .td(.class("num"), .text(String(format: "%.2f", i.cvLimit))))
                    },
                    .tr(.td(.text(PlanWords.section(s.section, ctx.t))), .td(.text(ctx.t("未达标学校", "Failing schools"))),
                        .td(.class("num"), .text(String(s.schoolsFailingBefore))),
                        .td(.class("num"), .text(s.schoolsFailingAfter.map(String.init) ?? "—")), .td())
                )
            })
    }

    /// Whether a CV is within its limit, with the planner's 1e-9 relative tolerance.
    static func within(_ cv: Double?, _ limit: Double) -> Bool { cv.map { $0 <= limit * (1 + 1e-9) } ?? false }

    /// "2025-09-01 14:03" in China time.
    static func time(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: d)
    }
}
