import Foundation
import JunhengImport
import Plot
import Seats

/// The plans of one batch side by side with today's catchments: solve, check, indicators and fill per school.
struct SeatsCompareModel {
    /// One column: a plan of the batch.
    struct Column { var id: UUID; var stored: StoredPlan; var stage: AdoptionStage }
    var countyCode: String
    var countyName: String
    var year: Int
    var columns: [Column]
    var names: [String: String]
    var schools: [String]

    var statusQuo: StoredPlan.Metrics? { columns.first?.stored.statusQuo }
}

/// Renders `SeatsCompareModel`.
enum SeatsCompareView {
    static func render(_ m: SeatsCompareModel, _ ctx: PageContext) -> String {
        let title = ctx.t("学区划分方案比较（\(m.year) 年）", "Catchment plans compared (\(m.year))")
        typealias Row = Node<HTML.TableContext>
        func row(_ label: String, _ today: String, _ cell: (SeatsCompareModel.Column) -> String) -> Row {
            .tr(.th(.text(label)), .td(.class("num"), .text(today)), .group(m.columns.map { c -> Node<HTML.TableRowContext> in .td(.class("num"), .text(cell(c))) }))
        }
        func metric(_ c: SeatsCompareModel.Column, _ f: (StoredPlan.Metrics) -> String) -> String { c.stored.plan?.metrics.map(f) ?? "—" }
        func g13(_ s: SeatSection) -> (StoredPlan.Metrics) -> String { { x in x.g13[s.rawValue].map { String(format: "%.1f%%", $0 * 100) } ?? "—" } }
        let q = m.statusQuo
        let head: Row = .tr(.th(), .th(.class("num"), .text(ctx.t("现行学区", "Today"))),
                            .group(m.columns.map { c -> Node<HTML.TableRowContext> in .th(.class("num"), .a(.attr(.href, "/seats-plans/\(c.id)"), .text(ctx.t("方案 #\(c.stored.plan?.plan ?? 0)", "Plan #\(c.stored.plan?.plan ?? 0)")))) }))
        let rows: [Row] = [
            head,
            row(ctx.t("求解状态", "Status"), "", { $0.stored.plan?.status ?? "—" }),
            row(ctx.t("间隙", "Gap"), "", { SeatsText.gap($0.stored.plan?.gap) }),
            row(ctx.t("每名调整学生惩罚", "Move penalty"), "", { $0.stored.plan.map { String(format: "%.2f km", $0.movePenaltyKm) } ?? "—" }),
            row(ctx.t("独立校核", "Independent check"), "", { ($0.stored.plan?.check.passed ?? false) ? ctx.t("通过", "passed") : ctx.t("未通过", "failed") }),
            row(ctx.t("调整学生", "Pupils moved"), q.map { String(Int($0.movedPupils.rounded())) } ?? "—", { metric($0) { String(Int($0.movedPupils.rounded())) } }),
            row(ctx.t("最远路程", "Longest trip"), q.map { "\(Int($0.maxTripM.rounded())) m" } ?? "—", { metric($0) { "\(Int($0.maxTripM.rounded())) m" } }),
            row("G13 " + ctx.t("小学", "primary"), q.map(g13(.primary)) ?? "—", { metric($0, g13(.primary)) }),
            row("G13 " + ctx.t("初中", "junior"), q.map(g13(.junior)) ?? "—", { metric($0, g13(.junior)) }),
            row(ctx.t("G4 超规模学校", "G4 oversize schools"), q.map { String($0.g4OversizeSchools.count) } ?? "—", { metric($0) { String($0.g4OversizeSchools.count) } }),
            row(ctx.t("G5 最大班额", "G5 largest class"), q.map { String(format: "%.1f", $0.g5LargestClass) } ?? "—", { metric($0) { String(format: "%.1f", $0.g5LargestClass) } }),
            row(ctx.t("阶段", "Stage"), "", { ctx.t($0.stage.zh, $0.stage.en) }),
        ]
        let fillHead: Row = .tr(.th(.text(ctx.t("学校", "School"))), .th(.class("num"), .text(ctx.t("现行", "Today"))),
                                .group(m.columns.map { c -> Node<HTML.TableRowContext> in .th(.class("num"), .text("#\(c.stored.plan?.plan ?? 0)")) }))
        let fillRows: [Row] = m.schools.map { code in
            .tr(.td(.text(SeatsText.school(code, m.names))), .td(.class("num"), .text(SeatsText.percent(q?.fill[code] ?? 0))),
                .group(m.columns.map { c -> Node<HTML.TableRowContext> in .td(.class("num"), .text(metric(c) { SeatsText.percent($0.fill[code] ?? 0) })) }))
        }
        return Layout.page(ctx, title: title, .group(
            .p(.class("no-print"), .a(.attr(.href, "/counties/\(m.countyCode)/seats"), .text("← \(m.countyName) · \(ctx.t("学位与学区", "Seats"))"))),
            .h1(.text(title)),
            .p(.class("muted"), .text(ctx.t("同一数据、同一年份的几个方案（不同的调整惩罚；后一个方案至少有一个单元与前面的不同）。没有唯一“答案”：请比较后选择一个进入论证。",
                                            "Several plans for the same data and year (different move penalties; each differs from the earlier ones in at least one unit). There is no single answer: compare and take one to review."))),
            .div(.class("scroll"), .table(.id("compare-table"), .group(rows))),
            .h2(.text(ctx.t("各校学位使用率", "Fill per school"))),
            .div(.class("scroll"), .table(.id("compare-fill"), .group([fillHead] + fillRows)))
        ))
    }
}

