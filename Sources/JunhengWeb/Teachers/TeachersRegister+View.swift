import EquityKit
import Foundation
import JunhengImport
import Plot
import Teachers

/// The register page: derived figures beside the statistics, every difference, and the teachers.
enum TeachersRegisterView {
    static let quantityNames: [(zh: String, en: String)] = [("专任教师数", "teachers"), ("高于规定学历", "above required degree"), ("县级及以上骨干", "county+ backbone"),
                                                           ("体育艺术", "PE/art"), ("中级及以上职称", "mid/senior title"), ("持证", "certified")]

    static func render(_ m: TeachersRegisterModel, _ ctx: PageContext) -> String {
        let title = ctx.t("教师名册", "Teacher register")
        return Layout.page(ctx, title: "\(m.countyName) · \(title)", .group(
            .h1(.text("\(m.countyName) · \(title)")),
            .unwrap(m.notice) { .p(.class("notice"), .id("teachers-notice"), .text($0)) },
            .p(.id("teachers-summary"), .text(ctx.t("在职教师 \(m.total) 人，已退休或离开 \(m.retired) 人。", "\(m.total) serving teachers, \(m.retired) retired or left."))),
            .p(.class("no-print"),
               .a(.attr(.href, "/counties/\(m.countyCode)/teachers/rotation"), .text(ctx.t("交流轮岗", "Rotation"))), .text(" · "),
               .a(.id("training-link"), .attr(.href, "/counties/\(m.countyCode)/teachers/training"), .text(ctx.t("培训学时（G9）", "Training (G9)"))),
               .if(m.canManage, .group(.text(" · "), .a(.id("upload-link"), .attr(.href, "/counties/\(m.countyCode)/teachers/upload"), .text(ctx.t("导入名册", "Import the register")))))),
            .if(!m.showNames, .p(.class("muted"), .id("names-masked"), .text(ctx.t("姓名已脱敏显示（本角色无需查看教师姓名）。", "Names are masked (this role does not need them).")))),
            figures(m, ctx), differences(m, ctx),
            .if(m.canAdopt && m.statistics != nil && m.total > 0, .form(.id("adopt-form"), .class("no-print"), .method(.post), .attr(.action, "/counties/\(m.countyCode)/teachers/adopt"), ctx.csrfField,
                .button(.type(.submit), .id("adopt-submit"), .text(ctx.t("采用名册派生数生成新的统计数据版本", "Adopt the register's figures into a new statistics snapshot"))))),
            .if(m.canManage, hire(m, ctx)),
            teachers(m, ctx)
        ))
    }

    static func figures(_ m: TeachersRegisterModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        guard let s = m.statistics else {
            return .p(.class("muted"), .id("figures-none"), .text(ctx.t("本县尚无统计数据，无法比较。", "The county has no statistics snapshot to compare with.")))
        }
        return .section(.id("teacher-figures"),
            .h2(.text(ctx.t("名册派生数与统计表（\(s.year) 学年 v\(s.version)）", "Register figures beside the statistics (\(s.year) v\(s.version))"))),
            .p(.class("muted"), .text(ctx.t("每格：统计表数 / 名册数；不一致的格标红。", "Each cell: statistics / register; differing cells in red."))),
            .div(.class("scroll"), .table(.id("figures-table"),
                .tr(.th(.text(ctx.t("学校", "School"))), .th(.text(ctx.t("学段", "Section"))),
                    .group(quantityNames.map { n -> Node<HTML.TableRowContext> in .th(.class("num"), .text(ctx.t(n.zh, n.en))) }),
                    .th(.class("num"), .text(ctx.t("完成360学时（其中按培训记录）", "360 h done (from training records)")))),
                .group(m.figures.map { f -> Node<HTML.TableContext> in
                    .tr(.td(.a(.attr(.href, "/counties/\(m.countyCode)/teachers/schools/\(f.schoolCode)"), .text(TeachersText.school(f.schoolCode, m.names)))), .td(.text(f.section)),
                        .group(f.values.map { v -> Node<HTML.TableRowContext> in
                            let differs = v.stated.map { abs($0 - Double(v.derived)) > 1e-9 } ?? false
                            return .td(.attr(.class, differs ? "num fail" : "num"), .text("\(v.stated.map(Format.value) ?? "—") / \(v.derived)"))
                        }),
                        .td(.class("num"), .text("\(f.trainingCompleted) / \(f.trainingReported)（\(f.trainingFromRecords)）")))
                }))))
    }

