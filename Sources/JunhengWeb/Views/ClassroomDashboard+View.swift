import Foundation
import Plot
import ThreeClassrooms

/// The county's 三个课堂 page: data, gaps per school/grade/subject, 开齐开足 chart, plans and monitoring indicators.
enum ClassroomDashboardView {
    static func render(_ m: ClassroomDashboardModel, _ ctx: PageContext) -> String {
        let title = "\(m.countyName) · \(ctx.t("三个课堂（专递课堂）", "Three classrooms (remote teaching)"))"
        return Layout.page(ctx, title: title, .group(
            .h1(.text(title)),
            .p(.class("actions no-print"),
               .if(m.canManage, .a(.id("classroom-upload-link"), .attr(.href, "/counties/\(m.countyCode)/classrooms/upload"), .text(ctx.t("上传三个课堂数据", "Upload classroom data")))),
               .unwrap(m.published) { .a(.id("published-link"), .attr(.href, "/classroom-plans/\($0)"), .text(ctx.t("已发布的课表", "Published timetable"))) }),
            .unwrap(m.dataset, { d in
                .p(.class("muted"), .id("dataset-line"), .text(ctx.t(
                    "数据版本 v\(d.version)：\(d.fileNames)；\(d.schools) 所学校，\(d.teachers) 名教师，SHA-256 \(d.hash.prefix(12))…",
                    "Data version v\(d.version): \(d.fileNames); \(d.schools) schools, \(d.teachers) teachers, SHA-256 \(d.hash.prefix(12))…")))
            }, else: .p(.id("no-classroom-data"), .text(ctx.t("尚未上传三个课堂数据。", "No classroom data uploaded yet.")))),
            .if(m.dataset != nil, .group(summary(m, ctx), runForm(m, ctx), plans(m, ctx), monitoring(m, ctx), chart(m, ctx), gaps(m, ctx))),
            participation(m, ctx)
        ))
    }

    static func percent(_ v: Double) -> String { String(format: "%.1f%%", v * 100) }

    static func summary(_ m: ClassroomDashboardModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        func card(_ id: String, _ label: String, _ value: String, _ note: String) -> Node<HTML.BodyContext> {
            .div(.class("card"), .attr(.id, id), .div(.text(label)), .div(.class("verdict"), .text(value)), .div(.class("muted"), .text(note)))
        }
        let b = m.countyBefore
        return .div(.class("cards"),
            card("gap-count", ctx.t("缺口（学校×年级×学科）", "Gaps (school × grade × subject)"), String(m.gaps.count),
                 ctx.t("共缺 \(m.gaps.reduce(0) { $0 + $1.short }) 课时/周", "\(m.gaps.reduce(0) { $0 + $1.short }) periods a week short")),
            card("rate-before", ctx.t("开齐开足率（规划前）", "Fully-offered rate (before)"), b.map { percent($0.requirementRate) } ?? "—",
                 b.map { ctx.t("开足课时 \(percent($0.periodRate))；全部开齐学校 \($0.schoolsFullyMet)/\($0.schools)", "periods \(percent($0.periodRate)); schools fully met \($0.schoolsFullyMet)/\($0.schools)") } ?? ""),
            .unwrap(m.countyAfter) { a in
                card("rate-after", ctx.t("开齐开足率（规划后）", "Fully-offered rate (after)"), percent(a.requirementRate),
                     ctx.t("开足课时 \(percent(a.periodRate))；全部开齐学校 \(a.schoolsFullyMet)/\(a.schools)", "periods \(percent(a.periodRate)); schools fully met \(a.schoolsFullyMet)/\(a.schools)"))
            })
    }

    static func runForm(_ m: ClassroomDashboardModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .if(m.canManage, .form(.id("classroom-plan-form"), .class("no-print"), .attr(.action, "/counties/\(m.countyCode)/classrooms/plans"), .method(.post),
            ctx.csrfField,
            .label(.for("cap"), .text(ctx.t("每场专递课堂最多接收班级数", "Most receiving classes per session"))),
            .input(.type(.number), .id("cap"), .name("cap"), .value("4"), .attribute(named: "min", value: "1"), .attribute(named: "max", value: "12")),
            .button(.type(.submit), .id("classroom-plan-run"), .text(ctx.t("编排专递课堂", "Plan remote classes")))))
    }

