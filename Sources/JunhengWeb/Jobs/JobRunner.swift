import Crypto
import EquityKit
import Fluent
import Foundation
import JunhengImport
import JunhengPlanner
import JunhengReports
import ThreeClassrooms
import Vapor

/// The input of a remedy-plan job: the snapshot and the validated form.
struct RemedyPlanPayload: Codable, Sendable {
    var snapshotID: UUID
    var parameters: PlanParameters
}

/// The input of a 三个课堂 plan job.
struct ClassroomPlanPayload: Codable, Sendable {
    var datasetID: UUID
    var cap: Int
}

/// The input of a PDF job: the report page, already rendered for the requesting user.
struct ReportPDFPayload: Codable, Sendable {
    var html: String
    var fileName: String
    /// The audit target and detail of the export.
    var target: String
    var detail: String
}

/// The input of a large statistics upload.
struct StatisticsImportPayload: Codable, Sendable {
    var bytes: Data
    var fileName: String
    var year: Int
}

/// Input of a 三个课堂 import job: the uploaded tables by kind (schools, classes, teachers, lessons), or one workbook.
struct ClassroomImportPayload: Codable, Sendable {
    struct File: Codable, Sendable { var name: String; var bytes: Data }
    /// The key of a whole workbook (split into the four tables by the job).
    static let workbookKey = "workbook"
    var files: [String: File]
}

/// What a handler produced: recorded (audit first, so a failed audit write fails the job and nothing is saved),
/// then saved in the transaction that marks the job succeeded.
struct JobOutcome: Sendable {
    var url: String
    var data: Data? = nil
    var auditActor: String
    var auditAction: String
    var auditTarget: String
    var auditDetail: String
    /// Stores the result; may name a more precise result URL (known only once stored).
    var save: @Sendable (any Database) async throws -> String? = { _ in nil }
    /// Runs once the result is committed (cache invalidation).
    var after: @Sendable () -> Void = {}
}

/// A job that cannot run (its input is gone or invalid); the job fails with this message.
struct JobFailure: Error, CustomStringConvertible { var description: String }

/// Runs one claimed job through its handler and records every state change in the audit log.
enum JobRunner {
    /// The audit actor of changes the workers make.
    static let systemActor = "system:jobs"

    static func execute(_ job: Job, worker: String, control: JobControl, app: Application) async {
        guard let id = job.id else { return }
        let target = "job:\(id)"
        do {
            try await app.auditLog.append(on: app.db, actor: systemActor, action: "job-started", target: target,
                                          detail: "\(job.kind.rawValue), attempt \(job.attempts)/\(job.maxAttempts), \(worker)")
            let outcome = try await handle(job, control: control, app: app)
            if let stop = control.stop { return await stopped(job, worker: worker, stop, app: app) }
            try await app.auditLog.append(on: app.db, actor: outcome.auditActor, action: outcome.auditAction,
                                          target: outcome.auditTarget, detail: outcome.auditDetail)
            // Saving may allocate a version: a transaction lost to a concurrent upload runs again.
            let url = try await VersionAllocation.transaction(on: app.db) { tx -> String in
                let url = try await outcome.save(tx) ?? outcome.url
                guard try await JobQueue.finish(id, worker: worker, state: .succeeded, resultURL: url,
                                                resultData: outcome.data, on: tx) else { throw JobLost() }
                return url
            }
            outcome.after()
            await record(app, "job-succeeded", target, url)
        } catch is JobLost {
            // A cancel arrived after the last heartbeat, or the lease was lost: the result is not kept.
            await stopped(job, worker: worker, .cancel, app: app)
        } catch {
            if let stop = control.stop { return await stopped(job, worker: worker, stop, app: app) }
            let text = (error as? any AbortError)?.reason ?? String(describing: error)
            do {
                if try await JobQueue.finish(id, worker: worker, state: .failed, error: text, on: app.db) {
                    await record(app, "job-failed", target, text)
                }
            } catch {
                app.logger.error("job \(id) could not be marked failed: \(error)")
            }
        }
    }

    private struct JobLost: Error {}

