import JunhengImport
import Plot

/// The 三个课堂 upload form (four files, or one workbook with four sheets) and its located errors.
enum ClassroomUploadView {
    static func render(county: Region, issues: [ImportIssue], message: String?, _ ctx: PageContext) -> String {
        let title = ctx.t("上传三个课堂数据", "Upload classroom data")
        return Layout.page(ctx, title: title, .group(
            .h1(.text("\(county.name) · \(title)")),
            .unwrap(message) { .div(.class("error-box"), .id("classroom-upload-error"), .p(.text($0))) },
            UploadIssuesTable.render(issues, id: "classroom-upload-issues", ctx),
            .form(.attr(.action, "/counties/\(county.code)/classrooms/upload"), .method(.post), .enctype(.multipartData), .id("classroom-upload-form"),
                ctx.csrfField,
                .p(.text(ctx.t("四个文件（CSV：UTF-8 或 GB18030；或各为 XLSX），列见 README「三个课堂」一节：",
                               "Four files (CSV in UTF-8 or GB18030, or XLSX each); columns as in the README's 三个课堂 section:"))),
                .forEach([("schools", "学校"), ("classes", "班级"), ("teachers", "教师"), ("lessons", "现有课表")]) { name, zh in
                    .group(.label(.attr(.for, name), .text("\(ctx.t(zh, name)) (\(name).csv / .xlsx)")),
                           .input(.type(.file), .attr(.id, name), .attr(.name, name), .attribute(named: "accept", value: ".csv,.xlsx,text/csv")))
                },
                .p(.text(ctx.t("或者：一个 XLSX 工作簿，含 schools、classes、teachers、lessons 四个工作表：",
                               "Or: one XLSX workbook with the sheets schools, classes, teachers, lessons:"))),
                .input(.type(.file), .id("workbook"), .name("workbook"), .attribute(named: "accept", value: ".xlsx")),
                .p(.button(.type(.submit), .id("classroom-upload-submit"), .text(ctx.t("校验并上传", "Validate and upload"))))),
            .p(.class("muted"), .text(ctx.t("有任何错误时不会保存任何数据；每次成功上传都生成一个新的不可更改版本。",
                                            "Any error stores nothing; every successful upload becomes a new immutable version.")))
        ))
    }
}

/// The located problems of a refused upload (file, row, column, value, expected), the first 500; nothing when none.
enum UploadIssuesTable {
    static func render(_ issues: [ImportIssue], id: String, valueLimit: Int = .max, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .if(!issues.isEmpty, .div(.class("scroll"), .table(.attr(.id, id),
            .tr(.th(.text(ctx.t("文件", "File"))), .th(.text(ctx.t("行", "Row"))), .th(.text(ctx.t("列", "Column"))),
                .th(.text(ctx.t("值", "Value"))), .th(.text(ctx.t("应为", "Expected")))),
            .forEach(issues.prefix(500)) { i in
                .tr(.td(.text(i.file)), .td(.class("num"), .text(i.row > 0 ? String(i.row) : "")), .td(.text(i.column)),
                    .td(.code(.text(String(i.value.prefix(valueLimit))))), .td(.text(ctx.t(i.expectedZH, i.expectedEN))))
            })))
    }
}
