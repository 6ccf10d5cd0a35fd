import EquityKit
import Fluent
import Foundation
import JunhengPlanner
import JunhengReports
import Vapor

/// Adds the remedy-plan pages: list and run per county-year, one plan, its print view and XLSX, and the comparison.
func planRoutes(pages: any RoutesBuilder, forms: any RoutesBuilder) {
    let plans = PlanController()
    pages.get("counties", ":code", "years", ":year", "plans", use: plans.list).requires(.readCounty)
    forms.post("counties", ":code", "years", ":year", "plans", use: plans.run).requires(.runPlan)
    pages.get("plans", "compare", use: plans.compare).requires(.readCounty)
    pages.get("plans", ":id", use: plans.show).requires(.readCounty)
    pages.get("plans", ":id", "print", use: plans.printable).requires(.readCounty)
    pages.get("plans", ":id", "export.xlsx", use: plans.xlsx).requires(.readCounty)
}

/// Remedy (整改) plans on the platform: runs the planner on a snapshot, keeps the result, shows, prints, exports and compares it.
struct PlanController {
    func list(_ req: Request) async throws -> Response {
        let (county, evaluated) = try await CountyController().evaluated(req)
        return Layout.response(PlanListView.render(try await listModel(req, county, evaluated, form: .initial, error: nil), PageContext(req)))
    }

    func run(_ req: Request) async throws -> Response {
        let (county, evaluated) = try await CountyController().evaluated(req)
        try await req.authorize(.runPlan, county.resource, target: "county:\(county.code)/\(evaluated.snapshot.schoolYear)")
        let form = try req.content.decode(PlanForm.self)
        let standard = evaluated.evaluation.standard
        let codes = Set(evaluated.records.map(\.schoolCode))
        let parameters: PlanParameters
        switch PlanParameters.validate(form, schoolCodes: codes, standard: standard.id) {
        case .failure(let error): return try await rejected(req, county, evaluated, form, error)
        case .success(let v): parameters = v
        }
        guard standard.countyRule.kind == .everyIndicator else {
            let text = RemedyPlanner.Failure.compositeCVNotSupported(standard.id).description
            return try await rejected(req, county, evaluated, form, PlanFormError(field: PlanFormError.run, zh: text, en: text))
        }
        // The solve runs in the job queue; the job page follows it and links the saved plan.
        let job = try await JobQueue.enqueue(.remedyPlan, payload: RemedyPlanPayload(snapshotID: evaluated.snapshot.id, parameters: parameters),
                                             county: county, message: "排队中 / queued", on: req)
        return req.redirect(to: "/jobs/\(try job.requireID())")
    }

    func show(_ req: Request) async throws -> Response {
        var m = try await plan(req, id: req.parameters.get("id"))
        if let county = try await Region.query(on: req.db).filter(\.$code == m.countyCode).first(), req.may(.manageFunding, county.resource) {
            m.fundingDraftYears = try await FundingStore.years(of: county, publishedOnly: false, on: req.db).filter { !$0.isPublished }.map(\.fiscalYear)
        }
        return Layout.response(PlanShowView.render(m, printable: false, PageContext(req)))
    }

    func printable(_ req: Request) async throws -> Response {
        let m = try await plan(req, id: req.parameters.get("id"))
        await req.audit("report", target: "plan:\(m.id)", detail: "print")
        return Layout.response(PlanShowView.render(m, printable: true, PageContext(req)))
    }

    func xlsx(_ req: Request) async throws -> Response {
        let m = try await plan(req, id: req.parameters.get("id"))
        let ctx = PageContext(req)
        let data = try PlanExport.workbook(m.result, parameters: m.parameters, title: m.title, countyName: m.countyName, ctx.t)
        await req.audit("export", target: "plan:\(m.id)", detail: "xlsx")
        return CountyController().download(data, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                           name: "junheng-plan-\(m.countyCode)-\(m.year)-\(m.id.uuidString.prefix(8)).xlsx")
    }

    func compare(_ req: Request) async throws -> Response {
        let a = try await plan(req, id: try? req.query.get(String.self, at: "a"))
        let b = try await plan(req, id: try? req.query.get(String.self, at: "b"))
        return Layout.response(PlanCompareView.render(a, b, PageContext(req)))
    }

    /// The plan with this id if the user may read its county; 404 (audited) for unknown ids and for plans outside the user's scope.
    func plan(_ req: Request, id text: String?) async throws -> PlanShowModel {
        guard let text, let id = UUID(uuidString: text),
              let saved = try await SavedPlan.query(on: req.db).filter(\.$id == id).with(\.$createdBy).first(),
              let snapshot = try await Snapshot.query(on: req.db).filter(\.$id == saved.$snapshot.id)
                  .field(\.$id).field(\.$county.$id).field(\.$schoolYear).field(\.$version).first(),
              let county = try await Region.find(snapshot.$county.id, on: req.db),
              req.may(.readCounty, county.resource)
        else { throw await req.denial("plan:\(text ?? "")", "read", status: .notFound) }
        let schools = try await School.query(on: req.db).filter(\.$county.$id == snapshot.$county.id).all()
        let role = try req.principal().role
        let name = saved.createdBy.displayName
        return PlanShowModel(
            id: id, title: saved.title, result: try PlanResult.decode(saved.resultJSON),
            parameters: try? JSONDecoder().decode(PlanParameters.self, from: Data(saved.parameters.utf8)),
            countyCode: county.code, countyName: county.name, year: snapshot.schoolYear, snapshotVersion: snapshot.version,
            createdBy: Masking.seesNames(role) ? name : Masking.name(name), createdAt: saved.createdAt,
            schoolNames: Dictionary(schools.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a }))
    }

    /// The form again with the problem, status 422; nothing is saved.
    private func rejected(_ req: Request, _ county: Region, _ evaluated: EvaluatedSnapshot, _ form: PlanForm,
                          _ error: PlanFormError) async throws -> Response {
        let model = try await listModel(req, county, evaluated, form: form, error: error)
        return Layout.response(PlanListView.render(model, PageContext(req)), status: .unprocessableEntity)
    }

    private func listModel(_ req: Request, _ county: Region, _ evaluated: EvaluatedSnapshot, form: PlanForm,
                           error: PlanFormError?) async throws -> PlanListModel {
        let p = try req.principal()
        let year = evaluated.snapshot.schoolYear
        let snapshotIDs = try await SnapshotStore.history(countyID: county.requireID(), on: req.db)
            .filter { $0.schoolYear == year }.map(\.id)
        let saved = try await SavedPlan.query(on: req.db).filter(\.$snapshot.$id ~~ snapshotIDs).with(\.$createdBy)
            .sort(\.$createdAt, .descending).all()
        let rows = try saved.map { s in
            PlanListModel.Row(id: try s.requireID(), title: s.title,
                              parameters: try? JSONDecoder().decode(PlanParameters.self, from: Data(s.parameters.utf8)),
                              status: s.status, totalCost: s.totalCost,
                              createdBy: Masking.seesNames(p.role) ? s.createdBy.displayName : Masking.name(s.createdBy.displayName),
                              createdAt: s.createdAt)
        }
        return PlanListModel(countyCode: county.code, countyName: county.name, year: year, snapshotVersion: evaluated.snapshot.version,
                             rows: rows, canRun: req.may(.runPlan, county.resource), form: form, error: error)
    }
}
