import Foundation
import Plot
import Seats

/// One catchment plan: the solve and its proven gap, the independent check, the indicators against today's
/// catchments, maps, the units that move, and the 草案 → 生效 steps.
enum SeatsPlanView {
    static func render(_ m: SeatsPlanModel, _ ctx: PageContext) -> String {
        let title = ctx.t("学区划分方案 #\(m.plan?.plan ?? 0)（\(m.year) 年）", "Catchment plan #\(m.plan?.plan ?? 0) (\(m.year))")
        return Layout.page(ctx, title: title, .group(
            .p(.class("no-print"), .a(.attr(.href, "/counties/\(m.countyCode)/seats"), .text("← \(m.countyName) · \(ctx.t("学位与学区", "Seats"))")),
               .text(" · "), .a(.id("compare-link"), .attr(.href, "/counties/\(m.countyCode)/seats/compare?batch=\(m.batch)"), .text(ctx.t("同批方案比较", "Compare this batch")))),
            .h1(.text(title)),
            .unwrap(m.notice) { .p(.class("notice"), .text($0)) },
            .p(.id("plan-stage"), .text(ctx.t("阶段：\(m.stage.zh)", "Stage: \(m.stage.en)") + (m.superseded ? ctx.t("（已被后来生效的方案替代）", " (superseded by a later plan)") : ""))),
            solve(m, ctx), check(m, ctx), indicators(m, ctx), cvs(m, ctx), fill(m, ctx),
            .section(.id("plan-maps"), .h2(.text(ctx.t("方案地图", "Plan maps"))), .group(m.maps.map { .raw(SVGChart.seatsMap($0)) }), .raw(SVGChart.seatsLegend())),
            moves(m, ctx), adoption(m, ctx)
        ))
    }

    static func solve(_ m: SeatsPlanModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        guard let p = m.plan else { return .p(.text("—")) }
        let proven = p.status == "optimal"
        return .section(.id("plan-solve"), .table(
            .tr(.th(.text(ctx.t("求解状态", "Solver status"))), .td(.id("plan-status"), .attr(.class, proven ? "pass" : ""), .text(proven ? ctx.t("已证明最优（optimal）", "proven optimal") : p.status))),
            .tr(.th(.text(ctx.t("目标值（学生·公里 + 调整惩罚）", "Objective (pupil-km + move penalty)"))), .td(.class("num"), .text(p.objective.map { String(format: "%.1f", $0) } ?? "—"))),
            .tr(.th(.text(ctx.t("最优界", "Best bound"))), .td(.class("num"), .text(p.bestBound.map { String(format: "%.1f", $0) } ?? "—"))),
            .tr(.th(.text(ctx.t("间隙", "Gap"))), .td(.class("num"), .id("plan-gap"), .text(SeatsText.gap(p.gap)))),
            .tr(.th(.text(ctx.t("每名调整学生惩罚", "Penalty per moved pupil"))), .td(.class("num"), .text(String(format: "%.2f km", p.movePenaltyKm)))),
            .tr(.th(.text(ctx.t("求解时间", "Solve time"))), .td(.class("num"), .text(String(format: "%.1f s", p.seconds)))),
            .tr(.th(.text(ctx.t("数据版本 / 固定单元", "Data / pinned units"))), .td(.text("v\(m.datasetVersion) · \(m.pins.isEmpty ? "—" : m.pins)"))),
            .if(!(p.diagnosis ?? []).isEmpty, .tr(.th(.text(ctx.t("无可行方案的原因", "Why infeasible"))), .td(.ul(.forEach((p.diagnosis ?? []).prefix(20)) { .li(.text($0)) }))))))
    }

    static func check(_ m: SeatsPlanModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        guard let c = m.plan?.check else { return .text("") }
        return .section(.id("plan-check"), .h2(.text(ctx.t("独立校核", "Independent check"))),
            .p(.id("check-verdict"), .attr(.class, c.passed ? "pass" : "fail"),
               .text(c.passed ? ctx.t("通过：每个单元都已分配，容量、班额、规模、连片和路程限制均满足。", "Passed: every unit assigned; capacity, class size, school size, contiguity and trip limits all held.")
                     : ctx.t("未通过：", "Failed:"))),
            .if(!c.violations.isEmpty, .ul(.forEach(c.violations.prefix(50)) { .li(.text($0)) })))
    }