    static func differences(_ m: TeachersRegisterModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        guard m.statistics != nil, m.total > 0 else { return .text("") }
        return .section(.id("teacher-differences"),
            .h2(.text(ctx.t("差异（\(m.differences.count) 处）", "Differences (\(m.differences.count))"))),
            .if(m.differences.isEmpty, .p(.id("no-differences"), .text(ctx.t("名册派生数与统计表完全一致。", "The register gives every figure of the statistics.")))),
            .if(!m.differences.isEmpty, .table(.id("differences-table"),
                .tr(.th(.text(ctx.t("类别", "Kind"))), .th(.class("num"), .text(ctx.t("统计表行", "Row"))), .th(.text(ctx.t("学校", "School"))),
                    .th(.text(ctx.t("学段", "Section"))), .th(.text(ctx.t("字段", "Field"))), .th(.class("num"), .text(ctx.t("统计表", "Statistics"))),
                    .th(.class("num"), .text(ctx.t("名册", "Register")))),
                .group(m.differences.prefix(2_000).map { d -> Node<HTML.TableContext> in
                    .tr(.attr(.class, "difference"), .td(.text(d.kind.rawValue)), .td(.class("num"), .text(d.row > 0 ? String(d.row) : "")),
                        .td(.text(TeachersText.school(d.schoolCode, m.names))), .td(.text(d.section)), .td(.code(.text(d.field))),
                        .td(.class("num"), .text(d.statistics.map(Format.value) ?? "—")), .td(.class("num"), .text(d.derived.map(String.init) ?? "—")))
                }))))
    }

    static func teachers(_ m: TeachersRegisterModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .section(.id("teacher-list"),
            .h2(.text(ctx.t("教师", "Teachers") + (m.school.map { "（\(TeachersText.school($0, m.names))）" } ?? ""))),
            .form(.method(.get), .attr(.action, "/counties/\(m.countyCode)/teachers"), .class("no-print"),
                .label(.for("school"), .text(ctx.t("按学校标识码筛选", "Filter by school code"))),
                .input(.type(.text), .id("school"), .name("school"), .attr(.value, m.school ?? ""), .attr(.maxlength, "32")),
                .button(.type(.submit), .text(ctx.t("筛选", "Filter")))),
            .if(m.teachers.count >= TeachersRegisterModel.listLimit, .p(.class("muted"), .text(ctx.t("仅列出前 \(TeachersRegisterModel.listLimit) 名，请按学校筛选。", "Only the first \(TeachersRegisterModel.listLimit) are listed; filter by school.")))),
            TeacherTable.render(m.teachers, countyCode: m.countyCode, names: m.names, link: true, ctx))
    }

    static func hire(_ m: TeachersRegisterModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .details(.id("hire"), .class("no-print"), .summary(.text(ctx.t("新聘教师", "New hire"))),
            .form(.id("hire-form"), .method(.post), .attr(.action, "/counties/\(m.countyCode)/teachers/hire"), ctx.csrfField,
                .group(RegisterColumn.allCases.map { c -> Node<HTML.FormContext> in
                    .group(.label(.attr(.for, "hire-\(c.rawValue)"), .text("\(c.zh) \(c.rawValue)\(c.required ? " *" : "")")),
                           .input(.type(.text), .attr(.id, "hire-\(c.rawValue)"), .attr(.name, c.rawValue), .attr(.maxlength, "64"), .attr(.placeholder, c.help)))
                }),
                .button(.type(.submit), .id("hire-submit"), .text(ctx.t("登记新聘", "Record the hire")))))
    }
}

