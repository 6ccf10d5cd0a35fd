import Foundation
import Plot
import Teachers

/// The rotation page: the office's form (year and limits), the plans, and the history across years.
enum RotationOverviewView {
    static func render(_ m: RotationOverviewModel, _ ctx: PageContext) -> String {
        let title = ctx.t("交流轮岗", "Teacher rotation (交流轮岗)")
        return Layout.page(ctx, title: "\(m.countyName) · \(title)", .group(
            .p(.class("no-print"), .a(.attr(.href, "/counties/\(m.countyCode)/teachers"), .text("← \(m.countyName) · \(ctx.t("教师名册", "Teacher register"))"))),
            .h1(.text("\(m.countyName) · \(title)")),
            .p(.class("muted"), .text(ctx.t("符合条件：在编、到当年 9 月 1 日在现校连续任教满 6 年（校长、副校长满 10 年）；交流人数不少于符合条件者的 10%，其中骨干教师不少于 20%。不宜交流者以名册为准。",
                                            "Eligible: tenured, ≥ 6 full years at the current school by 1 September (principals 10); exchanged ≥ 10% of eligible, backbone ≥ 20% of exchanged. No-move flags come from the register."))),
            .if(m.canManage && m.hasRegister, form(m, ctx)),
            .if(!m.hasRegister, .p(.id("rotation-no-register"), .text(ctx.t("请先导入教师名册。", "Import the teacher register first.")))),
            plans(m, ctx),
            g11(m.history, ctx),
            returnsDue(m, ctx),
            inOut(m.history.schools, names: [:], ctx)
        ))
    }

    static func form(_ m: RotationOverviewModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .form(.id("rotation-form"), .class("no-print"), .method(.post), .attr(.action, "/counties/\(m.countyCode)/teachers/rotation"), ctx.csrfField,
            .h2(.text(ctx.t("编制方案", "Plan a rotation"))),
            .label(.for("year"), .text(ctx.t("年份", "Year"))), .input(.type(.number), .id("year"), .name("year"), .attr(.value, String(m.defaultYear))),
            .label(.for("max_out"), .text(ctx.t("每校最多交流出（可留空）", "At most out of one school (blank: no limit)"))), .input(.type(.number), .id("max_out"), .name("max_out")),
            .label(.for("distance"), .text(ctx.t("两校最远距离 km（可留空；需学校坐标）", "Longest distance between schools, km (blank: none; needs coordinates)"))),
            .input(.type(.text), .id("distance"), .name("distance"), .attr(.maxlength, "16")),
            .label(.for("time_limit"), .text(ctx.t("求解时限（秒）", "Time limit (s)"))), .input(.type(.number), .id("time_limit"), .name("time_limit"), .attr(.value, "60")),
            .label(.for("pins"), .text(ctx.t("必须交流（每行 教师编号 或 教师编号>学校标识码）", "Must move (one per line: teacher id, or teacher id>school code)"))),
            .textarea(.id("pins"), .name("pins"), .attr(.maxlength, "8000")),
            .label(.for("forbids"), .text(ctx.t("不得交流（同上格式）", "Must not move (same format)"))),
            .textarea(.id("forbids"), .name("forbids"), .attr(.maxlength, "8000")),
            .button(.type(.submit), .id("rotation-submit"), .text(ctx.t("用 CBC 求解", "Solve on CBC"))))
    }

    static func plans(_ m: RotationOverviewModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .section(.id("rotation-plans"), .h2(.text(ctx.t("方案", "Plans"))),
            .if(m.plans.isEmpty, .p(.class("muted"), .text(ctx.t("尚无方案。", "No plans yet.")))),
            .if(!m.plans.isEmpty, .table(.id("plans-table"),
                .tr(.th(.text(ctx.t("年份", "Year"))), .th(.text(ctx.t("求解", "Status"))), .th(.class("num"), .text("gap")),
                    .th(.class("num"), .text(ctx.t("符合条件", "Eligible"))), .th(.class("num"), .text(ctx.t("交流", "Exchanged"))),
                    .th(.class("num"), .text(ctx.t("骨干", "Backbone"))), .th(.text(ctx.t("独立检验", "Check"))), .th(.text(ctx.t("阶段", "Stage")))),
                .group(m.plans.map { p -> Node<HTML.TableContext> in
                    .tr(.td(.a(.attr(.href, "/teacher-rotations/\(p.id)"), .text(String(p.year)))), .td(.text(p.status)),
                        .td(.class("num"), .text(p.gap.map { String(format: "%.6f", $0) } ?? "—")), .td(.class("num"), .text(String(p.eligible))),
                        .td(.class("num"), .text(String(p.exchanged))), .td(.class("num"), .text(String(p.backbone))),
                        .td(.attr(.class, p.checkPassed ? "pass" : "fail"), .text(p.checkPassed ? ctx.t("通过", "passed") : ctx.t("未通过", "failed"))),
                        .td(.text(ctx.t(p.stage.zh, p.stage.rawValue))))
                }))))
    }

