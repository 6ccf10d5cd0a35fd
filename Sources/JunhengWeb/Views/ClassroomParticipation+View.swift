import Foundation
import Plot
import ThreeClassrooms

/// The dashboard's 名师课堂 and 名校网络课堂 section: indicators over the window and, for those who may record, the forms.
extension ClassroomDashboardView {
    static func participation(_ m: ClassroomDashboardModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        guard let p = m.participation else { return .empty }
        func share(_ a: Int, _ b: Int, _ v: Double) -> String { "\(a)/\(b)（\(percent(v))）" }
        func row(_ label: String, _ id: String, _ value: String, _ detail: String) -> Node<HTML.TableContext> {
            .tr(.td(.text(label)), .td(.class("num"), .attr(.id, id), .text(value)), .td(.text(detail)))
        }
        return .section(.id("participation"),
            .h2(.text(ctx.t("名师课堂与名校网络课堂", "Master-teacher classrooms and open lessons of quality schools"))),
            .form(.class("no-print"), .method(.get), .attr(.action, "/counties/\(m.countyCode)/classrooms#participation"),
                  .text(ctx.t("统计时段 ", "Window ")), .input(.type(.date), .name("from"), .attr(.value, m.from)), .text(" – "),
                  .input(.type(.date), .name("to"), .attr(.value, m.to)), .button(.type(.submit), .text(ctx.t("更新", "Update")))),
            .table(.id("participation-table"),
                .tr(.th(.text(ctx.t("指标（\(m.from) 至 \(m.to)）", "Indicator (\(m.from) to \(m.to))"))), .th(.class("num"), .text(ctx.t("数值", "Value"))),
                    .th(.text(ctx.t("说明", "Detail")))),
                row(ctx.t("参与名师课堂的学校", "Schools in master-teacher classrooms"), "mc-school-share",
                    share(p.masterSchools, p.schools, p.masterShare),
                    ctx.t("\(p.activities) 次活动；主讲学校与参与学校均计", "\(p.activities) activities; host and participating schools count")),
                row(ctx.t("参与名师课堂的教学点", "教学点 in master-teacher classrooms"), "mc-tp-share",
                    share(p.masterTeachingPoints, p.teachingPoints, p.masterTeachingPointShare), ""),
                row(ctx.t("校均教师参与人次", "Teacher participations per school"), "mc-per-school",
                    String(format: "%.2f", p.teacherParticipationsPerSchool),
                    ctx.t("共 \(p.teacherParticipations) 人次，全县 \(p.schools) 所学校", "\(p.teacherParticipations) in all over \(p.schools) schools")),
                row(ctx.t("接收名校网络课堂的学校", "Schools receiving open lessons"), "ol-school-share",
                    share(p.receivingSchools, p.schools, p.receivingShare),
                    ctx.t("\(p.lessons) 节课", "\(p.lessons) lessons")),
                row(ctx.t("接收名校网络课堂的教学点", "教学点 receiving open lessons"), "ol-tp-share",
                    share(p.receivingTeachingPoints, p.teachingPoints, p.receivingTeachingPointShare), ""),
                row(ctx.t("接收学校校均课数", "Lessons per receiving school"), "ol-per-school",
                    String(format: "%.2f", p.lessonsPerReceivingSchool),
                    ctx.t("共接收 \(p.receptions) 校次", "\(p.receptions) receptions in all"))),
            .if(!m.participationErrors.isEmpty, .div(.class("error-box"), .id("participation-errors"),
                .p(.text(ctx.t("记录有 \(m.participationErrors.count) 处错误，未保存。", "The record has \(m.participationErrors.count) problem(s); nothing was stored."))),
                .ul(.class("errors"), .forEach(m.participationErrors) { e in
                    .li(.text("\(e.field)：\(e.value.isEmpty ? "" : "'\(e.value)' — ")\(ctx.t("应为 " + e.expected_zh, "expected " + e.expected_en))"))
                }))),
            .if(m.canManage, recordForms(m, ctx)))
    }

    private static func recordForms(_ m: ClassroomDashboardModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        func field(_ name: String, _ label: String, _ input: Node<HTML.FormContext>) -> Node<HTML.FormContext> {
            .group(.label(.text(label + " ")), input, .text(" "))
        }
        let subjects: [Node<HTML.SelectContext>] = Subject.allCases.map { .option(.attr(.value, $0.rawValue), .attr(.label, ctx.t($0.zh, $0.rawValue))) }
        return .div(.class("no-print"),
            .h3(.text(ctx.t("记录名师课堂活动", "Record a master-teacher classroom activity"))),
            .form(.id("master-class-form"), .attr(.action, "/counties/\(m.countyCode)/classrooms/master-classes"), .method(.post), ctx.csrfField,
                field("date", ctx.t("日期", "Date"), .input(.type(.date), .name("date"), .required(true))),
                field("master_school", ctx.t("名师所在学校标识码", "Master teacher's school code"), .input(.type(.text), .name("master_school"), .required(true))),
                field("teacher_id", ctx.t("名师教师编号", "Master teacher's id"), .input(.type(.text), .name("teacher_id"), .required(true))),
                field("topic", ctx.t("主题", "Topic"), .input(.type(.text), .name("topic"), .required(true))),
                field("participants", ctx.t("参与学校及教师人数（学校标识码:人数，逗号分隔）", "Participating schools and teachers (code:teachers, comma-separated)"),
                      .textarea(.name("participants"), .attribute(named: "rows", value: "2"), .attribute(named: "cols", value: "60"))),
                .button(.type(.submit), .text(ctx.t("保存", "Save")))),
            .h3(.text(ctx.t("记录名校网络课堂", "Record an open lesson of a quality school"))),
            .form(.id("open-lesson-form"), .attr(.action, "/counties/\(m.countyCode)/classrooms/open-lessons"), .method(.post), ctx.csrfField,
                field("date", ctx.t("日期", "Date"), .input(.type(.date), .name("date"), .required(true))),
                field("source_school", ctx.t("开课学校标识码", "Source school code"), .input(.type(.text), .name("source_school"), .required(true))),
                field("subject", ctx.t("学科", "Subject"), .select(.attribute(named: "name", value: "subject"), .group(subjects))),
                field("grade", ctx.t("年级", "Grade"), .input(.type(.number), .name("grade"), .attribute(named: "min", value: "1"), .attribute(named: "max", value: "9"), .required(true))),
                field("receivers", ctx.t("接收学校标识码（逗号分隔）", "Receiving school codes (comma-separated)"),
                      .textarea(.name("receivers"), .attribute(named: "rows", value: "2"), .attribute(named: "cols", value: "60"))),
                .button(.type(.submit), .text(ctx.t("保存", "Save")))))
    }
}
