import EquityKit
import Foundation
import Plot

/// The inspector's table of counties in scope with their verdicts and worst indicators.
enum CountyListView {
    struct Row { var code: String; var name: String; var year: Int?; var evaluation: Evaluation? }

    static func render(_ rows: [Row], _ ctx: PageContext) -> String {
        Layout.page(ctx, title: ctx.t("县区一览", "Counties"), .group(
            .h1(.text(ctx.t("县区一览（优质均衡 资源配置）", "Counties (resource allocation, youzhi-2017)"))),
            .if(rows.isEmpty, .p(.text(ctx.t("您的权限范围内没有县区。", "No counties in your scope.")))),
            .div(.class("scroll"), .table(.id("county-table"),
                .tr(.th(.text(ctx.t("县区", "County"))), .th(.text(ctx.t("代码", "Code"))), .th(.text(ctx.t("最新学年", "Latest year"))),
                    .th(.text(ctx.t("结论", "Verdict"))), .th(.text(ctx.t("未达标学校", "Schools failing"))),
                    .th(.text(ctx.t("最差指标（差异系数/限值）", "Worst indicators (CV / limit)")))),
                .forEach(rows) { r in
                    .tr(.td(.a(.attr(.href, "/counties/\(r.code)"), .text(r.name))), .td(.text(r.code)),
                        .td(.text(r.year.map(String.init) ?? "—")),
                        .td(.unwrap(r.evaluation, { e in .span(.attr(.class, e.passed ? "pass" : "fail"), .text(e.passed ? ctx.t("达标", "passed") : ctx.t("未达标", "not passed"))) },
                                    else: .text(ctx.t("无数据", "no data")))),
                        .td(.class("num"), .text(r.evaluation.map { String($0.sections.reduce(0) { $0 + $1.schoolsFailing }) } ?? "—")),
                        .td(.text(r.evaluation.map { worst($0, ctx) } ?? "")))
                }
            ))
        ))
    }

    /// The two indicators with the largest CV-to-limit ratio, over both sections.
    static func worst(_ e: Evaluation, _ ctx: PageContext) -> String {
        let items = e.sections.flatMap { s in s.indicators.compactMap { i -> (String, Double)? in
            guard let cv = i.cv.value, i.cvLimit > 0 else { return nil }
            return ("\(ctx.t(s.section.rawValue, s.section.english)) \(ctx.t(i.definition.nameZH, i.definition.nameEN)) \(String(format: "%.3f/%.2f", cv, i.cvLimit))", cv / i.cvLimit)
        } }
        return items.sorted { $0.1 > $1.1 }.prefix(2).map(\.0).joined(separator: "；")
    }
}

/// Every uploaded version of a county's statistics.
enum SnapshotListView {
    static func render(countyCode: String, countyName: String, _ history: [SnapshotInfo], names: [UUID: String], _ ctx: PageContext) -> String {
        Layout.page(ctx, title: ctx.t("上传记录", "Upload history"), .group(
            .h1(.text("\(countyName) · \(ctx.t("上传记录", "Upload history"))")),
            .p(.class("muted"), .text(ctx.t("每次上传都是不可更改的快照；同一学年以最新版本为准。", "Each upload is an immutable snapshot; the newest version of a year is used."))),
            .table(.id("snapshot-table"),
                .tr(.th(.text(ctx.t("学年", "Year"))), .th(.text(ctx.t("版本", "Version"))), .th(.text(ctx.t("文件", "File"))),
                    .th(.text(ctx.t("学校数", "Schools"))), .th(.text(ctx.t("上传人", "Uploaded by"))), .th(.text(ctx.t("时间", "Time"))), .th(.text("SHA-256"))),
                .forEach(history) { s in
                    .tr(.td(.a(.attr(.href, "/counties/\(countyCode)/years/\(s.schoolYear)"), .text(String(s.schoolYear)))), .td(.text("v\(s.version)")),
                        .td(.text(s.fileName)), .td(.class("num"), .text(String(s.schoolCount))), .td(.text(names[s.uploadedBy] ?? "?")),
                        .td(.text(ISO8601DateFormatter().string(from: s.uploadedAt))), .td(.code(.text(String(s.fileHash.prefix(16)) + "…"))))
                })
        ))
    }
}
