import Fluent
import Foundation
import Funding
import JunhengImport
import Vapor

/// Single-line editing of a draft year: one budget line or one project, validated with the import's own row checks,
/// written in one transaction that also bumps the year's revision; a published year is refused until re-opened.
enum FundingEdits {
    /// Why an edit was refused.
    enum Refusal: Error, CustomStringConvertible {
        case invalid([ImportIssue])
        case published(Int)
        case notFound
        case duplicate(String)

        var description: String {
            switch self {
            case .invalid(let i): i.map { "\($0.column): \($0.expectedZH)" }.joined(separator: "; ")
            case .published(let y): "\(y) 年已公开，须先重新开放编辑 / \(y) is published: re-open it first"
            case .notFound: "没有这条记录 / no such record"
            case .duplicate(let what): what
            }
        }
    }

    /// The form fields of a line edit, and of a project edit (the budget and projects files' column keys).
    static let lineFields = ["phase", "functional_code", "economic_code", "fund_source", "programme", "amount_yuan"]
    static let projectFields = ["project_name", "indicator", "budget_yuan", "planned_tender_date", "intent_date", "tender_date",
                                "award_date", "contract_date", "acceptance_date", "payment_date", "execution"]

    /// The year record of the county, if any.
    static func year(_ county: Region, _ year: Int, on db: any Database) async throws -> FundingYearRecord? {
        try await FundingYearRecord.query(on: db).filter(\.$county.$id == county.requireID()).filter(\.$fiscalYear == year).first()
    }

    /// The line's current values as form fields.
    static func fields(of l: FundingLineRecord) -> [String: String] {
        let phase = BudgetPhase(label: l.phase)?.rawValue ?? l.phase
        let source = FundSource(label: l.fundSource, programme: l.programme)?.zh ?? l.fundSource
        return ["phase": phase, "functional_code": l.functionalCode, "economic_code": l.economicCode, "fund_source": source,
                "programme": l.programme, "amount_yuan": Fen(l.amountFen).yuanString]
    }

    /// The project's current values as form fields.
    static func fields(of p: FundingProjectRecord) -> [String: String] {
        var f = ["project_name": p.name, "indicator": p.indicator, "budget_yuan": Fen(p.budgetFen).yuanString,
                 "planned_tender_date": p.plannedTender ?? "", "execution": p.execution]
        let stages = (try? JSONDecoder().decode([String: String].self, from: Data(p.stages.utf8))) ?? [:]
        for s in ProcurementStage.allCases { f[s.key + "_date"] = stages[s.key] ?? "" }
        return f
    }

    /// Known schools of the year (from its record) for the row checks.
    static func schools(_ y: FundingYearRecord) -> Set<String> {
        Set(((try? JSONDecoder().decode([FundingSchool].self, from: y.schools)) ?? []).map(\.code))
    }