    static func plans(_ m: ClassroomDashboardModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .if(!m.plans.isEmpty, .group(
            .h2(.text(ctx.t("专递课堂方案", "Remote-classroom plans"))),
            .table(.id("classroom-plans"),
                .tr(.th(.text(ctx.t("时间", "Created"))), .th(.text(ctx.t("数据版本", "Data"))), .th(.text(ctx.t("状态", "Status"))),
                    .th(.class("num"), .text(ctx.t("覆盖率", "Coverage"))), .th(.class("num"), .text(ctx.t("上界", "Bound"))),
                    .th(.class("num"), .text(ctx.t("覆盖/可覆盖课时", "Covered / coverable"))), .th(.text(ctx.t("发布", "Published")))),
                .forEach(m.plans) { r in
                    .tr(.td(.a(.attr(.href, "/classroom-plans/\(r.id)"), .text(ClassroomText.time(r.createdAt)))),
                        .td(.text(r.datasetVersion.map { "v\($0)" } ?? "")), .td(.text(r.status)),
                        .td(.class("num"), .text(percent(r.coverage))), .td(.class("num"), .text(percent(r.upperBound))),
                        .td(.class("num"), .text("\(r.covered) / \(r.coverable)")),
                        .td(.text(r.published ? ctx.t("已发布", "published") : "")))
                })))
    }

    static func monitoring(_ m: ClassroomDashboardModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        guard let mon = m.monitor else {
            return .p(.class("muted"), .id("monitor-none"), .text(ctx.t("发布课表后显示开课率、教学点覆盖与教师工作量。",
                                                                         "Held rate, 教学点 coverage and workload appear once a timetable is published.")))
        }
        let tp = mon.teachingPoints
        return .section(.id("monitoring"),
            .h2(.text(ctx.t("监测指标", "Monitoring"))),
            .form(.class("no-print"), .method(.get), .attr(.action, "/counties/\(m.countyCode)/classrooms#monitoring"),
                  .text(ctx.t("统计时段 ", "Window ")), .input(.type(.date), .name("from"), .attr(.value, m.from)), .text(" – "),
                  .input(.type(.date), .name("to"), .attr(.value, m.to)), .button(.type(.submit), .text(ctx.t("更新", "Update")))),
            .table(.id("monitor-table"),
                .tr(.th(.text(ctx.t("指标", "Indicator"))), .th(.class("num"), .text(ctx.t("数值", "Value"))), .th(.text(ctx.t("说明", "Detail")))),
                .tr(.td(.text(ctx.t("开课率（\(m.from) 至 \(m.to)）", "Held rate (\(m.from) to \(m.to))"))), .td(.class("num"), .id("held-rate"), .text(percent(mon.held.rate))),
                    .td(.text(ctx.t("应上 \(mon.held.scheduled) 节，已上 \(mon.held.held)，取消 \(mon.held.cancelled)，未登记 \(mon.held.unlogged)",
                                    "\(mon.held.scheduled) scheduled, \(mon.held.held) held, \(mon.held.cancelled) cancelled, \(mon.held.unlogged) not logged")))),
                .tr(.td(.text(ctx.t("开齐开足率 规划前 → 后", "Fully-offered rate before → after"))),
                    .td(.class("num"), .text("\(mon.before.map { percent($0.requirementRate) } ?? "—") → \(mon.after.map { percent($0.requirementRate) } ?? "—")")),
                    .td(.text(ctx.t("按已发布课表", "as published")))),
                .tr(.td(.text(ctx.t("教学点覆盖", "教学点 coverage"))), .td(.class("num"), .id("tp-coverage"), .text("\(tp.reached)/\(tp.withGaps)")),
                    .td(.text(ctx.t("有缺口的教学点中接入专递课堂 \(tp.reached) 个；缺 \(tp.shortPeriods) 课时，覆盖 \(tp.coveredPeriods)（\(percent(tp.periodShare))）；规划后全部开齐 \(tp.fullyMetAfter)/\(tp.teachingPoints)",
                                    "\(tp.reached) of \(tp.withGaps) short 教学点 reached; \(tp.coveredPeriods) of \(tp.shortPeriods) periods (\(percent(tp.periodShare))); fully met after \(tp.fullyMetAfter)/\(tp.teachingPoints)"))))),
            .h3(.text(ctx.t("教师工作量（含专递课堂）", "Teacher workload (remote lessons counted)"))),
            .table(.id("workload"),
                .tr(.th(.text(ctx.t("教师", "Teacher"))), .th(.text(ctx.t("学校", "School"))), .th(.class("num"), .text(ctx.t("本校周课时", "Own periods"))),
                    .th(.class("num"), .text(ctx.t("专递课时/周", "Remote / week"))), .th(.class("num"), .text(ctx.t("合计", "Total"))),
                    .th(.class("num"), .text(ctx.t("上限", "Maximum"))), .th(.class("num"), .text(ctx.t("时段内已上", "Held in window")))),
                .forEach(mon.workload) { w in
                    .tr(.td(.a(.attr(.href, "/classroom-plans/\(m.published!)/teachers/\(w.teacherID)"), .text(w.teacherID))), .td(.text(m.names[w.school] ?? w.school)),
                        .td(.class("num"), .text(String(w.load))), .td(.class("num"), .text(String(w.remote))),
                        .td(.attr(.class, w.overMaximum ? "num fail" : "num"), .text(String(w.total))), .td(.class("num"), .text(String(w.maxLoad))),
                        .td(.class("num"), .text(String(w.heldRemote))))
                }))
    }