/// The seats upload form and its located errors.
enum SeatsUploadView {
    static func render(county: Region, issues: [ImportIssue], message: String?, _ ctx: PageContext) -> String {
        let title = ctx.t("上传学位数据", "Upload seats data")
        return Layout.page(ctx, title: title, .group(
            .h1(.text("\(county.name) · \(title)")),
            .unwrap(message) { .div(.class("error-box"), .id("seats-upload-error"), .p(.text($0))) },
            UploadIssuesTable.render(issues, id: "seats-upload-issues", valueLimit: 80, ctx),
            .form(.attr(.action, "/counties/\(county.code)/seats/upload"), .method(.post), .enctype(.multipartData), .id("seats-upload-form"),
                ctx.csrfField,
                .p(.text(ctx.t("CSV（UTF-8 或 GB18030）或 XLSX，列见 README「学位」一节；前四个必填：",
                               "CSV (UTF-8 or GB18030) or XLSX; columns as in the README's seats section; the first four are required:"))),
                .forEach(SeatsFile.allCases) { kind in
                    .group(.label(.attr(.for, kind.rawValue), .text("\(kind.rawValue).csv / .xlsx\(kind.required ? " *" : "")")),
                           .input(.type(.file), .attr(.id, kind.rawValue), .attr(.name, kind.rawValue), .attribute(named: "accept", value: ".csv,.xlsx,text/csv")))
                },
                .p(.button(.type(.submit), .id("seats-upload-submit"), .text(ctx.t("校验并上传", "Validate and upload"))))),
            .p(.class("muted"), .text(ctx.t("有任何错误时不会保存任何数据；每次成功上传都生成一个新的不可更改版本。",
                                            "Any error stores nothing; every successful upload becomes a new immutable version."))),
            .h2(.text(ctx.t("地图底图（可选）", "Map background (optional)"))),
            .form(.attr(.action, "/counties/\(county.code)/seats/background"), .method(.post), .enctype(.multipartData), .id("seats-background-form"),
                ctx.csrfField,
                .p(.text(ctx.t("PNG 或 JPEG（最大 5 MB），以及图片四边所在的经纬度（度）：", "PNG or JPEG (at most 5 MB) and the degrees of its four edges:"))),
                .input(.type(.file), .id("image"), .name("image"), .attribute(named: "accept", value: "image/png,image/jpeg")),
                .label(.for("west"), .text(ctx.t("西（左）经度", "West (left) longitude"))), .input(.type(.text), .id("west"), .name("west"), .attr(.maxlength, "32")),
                .label(.for("south"), .text(ctx.t("南（下）纬度", "South (bottom) latitude"))), .input(.type(.text), .id("south"), .name("south"), .attr(.maxlength, "32")),
                .label(.for("east"), .text(ctx.t("东（右）经度", "East (right) longitude"))), .input(.type(.text), .id("east"), .name("east"), .attr(.maxlength, "32")),
                .label(.for("north"), .text(ctx.t("北（上）纬度", "North (top) latitude"))), .input(.type(.text), .id("north"), .name("north"), .attr(.maxlength, "32")),
                .p(.button(.type(.submit), .id("seats-background-submit"), .text(ctx.t("上传底图", "Upload background")))))
        ))
    }
}
