import Foundation
import Plot

/// The training page: G9 per school and for the county, who is short and by how much, and the office's record form.
enum TrainingView {
    static func render(_ m: TrainingModel, _ ctx: PageContext) -> String {
        let title = ctx.t("培训学时（\(m.cycle.lowerBound)–\(m.cycle.upperBound) 周期）", "Training hours (cycle \(m.cycle.lowerBound)–\(m.cycle.upperBound))")
        let short = m.teachers.filter { $0.short > 0 }.sorted { ($1.short, $0.teacherID) < ($0.short, $1.teacherID) }
        let rate = m.total > 0 ? Double(m.completed) / Double(m.total) : 0
        return Layout.page(ctx, title: "\(m.countyName) · \(title)", .group(
            .p(.class("no-print"), .a(.attr(.href, "/counties/\(m.countyCode)/teachers"), .text("← \(m.countyName) · \(ctx.t("教师名册", "Teacher register"))"))),
            .h1(.text("\(m.countyName) · \(title)")),
            .unwrap(m.error) { .div(.class("error-box"), .id("training-error"), .p(.text($0))) },
            .p(.id("training-g9"), .text(ctx.t("G9 全县完成 \(Format.value(m.required)) 学时：\(m.completed) / \(m.total)（\(TeachersText.percent(rate))）；本周期记录 \(m.records) 条。",
                                               "G9 county: \(m.completed) of \(m.total) teachers completed \(Format.value(m.required)) h (\(TeachersText.percent(rate))); \(m.records) records this cycle."))),
            .if(m.canManage, form(m, ctx)),
            .h2(.text(ctx.t("各校完成率", "Completion per school"))),
            .table(.id("training-schools"),
                .tr(.th(.text(ctx.t("学校", "School"))), .th(.class("num"), .text(ctx.t("教师", "Teachers"))), .th(.class("num"), .text(ctx.t("已完成", "Completed"))),
                    .th(.class("num"), .text(ctx.t("完成率", "Rate")))),
                .group(m.schools.map { s -> Node<HTML.TableContext> in
                    .tr(.td(.text(TeachersText.school(s.code, m.names))), .td(.class("num"), .text(String(s.teachers))), .td(.class("num"), .text(String(s.completed))),
                        .td(.class("num"), .text(TeachersText.percent(s.teachers > 0 ? Double(s.completed) / Double(s.teachers) : 0))))
                })),
            .h2(.text(ctx.t("未满 \(Format.value(m.required)) 学时的教师（\(short.count) 人）", "Teachers short of \(Format.value(m.required)) h (\(short.count))"))),
            .div(.class("scroll"), .table(.id("training-short"),
                .tr(.th(.text(ctx.t("教师编号", "Teacher id"))), .th(.text(ctx.t("姓名", "Name"))), .th(.text(ctx.t("学校", "School"))),
                    .th(.class("num"), .text(ctx.t("已有学时", "Hours"))), .th(.class("num"), .text(ctx.t("还差", "Short by")))),
                .group(short.prefix(2_000).map { t -> Node<HTML.TableContext> in
                    .tr(.attr(.id, "short-\(t.teacherID)"), .td(.text(t.teacherID)), .td(.text(t.name)), .td(.text(TeachersText.school(t.schoolCode, m.names))),
                        .td(.class("num"), .text(Format.value(t.hours))), .td(.class("num"), .text(Format.value(t.short))))
                })))
        ))
    }

    static func form(_ m: TrainingModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let levels: [Node<HTML.SelectContext>] = TrainingLevel.allCases.map { .option(.attr(.value, $0.rawValue), .attr(.label, $0.zh)) }
        return .form(.id("training-form"), .class("no-print"), .method(.post), .attr(.action, "/counties/\(m.countyCode)/teachers/training"), ctx.csrfField,
            .h2(.text(ctx.t("登记培训", "Record a training"))),
            .label(.for("teacher_id"), .text(ctx.t("教师编号", "Teacher id"))), .input(.type(.text), .id("teacher_id"), .name("teacher_id"), .attr(.maxlength, "32")),
            .label(.for("course"), .text(ctx.t("课程", "Course"))), .input(.type(.text), .id("course"), .name("course"), .attr(.maxlength, "100")),
            .label(.for("level"), .text(ctx.t("级别", "Level"))), .select(.id("level"), .attr(.name, "level"), .group(levels)),
            .label(.for("hours"), .text(ctx.t("学时", "Hours"))), .input(.type(.text), .id("hours"), .name("hours"), .attr(.maxlength, "8")),
            .label(.for("day"), .text(ctx.t("日期", "Day"))), .input(.type(.date), .id("day"), .name("day"), .attr(.value, TeachersText.todayText)),
            .button(.type(.submit), .id("training-submit"), .text(ctx.t("登记", "Record"))))
    }
}
