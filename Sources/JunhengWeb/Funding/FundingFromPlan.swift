import Fluent
import Foundation
import Funding
import JunhengImport
import JunhengPlanner
import Vapor

/// A remedy plan's building and equipment actions as draft funding projects: one per school and action, budget = the
/// plan's cost of it in 分, linked to the indicator the action serves.
enum FundingFromPlan {
    /// The 资源配置 indicator each procurement-like action raises (teachers' actions are not procurement projects).
    static let indicators: [RemedyAction: String] = [.buildTeachingArea: "R4", .buildSportsArea: "R5", .buyEquipment: "R6", .equipMultimediaRoom: "R7"]

    /// A project to be created.
    struct Draft: Equatable {
        var code: String, name: String, schoolCode: String, indicator: String, budgetFen: Int
    }

    /// The drafts of `plan`, in the plan's action order; costs summed per school and action, rounded to 分 (half up).
    static func drafts(_ plan: PlanResult, planID: UUID) -> [Draft] {
        var order: [String] = []
        var sums: [String: (school: String, action: RemedyAction, quantity: Double, cost: Double)] = [:]
        for a in plan.actions {
            guard let kind = a.kind, indicators[kind] != nil, CodeRule.isValid(a.schoolCode), a.cost.isFinite, a.cost > 0,
                  a.quantity.isFinite, a.quantity > 0 else { continue }
            let key = a.schoolCode + "/" + kind.rawValue
            if sums[key] == nil { order.append(key); sums[key] = (a.schoolCode, kind, 0, 0) }
            sums[key]?.quantity += a.quantity
            sums[key]?.cost += a.cost
        }
        let prefix = "PLN" + planID.uuidString.prefix(8).uppercased() + "-"
        return order.enumerated().compactMap { i, key in
            guard let s = sums[key], s.cost < 1e13, let indicator = indicators[s.action] else { return nil }
            let quantity = s.action.isWhole ? String(Int(s.quantity.rounded())) : String(format: "%.1f", s.quantity)
            return Draft(code: prefix + String(format: "%02d", i + 1), name: "\(s.action.zh) \(quantity) \(s.action.unit.zh)（整改方案）",
                         schoolCode: s.school, indicator: indicator, budgetFen: Int((s.cost * 100).rounded()))
        }
    }

    /// Creates the drafts missing from the draft year (schools of the year only), bumping its revision, in one transaction.
    static func create(_ drafts: [Draft], year y: FundingYearRecord, on db: any Database) async throws -> [Draft] {
        let yearID = try y.requireID()
        let known = FundingEdits.schools(y)
        return try await db.transaction { db -> [Draft] in
            guard let fresh = try await FundingYearRecord.find(yearID, on: db), !fresh.isPublished else { return [] }
            let existing = Set(try await FundingProjectRecord.query(on: db).filter(\.$year.$id == yearID).all().map(\.code))
            let new = drafts.filter { !existing.contains($0.code) && known.contains($0.schoolCode) }
            for d in new {
                let r = FundingProjectRecord()
                r.$year.id = yearID
                (r.code, r.name, r.schoolCode, r.indicator, r.budgetFen) = (d.code, d.name, d.schoolCode, d.indicator, d.budgetFen)
                (r.plannedTender, r.stages, r.execution) = (nil, "{}", "")
                try await r.create(on: db)
            }
            if !new.isEmpty {
                fresh.revision += 1
                try await fresh.update(on: db)
            }
            return new
        }
    }
}

/// `POST /plans/{id}/funding-projects`: the plan page's button (users who read the plan and manage the county's funding).
struct FundingFromPlanController {
    func create(_ req: Request) async throws -> Response {
        let plan = try await PlanController().plan(req, id: req.parameters.get("id"))
        let county = try await req.county(plan.countyCode, .manageFunding)
        let target = "plan:\(plan.id.uuidString)"
        let raw = (try? req.content.decode([String: String].self)) ?? [:]
        guard let y = raw["fiscal_year"].flatMap({ Int($0) }), (2000...2100).contains(y) else {
            await req.audit("funding-projects-from-plan-refused", target: target, detail: "no fiscal year")
            throw Abort(.unprocessableEntity, reason: "请选择财政年度 / choose the fiscal year")
        }
        guard let record = try await FundingEdits.year(county, y, on: req.db), !record.isPublished else {
            await req.audit("funding-projects-from-plan-refused", target: target, detail: "\(y): no draft funding year")
            throw Abort(.conflict, reason: "\(y) 年没有经费草稿（或已公开）/ \(y) has no draft funding year")
        }
        let created = try await FundingFromPlan.create(FundingFromPlan.drafts(plan.result, planID: plan.id), year: record, on: req.db)
        guard !created.isEmpty else {
            await req.audit("funding-projects-from-plan-refused", target: target, detail: "\(y): nothing to create")
            throw Abort(.conflict, reason: "没有可建立的项目（已建立，或方案没有建设、设备措施）/ nothing to create")
        }
        let total = Fen(created.reduce(0) { $0 &+ $1.budgetFen }).yuanString
        await req.audit("funding-projects-from-plan", target: "county:\(county.code)/funding/\(y)",
                        detail: "plan \(plan.id.uuidString): \(created.count) draft project(s), \(total) yuan: \(created.map(\.code).joined(separator: ","))")
        return req.redirect(to: "/counties/\(county.code)/funding/years/\(y)?saved=1")
    }
}
