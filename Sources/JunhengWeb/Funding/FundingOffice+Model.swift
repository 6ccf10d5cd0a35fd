import Fluent
import Foundation
import Funding
import JunhengImport
import Vapor

/// The finance office's page: each fiscal year (draft or published, who and when), its rule results, the upload.
struct FundingOfficeModel {
    struct Year { var year: Int; var record: FundingYearRecord; var results: [FundingRuleResult]; var lines: Int; var projects: Int }
    var county: Region
    var years: [Year]
    var hasStatistics: Bool
    var mayPublish: Bool
    var issues: [ImportIssue] = []
    var message: String?
    var notice: String?

    static func load(_ county: Region, req: Request) async throws -> FundingOfficeModel {
        let records = try await FundingStore.years(of: county, publishedOnly: false, on: req.db)
        let data = try await FundingStore.dataset(county: county, records: records, on: req.db)
        let results = FundingCheck.run(data)
        let years = records.map { r in
            Year(year: r.fiscalYear, record: r, results: results.filter { $0.fiscalYear == r.fiscalYear },
                 lines: data.lines.filter { $0.fiscalYear == r.fiscalYear }.count, projects: data.projects.filter { $0.fiscalYear == r.fiscalYear }.count)
        }
        let countyID = try county.requireID()
        let hasStatistics = try await Snapshot.query(on: req.db).filter(\.$county.$id == countyID).count() > 0
        var m = FundingOfficeModel(county: county, years: years, hasStatistics: hasStatistics, mayPublish: req.may(.publishFunding, county.resource))
        let ctx = PageContext(req)
        if let y = try? req.query.get(String.self, at: "imported") { m.notice = ctx.t("已导入 \(y) 年（草稿，尚未公开）。", "Imported \(y) (draft, not public).") }
        if let y = try? req.query.get(Int.self, at: "published") { m.notice = ctx.t("\(y) 年已公开。", "\(y) is published.") }
        return m
    }
}
