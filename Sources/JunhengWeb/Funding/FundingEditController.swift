import Fluent
import Foundation
import Funding
import Vapor

/// The finance office's single-line edits: the year page, one line or project at a time, and re-opening a published year.
struct FundingEditController {
    func yearParameter(_ req: Request) throws -> Int {
        guard let y = req.parameters.get("year", as: Int.self), (2000...2100).contains(y) else { throw Abort(.badRequest) }
        return y
    }

    func itemParameter(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("item", as: UUID.self) else { throw Abort(.notFound) }
        return id
    }

    func target(_ county: Region, _ year: Int) -> String { "county:\(county.code)/funding/\(year)" }

    func year(_ req: Request) async throws -> Response {
        let county = try await req.county(.manageFunding)
        let m = try await FundingYearModel.load(county, year: try yearParameter(req), req: req)
        return Layout.response(m.render(PageContext(req)))
    }

    /// The year record and the line or project, or 404.
    func load(_ req: Request, _ kind: FundingEditModel.Kind) async throws -> (Region, FundingYearRecord, FundingEditModel) {
        let county = try await req.county(.manageFunding)
        let y = try yearParameter(req), id = try itemParameter(req)
        guard let record = try await FundingEdits.year(county, y, on: req.db), let yearID = record.id else { throw Abort(.notFound) }
        let fields: [String: String], subject: String
        var projectCode: String?
        switch kind {
        case .line:
            guard let l = try await FundingLineRecord.query(on: req.db).filter(\.$id == id).filter(\.$year.$id == yearID).first() else { throw Abort(.notFound) }
            (fields, subject) = (FundingEdits.fields(of: l), PageContext(req).t("学校 \(l.schoolCode)", "School \(l.schoolCode)"))
        case .project:
            guard let p = try await FundingProjectRecord.query(on: req.db).filter(\.$id == id).filter(\.$year.$id == yearID).first() else { throw Abort(.notFound) }
            projectCode = p.code
            (fields, subject) = (FundingEdits.fields(of: p), PageContext(req).t("项目 \(p.code)，学校 \(p.schoolCode)", "Project \(p.code), school \(p.schoolCode)"))
        }
        var m = FundingEditModel(county: county, year: y, kind: kind, id: id, subject: subject, fields: fields, published: record.isPublished)
        if kind == .project, let code = projectCode {
            m.documents = try await FundingDocuments.byProject(yearIDs: [yearID], publicOnly: false, on: req.db)[code] ?? []
        }
        return (county, record, m)
    }

    func editLine(_ req: Request) async throws -> Response { try await edit(req, .line) }
    func editProject(_ req: Request) async throws -> Response { try await edit(req, .project) }
    func saveLine(_ req: Request) async throws -> Response { try await save(req, .line) }
    func saveProject(_ req: Request) async throws -> Response { try await save(req, .project) }

    func edit(_ req: Request, _ kind: FundingEditModel.Kind) async throws -> Response {
        let (_, _, m) = try await load(req, kind)
        return Layout.response(m.render(PageContext(req)))
    }

    func save(_ req: Request, _ kind: FundingEditModel.Kind) async throws -> Response {
        let (county, record, model) = try await load(req, kind)
        let keys = kind == .line ? FundingEdits.lineFields : FundingEdits.projectFields
        let raw = (try? req.content.decode([String: String].self)) ?? [:]
        let form = Dictionary(uniqueKeysWithValues: keys.map { ($0, String((raw[$0] ?? "").prefix(400))) })
        let what = kind == .line ? "line" : "project"
        var m = model
        m.fields = form
        if record.isPublished {
            await req.audit("funding-edit-refused", target: target(county, model.year), detail: "\(what) \(model.id.uuidString): the year is published")
            m.message = FundingEdits.Refusal.published(model.year).description
            return Layout.response(m.render(PageContext(req)), status: .conflict)
        }
        let result = kind == .line ? try await FundingEdits.saveLine(model.id, form: form, year: record, on: req.db)
            : try await FundingEdits.saveProject(model.id, form: form, year: record, on: req.db)
        switch result {
        case .success(let detail):
            await req.audit(kind == .line ? "funding-line-edit" : "funding-project-edit", target: target(county, model.year), detail: detail)
            return req.redirect(to: "/counties/\(county.code)/funding/years/\(model.year)?saved=1")
        case .failure(let refusal):
            await req.audit(refusal.isConflict ? "funding-edit-refused" : "funding-edit-rejected", target: target(county, model.year),
                            detail: "\(what) \(model.id.uuidString): \(String(refusal.description.prefix(500)))")
            if case .invalid(let issues) = refusal { m.issues = issues } else { m.message = refusal.description }
            if case .published = refusal { m.published = true }
            return Layout.response(m.render(PageContext(req)), status: refusal.isConflict ? .conflict : .unprocessableEntity)
        }
    }

    func reopen(_ req: Request) async throws -> Response {
        let county = try await req.county(.publishFunding)
        let y = try yearParameter(req)
        guard let record = try await FundingEdits.year(county, y, on: req.db) else {
            await req.audit("funding-reopen-refused", target: target(county, y), detail: "no funding data")
            throw Abort(.conflict, reason: FundingStore.Refusal.notFound(y).description)
        }
        switch try await FundingEdits.reopen(record, app: req.application, on: req.db) {
        case .success:
            await req.audit("funding-reopen", target: target(county, y), detail: "re-opened for editing: off the public portal until published again")
            return req.redirect(to: "/counties/\(county.code)/funding/years/\(y)?reopened=1")
        case .failure(let r):
            await req.audit("funding-reopen-refused", target: target(county, y), detail: r.description)
            throw Abort(.conflict, reason: r.description)
        }
    }
}

extension FundingEdits.Refusal {
    /// A conflict with the stored state (409) rather than invalid input (422).
    var isConflict: Bool {
        switch self {
        case .invalid: false
        case .published, .duplicate, .notFound: true
        }
    }
}
