import Accreditation
import Fluent
import Foundation
import Plot
import Vapor

/// Every visible county's applications and where each stands in the chain (the reviewers' queue is the part theirs to act on).
enum AssessmentOverview {
    struct Row {
        var county: Region
        var year: Int
        var stage: ReviewStage
        var versions: Int
        var openTasks: Int
        var updatedAt: Date
    }

    static func rows(_ req: Request) async throws -> [Row] {
        let counties = try await req.visibleCounties()
        let byID = Dictionary(uniqueKeysWithValues: counties.compactMap { c in c.id.map { ($0, c) } })
        guard !byID.isEmpty else { return [] }
        let records = try await AssessmentRecord.query(on: req.db).filter(\.$county.$id ~~ Array(byID.keys)).all()
        var out: [Row] = []
        for r in records {
            guard let county = byID[r.$county.id] else { continue }
            let state = try AssessmentStore.decode(r)
            out.append(Row(county: county, year: r.year, stage: state.stage, versions: state.chain.versions.count,
                           openTasks: state.book.tasks.filter { $0.status == .open }.count, updatedAt: r.updatedAt))
        }
        return out.sorted { ($0.county.code, -$0.year) < ($1.county.code, -$1.year) }
    }
}

enum AssessmentOverviewView {
    static func render(_ rows: [AssessmentOverview.Row], queue: Bool, _ ctx: PageContext) -> String {
        let title = queue ? ctx.t("待我审核", "My review queue") : ctx.t("督导评估进度", "Assessment overview")
        return Layout.page(ctx, title: title, .group(
            .h1(.text(title)),
            .if(!queue, .p(.id("stage-counts"), .text(ReviewStage.allCases.map { s in
                "\(ctx.t(s.zh, s.rawValue)) \(rows.filter { $0.stage == s }.count)" }.joined(separator: " · ")))),
            .if(rows.isEmpty, .p(.class("muted"), .id("assessment-rows-empty"), .text(queue ? ctx.t("没有待审核的申报。", "Nothing to review.") : ctx.t("尚无申报。", "No applications yet.")))),
            .if(!rows.isEmpty, .div(.class("scroll"), .table(.attr(.id, queue ? "review-queue" : "assessment-overview"),
                .tr(.th(.text(ctx.t("县区", "County"))), .th(.text(ctx.t("年份", "Year"))), .th(.text(ctx.t("环节", "Stage"))),
                    .th(.text(ctx.t("版本", "Versions"))), .th(.text(ctx.t("未完成整改", "Open tasks")))),
                .forEach(rows) { r in
                    let base = "/counties/\(r.county.code)/years/\(r.year)/assessment"
                    return .tr(.attr(.dataState, r.stage.rawValue),
                        .td(.a(.attr(.href, queue && r.versions > 0 ? base + "/versions/\(r.versions)" : base), .text("\(r.county.name)（\(r.county.code)）"))),
                        .td(.text(String(r.year))), .td(.text(ctx.t(r.stage.zh, r.stage.rawValue))),
                        .td(.class("num"), .text(String(r.versions))), .td(.class("num"), .text(String(r.openTasks))))
                })))
        ))
    }
}
