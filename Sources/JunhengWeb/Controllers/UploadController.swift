import Fluent
import Foundation
import JunhengImport
import Plot
import Vapor

/// The statistician's upload form: validate everything, store nothing unless the whole file is valid.
struct UploadController {
    func form(_ req: Request) async throws -> Response {
        let county = try await req.county(.uploadStatistics)
        return Layout.response(UploadView.render(county: county, year: UploadView.defaultYear, issues: [], message: nil, PageContext(req)))
    }

    func upload(_ req: Request) async throws -> Response {
        let county = try await req.county(.uploadStatistics)
        struct Form: Content { var year: Int?; var file: File? }
        let form = try req.content.decode(Form.self)
        let ctx = PageContext(req)
        guard let year = form.year, SnapshotStore.years.contains(year) else {
            return Layout.response(UploadView.render(county: county, year: UploadView.defaultYear, issues: [],
                                                     message: ctx.t("请填写学年（如 2025，表示 2025–2026 学年）。", "Enter the school year (e.g. 2025 for 2025–2026)."), ctx),
                                   status: .unprocessableEntity)
        }
        guard let file = form.file, file.data.readableBytes > 0 else {
            return Layout.response(UploadView.render(county: county, year: year, issues: [],
                                                     message: ctx.t("请选择要上传的 CSV 或 XLSX 文件。", "Choose a CSV or XLSX file to upload."), ctx),
                                   status: .unprocessableEntity)
        }
        if file.data.readableBytes > req.application.web.jobs.largeImportBytes {
            // A large file is validated and stored in the job queue; the job page links the dashboard when done.
            let job = try await JobQueue.enqueue(.statisticsImport, payload: StatisticsImportPayload(
                bytes: Data(file.data.readableBytesView), fileName: file.filename, year: year), county: county, message: "排队中 / queued", on: req)
            return req.redirect(to: "/jobs/\(try job.requireID())")
        }
        let bytes = [UInt8](file.data.readableBytesView)
        switch try await SnapshotStore.store(bytes, fileName: file.filename, county: county, year: year, by: try req.principal().userID, on: req) {
        case .success(let info):
            return req.redirect(to: "/counties/\(county.code)/years/\(info.schoolYear)?uploaded=\(info.version)")
        case .failure(let rejection):
            let issues: [ImportIssue]
            let message: String
            switch rejection {
            case .invalid(let list):
                issues = list
                message = ctx.t("文件有 \(list.problemTotal) 处错误，未保存任何数据。请修改后重新上传。", "The file has \(list.problemTotal) problem(s); nothing was stored. Fix them and upload again.")
            case .unreadable(let reason):
                issues = []
                message = ctx.t("无法读取文件：\(reason)", "Cannot read the file: \(reason)")
            }
            return Layout.response(UploadView.render(county: county, year: year, issues: issues, message: message, ctx), status: .unprocessableEntity)
        }
    }
}

/// The upload form and its validation result.
enum UploadView {
    /// The school year that starts in the current calendar year's autumn (or the previous one before September).
    static var defaultYear: Int {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "Asia/Shanghai")!, from: Date())
        return (c.month ?? 9) >= 9 ? (c.year ?? 2025) : (c.year ?? 2026) - 1
    }

    static func render(county: Region, year: Int, issues: [ImportIssue], message: String?, _ ctx: PageContext) -> String {
        Layout.page(ctx, title: ctx.t("上传统计数据", "Upload statistics"), .group(
            .h1(.text("\(county.name) · \(ctx.t("上传统计数据", "Upload statistics"))")),
            .unwrap(message) { .div(.class("error-box"), .id("upload-error"), .p(.text($0))) },
            .if(!issues.isEmpty, .div(.class("scroll"), .table(.id("upload-issues"),
                .tr(.th(.text(ctx.t("行", "Row"))), .th(.text(ctx.t("列", "Column"))), .th(.text(ctx.t("值", "Value"))), .th(.text(ctx.t("应为", "Expected")))),
                .forEach(issues.prefix(500)) { i in
                    .tr(.td(.class("num"), .text(String(i.row))), .td(.text(i.column)), .td(.code(.text(i.value))), .td(.text(ctx.t(i.expectedZH, i.expectedEN))))
                }))),
            .if(issues.count > 500, .p(.class("muted"), .text(ctx.t("仅显示前 500 处。", "Only the first 500 are shown.")))),
            .form(.attr(.action, "/counties/\(county.code)/upload"), .method(.post), .enctype(.multipartData), .id("upload-form"),
                ctx.csrfField,
                .label(.for("year"), .text(ctx.t("学年（起始年份，如 2025 表示 2025–2026 学年）", "School year (first year, e.g. 2025 for 2025–2026)"))),
                .input(.type(.number), .id("year"), .name("year"), .attr(.value, String(year)), .attribute(named: "min", value: "2000"), .attribute(named: "max", value: "2100"), .required(true)),
                .label(.for("file"), .text(ctx.t("统计文件（CSV：UTF-8 或 GB18030；或 XLSX）", "Statistics file (CSV in UTF-8 or GB18030, or XLSX)"))),
                .input(.type(.file), .id("file"), .name("file"), .attribute(named: "accept", value: ".csv,.xlsx,text/csv"), .required(true)),
                .p(.button(.type(.submit), .id("upload-submit"), .text(ctx.t("校验并上传", "Validate and upload"))))
            ),
            .p(.class("muted"), .text(ctx.t("文件有任何错误时不会保存任何数据；每次成功上传都生成一个新的不可更改版本。",
                                            "A file with any error stores nothing; every successful upload becomes a new immutable version.")))
        ))
    }
}