    /// Teachers on exchange whose term ends by the chosen day: the office records each return on the teacher's page.
    static func returnsDue(_ m: RotationOverviewModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let day = m.dueBy?.description ?? ""
        return .section(.id("returns-due"), .h2(.text(ctx.t("交流期满应返回（截至 \(day)）", "Returns due (terms ending by \(day))"))),
            .form(.id("returns-due-form"), .class("no-print"), .method(.get), .attr(.action, "/counties/\(m.countyCode)/teachers/rotation"),
                .label(.for("due"), .text(ctx.t("截止日期", "By"))), .input(.type(.date), .id("due"), .name("due"), .attr(.value, day)),
                .button(.type(.submit), .id("returns-due-submit"), .text(ctx.t("列出", "List")))),
            .if(m.returnsDue.isEmpty, .p(.class("muted"), .id("returns-due-none"), .text(ctx.t("没有到期的交流教师。", "No exchange term ends by then.")))),
            .if(!m.returnsDue.isEmpty, .table(.id("returns-due-table"),
                .tr(.th(.text(ctx.t("教师编号", "Teacher id"))), .th(.text(ctx.t("原学校", "From"))), .th(.text(ctx.t("交流学校", "Serving at"))),
                    .th(.text(ctx.t("交流起始", "Since"))), .th(.class("num"), .text(ctx.t("期限（年）", "Term (years)"))), .th(.text(ctx.t("期满", "Ends")))),
                .group(m.returnsDue.prefix(5_000).map { t -> Node<HTML.TableContext> in
                    .tr(.attr(.id, "due-\(t.teacherID)"), .td(.a(.attr(.href, "/counties/\(m.countyCode)/teachers/t/\(t.teacherID)"), .text(t.teacherID))),
                        .td(.text(TeachersText.school(t.from, m.names))), .td(.text(TeachersText.school(t.to, m.names))), .td(.text(t.start.description)),
                        .td(.class("num"), .text(String(t.years))), .td(.text(t.end?.description ?? "—")))
                }))))
    }

    /// G11 per executed plan year.
    static func g11(_ h: RotationHistoryModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .section(.id("rotation-g11"), .h2(.text(ctx.t("G11 交流轮岗（已执行的方案）", "G11 rotation (executed plans)"))),
            .if(h.years.isEmpty, .p(.class("muted"), .text(ctx.t("尚无已执行的方案。", "No executed plan yet.")))),
            .if(!h.years.isEmpty, .table(.id("g11-table"),
                .tr(.th(.text(ctx.t("年份", "Year"))), .th(.class("num"), .text(ctx.t("符合条件", "Eligible"))), .th(.class("num"), .text(ctx.t("交流", "Exchanged"))),
                    .th(.class("num"), .text(ctx.t("交流比例（≥10%）", "Share (≥ 10%)"))), .th(.class("num"), .text(ctx.t("骨干", "Backbone"))),
                    .th(.class("num"), .text(ctx.t("骨干比例（≥20%）", "Backbone share (≥ 20%)"))), .th(.class("num"), .text(ctx.t("返回", "Returned")))),
                .group(h.years.map { y -> Node<HTML.TableContext> in
                    let share = y.eligible > 0 ? Double(y.exchanged) / Double(y.eligible) : 0
                    let backbone = y.exchanged > 0 ? Double(y.backbone) / Double(y.exchanged) : 0
                    return .tr(.attr(.id, "g11-\(y.year)"), .td(.text(String(y.year))), .td(.class("num"), .text(String(y.eligible))),
                               .td(.class("num"), .text(String(y.exchanged))),
                               .td(.attr(.class, share + 1e-12 >= 0.1 ? "num pass" : "num fail"), .text(TeachersText.percent(share))),
                               .td(.class("num"), .text(String(y.backbone))),
                               .td(.attr(.class, backbone + 1e-12 >= 0.2 ? "num pass" : "num fail"), .text(TeachersText.percent(backbone))),
                               .td(.class("num"), .text(String(y.returned))))
                }))))
    }

