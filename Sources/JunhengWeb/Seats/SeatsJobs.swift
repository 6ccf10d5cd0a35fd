import EquityKit
import Fluent
import Foundation
import JunhengImport
import JunhengReports
import Seats
import Vapor

/// The input of a catchment-plan job.
struct SeatsPlanPayload: Codable, Sendable {
    var datasetID: UUID
    var year: Int
    var plans: Int
    var timeLimit: Double
    var pins: [String]
}

/// The input of a large seats upload.
struct SeatsImportPayload: Codable, Sendable {
    var files: [String: SeatsStore.StoredFile]
}

extension JobRunner {
    /// Proposes the plans on CBC (a thread of their own), checks each independently and stores them as one batch of drafts.
    static func seatsPlan(_ job: Job, owner: String, control: JobControl, app: Application) async throws -> JobOutcome {
        let p = try JSONDecoder().decode(SeatsPlanPayload.self, from: job.payload)
        guard let dataset = try await SeatsDataset.find(p.datasetID, on: app.db),
              let county = try await Region.find(dataset.$county.id, on: app.db) else {
            throw JobFailure(description: "学位数据已不存在 / the seats dataset no longer exists")
        }
        guard let settings = SeatsStore.settings else { throw JobFailure(description: "学位预设无法读取 / seats presets unreadable") }
        let (seats, _) = try await SeatsStore.ofRecord(dataset, on: app.db)
        guard p.year >= seats.asOfYear, p.year < seats.asOfYear + 15 else {
            throw JobFailure(description: "方案年份应在 \(seats.asOfYear)…\(seats.asOfYear + 14) / the plan year must be \(seats.asOfYear)…\(seats.asOfYear + 14)")
        }
        let statistics = try await latestRecords(countyID: dataset.$county.id, on: app.db)
        control.report(0.02, "预测中 / forecasting")
        let payload = p
        let (problem, plans, cvs) = try await SolverThread.run { () -> (CatchmentProblem, [CatchmentPlan], [Int: [SeatsPlanReport.CVRow]]) in
            let forecast = SeatsForecaster.forecast(seats, years: payload.year - seats.asOfYear + 1, coefficients: settings.coefficients)
            let problem = CatchmentProblem(county: seats, forecast: forecast, year: payload.year, rules: settings.plan, pinned: Set(payload.pins))
            let plans = CatchmentPlanner.plans(problem, count: payload.plans, timeLimit: payload.timeLimit, progress: { line in
                // Lines read "plan k: …"; plan k running means k − 1 are done.
                let k = Int(String(line.dropFirst(5).prefix(while: \.isNumber))) ?? 1
                control.report(min(0.95, 0.05 + 0.9 * Double(k - 1) / Double(max(1, payload.plans))), line)
            })
            var cvs: [Int: [SeatsPlanReport.CVRow]] = [:]
            if let statistics, let standard = BuiltInStandards.standard(id: "youzhi-2017") {
                let today = SeatsPlanReport(problem: problem, plans: []).statusQuo
                cvs[0] = SeatsCV.rows(records: statistics, standard: standard, schools: seats.schools, enrolment: today.enrolment)
                for plan in plans {
                    if let m = plan.metrics { cvs[plan.number] = SeatsCV.rows(records: statistics, standard: standard, schools: seats.schools, enrolment: m.enrolment) }
                }
            }
            return (problem, plans, cvs)
        }
        let batch = UUID(), datasetID = try dataset.requireID(), countyID = try county.requireID(), ownerID = job.$owner.id
        let rows: [(UUID, CatchmentPlan, Data, Bool)] = plans.map { plan in
            let one = SeatsPlanReport(problem: problem, plans: [plan], cvs: [0: cvs[0] ?? [], plan.number: cvs[plan.number] ?? []].filter { !$0.value.isEmpty })
            let passed = !plan.assignment.isEmpty && (one.violations[plan.number] ?? []).isEmpty
            return (UUID(), plan, Data(one.json()), passed)
        }
        var baseline: [String: [String: String]] = [:]
        for u in seats.units { baseline[u.code] = Dictionary(uniqueKeysWithValues: u.school.map { ($0.key.rawValue, $0.value) }) }
        let baselineJSON = try JSONEncoder().encode(baseline)
        let summary = plans.map { "#\($0.number) \($0.status.rawValue)" }.joined(separator: ", ")
        return JobOutcome(
            url: "/counties/\(county.code)/seats/compare?batch=\(batch)", auditActor: owner, auditAction: "seats-plan",
            auditTarget: "county:\(county.code)/seats", auditDetail: "dataset v\(dataset.version), year \(p.year), \(summary), pins \(p.pins.count), job \(job.id?.uuidString ?? "")",
            save: { db in
                for (id, plan, json, passed) in rows {
                    let r = SeatsPlanRecord()
                    r.id = id
                    r.$dataset.id = datasetID
                    r.$county.id = countyID
                    r.batch = batch
                    r.number = plan.number
                    r.year = payload.year
                    r.$createdBy.id = ownerID
                    r.createdAt = Date()
                    r.status = plan.status.rawValue
                    r.gap = plan.gap.flatMap { $0.isFinite ? $0 : nil }
                    r.movedPupils = plan.metrics?.movedPupils
                    r.checkPassed = passed
                    r.stage = AdoptionStage.draft.rawValue
                    r.pins = payload.pins.joined(separator: ",")
                    r.baselineJSON = baselineJSON
                    r.resultJSON = json
                    try await r.create(on: db)
                }
                return nil
            })
    }