/// A table of teachers (shared by the register, a school's staff and the teacher's own page).
enum TeacherTable {
    static func render(_ teachers: [TeacherLine], countyCode: String, names: [String: String], link: Bool, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .div(.class("scroll"), .table(.id("teachers-table"),
            .tr(.th(.text(ctx.t("教师编号", "Teacher id"))), .th(.text(ctx.t("姓名", "Name"))), .th(.text(ctx.t("身份证号", "ID number"))),
                .th(.text(ctx.t("学校", "School"))), .th(.text(ctx.t("学段", "Section"))), .th(.text(ctx.t("任教学科", "Subjects"))),
                .th(.text(ctx.t("学历", "Degree"))), .th(.text(ctx.t("职称", "Title"))), .th(.text(ctx.t("骨干", "Backbone"))),
                .th(.text(ctx.t("资格证", "Certificate"))), .th(.text(ctx.t("在编", "Tenured"))), .th(.text(ctx.t("现校起始", "At school since"))),
                .th(.class("num"), .text(ctx.t("本周期学时", "Cycle hours"))), .th(.text(ctx.t("不宜交流", "No move"))), .th(.text(ctx.t("状态", "Status")))),
            .group(teachers.map { t -> Node<HTML.TableContext> in
                .tr(.attr(.class, t.active ? "teacher" : "teacher muted"),
                    .td(.if(link, .a(.attr(.href, "/counties/\(countyCode)/teachers/t/\(t.teacherID)"), .text(t.teacherID)), else: .text(t.teacherID))),
                    .td(.attr(.class, "teacher-name"), .text(t.name)), .td(.code(.text(t.idMasked))),
                    .td(.text(TeachersText.school(t.schoolCode, names))), .td(.text(t.section)), .td(.text(t.subjects)), .td(.text(t.degree)),
                    .td(.text(t.title)), .td(.text(t.backbone)), .td(.text(t.certificate)), .td(.text(t.tenured ? "是" : "否")), .td(.text(t.schoolSince)),
                    .td(.class("num"), .text(t.trainingHours.map(Format.value) ?? "—")), .td(.text(t.noMove ? "是" : "否")),
                    .td(.text(t.active ? (t.role == TeacherRole.teacher.rawValue ? ctx.t("在职", "serving") : t.role) : ctx.t("已退休/离开", "retired/left"))))
            })))
    }
}

/// One teacher: the record, the history of register events, and the office's change forms.
enum TeacherDetailView {
    static func render(_ m: TeacherDetailModel, _ ctx: PageContext) -> String {
        let title = ctx.t("教师 \(m.teacher.teacherID)", "Teacher \(m.teacher.teacherID)")
        return Layout.page(ctx, title: title, .group(
            .if(!m.own, .p(.class("no-print"), .a(.attr(.href, "/counties/\(m.countyCode)/teachers"), .text("← \(m.countyName) · \(ctx.t("教师名册", "Teacher register"))")))),
            .h1(.text("\(title) · \(m.teacher.name)")),
            .unwrap(m.error) { .div(.class("error-box"), .id("change-error"), .p(.text($0))) },
            TeacherTable.render([m.teacher], countyCode: m.countyCode, names: m.names, link: false, ctx),
            .h2(.text(ctx.t("名册变动与交流记录", "Register changes and rotations"))),
            .if(m.events.isEmpty, .p(.class("muted"), .text(ctx.t("暂无记录。", "None yet.")))),
            .if(!m.events.isEmpty, .table(.id("events-table"),
                .tr(.th(.text(ctx.t("日期", "Day"))), .th(.text(ctx.t("变动", "Change"))), .th(.text(ctx.t("从", "From"))), .th(.text(ctx.t("到", "To"))),
                    .th(.text(ctx.t("字段", "Field"))), .th(.text(ctx.t("原值", "Before"))), .th(.text(ctx.t("新值", "After"))), .th(.text(ctx.t("记录人", "Recorded by")))),
                .group(m.events.map { e -> Node<HTML.TableContext> in
                    .tr(.attr(.class, "event event-\(e.kind)"), .td(.text(e.day)), .td(.text(TeacherChangeKind(rawValue: e.kind)?.zh ?? e.kind)),
                        .td(.text(e.fromSchool.map { TeachersText.school($0, m.names) } ?? "")), .td(.text(e.toSchool.map { TeachersText.school($0, m.names) } ?? "")),
                        .td(.text(e.field)), .td(.text(e.oldValue)), .td(.text(e.newValue)), .td(.text(m.own ? "" : e.recordedBy)))
                }))),
            training(m, ctx),
            .if(m.canManage && m.teacher.active, changeForm(m, ctx))
        ))
    }