    private static func stopped(_ job: Job, worker: String, _ stop: JobControl.Stop, app: Application) async {
        guard let id = job.id else { return }
        do {
            switch stop {
            case .cancel:
                if try await JobQueue.finish(id, worker: worker, state: .cancelled, error: "已取消 / cancelled", on: app.db) {
                    await record(app, "job-cancelled", "job:\(id)", "stopped while running")
                } else {
                    await record(app, "job-lost", "job:\(id)", "\(worker) no longer held the job; its result was discarded")
                }
            case .lost:
                await record(app, "job-lost", "job:\(id)", "\(worker) no longer held the job; its result was discarded")
            case .shutdown:
                try await JobQueue.release(id, worker: worker, on: app.db)
                await record(app, "job-requeued", "job:\(id)", "server shutting down")
            }
        } catch {
            app.logger.error("job \(id) stop: \(error)")
        }
    }

    /// Requeues or fails jobs whose worker died (expired lease), auditing each.
    static func recover(_ app: Application) async throws {
        for r in try await JobQueue.recover(on: app.db) {
            let detail = r.state == .queued ? "lease expired during attempt \(r.attempts); queued again"
                : r.state == .cancelled ? "lease expired after a cancel request" : "lease expired during attempt \(r.attempts); no attempts left"
            await record(app, r.state == .queued ? "job-requeued" : r.state == .cancelled ? "job-cancelled" : "job-failed",
                         "job:\(r.id)", detail)
        }
    }

    /// Audits a change the workers made; a write failure is logged (the state change itself is already stored).
    static func record(_ app: Application, _ action: String, _ target: String, _ detail: String) async {
        do {
            try await app.auditLog.append(on: app.db, actor: systemActor, action: action, target: target, detail: detail)
        } catch {
            app.logger.error("audit log write failed: \(action) \(target): \(error)")
        }
    }

    private static func handle(_ job: Job, control: JobControl, app: Application) async throws -> JobOutcome {
        let owner = try await User.find(job.$owner.id, on: app.db)?.username ?? "-"
        switch job.kind {
        case .remedyPlan: return try await remedyPlan(job, owner: owner, control: control, app: app)
        case .classroomPlan: return try await classroomPlan(job, owner: owner, control: control, app: app)
        case .reportPDF: return try await reportPDF(job, owner: owner, control: control, app: app)
        case .statisticsImport: return try await statisticsImport(job, owner: owner, control: control, app: app)
        case .classroomImport: return try await classroomImport(job, owner: owner, control: control, app: app)
        case .assessmentImport: return try await assessmentImport(job, owner: owner, control: control, app: app)
        case .seatsPlan: return try await seatsPlan(job, owner: owner, control: control, app: app)
        case .seatsImport: return try await seatsImport(job, owner: owner, control: control, app: app)
        case .teachersRotation: return try await teachersRotation(job, owner: owner, control: control, app: app)
        case .teachersImport: return try await teachersImport(job, owner: owner, control: control, app: app)
        case .teachersTrainingImport: return try await teachersTrainingImport(job, owner: owner, control: control, app: app)
        }
    }

    private static func remedyPlan(_ job: Job, owner: String, control: JobControl, app: Application) async throws -> JobOutcome {
        let p = try JSONDecoder().decode(RemedyPlanPayload.self, from: job.payload)
        guard let snapshot = try await Snapshot.find(p.snapshotID, on: app.db),
              let county = try await Region.find(snapshot.$county.id, on: app.db) else {
            throw JobFailure(description: "数据版本已不存在 / the snapshot no longer exists")
        }
        guard let standard = BuiltInStandards.standard(id: p.parameters.standard) else {
            throw JobFailure(description: "未知标准 \(p.parameters.standard) / unknown standard")
        }
        let bytes = [UInt8](snapshot.content)
        let parameters = p.parameters
        let start = Date(), limit = max(1, parameters.timeLimit)
        control.report(0, "求解中 / solving")
        let plan = try await SolverThread.run { () throws -> RemedyPlan in
            let records = try StatisticsImporter.importData(bytes).records
            var request = parameters.request(records: records, standard: standard)
            request.progress = { control.report(min(0.95, Date().timeIntervalSince(start) / limit), $0) }
            request.shouldStop = { control.shouldStop }
            return try RemedyPlanner.plan(request)
        }
        let planID = UUID()
        let snapshotID = try snapshot.requireID(), ownerID = job.$owner.id
        let result = Data(PlanReport.json(plan))
        return JobOutcome(
            url: "/plans/\(planID)", auditActor: owner, auditAction: "plan", auditTarget: "plan:\(planID)",
            auditDetail: "county \(county.code) \(snapshot.schoolYear) v\(snapshot.version), \(parameters.mode), \(plan.status.rawValue), "
                + "cost \(plan.totalCost.map { String(format: "%.0f", $0) } ?? "-"), job \(job.id?.uuidString ?? "")",
            save: { db in
                let saved = SavedPlan(snapshotID: snapshotID, createdBy: ownerID, createdAt: Date(), title: parameters.title,
                                      parameters: parameters.json, status: plan.status.rawValue, totalCost: plan.totalCost,
                                      resultJSON: result)
                saved.id = planID
                try await saved.create(on: db)
                return nil
            })
    }