    /// Validates and stores a large seats upload as the county's next dataset.
    static func seatsImport(_ job: Job, owner: String, control: JobControl, app: Application) async throws -> JobOutcome {
        let p = try JSONDecoder().decode(SeatsImportPayload.self, from: job.payload)
        guard let county = try await Region.find(job.$county.id, on: app.db) else {
            throw JobFailure(description: "县区已不存在 / the county no longer exists")
        }
        control.report(0.1, "校验中 / validating")
        var files: [SeatsFile: SeatsStore.StoredFile] = [:]
        for (k, f) in p.files { if let kind = SeatsFile(rawValue: k) { files[kind] = f } }
        let input = files
        let result = try await SolverThread.run { SeatsStore.validate(input) }
        let parsed: SeatsCounty
        switch result {
        case .success(let c): parsed = c
        case .failure(.invalid(let issues)):
            try await app.auditLog.append(on: app.db, actor: owner, action: "seats-upload-rejected", target: "county:\(county.code)/seats",
                                          detail: "\(issues.problemTotal) problem(s), job \(job.id?.uuidString ?? "")")
            throw uploadRejected(issues)
        }
        let countyID = try county.requireID(), ownerID = job.$owner.id, code = county.code
        return JobOutcome(
            url: "/counties/\(code)/seats?uploaded=1", auditActor: owner, auditAction: "seats-upload", auditTarget: "county:\(code)/seats",
            auditDetail: "\(files.values.map(\.name).sorted().joined(separator: ", ")), \(parsed.units.count) units, job \(job.id?.uuidString ?? "")",
            save: { db in
                let d = try await SeatsStore.insert(parsed, files: input, countyID: countyID, by: ownerID, on: db)
                return "/counties/\(code)/seats?uploaded=\(d.version)"
            })
    }

    /// The county's newest statistics snapshot's records (for the 资源配置 CVs of a plan), nil without one.
    static func latestRecords(countyID: UUID, on db: any Database) async throws -> [StatisticsRecord]? {
        guard let info = try await SnapshotStore.history(countyID: countyID, on: db).first else { return nil }
        let bytes = try await SnapshotStore.content(of: info.id, on: db)
        return try? StatisticsImporter.importData(bytes).records
    }
}