    static func training(_ m: TeacherDetailModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let required = TeacherRules.builtIn.derivation.trainingCycleHours
        return .section(.id("own-training"), .h2(.text(ctx.t("培训学时（\(m.cycle.lowerBound)–\(m.cycle.upperBound) 周期）", "Training (cycle \(m.cycle.lowerBound)–\(m.cycle.upperBound))"))),
            .p(.id("training-hours"), .text(ctx.t("已记录 \(Format.value(m.cycleHours)) / \(Format.value(required)) 学时", "\(Format.value(m.cycleHours)) of \(Format.value(required)) h recorded")
                + (m.cycleHours < required ? ctx.t("，还差 \(Format.value(required - m.cycleHours))", ", short by \(Format.value(required - m.cycleHours))") : ctx.t("，已完成", ", completed"))
                + "（\(TrainingView.sourceText(m.hoursSource, ctx))）")),
            .if(!m.trainings.isEmpty, .table(.id("training-table"),
                .tr(.th(.text(ctx.t("日期", "Day"))), .th(.text(ctx.t("课程", "Course"))), .th(.text(ctx.t("级别", "Level"))), .th(.class("num"), .text(ctx.t("学时", "Hours")))),
                .group(m.trainings.map { t -> Node<HTML.TableContext> in
                    .tr(.td(.text(t.day)), .td(.text(t.course)), .td(.text(TrainingLevel(rawValue: t.level)?.zh ?? t.level)), .td(.class("num"), .text(Format.value(t.hours))))
                }))))
    }

    static func changeForm(_ m: TeacherDetailModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let kinds: [TeacherChangeKind] = [.transfer, .retire, .certificate, .title, .backbone, .noMove, .return]
        let options: [Node<HTML.SelectContext>] = kinds.map { .option(.attr(.value, $0.rawValue), .attr(.label, $0.zh)) }
        return .section(.id("change"), .class("no-print"), .h2(.text(ctx.t("登记变动", "Record a change"))),
            .form(.id("change-form"), .method(.post), .attr(.action, "/counties/\(m.countyCode)/teachers/t/\(m.teacher.teacherID)/changes"), ctx.csrfField,
                .label(.for("kind"), .text(ctx.t("变动", "Change"))), .select(.id("kind"), .attr(.name, "kind"), .group(options)),
                .label(.for("to_school"), .text(ctx.t("调入学校标识码（调动）", "To school code (transfer)"))),
                .input(.type(.text), .id("to_school"), .name("to_school"), .attr(.maxlength, "32")),
                .label(.for("section"), .text(ctx.t("任教学段（调动，可留空）", "Section (transfer, may be blank)"))),
                .input(.type(.text), .id("section"), .name("section"), .attr(.maxlength, "8")),
                .label(.for("value"), .text(ctx.t("新值（资格证学段 无/小学/初中/高中；职称 未定级…正高级；骨干 无/县级/市级/省级；不宜交流 是/否）",
                                                   "New value (certificate, title, backbone level, no-move 是/否)"))),
                .input(.type(.text), .id("value"), .name("value"), .attr(.maxlength, "16")),
                .label(.for("day"), .text(ctx.t("生效日期", "Effective day"))), .input(.type(.date), .id("day"), .name("day"), .attr(.value, TeachersText.todayText)),
                .button(.type(.submit), .id("change-submit"), .text(ctx.t("登记", "Record")))))
    }
}

