import JunhengImport
import Plot

/// The assessment package upload form (one workbook, or the CSV files of the folder) and its located errors.
enum AssessmentUploadView {
    static func render(county: Region, year: Int, issues: [ImportIssue], message: String?, _ ctx: PageContext) -> String {
        let title = ctx.t("上传评估数据包", "Upload the assessment package")
        let base = "/counties/\(county.code)/years/\(year)/assessment"
        return Layout.page(ctx, title: title, .group(
            .h1(.text("\(county.name) · \(year) · \(title)")),
            .unwrap(message) { .div(.class("error-box"), .id("assessment-upload-error"), .p(.text($0))) },
            .if(!issues.isEmpty, .div(.class("scroll"), .table(.id("assessment-upload-issues"),
                .tr(.th(.text(ctx.t("文件/工作表", "File/sheet"))), .th(.text(ctx.t("行", "Row"))), .th(.text(ctx.t("列", "Column"))),
                    .th(.text(ctx.t("值", "Value"))), .th(.text(ctx.t("应为", "Expected")))),
                .forEach(issues.prefix(500)) { i in
                    .tr(.td(.text(i.file)), .td(.class("num"), .text(i.row > 0 ? String(i.row) : "")), .td(.text(i.column)),
                        .td(.code(.text(String(i.value.prefix(80))))), .td(.text(ctx.t(i.expectedZH, i.expectedEN))))
                }))),
            .form(.attr(.action, base + "/upload"), .method(.post), .enctype(.multipartData), .id("assessment-upload-form"),
                ctx.csrfField,
                .p(.text(ctx.t("一个 XLSX 工作簿，含 statistics（学校统计）、rooms、county、monitoring、reviews、vetoes 工作表（中英文名均可）：",
                               "One XLSX workbook with the sheets statistics, rooms, county, monitoring, reviews, vetoes (English or Chinese names):"))),
                .input(.type(.file), .id("workbook"), .name("workbook"), .attribute(named: "accept", value: ".xlsx")),
                .p(.text(ctx.t("或者：评估数据文件夹中的 CSV 文件（UTF-8 或 GB18030，可多选，至少 statistics.csv）：",
                               "Or: the CSV files of the assessment folder (UTF-8 or GB18030, several at once, statistics.csv at least):"))),
                .input(.type(.file), .id("files"), .name("files[]"), .attribute(named: "multiple", value: "multiple"),
                       .attribute(named: "accept", value: ".csv,text/csv")),
                .p(.button(.type(.submit), .id("assessment-upload-submit"), .text(ctx.t("校验并上传", "Validate and upload"))))),
            .p(.class("muted"), .text(ctx.t("空白模板：junheng assess template -o 评估.xlsx。有任何错误时不会保存任何数据；缺少的数据使相应项目为「待补充」。",
                                            "Empty template: junheng assess template -o package.xlsx. Any error stores nothing; missing figures make their items pending.")))
        ))
    }
}