    private static func classroomPlan(_ job: Job, owner: String, control: JobControl, app: Application) async throws -> JobOutcome {
        let p = try JSONDecoder().decode(ClassroomPlanPayload.self, from: job.payload)
        guard let dataset = try await ClassroomDataset.find(p.datasetID, on: app.db),
              let county = try await Region.find(dataset.$county.id, on: app.db) else {
            throw JobFailure(description: "三个课堂数据已不存在 / the classroom dataset no longer exists")
        }
        let capacity = try ClassroomStore.capacity(dataset)
        let start = Date(), limit = 60.0, cap = p.cap
        control.report(0, "求解中 / solving")
        var options = PlanOptions(cap: cap, timeLimit: limit)
        options.shouldStop = { control.shouldStop }
        let plan = try await SolverThread.run { [options] in
            ClassroomPlanner.plan(capacity, curriculum: .default2022, options: options,
                                  progress: { control.report(min(0.95, Date().timeIntervalSince(start) / limit), $0) })
        }
        let recordID = UUID()
        let datasetID = try dataset.requireID(), countyID = try county.requireID(), ownerID = job.$owner.id
        let json = try JSONEncoder().encode(plan)
        return JobOutcome(
            url: "/classroom-plans/\(recordID)", auditActor: owner, auditAction: "classroom-plan",
            auditTarget: "classroom-plan:\(recordID)",
            auditDetail: "county \(county.code) dataset v\(dataset.version), cap \(cap), \(plan.status.rawValue), "
                + "\(plan.coveredPeriods)/\(plan.coverablePeriods) periods, job \(job.id?.uuidString ?? "")",
            save: { db in
                let record = ClassroomPlanRecord(
                    datasetID: datasetID, countyID: countyID, createdBy: ownerID, createdAt: Date(), status: plan.status.rawValue,
                    cap: cap, coverage: plan.coverage, upperBound: plan.upperBound, coveredPeriods: plan.coveredPeriods,
                    coverablePeriods: plan.coverablePeriods, resultJSON: json)
                record.id = recordID
                try await record.create(on: db)
                return nil
            })
    }

    private static func reportPDF(_ job: Job, owner: String, control: JobControl, app: Application) async throws -> JobOutcome {
        let p = try JSONDecoder().decode(ReportPDFPayload.self, from: job.payload)
        guard let chromium = app.web.chromiumPath else {
            throw JobFailure(description: "此服务器未安装 Chromium / PDF needs Chromium on the server")
        }
        control.report(0.1, "Chromium 打印中 / printing")
        let pdf = try await PDFPrinter.print(html: p.html, chromium: chromium, timeout: app.web.jobs.pdfTimeoutSeconds,
                                             shouldStop: { control.shouldStop })
        return JobOutcome(url: "/jobs/\(job.id?.uuidString ?? "")/result", data: pdf, auditActor: owner, auditAction: "export",
                          auditTarget: p.target, auditDetail: p.detail)
    }

