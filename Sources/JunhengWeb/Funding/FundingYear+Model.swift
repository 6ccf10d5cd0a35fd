import Fluent
import Foundation
import Funding
import JunhengImport
import Vapor

/// One fiscal year's lines (one school at a time, or the first 300) and projects, each editable while the year is a draft.
struct FundingYearModel {
    var county: Region
    var year: Int
    var record: FundingYearRecord?
    var lines: [FundingLineRecord]
    var lineTotal: Int
    var projects: [FundingProjectRecord]
    var schoolFilter: String
    var mayReopen: Bool
    var notice: String?

    static let shownLines = 300

    static func load(_ county: Region, year: Int, req: Request) async throws -> FundingYearModel {
        let record = try await FundingEdits.year(county, year, on: req.db)
        let school = ((try? req.query.get(String.self, at: "school")) ?? "").trimmingCharacters(in: .whitespaces)
        var lines: [FundingLineRecord] = [], total = 0, projects: [FundingProjectRecord] = []
        if let id = record?.id {
            var q = FundingLineRecord.query(on: req.db).filter(\.$year.$id == id)
            if !school.isEmpty && CodeRule.isValid(school) { q = q.filter(\.$schoolCode == school) }
            total = try await q.count()
            lines = try await q.sort(\.$schoolCode).sort(\.$phase).sort(\.$economicCode).range(0..<shownLines).all()
            projects = try await FundingProjectRecord.query(on: req.db).filter(\.$year.$id == id).sort(\.$code).all()
        }
        let ctx = PageContext(req)
        var notice: String?
        if (try? req.query.get(String.self, at: "saved")) != nil { notice = ctx.t("已保存（记入审计日志）。", "Saved (audited).") }
        if (try? req.query.get(String.self, at: "reopened")) != nil {
            notice = ctx.t("已重新开放编辑：本年度已从公开门户撤下，修改后须重新公开。", "Re-opened: the year left the public portal until it is published again.")
        }
        return FundingYearModel(county: county, year: year, record: record, lines: lines, lineTotal: total, projects: projects,
                                schoolFilter: CodeRule.isValid(school) ? school : "", mayReopen: req.may(.publishFunding, county.resource), notice: notice)
    }
}

/// The edit form of one line or project: its fields (current or as submitted) and the located problems.
struct FundingEditModel {
    enum Kind { case line, project }
    var county: Region
    var year: Int
    var kind: Kind
    var id: UUID
    /// School code (and project code) shown, not editable.
    var subject: String
    var fields: [String: String]
    var issues: [ImportIssue] = []
    var message: String?
    var published: Bool
    /// A project's stage documents.
    var documents: [FundingDocuments.Ref] = []

    var action: String { "/counties/\(county.code)/funding/years/\(year)/\(kind == .line ? "lines" : "projects")/\(id.uuidString)" }
}