    /// Each school's teachers in and out per year.
    static func inOut(_ rows: [RotationHistoryModel.SchoolYear], names: [String: String], _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .section(.id("rotation-in-out"), .h2(.text(ctx.t("各校交流进出", "Rotation in and out per school"))),
            .if(rows.isEmpty, .p(.class("muted"), .text(ctx.t("暂无。", "None yet.")))),
            .if(!rows.isEmpty, .table(.id("in-out-table"),
                .tr(.th(.text(ctx.t("年份", "Year"))), .th(.text(ctx.t("学校", "School"))), .th(.class("num"), .text(ctx.t("交流入", "In"))),
                    .th(.class("num"), .text(ctx.t("交流出", "Out"))), .th(.class("num"), .text(ctx.t("返回", "Returned")))),
                .group(rows.map { r -> Node<HTML.TableContext> in
                    .tr(.td(.text(String(r.year))), .td(.text(TeachersText.school(r.school, names))), .td(.class("num"), .text(String(r.arrived))),
                        .td(.class("num"), .text(String(r.left))), .td(.class("num"), .text(String(r.returned))))
                }))))
    }
}

/// One plan: the solve and its proven gap, the 10% / 20% figures, the independent check, the moves, and the actions.
enum RotationPlanView {
    static func render(_ m: RotationPlanModel, _ ctx: PageContext) -> String {
        let s = m.stored
        let title = ctx.t("\(s.year) 年交流轮岗方案", "Rotation plan \(s.year)")
        let proven = s.status == "optimal"
        return Layout.page(ctx, title: title, .group(
            .p(.class("no-print"), .a(.attr(.href, "/counties/\(m.countyCode)/teachers/rotation"), .text("← \(m.countyName) · \(ctx.t("交流轮岗", "Rotation"))"))),
            .h1(.text(title)),
            .unwrap(m.notice) { .p(.class("notice"), .id("plan-notice"), .text($0)) },
            .unwrap(m.error) { .div(.class("error-box"), .id("plan-error"), .p(.text($0))) },
            .p(.id("plan-stage"), .text(ctx.t("阶段：\(m.stage.zh)", "Stage: \(m.stage.rawValue)") + " · " + ctx.t("生效日期 \(m.record.effectiveDay)", "effective \(m.record.effectiveDay)"))),
            .table(.id("plan-summary"),
                .tr(.th(.text(ctx.t("求解状态", "Solver status"))), .td(.id("plan-status"), .attr(.class, proven ? "pass" : ""), .text(proven ? ctx.t("已证明最优（optimal）", "proven optimal") : s.status))),
                .tr(.th(.text("gap")), .td(.class("num"), .id("plan-gap"), .text(s.gap.map { String(format: "%.6f", $0) } ?? "—"))),
                .tr(.th(.text(ctx.t("目标值 / 最优界", "Objective / best bound"))), .td(.class("num"), .text("\(s.objective.map { String(format: "%.3f", $0) } ?? "—") / \(s.best_bound.map { String(format: "%.3f", $0) } ?? "—")"))),
                .tr(.th(.text(ctx.t("符合条件教师", "Eligible teachers"))), .td(.class("num"), .id("plan-eligible"), .text(String(s.eligible)))),
                .tr(.th(.text(ctx.t("交流人数（至少 10%）", "Exchanged (at least 10%)"))), .td(.class("num"), .id("plan-exchanged"),
                    .text("\(s.exchanged) ≥ \(s.minimum_exchanged)（\(TeachersText.percent(s.eligible > 0 ? Double(s.exchanged) / Double(s.eligible) : 0))）"))),
                .tr(.th(.text(ctx.t("其中骨干（至少 20%）", "Backbone among them (at least 20%)"))), .td(.class("num"), .id("plan-backbone"),
                    .text("\(s.backbone_exchanged) ≥ \(s.minimum_backbone)（\(TeachersText.percent(s.exchanged > 0 ? Double(s.backbone_exchanged) / Double(s.exchanged) : 0))）"))),
                .tr(.th(.text(ctx.t("限制", "Limits"))), .td(.text(ctx.t("每校最多 \(m.record.maxOut.map(String.init) ?? "不限")；距离 \(m.record.maxDistanceKm.map { "\(Format.value($0)) km" } ?? "不限")",
                                                                 "max out \(m.record.maxOut.map(String.init) ?? "none"); distance \(m.record.maxDistanceKm.map { "\(Format.value($0)) km" } ?? "none")")))),
                .tr(.th(.text(ctx.t("必须 / 不得交流", "Pinned / forbidden"))), .td(.code(.text("\(m.record.pins.isEmpty ? "—" : m.record.pins.replacingOccurrences(of: "\n", with: ", ")) / \(m.record.forbids.isEmpty ? "—" : m.record.forbids.replacingOccurrences(of: "\n", with: ", "))"))))),
            .if(!(s.diagnosis ?? []).isEmpty, .section(.id("plan-diagnosis"), .h2(.text(ctx.t("无解原因", "Why infeasible"))), .ul(.forEach((s.diagnosis ?? []).prefix(50)) { .li(.text($0)) }))),
            .if(!(s.notes ?? []).isEmpty, .ul(.class("muted"), .forEach(s.notes ?? []) { .li(.text($0)) })),
            .section(.id("plan-check"), .h2(.text(ctx.t("独立检验（RotationCheck）", "Independent check (RotationCheck)"))),
                .p(.id("check-verdict"), .attr(.class, s.check.passed ? "pass" : "fail"),
                   .text(s.check.passed ? ctx.t("通过：资格、比例、限制、学科岗位与学校达标规则均由独立检验重新核算。", "Passed: eligibility, shares, limits, subject posts and the school rule recomputed independently.")
                         : ctx.t("未通过或无方案：", "Failed, or no plan:"))),
                .if(!s.check.violations.isEmpty, .ul(.forEach(s.check.violations.prefix(100)) { .li(.text($0)) }))),
            moves(m, ctx),
            actions(m, ctx)
        ))
    }