    static func indicators(_ m: SeatsPlanModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let q = m.stored.statusQuo
        guard let p = m.plan?.metrics else { return .text("") }
        func row(_ label: String, _ id: String, _ a: String, _ b: String) -> Node<HTML.TableContext> {
            .tr(.td(.text(label)), .td(.class("num"), .text(a)), .td(.class("num"), .attr(.id, id), .text(b)))
        }
        func g13(_ x: StoredPlan.Metrics, _ s: SeatSection) -> String { x.g13[s.rawValue].map { String(format: "%.1f%%", $0 * 100) } ?? "—" }
        return .section(.id("plan-indicators"), .h2(.text(ctx.t("\(m.year) 年指标：现行学区与方案", "Indicators in \(m.year): catchments of record and the plan"))),
            .table(.tr(.th(.text(ctx.t("指标", "Indicator"))), .th(.class("num"), .text(ctx.t("现行学区", "Today"))), .th(.class("num"), .text(ctx.t("方案", "Plan")))),
                row(ctx.t("调整学校的学生", "Pupils moved"), "ind-moved", String(Int(q.movedPupils.rounded())), String(Int(p.movedPupils.rounded()))),
                row(ctx.t("最远上学路程", "Longest trip"), "ind-trip", "\(Int(q.maxTripM.rounded())) m", "\(Int(p.maxTripM.rounded())) m"),
                row(ctx.t("G13 小学按学区入学", "G13 primary by catchment"), "ind-g13-primary", g13(q, .primary), g13(p, .primary)),
                row(ctx.t("G13 初中按学区入学", "G13 junior by catchment"), "ind-g13-junior", g13(q, .junior), g13(p, .junior)),
                row(ctx.t("G4 超规模学校", "G4 oversize schools"), "ind-g4", String(q.g4OversizeSchools.count), String(p.g4OversizeSchools.count)),
                row(ctx.t("G5 最大班额", "G5 largest class"), "ind-g5", String(format: "%.1f", q.g5LargestClass), String(format: "%.1f", p.g5LargestClass)),
                row(ctx.t("G5 超班额年级", "G5 oversize grades"), "ind-g5-over", String(q.g5OversizeClasses.count), String(p.g5OversizeClasses.count))))
    }

    static func cvs(_ m: SeatsPlanModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        guard let plan = m.plan?.metrics?.cv, !plan.isEmpty else {
            return .p(.class("muted"), .id("plan-cv-none"), .text(ctx.t("本县尚无学校统计数据，未重算资源配置差异系数。", "No statistics snapshot: the 资源配置 CVs were not recomputed.")))
        }
        let today = Dictionary((m.stored.statusQuo.cv ?? []).map { ("\($0.section)/\($0.indicator)", $0.cv) }, uniquingKeysWith: { a, _ in a })
        func v(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "—" }
        return .section(.id("plan-cv"), .h2(.text(ctx.t("资源配置差异系数（按方案的在校生数重算）", "资源配置 CVs recomputed with the plan's enrolment"))),
            .table(.tr(.th(.text(ctx.t("学段", "Section"))), .th(.text(ctx.t("指标", "Indicator"))), .th(.class("num"), .text(ctx.t("现行", "Today"))),
                       .th(.class("num"), .text(ctx.t("方案", "Plan"))), .th(.class("num"), .text(ctx.t("上限", "Limit")))),
                .forEach(plan) { r in
                    .tr(.td(.text(r.section)), .td(.text(r.indicator)), .td(.class("num"), .text(v(today["\(r.section)/\(r.indicator)"] ?? nil))),
                        .td(.attr(.class, (r.cv ?? 0) > r.limit ? "num fail" : "num"), .text(v(r.cv))), .td(.class("num"), .text(String(format: "%.2f", r.limit))))
                }))
    }

    static func fill(_ m: SeatsPlanModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        guard let p = m.plan?.metrics else { return .text("") }
        let q = m.stored.statusQuo
        return .section(.id("plan-fill"), .h2(.text(ctx.t("各校学位使用率（在校生 ÷ 学位）", "Fill per school (pupils ÷ seats)"))),
            .div(.class("scroll"), .table(
                .tr(.th(.text(ctx.t("学校", "School"))), .th(.text(ctx.t("学段", "Section"))), .th(.class("num"), .text(ctx.t("学位", "Seats"))),
                    .th(.class("num"), .text(ctx.t("现行", "Today"))), .th(.class("num"), .text(ctx.t("方案", "Plan"))), .th(.class("num"), .text(ctx.t("方案在校生", "Plan pupils")))),
                .forEach(m.schools) { s in
                    .tr(.td(.text(SeatsText.school(s.code, m.names))), .td(.text(ctx.t(s.section.zh, s.section.rawValue))), .td(.class("num"), .text(String(s.capacity))),
                        .td(.class("num"), .text(SeatsText.percent(q.fill[s.code] ?? 0))),
                        .td(.attr(.class, (p.fill[s.code] ?? 0) > 1 + 1e-9 ? "num fail" : "num"), .text(SeatsText.percent(p.fill[s.code] ?? 0))),
                        .td(.class("num"), .text(String(Int((p.enrolment[s.code] ?? 0).rounded())))))
                })))
    }