/// One school's staff, read-only, with its rotation in/out.
enum SchoolStaffView {
    static func render(_ m: SchoolStaffModel, _ ctx: PageContext) -> String {
        let title = ctx.t("\(m.schoolName) · 教职工", "\(m.schoolName) · staff")
        return Layout.page(ctx, title: title, .group(
            .h1(.text(title)),
            .if(!m.showNames, .p(.class("muted"), .id("names-masked"), .text(ctx.t("姓名已脱敏显示。", "Names are masked.")))),
            TeacherTable.render(m.teachers, countyCode: m.countyCode, names: [:], link: false, ctx),
            RotationOverviewView.inOut(m.inOut, names: [:], ctx)
        ))
    }
}

/// The register import form and its located errors.
enum TeachersUploadView {
    /// Every located problem of an upload: file, row, column, value, what was expected.
    static func issuesTable(_ issues: [ImportIssue], id: String, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .if(!issues.isEmpty, .div(.class("scroll"), .table(.attr(.id, id),
            .tr(.th(.text(ctx.t("文件", "File"))), .th(.text(ctx.t("行", "Row"))), .th(.text(ctx.t("列", "Column"))),
                .th(.text(ctx.t("值", "Value"))), .th(.text(ctx.t("应为", "Expected")))),
            .group(issues.prefix(500).map { i -> Node<HTML.TableContext> in
                .tr(.td(.text(i.file)), .td(.class("num"), .text(i.row > 0 ? String(i.row) : "")), .td(.text(i.column)),
                    .td(.code(.text(String(i.value.prefix(80))))), .td(.text(ctx.t(i.expectedZH, i.expectedEN))))
            }))))
    }

    static func render(county: Region, issues: [ImportIssue], message: String?, _ ctx: PageContext) -> String {
        let title = ctx.t("导入教师名册", "Import the teacher register")
        return Layout.page(ctx, title: title, .group(
            .h1(.text("\(county.name) · \(title)")),
            .unwrap(message) { .div(.class("error-box"), .id("teachers-upload-error"), .p(.text($0))) },
            issuesTable(issues, id: "teachers-upload-issues", ctx),
            .form(.attr(.action, "/counties/\(county.code)/teachers/upload"), .method(.post), .enctype(.multipartData), .id("teachers-upload-form"),
                ctx.csrfField,
                .p(.text(ctx.t("CSV（UTF-8 或 GB18030）或 XLSX，英文键或中文表头：", "CSV (UTF-8 or GB18030) or XLSX, English keys or Chinese headers:"))),
                .p(.code(.text(RegisterColumn.allCases.map { "\($0.rawValue) \($0.zh)" }.joined(separator: ", ")))),
                .label(.for("register"), .text(ctx.t("教师名册 *", "Register *"))),
                .input(.type(.file), .id("register"), .name("register"), .attribute(named: "accept", value: ".csv,.xlsx,text/csv")),
                .label(.for("coordinates"), .text(ctx.t("学校坐标（可选：school_code 学校标识码, lon 经度, lat 纬度）", "School coordinates (optional: school_code, lon, lat)"))),
                .input(.type(.file), .id("coordinates"), .name("coordinates"), .attribute(named: "accept", value: ".csv,.xlsx,text/csv")),
                .p(.button(.type(.submit), .id("teachers-upload-submit"), .text(ctx.t("校验并导入", "Validate and import"))))),
            .p(.class("muted"), .text(ctx.t("有任何错误时不会保存任何数据；导入成功后名册整体替换为新文件，身份证号只保存密钥哈希与脱敏形式。",
                                            "Any error stores nothing; a valid file replaces the whole register. ID numbers are kept only as a keyed hash and a masked form.")))
        ))
    }
}
