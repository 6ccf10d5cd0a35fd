import Foundation
import Funding
import Plot

extension FundingOfficeModel {
    func render(_ ctx: PageContext) -> String {
        let title = ctx.t("经费管理", "Funding")
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HH:mm"
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        return Layout.page(ctx, title: title, .group(
            .h1(.text("\(county.name) · \(title)")),
            .p(.a(.attr(.href, "/public/counties/\(county.code)"), .id("public-portal-link"), .text(ctx.t("公开门户（无需登录）", "Public portal (no login)")))),
            .unwrap(notice) { .div(.class("notice"), .id("funding-notice"), .p(.text($0))) },
            .unwrap(message) { .div(.class("error-box"), .id("funding-error"), .p(.text($0))) },
            .if(!issues.isEmpty, .div(.class("scroll"), .table(.id("funding-issues"),
                .tr(.th(.text(ctx.t("文件", "File"))), .th(.text(ctx.t("行", "Row"))), .th(.text(ctx.t("列", "Column"))),
                    .th(.text(ctx.t("值", "Value"))), .th(.text(ctx.t("应为", "Expected")))),
                .forEach(issues.prefix(500)) { i in
                    .tr(.td(.text(i.file)), .td(.class("num"), .text(i.row > 0 ? String(i.row) : "")), .td(.text(i.column)),
                        .td(.code(.text(String(i.value.prefix(80))))), .td(.text(i.moreNotListed > 0 ? ctx.t(i.zh, i.en) : ctx.t(i.expectedZH, i.expectedEN))))
                }))),
            .h2(.text(ctx.t("导入预算文件", "Import a budget file"))),
            .if(!hasStatistics, .p(.class("fail"), .text(ctx.t("请先由统计员上传本县学校统计（在校生数用于生均计算）。", "The county's statistics must be uploaded first (pupils for per-pupil figures).")))),
            .form(.attr(.action, "/counties/\(county.code)/funding/upload"), .method(.post), .enctype(.multipartData), .id("funding-upload-form"),
                ctx.csrfField,
                .label(.for("budget"), .text(ctx.t("预算文件（CSV 或 XLSX；XLSX 可含「项目」工作表）", "Budget file (CSV or XLSX; an XLSX may hold a 项目 sheet)"))),
                .input(.type(.file), .id("budget"), .name("budget"), .attribute(named: "accept", value: ".csv,.xlsx")),
                .label(.for("projects"), .text(ctx.t("项目文件（CSV，可选）", "Projects file (CSV, optional)"))),
                .input(.type(.file), .id("projects"), .name("projects"), .attribute(named: "accept", value: ".csv,.xlsx")),
                .p(.button(.type(.submit), .id("funding-upload-submit"), .text(ctx.t("校验并导入", "Validate and import"))))),
            .p(.class("muted"), .text(ctx.t("全部通过校验才导入（任何错误都不保存）；文件中的每个财政年度替换该年的草稿；已公开的年度不能覆盖。",
                                            "All or nothing: any error imports nothing; each fiscal year in the file replaces that year's draft; published years cannot be replaced."))),
            .forEach(years) { y in
                .group(
                    .h2(.attr(.id, "year-\(y.year)"), .text("\(y.year) · " + (y.record.isPublished ? ctx.t("已公开", "published") : ctx.t("草稿（未公开）", "draft (not public)")))),
                    .p(.class("muted"), .text(ctx.t("导入：\(y.record.fileName)，\(y.record.importedBy)，\(f.string(from: y.record.importedAt))；\(y.lines) 行预算，\(y.projects) 个项目",
                                                    "Imported: \(y.record.fileName) by \(y.record.importedBy), \(f.string(from: y.record.importedAt)); \(y.lines) lines, \(y.projects) projects")
                                              + (y.record.publishedAt.map { ctx.t("；公开：\(y.record.publishedBy ?? "")，\(f.string(from: $0))", "; published by \(y.record.publishedBy ?? "") \(f.string(from: $0))") } ?? ""))),
                    .p(.a(.attr(.href, "/counties/\(county.code)/funding/years/\(y.year)"), .attr(.id, "year-lines-\(y.year)"),
                          .text(y.record.isPublished ? ctx.t("查看明细（已公开：重新开放后才能修改）", "Lines and projects (published: re-open to edit)")
                                                     : ctx.t("明细与逐行修改", "Lines and projects: edit one at a time")))),
                    .if(!y.record.isPublished && mayPublish,
                        .form(.attr(.action, "/counties/\(county.code)/funding/years/\(y.year)/publish"), .method(.post), .attr(.id, "publish-\(y.year)"),
                              ctx.csrfField, .button(.type(.submit), .text(ctx.t("公开 \(y.year) 年（记入审计日志）", "Publish \(y.year) (audited)"))))),
                    .p(.attr(.id, "failures-\(y.year)"), .text(ctx.t("未达标 \(y.results.filter { $0.status == .failed }.count) 项，需说明 \(y.results.filter { $0.status == .explain }.count) 项",
                                                                    "\(y.results.filter { $0.status == .failed }.count) not met, \(y.results.filter { $0.status == .explain }.count) to explain"))),
                    PublicFundingView.rulesTable(y.results.filter { $0.status != .passed }, id: "rules-\(y.year)", ctx))
            }
        ))
    }
}
