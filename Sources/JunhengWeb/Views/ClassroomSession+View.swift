import Foundation
import Plot
import ThreeClassrooms

/// One session of a plan with its logs and observations, and the forms the user may use.
struct ClassroomSessionModel {
    /// A 网络巡课 observation as shown.
    struct Observation { var date: String; var rating: Int; var note: String; var observer: String }
    var planID: UUID
    var published: Bool
    var session: PlannedSession
    var logs: [ThreeClassrooms.SessionRecord]
    var observations: [Observation]
    /// The school the user logs for, if any.
    var loggingSchool: String?
    var canObserve: Bool
    var errors: [SessionLogInput.FieldError]
}

/// The session page: what, when, who; logs; 网络巡课; log and observation forms.
enum ClassroomSessionView {
    static func render(_ m: ClassroomSessionModel, _ ctx: PageContext) -> String {
        let s = m.session
        let title = ctx.t("专递课堂：\(s.subject.zh) \(s.grade)年级，星期\(TimetableView.dayNames[(s.day - 1) % 7]) 第\(s.period)节",
                          "Remote session: \(s.subject.rawValue), grade \(s.grade), day \(s.day) period \(s.period)")
        return Layout.page(ctx, title: title, .group(
            .h1(.text(title)),
            .p(.text(ctx.t("派出教师 \(s.teacherID)（\(s.senderSchool)）→ ", "Teacher \(s.teacherID) (\(s.senderSchool)) → ")
                     + s.receivingClasses.map(\.description).joined(separator: "、"))),
            .if(!m.errors.isEmpty, .div(.class("error-box"), .id("record-errors"), .ul(.class("errors"), .forEach(m.errors) { e in
                .li(.text("\(e.field)：\(e.value.isEmpty ? "" : "'\(e.value)' — ")\(ctx.t("应为 " + e.expected_zh, "expected " + e.expected_en))"))
            }))),
            .h2(.text(ctx.t("上课记录", "Session log"))),
            .if(m.logs.isEmpty, .p(.class("muted"), .id("no-logs"), .text(ctx.t("尚无记录。", "Nothing logged yet.")))),
            .if(!m.logs.isEmpty, .table(.id("logs"),
                .tr(.th(.text(ctx.t("日期", "Date"))), .th(.text(ctx.t("学校", "School"))), .th(.text(ctx.t("情况", "Status"))),
                    .th(.text(ctx.t("出勤", "Attendance")))),
                .forEach(m.logs) { l in
                    .tr(.td(.text(l.date)), .td(.text(l.school)),
                        .td(.attr(.class, l.held ? "pass" : "fail"), .text(l.held ? ctx.t("已上课", "held") : ctx.t("取消：", "cancelled: ") + (l.reason ?? ""))),
                        .td(.text(l.attendance.sorted { $0.key < $1.key }.map { "\($0.key)：\($0.value)" }.joined(separator: "；"))))
                })),
            .unwrap(m.loggingSchool.flatMap { m.published ? $0 : nil }) { school in logForm(m, school, ctx) },
            .h2(.text(ctx.t("网络巡课", "Online patrol (网络巡课)"))),
            .if(m.observations.isEmpty, .p(.class("muted"), .text(ctx.t("尚无巡课记录。", "No observation yet.")))),
            .if(!m.observations.isEmpty, .table(.id("observations"),
                .tr(.th(.text(ctx.t("日期", "Date"))), .th(.class("num"), .text(ctx.t("评分", "Rating"))), .th(.text(ctx.t("意见", "Note"))),
                    .th(.text(ctx.t("巡课人", "Observer")))),
                .forEach(m.observations) { o in
                    .tr(.td(.text(o.date)), .td(.class("num"), .text("\(o.rating)/5")), .td(.text(o.note)), .td(.text(o.observer)))
                })),
            .if(m.canObserve && m.published, observeForm(m, ctx))
        ))
    }

    static func logForm(_ m: ClassroomSessionModel, _ school: String, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let mine = m.session.receivingClasses.filter { $0.school == school }
        return .form(.id("log-form"), .class("no-print"), .attr(.action, "/classroom-plans/\(m.planID)/logs"), .method(.post), ctx.csrfField,
            .input(.type(.hidden), .name("session"), .attr(.value, m.session.key)),
            .label(.for("date"), .text(ctx.t("日期（星期\(m.session.day)）", "Date (weekday \(m.session.day))"))),
            .input(.type(.date), .id("date"), .name("date"), .required(true)),
            .label(.for("status"), .text(ctx.t("情况", "Status"))),
            .select(.id("status"), .attribute(named: "name", value: "status"),
                    .option(.value("held"), .attr(.label, ctx.t("已上课", "held"))), .option(.value("cancelled"), .attr(.label, ctx.t("取消", "cancelled")))),
            .label(.for("reason"), .text(ctx.t("取消原因", "Reason for cancelling"))),
            .input(.type(.text), .id("reason"), .name("reason")),
            .forEach(mine) { c in
                .group(.label(.text(ctx.t("\(c.grade)年级\(c.number)班 到课人数", "Grade \(c.grade) class \(c.number): present"))),
                       .input(.type(.number), .attr(.name, "attendance_\(c.description)"), .attribute(named: "min", value: "0")))
            },
            .p(.button(.type(.submit), .id("log-submit"), .text(ctx.t("保存记录（\(school)）", "Save the log (\(school))")))))
    }

    static func observeForm(_ m: ClassroomSessionModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .form(.id("observe-form"), .class("no-print"), .attr(.action, "/classroom-plans/\(m.planID)/observations"), .method(.post), ctx.csrfField,
            .input(.type(.hidden), .name("session"), .attr(.value, m.session.key)),
            .label(.for("obs-date"), .text(ctx.t("巡课日期", "Date"))), .input(.type(.date), .id("obs-date"), .name("date"), .required(true)),
            .label(.for("rating"), .text(ctx.t("评分（1–5）", "Rating (1–5)"))),
            .input(.type(.number), .id("rating"), .name("rating"), .attribute(named: "min", value: "1"), .attribute(named: "max", value: "5"), .required(true)),
            .label(.for("note"), .text(ctx.t("意见", "Note"))), .textarea(.id("note"), .name("note")),
            .p(.button(.type(.submit), .id("observe-submit"), .text(ctx.t("提交巡课记录", "Save the observation")))))
    }
}