    private static func statisticsImport(_ job: Job, owner: String, control: JobControl, app: Application) async throws -> JobOutcome {
        let p = try JSONDecoder().decode(StatisticsImportPayload.self, from: job.payload)
        guard let county = try await Region.find(job.$county.id, on: app.db) else {
            throw JobFailure(description: "县区已不存在 / the county no longer exists")
        }
        control.report(0.1, "校验中 / validating")
        let bytes = [UInt8](p.bytes)
        let imported: ImportedStatistics
        do {
            imported = try await SolverThread.run { try StatisticsImporter.importData(bytes) }
        } catch let error as ImportError {
            let problems: [String]
            let count: Int
            switch error {
            case .invalid(let issues):
                count = issues.problemTotal
                problems = ["文件有 \(issues.problemTotal) 处错误，未保存任何数据 / \(issues.problemTotal) problem(s), nothing stored:"]
                    + issues.prefix(20).map { "第 \($0.row) 行 row \($0.row), \($0.column): \($0.value.prefix(40)) — \($0.expectedZH) / \($0.expectedEN)" }
            case .unreadable(_, let reason): (count, problems) = (1, ["无法读取文件 / cannot read the file: \(reason)"])
            }
            try await app.auditLog.append(on: app.db, actor: owner, action: "upload-rejected", target: "county:\(county.code)/\(p.year)",
                                          detail: "\(p.fileName): \(count) problem(s), job \(job.id?.uuidString ?? "")")
            throw JobFailure(description: problems.joined(separator: "\n"))
        }
        let countyID = try county.requireID(), ownerID = job.$owner.id, records = imported.records
        let code = county.code, year = p.year, fileName = p.fileName
        return JobOutcome(
            url: "/counties/\(code)/years/\(year)", auditActor: owner, auditAction: "upload", auditTarget: "county:\(code)/\(year)",
            auditDetail: "\(fileName), sha256 \(SHA256.hex(bytes)), \(records.count) rows, job \(job.id?.uuidString ?? "")",
            save: { db in
                let info = try await SnapshotStore.insert(bytes, records: records, fileName: fileName, countyID: countyID, year: year,
                                                          by: ownerID, on: db)
                return "/counties/\(code)/years/\(year)?uploaded=\(info.version)"
            },
            after: { app.lookups.history.invalidate(countyID) })
    }

    /// The failure of an import job whose files had problems: the count and the first 20, each located.
    static func uploadRejected(_ issues: [ImportIssue]) -> JobFailure {
        JobFailure(description: (["上传的文件有 \(issues.problemTotal) 处错误，未保存任何数据 / \(issues.problemTotal) problem(s), nothing stored:"]
            + issues.prefix(20).map { "\($0.file) 第 \($0.row) 行 row \($0.row), \($0.column): \($0.value.prefix(40)) — \($0.expectedZH) / \($0.expectedEN)" })
            .joined(separator: "\n"))
    }

    private static func classroomImport(_ job: Job, owner: String, control: JobControl, app: Application) async throws -> JobOutcome {
        let p = try JSONDecoder().decode(ClassroomImportPayload.self, from: job.payload)
        guard let county = try await Region.find(job.$county.id, on: app.db) else {
            throw JobFailure(description: "县区已不存在 / the county no longer exists")
        }
        control.report(0.1, "校验中 / validating")
        let code = county.code, parts = p.files
        let checked = try await SolverThread.run { () -> Result<([ClassroomFile: ClassroomStore.UploadedFile], TeachingCapacity), ClassroomStore.Rejection> in
            var files: [ClassroomFile: ClassroomStore.UploadedFile] = [:]
            if let book = parts[ClassroomImportPayload.workbookKey] {
                switch ClassroomStore.split(workbook: [UInt8](book.bytes), name: book.name) {
                case .success(let split): files = split
                case .failure(let rejection): return .failure(rejection)
                }
            } else {
                for kind in ClassroomFile.allCases { if let f = parts[kind.rawValue] { files[kind] = .init(name: f.name, bytes: [UInt8](f.bytes)) } }
            }
            return ClassroomStore.validate(files, countyCode: code).map { (files, $0) }
        }
        let input: [ClassroomFile: ClassroomStore.UploadedFile], capacity: TeachingCapacity
        switch checked {
        case .success(let ok): (input, capacity) = ok
        case .failure(.invalid(let issues)):
            try await app.auditLog.append(on: app.db, actor: owner, action: "classroom-upload-rejected", target: "county:\(code)/classrooms",
                                          detail: "\(issues.problemTotal) problem(s), job \(job.id?.uuidString ?? "")")
            throw uploadRejected(issues)
        }
        let countyID = try county.requireID(), ownerID = job.$owner.id
        let names = ClassroomFile.allCases.compactMap { input[$0]?.name }.joined(separator: ", ")
        return JobOutcome(
            url: "/counties/\(code)/classrooms?uploaded=1", auditActor: owner, auditAction: "classroom-upload", auditTarget: "county:\(code)/classrooms",
            auditDetail: "\(names), \(capacity.schools.count) schools, job \(job.id?.uuidString ?? "")",
            save: { db in
                let dataset = try await ClassroomStore.insert(capacity, files: input, countyID: countyID, by: ownerID, on: db)
                return "/counties/\(code)/classrooms?uploaded=\(dataset.version)"
            })
    }
}