    /// Saves one line of a draft year; returns the audit detail (field: before → after).
    static func saveLine(_ id: UUID, form: [String: String], year y: FundingYearRecord, on db: any Database) async throws -> Result<String, Refusal> {
        let yearID = try y.requireID()
        guard let line = try await FundingLineRecord.query(on: db).filter(\.$id == id).filter(\.$year.$id == yearID).first() else { return .failure(.notFound) }
        var fields = Dictionary(uniqueKeysWithValues: lineFields.map { ($0, form[$0] ?? "") })
        (fields["school_code"], fields["fiscal_year"]) = (line.schoolCode, String(y.fiscalYear))
        let checked: BudgetLine
        switch FundingImporter.validateLine(fields, knownSchools: schools(y)) {
        case .failure(let e): return .failure(.invalid(AssessmentStore.issues(e)))
        case .success(let l): checked = l
        }
        let before = Self.fields(of: line)
        return try await db.transaction { db -> Result<String, Refusal> in
            // Re-read inside the transaction: a publish in between wins.
            guard let fresh = try await FundingYearRecord.find(yearID, on: db) else { return .failure(.notFound) }
            guard !fresh.isPublished else { return .failure(.published(fresh.fiscalYear)) }
            let clash = try await FundingLineRecord.query(on: db).filter(\.$year.$id == yearID).filter(\.$id != id)
                .filter(\.$schoolCode == checked.schoolCode).filter(\.$phase == checked.phase.key)
                .filter(\.$functionalCode == checked.functionalCode).filter(\.$economicCode == checked.economicCode)
                .filter(\.$fundSource == checked.source.key).filter(\.$programme == checked.source.programme).count()
            guard clash == 0 else {
                return .failure(.duplicate("已有相同学校、阶段、科目和资金来源的预算行 / a line with the same school, phase, codes and source exists"))
            }
            (line.phase, line.functionalCode, line.economicCode) = (checked.phase.key, checked.functionalCode, checked.economicCode)
            (line.fundSource, line.programme, line.amountFen) = (checked.source.key, checked.source.programme, checked.amount.fen)
            try await line.update(on: db)
            fresh.revision += 1
            try await fresh.update(on: db)
            return .success(changes(before, Self.fields(of: line), keys: lineFields, subject: "line \(id.uuidString) school \(line.schoolCode)"))
        }
    }

    /// Saves one project of a draft year; returns the audit detail.
    static func saveProject(_ id: UUID, form: [String: String], year y: FundingYearRecord, on db: any Database) async throws -> Result<String, Refusal> {
        let yearID = try y.requireID()
        guard let p = try await FundingProjectRecord.query(on: db).filter(\.$id == id).filter(\.$year.$id == yearID).first() else { return .failure(.notFound) }
        var fields = Dictionary(uniqueKeysWithValues: projectFields.map { ($0, form[$0] ?? "") })
        (fields["project_code"], fields["school_code"], fields["fiscal_year"]) = (p.code, p.schoolCode, String(y.fiscalYear))
        let checked: FundingProject
        switch FundingImporter.validateProject(fields, knownSchools: schools(y)) {
        case .failure(let e): return .failure(.invalid(AssessmentStore.issues(e)))
        case .success(let c): checked = c
        }
        let before = Self.fields(of: p)
        return try await db.transaction { db -> Result<String, Refusal> in
            guard let fresh = try await FundingYearRecord.find(yearID, on: db) else { return .failure(.notFound) }
            guard !fresh.isPublished else { return .failure(.published(fresh.fiscalYear)) }
            (p.name, p.indicator, p.budgetFen) = (checked.name, checked.indicatorKey, checked.budget.fen)
            p.plannedTender = checked.plannedTender?.description
            p.stages = FundingStore.stagesJSON(checked.stages)
            p.execution = FundingStore.executionText(checked.execution)
            try await p.update(on: db)
            fresh.revision += 1
            try await fresh.update(on: db)
            return .success(changes(before, Self.fields(of: p), keys: projectFields, subject: "project \(p.code)"))
        }
    }

    /// Re-opens a published year for editing: it leaves the public portal until published again.
    static func reopen(_ y: FundingYearRecord, app: Application, on db: any Database) async throws -> Result<Void, Refusal> {
        guard y.isPublished else { return .failure(.duplicate("\(y.fiscalYear) 年未公开，无需重新开放 / \(y.fiscalYear) is not published")) }
        (y.publishedAt, y.publishedBy) = (nil, nil)
        y.revision += 1
        try await y.update(on: db)
        app.publicFunding.clear()
        return .success(())
    }

    /// `subject: key before → after, …` of the keys that changed ("unchanged" when none did).
    static func changes(_ a: [String: String], _ b: [String: String], keys: [String], subject: String) -> String {
        let changed = keys.filter { a[$0] != b[$0] }.map { "\($0): \((a[$0] ?? "").prefix(60)) → \((b[$0] ?? "").prefix(60))" }
        return subject + ": " + (changed.isEmpty ? "unchanged" : changed.joined(separator: ", "))
    }
}
