import Foundation
import Plot
import ThreeClassrooms

/// One 专递课堂 plan: coverage vs bound, open gaps with reasons, one-more-teacher suggestions, publish, timetable links.
enum ClassroomPlanView {
    static func render(_ m: ClassroomPlanModel, _ ctx: PageContext) -> String {
        let p = m.plan
        let pct = ClassroomDashboardView.percent
        let title = "\(m.countyName) · \(ctx.t("专递课堂方案", "Remote-classroom plan"))"
        return Layout.page(ctx, title: title, .group(
            .h1(.text(title)),
            .p(.class("muted"), .text("\(ClassroomText.time(m.createdAt)) · \(p.status.rawValue) · \(ctx.t("每场上限", "cap")) \(p.cap)")),
            .p(.class("actions no-print"), .a(.attr(.href, "/counties/\(m.countyCode)/classrooms"), .text(ctx.t("返回三个课堂", "Back to the county page")))),
            .p(.id("publish-state"), .attr(.class, m.published ? "pass" : "muted"),
               .text(m.published ? ctx.t("已发布 \(m.publishedAt.map(ClassroomText.time) ?? "")，各校可见本校课表。", "Published \(m.publishedAt.map(ClassroomText.time) ?? ""); schools see their own timetables.")
                                 : ctx.t("未发布。", "Not published."))),
            .if(m.canPublish && !m.published, .form(.class("no-print"), .attr(.action, "/classroom-plans/\(m.id)/publish"), .method(.post), ctx.csrfField,
                .button(.type(.submit), .id("publish-plan"), .text(ctx.t("发布课表", "Publish the timetable"))))),
            .div(.class("cards"),
                .div(.class("card"), .id("plan-coverage"), .div(.text(ctx.t("覆盖率（已覆盖/可覆盖）", "Coverage (covered / coverable)"))),
                     .div(.class("verdict"), .text(pct(p.coverage))), .div(.class("muted"), .text("\(p.coveredPeriods) / \(p.coverablePeriods)"))),
                .div(.class("card"), .id("plan-bound"), .div(.text(ctx.t("上界（LP 松弛）", "Upper bound (LP relaxation)"))),
                     .div(.class("verdict"), .text(pct(p.upperBound))), .div(.class("muted"), .text("\(p.upperBoundPeriods) / \(p.coverablePeriods)"))),
                .div(.class("card"), .div(.text(ctx.t("专递课堂场次/周", "Sessions a week"))), .div(.class("verdict"), .text(String(p.sessions.count))),
                     .div(.class("muted"), .text(ctx.t("总缺口 \(p.demandPeriods) 课时", "\(p.demandPeriods) periods short in all"))))),
            .h2(.text(ctx.t("未覆盖的缺口及原因", "Gaps left open and why"))),
            .if(p.uncovered.isEmpty, .p(.id("uncovered-none"), .text(ctx.t("没有未覆盖的缺口。", "No gap is left open.")))),
            .if(!p.uncovered.isEmpty, .div(.class("scroll"), .table(.id("uncovered"),
                .tr(.th(.text(ctx.t("学校", "School"))), .th(.class("num"), .text(ctx.t("年级", "Grade"))), .th(.text(ctx.t("学科", "Subject"))),
                    .th(.class("num"), .text(ctx.t("缺课时", "Short"))), .th(.text(ctx.t("原因", "Reason")))),
                .forEach(p.uncovered) { u in
                    .tr(.td(.text(m.names[u.school] ?? u.school)), .td(.class("num"), .text(String(u.grade))), .td(.text(ctx.t(u.subject.zh, u.subject.rawValue))),
                        .td(.class("num"), .text(String(u.periodsShort))), .td(.text(ctx.t(u.reason.zh, u.reason.rawValue.replacingOccurrences(of: "_", with: " ")))))
                }))),
            .h2(.text(ctx.t("再增一名教师可覆盖", "What one more teacher would cover"))),
            .if(p.suggestions.isEmpty, .p(.text(ctx.t("无建议（没有因师资不足而未覆盖的缺口）。", "No suggestion (nothing is open for lack of teachers).")))),
            .if(!p.suggestions.isEmpty, .table(.id("suggestions"),
                .tr(.th(.text(ctx.t("学校", "School"))), .th(.text(ctx.t("学科", "Subject"))), .th(.class("num"), .text(ctx.t("可覆盖课时", "Would cover"))),
                    .th(.class("num"), .text(ctx.t("该学科未覆盖课时", "Open periods of the subject")))),
                .forEach(p.suggestions) { s in
                    .tr(.td(.text(m.names[s.school] ?? s.school)), .td(.text(ctx.t(s.subject.zh, s.subject.rawValue))),
                        .td(.class("num"), .text(String(s.coversPeriods))), .td(.class("num"), .text(String(s.uncoveredPeriods))))
                })),
            .h2(.text(ctx.t("课表", "Timetables"))),
            .h3(.text(ctx.t("按学校", "By school"))),
            .p(.id("school-timetables"), .forEach(Array(Set(m.classes.map(\.school))).sorted()) { code in
                .a(.attr(.href, "/classroom-plans/\(m.id)/schools/\(code)"), .text((m.names[code] ?? code) + " "))
            }),
            .h3(.text(ctx.t("按派出教师", "By sending teacher"))),
            .p(.forEach(m.teachers) { t in .a(.attr(.href, "/classroom-plans/\(m.id)/teachers/\(t)"), .text(t + " ")) }),
            .h3(.text(ctx.t("按接收班级", "By receiving class"))),
            .p(.forEach(Array(Set(p.sessions.flatMap(\.receivingClasses))).sorted()) { c in
                .a(.attr(.href, "/classroom-plans/\(m.id)/classes/\(c.school)/\(c.grade)/\(c.number)"),
                   .text("\(m.names[c.school] ?? c.school) \(ClassroomText.classLabel(c, ctx))；"))
            })
        ))
    }
}
