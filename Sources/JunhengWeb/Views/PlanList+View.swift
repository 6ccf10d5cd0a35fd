import Foundation
import JunhengPlanner
import Plot

/// The saved plans of a county-year, and the form to run a new one.
struct PlanListModel {
    /// One saved plan in the list.
    struct Row {
        var id: UUID
        var title: String
        var parameters: PlanParameters?
        var status: String
        var totalCost: Double?
        var createdBy: String
        var createdAt: Date
    }

    var countyCode: String
    var countyName: String
    var year: Int
    var snapshotVersion: Int
    var rows: [Row]
    var canRun: Bool
    var form: PlanForm
    var error: PlanFormError?

    var base: String { "/counties/\(countyCode)/years/\(year)" }
}

/// Renders the plan list and the run form.
enum PlanListView {
    static func render(_ m: PlanListModel, _ ctx: PageContext) -> String {
        let title = "\(m.countyName) \(m.year)–\(m.year + 1) \(ctx.t("整改方案", "remedy plans"))"
        return Layout.page(ctx, title: title, .group(
            .h1(.text(title)),
            .p(.class("actions no-print"), .a(.attr(.href, m.base), .text(ctx.t("返回评估结果", "Back to the evaluation")))),
            .h2(.text(ctx.t("已保存的方案", "Saved plans"))),
            m.rows.isEmpty ? .p(.id("no-plans"), .text(ctx.t("尚无方案。", "No plans yet."))) : table(m, ctx),
            .if(m.canRun, form(m, ctx)),
            .if(!m.canRun, .p(.class("muted"), .text(ctx.t("只有本县统计员和系统管理员可以计算新方案。",
                                                         "Only the county's statisticians and administrators can run new plans."))))
        ))
    }

    static func table(_ m: PlanListModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .form(.action("/plans/compare"), .method(.get), .id("compare-form"),
            .div(.class("scroll"), .table(.id("plans"),
                .tr(.th(.text(ctx.t("比较 A", "Compare A"))), .th(.text(ctx.t("比较 B", "Compare B"))), .th(.text(ctx.t("方案", "Plan"))),
                    .th(.text(ctx.t("方式", "Mode"))), .th(.text(ctx.t("状态", "Status"))), .th(.class("num"), .text(ctx.t("总费用（元）", "Total cost (yuan)"))),
                    .th(.text(ctx.t("创建人", "Created by"))), .th(.text(ctx.t("创建时间", "Created at")))),
                .forEach(m.rows.enumerated()) { k, r in
                    .tr(.td(.input(.type(.radio), .name("a"), .attr(.value, r.id.uuidString), .checked(k == 1))),
                        .td(.input(.type(.radio), .name("b"), .attr(.value, r.id.uuidString), .checked(k == 0))),
                        .td(.a(.attr(.href, "/plans/\(r.id.uuidString)"), .text(r.title))),
                        .td(.text(PlanWords.mode(r.parameters, ctx.t))),
                        .td(.attr(.class, r.status == PlanStatus.optimal.rawValue ? "pass" : ""), .text(PlanWords.status(r.status, ctx.t))),
                        .td(.class("num"), .text(r.totalCost.map(Format.yuan) ?? "—")),
                        .td(.text(r.createdBy)),
                        .td(.text(PlanShowView.time(r.createdAt))))
                })),
            .if(m.rows.count >= 2, .p(.button(.type(.submit), .id("compare-submit"), .text(ctx.t("并排比较所选两个方案", "Compare the two selected plans")))))
        )
    }

    static func form(_ m: PlanListModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let f = m.form
        func error(_ field: String) -> Node<HTML.FormContext> {
            .unwrap(m.error, { e in .if(e.field == field, .p(.class("error-box"), .attr(.id, "error-\(field)"), .text(ctx.t(e.zh, e.en)))) })
        }
        return .section(.id("run"),
            .h2(.text(ctx.t("计算新方案", "Run a new plan"))),
            .p(.class("muted"), .text(ctx.t("基于本学年最新数据（v\(m.snapshotVersion)）。求解在服务器上进行，最长等待所设时间。",
                                            "Uses this year's newest data (v\(m.snapshotVersion)). The solver runs on the server for at most the time limit."))),
            .unwrap(m.error) { e in .if(e.field == PlanFormError.run, .div(.class("error-box"), .id("plan-error"), .p(.text(ctx.t(e.zh, e.en))))) },
            .form(.attr(.action, "\(m.base)/plans"), .method(.post), .id("plan-form"),
                ctx.csrfField,
                .label(.for("title"), .text(ctx.t("方案名称（可不填）", "Plan title (optional)"))),
                .input(.type(.text), .id("title"), .name("title"), .attr(.value, f.title ?? "")),
                .fieldset(.p(.strong(.text(ctx.t("目标", "Objective")))),
                    .label(.input(.type(.radio), .name("mode"), .value("min-cost"), .checked(f.mode != "budget")),
                           .text(ctx.t(" 最低成本使全县达标", " Pass at the least cost"))),
                    .label(.input(.type(.radio), .name("mode"), .value("budget"), .checked(f.mode == "budget")),
                           .text(ctx.t(" 在预算内使未达标学校最少", " Fewest failing schools within a budget"))),
                    .label(.for("budget"), .text(ctx.t("预算（元）", "Budget (yuan)"))),
                    .input(.type(.text), .id("budget"), .name("budget"), .attr(.value, f.budget ?? ""), .attribute(named: "inputmode", value: "numeric")),
                    error("mode"), error("budget")),
                .label(.for("time_limit"), .text(ctx.t("求解时间上限（秒，最多 \(Int(PlanParameters.maxTimeLimit))）", "Time limit (seconds, at most \(Int(PlanParameters.maxTimeLimit)))"))),
                .input(.type(.number), .id("time_limit"), .name("time_limit"), .attr(.value, f.timeLimit ?? "20"),
                       .attribute(named: "min", value: "1"), .attr(.max, String(Int(PlanParameters.maxTimeLimit)))),
                error("time_limit"),
                .label(.input(.type(.checkbox), .name("transfers"), .id("transfers"), .checked(f.transfers != nil)),
                       .text(ctx.t(" 允许交流轮岗（教师在校际调动）", " Allow teacher transfers between schools (交流轮岗)"))),
                .label(.input(.type(.checkbox), .name("rotation"), .id("rotation"), .checked(f.rotation != nil)),
                       .text(ctx.t(" 要求交流轮岗比例 ≥10%，其中骨干教师 ≥20%", " Require rotation: ≥ 10% of teachers, ≥ 20% of them backbone"))),
                .label(.for("rules"), .text(ctx.t("假设条件（每行一条，与命令行相同）", "What-if rules (one per line, as on the command line)"))),
                .textarea(.id("rules"), .name("rules"), .attribute(named: "rows", value: "5"), .attribute(named: "cols", value: "60"), .text(f.rules ?? "")),
                error("rules"),
                .p(.class("muted"), .text(ctx.t("例：build_teaching_area@学校标识码（禁止）；hire@学校标识码<=2；hire<=5（每校）；max-out 学校标识码=3（最多调出 3 人）。措施：",
                                                "E.g. build_teaching_area@SCHOOL (forbid); hire@SCHOOL<=2; hire<=5 (each school); max-out SCHOOL=3 (at most 3 teachers sent away). Actions: ")
                                          + RemedyAction.allCases.map(\.rawValue).joined(separator: ", "))),
                .p(.button(.type(.submit), .id("plan-submit"), .text(ctx.t("计算并保存方案", "Run and save the plan"))))
            ))
    }
}