    static func moves(_ m: SeatsPlanModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .section(.id("plan-moves"), .h2(.text(ctx.t("调整学区的单元（\(m.moves.count) 个）", "Units that change school (\(m.moves.count))"))),
            .if(m.moves.isEmpty, .p(.text(ctx.t("方案与现行学区相同。", "The plan keeps today's catchments.")))),
            .if(!m.moves.isEmpty, .div(.class("scroll"), .table(.id("moves-table"),
                .tr(.th(.text(ctx.t("单元", "Unit"))), .th(.text(ctx.t("学段", "Section"))), .th(.text(ctx.t("现行学校", "From"))),
                    .th(.text(ctx.t("方案学校", "To"))), .th(.class("num"), .text(ctx.t("预计学生", "Forecast pupils")))),
                .forEach(m.moves.prefix(2_000)) { mv in
                    .tr(.td(.text("\(mv.name)（\(mv.unit)）")), .td(.text(ctx.t(mv.section.zh, mv.section.rawValue))),
                        .td(.text(mv.from.map { SeatsText.school($0, m.names) } ?? "—")), .td(.text(SeatsText.school(mv.to, m.names))),
                        // Fewer than 5 pupils is printed "<5": a unit's small count is never shown.
                        .td(.class("num"), .text(mv.pupils < Double(SmallCounts.threshold) ? "<5" : String(Int(mv.pupils.rounded())))))
                }))))
    }

    static func adoption(_ m: SeatsPlanModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .section(.id("plan-adoption"), .h2(.text(ctx.t("审议与生效：草案 → 论证 → 征求意见 → 公示 → 生效", "Adoption: draft → review → consultation → public notice → in effect"))),
            .p(.class("muted"), .text(ctx.t("只有生效的方案才改变现行学区。公示至少 \(m.rules?.publicityMonths ?? 1) 个月（\(m.rules?.source ?? "")）。",
                                            "Only a plan in effect changes the catchments of record. Public notice lasts at least \(m.rules?.publicityMonths ?? 1) month(s) (\(m.rules?.source ?? ""))."))),
            .table(.id("steps-table"),
                .tr(.th(.text(ctx.t("阶段", "Stage"))), .th(.text(ctx.t("日期", "Date"))), .th(.text(ctx.t("依据", "Evidence"))),
                    .th(.text(ctx.t("文件", "Document"))), .th(.text(ctx.t("记录人", "Recorded by")))),
                .tr(.td(.text(ctx.t("草案", "draft"))), .td(.text("—")), .td(.text(ctx.t("由求解器生成", "proposed by the solver"))), .td(), .td()),
                .forEach(m.steps) { s in
                    .tr(.td(.text(ctx.t(s.stage.zh, s.stage.en))), .td(.text(s.day)), .td(.text(s.evidence)),
                        .td(.unwrap(s.fileName) { name in .a(.attr(.href, "/seats-plans/\(m.id)/steps/\(s.id)/file"), .text(name)) }),
                        .td(.text("\(s.recordedBy) · \(SeatsText.time(s.recordedAt))")))
                }),
            .unwrap(m.error) { .div(.class("error-box"), .id("step-error"), .p(.text($0))) },
            .if(m.canManage, .unwrap(m.nextStage) { next in
                .form(.id("step-form"), .class("no-print"), .attr(.action, "/seats-plans/\(m.id)/steps"), .method(.post), .enctype(.multipartData),
                    ctx.csrfField,
                    .input(.type(.hidden), .name("stage"), .attr(.value, next.rawValue)),
                    .h3(.text(ctx.t("记录下一步：\(next.zh)", "Record the next step: \(next.en)"))),
                    .label(.for("day"), .text(ctx.t("日期", "Date"))), .input(.type(.date), .id("day"), .name("day"), .required(true)),
                    .label(.for("evidence"), .text(ctx.t("依据（会议纪要、公告文号、意见汇总等）", "Evidence (minutes, notice number, summary of comments)"))),
                    .textarea(.id("evidence"), .name("evidence"), .attr(.maxlength, String(CatchmentAdoption.maximumEvidence)), .required(true)),
                    .label(.for("document"), .text(ctx.t("文件（可选，最大 20 MB）", "Document (optional, at most 20 MB)"))),
                    .input(.type(.file), .id("document"), .name("document")),
                    .button(.type(.submit), .id("step-submit"), .text(ctx.t("记录「\(next.zh)」", "Record \(next.en)"))))
            }))
    }
}