    static func chart(_ m: ClassroomDashboardModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let short = Set(m.gaps.map(\.school))
        let rows = m.before.filter { short.contains($0.unit) }.map { r in
            SVGChart.Change(label: m.names[r.unit] ?? r.unit, before: r.requirementRate, after: m.after[r.unit]?.requirementRate)
        }
        return .section(.id("rate-chart"),
            .h2(.text(ctx.t("各校开齐开足率：规划前与规划后", "Fully-offered rate per school, before and after"))),
            .raw(SVGChart.beforeAfter(rows, title: ctx.t("有缺口学校的开齐开足率", "Schools with gaps: share of class-subject requirements met"),
                                      beforeText: ctx.t("规划前", "before"), afterText: ctx.t("规划后", "after"))))
    }

    static func gaps(_ m: ClassroomDashboardModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .section(.id("gaps"),
            .h2(.text(ctx.t("缺口：学校 × 年级 × 学科", "Gaps: school × grade × subject"))),
            .div(.class("scroll"), .table(.id("gap-table"),
                .tr(.th(.text(ctx.t("学校", "School"))), .th(.class("num"), .text(ctx.t("年级", "Grade"))), .th(.text(ctx.t("学科", "Subject"))),
                    .th(.class("num"), .text(ctx.t("班级数", "Classes"))), .th(.class("num"), .text(ctx.t("应开课时", "Required"))),
                    .th(.class("num"), .text(ctx.t("已开课时", "Taught"))), .th(.class("num"), .text(ctx.t("缺口", "Short"))),
                    .th(.class("num"), .text(ctx.t("本校合格教师余量", "Own qualified spare")))),
                .forEach(m.gaps) { g in
                    .tr(.td(.text(m.names[g.school] ?? g.school)), .td(.class("num"), .text(String(g.grade))),
                        .td(.text(ctx.t(g.subject.zh, g.subject.rawValue))), .td(.class("num"), .text(String(g.classes))),
                        .td(.class("num"), .text(String(g.required))), .td(.class("num"), .text(String(g.taught))),
                        .td(.class("num"), .text(String(g.short))), .td(.class("num"), .text(String(g.localSpare))))
                })))
    }
}

/// Small text helpers shared by the 三个课堂 pages.
enum ClassroomText {
    static func time(_ d: Date) -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HH:mm"
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        return f.string(from: d)
    }

    /// 「4年级2班」/ "grade 4 class 2".
    static func classLabel(_ c: ClassID, _ ctx: PageContext) -> String {
        ctx.t("\(c.grade)年级\(c.number)班", "grade \(c.grade) class \(c.number)")
    }
}