    static func moves(_ m: RotationPlanModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .section(.id("plan-moves"), .h2(.text(ctx.t("交流名单（\(m.stored.moves.count) 人）", "Moves (\(m.stored.moves.count))"))),
            .if(!m.stored.moves.isEmpty, .div(.class("scroll"), .table(.id("moves-table"),
                .tr(.th(.text(ctx.t("教师编号", "Teacher id"))), .th(.text(ctx.t("姓名", "Name"))), .th(.text(ctx.t("派出学校", "From"))),
                    .th(.text(ctx.t("接收学校", "To"))), .th(.text(ctx.t("学段", "Section"))), .th(.text(ctx.t("理由", "Reason")))),
                .group(m.stored.moves.prefix(5_000).map { mv -> Node<HTML.TableContext> in
                    .tr(.attr(.class, "move"), .td(.text(mv.teacher_id)), .td(.attr(.class, "teacher-name"), .text(m.teacherNames[mv.teacher_id] ?? "")),
                        .td(.text(TeachersText.school(mv.from, m.names))), .td(.text(TeachersText.school(mv.to, m.names))), .td(.text(mv.section)), .td(.text(mv.reason)))
                })))))
    }

    static func actions(_ m: RotationPlanModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        guard m.canManage else { return .text("") }
        let base = "/teacher-rotations/\(m.id)"
        return .section(.id("plan-actions"), .class("no-print"),
            .if(m.stage == .draft && m.stored.check.passed, .form(.id("approve-form"), .method(.post), .attr(.action, "\(base)/approve"), ctx.csrfField,
                .h2(.text(ctx.t("批准方案", "Approve the plan"))),
                .label(.for("effective_day"), .text(ctx.t("生效日期（登记册在该日变更）", "Effective day (the register changes on it)"))),
                .input(.type(.date), .id("effective_day"), .name("effective_day"), .attr(.value, m.record.effectiveDay)),
                .label(.for("term_years"), .text(ctx.t("交流期限（年，到期列入应返回名单）", "Term in years (then listed as a return due)"))),
                .input(.type(.number), .id("term_years"), .name("term_years"), .attr(.value, String(TeacherRules.builtIn.rotation.termYears))),
                .button(.type(.submit), .id("approve-submit"), .text(ctx.t("批准", "Approve"))))),
            .if(m.stage == .approved, .form(.id("execute-form"), .method(.post), .attr(.action, "\(base)/execute"), ctx.csrfField,
                .h2(.text(ctx.t("执行方案", "Execute the plan"))),
                .p(.text(ctx.t("生效日期 \(m.record.effectiveDay) 已到时，把交流教师调入接收学校（今天 \(m.today)）。", "Once \(m.record.effectiveDay) has come, moves the teachers to the receiving schools (today \(m.today))."))),
                .button(.type(.submit), .id("execute-submit"), .text(ctx.t("执行", "Execute"))))),
            .if(m.stage == .draft, .form(.id("resolve-form"), .method(.post), .attr(.action, "\(base)/resolve"), ctx.csrfField,
                .h2(.text(ctx.t("固定或禁止交流后重新求解", "Pin or forbid moves and solve again"))),
                .label(.for("pins"), .text(ctx.t("必须交流（每行 教师编号 或 教师编号>学校标识码）", "Must move (teacher id, or teacher id>school code, one per line)"))),
                .textarea(.id("pins"), .name("pins"), .attr(.maxlength, "8000"), .text(m.record.pins)),
                .label(.for("forbids"), .text(ctx.t("不得交流（同上格式）", "Must not move (same format)"))),
                .textarea(.id("forbids"), .name("forbids"), .attr(.maxlength, "8000"), .text(m.record.forbids)),
                .button(.type(.submit), .id("resolve-submit"), .text(ctx.t("重新求解", "Solve again"))))))
    }
}
