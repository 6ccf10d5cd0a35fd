import Foundation
import JunhengImport
import Plot
import Teachers

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
            .unwrap(m.notice) { .div(.class("notice"), .id("training-notice"), .p(.text($0))) },
            .if(m.canManage, .p(.class("no-print"), .a(.id("training-upload-link"), .attr(.href, "/counties/\(m.countyCode)/teachers/training/upload"),
                                                      .text(ctx.t("导入培训记录文件", "Import a training records file"))))),
            .p(.class("muted"), .text(ctx.t("学时取自本周期的培训记录；没有记录的教师取名册「本周期培训学时」列。",
                                            "Hours come from this cycle's training records; a teacher without a record falls back to the register's cycle-hours column."))),
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
                    .th(.class("num"), .text(ctx.t("已有学时", "Hours"))), .th(.class("num"), .text(ctx.t("还差", "Short by"))), .th(.text(ctx.t("来源", "Source")))),
                .group(short.prefix(2_000).map { t -> Node<HTML.TableContext> in
                    .tr(.attr(.id, "short-\(t.teacherID)"), .td(.text(t.teacherID)), .td(.text(t.name)), .td(.text(TeachersText.school(t.schoolCode, m.names))),
                        .td(.class("num"), .text(Format.value(t.hours))), .td(.class("num"), .text(Format.value(t.short))),
                        .td(.attr(.class, "source-\(t.source.rawValue)"), .text(sourceText(t.source, ctx))))
                })))
        ))
    }

    /// Where a teacher's hours came from.
    static func sourceText(_ s: TrainingSource, _ ctx: PageContext) -> String {
        switch s {
        case .records: ctx.t("培训记录", "training records")
        case .register: ctx.t("名册本周期学时", "register column")
        case .none: ctx.t("无记录", "none")
        }
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

/// The training records upload form and its located problems.
enum TrainingUploadView {
    static func render(county: Region, issues: [ImportIssue], message: String?, _ ctx: PageContext) -> String {
        let title = ctx.t("导入培训记录", "Import training records")
        return Layout.page(ctx, title: title, .group(
            .p(.class("no-print"), .a(.attr(.href, "/counties/\(county.code)/teachers/training"), .text("← \(county.name) · \(ctx.t("培训学时", "Training hours"))"))),
            .h1(.text("\(county.name) · \(title)")),
            .unwrap(message) { .div(.class("error-box"), .id("training-upload-error"), .p(.text($0))) },
            TeachersUploadView.issuesTable(issues, id: "training-upload-issues", ctx),
            .form(.attr(.action, "/counties/\(county.code)/teachers/training/upload"), .method(.post), .enctype(.multipartData), .id("training-upload-form"),
                ctx.csrfField,
                .p(.text(ctx.t("CSV（UTF-8 或 GB18030）或 XLSX，英文键或中文表头：", "CSV (UTF-8 or GB18030) or XLSX, English keys or Chinese headers:"))),
                .p(.code(.text("teacher_id 教师编号, course 课程, level 级别, hours 学时, day 日期"))),
                .label(.for("training"), .text(ctx.t("培训记录 *", "Training records *"))),
                .input(.type(.file), .id("training"), .name("training"), .attribute(named: "accept", value: ".csv,.xlsx,text/csv")),
                .p(.button(.type(.submit), .id("training-upload-submit"), .text(ctx.t("校验并导入", "Validate and import"))))),
            .p(.class("muted"), .text(ctx.t("有任何错误时不会保存任何数据；已导入过的记录（同一教师、课程、级别、学时、日期）不重复计算；新记录同时记入教师的学分银行账户。",
                                            "Any error stores nothing; a record imported before (same teacher, course, level, hours, day) is not counted again; new records also go to the teacher's credit bank account.")))
        ))
    }
}
