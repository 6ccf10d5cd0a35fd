import CreditBank
import Crypto
import EquityKit
import Fluent
import Foundation
import JunhengImport
import JunhengSheets
import Teachers
import Vapor

/// An uploaded file kept in an import job's payload.
struct TeachersUploadedFile: Codable, Sendable {
    var name: String
    var bytes: Data
}

/// The input of a large training records import.
struct TrainingImportPayload: Codable, Sendable {
    var file: TeachersUploadedFile
}

/// The input of a large register import (the register and the optional coordinates file).
struct RegisterImportPayload: Codable, Sendable {
    var register: TeachersUploadedFile
    var coordinates: TeachersUploadedFile?
}

/// Training records kept by the personnel office: the all-or-nothing import (idempotent by `TrainingRecord.key`) and
/// each accepted record's learning outcome in the credit ledger of the teacher as learner.
enum TrainingStore {
    /// Why an import was refused; nothing was stored.
    enum Rejection: Error { case invalid([ImportIssue]) }

    /// Parses the file and checks every record's teacher against the county's serving teachers (`serving`), every
    /// problem located by file, row and column.
    static func validate(_ file: TeachersUploadedFile, serving: Set<String>) -> Result<[TrainingRecord], Rejection> {
        let records: [TrainingRecord]
        do { records = try TrainingRecordsImporter.parse(data: file.bytes, file: file.name) } catch { return .failure(.invalid(error.issues(file: file.name))) }
        let unknown = records.filter { !serving.contains($0.teacherID) }.map {
            ImportIssue(row: $0.row, column: "教师编号", value: String($0.teacherID.prefix(40)), expectedZH: "名册中在职教师的编号",
                        expectedEN: "the id of a serving teacher in the register", file: file.name)
        }
        return unknown.isEmpty ? .success(records) : .failure(.invalid(ImportIssue.capped(unknown, limit: ReadLimits.default.issues)))
    }

    /// The county's serving teacher ids.
    static func serving(countyID: UUID, on db: any Database) async throws -> Set<String> {
        Set(try await TeacherRow.query(on: db).filter(\.$county.$id == countyID).filter(\.$active == true).field(\.$id).field(\.$teacherID).all().map(\.teacherID))
    }

    /// Stores, in one transaction, the records not stored before (by key); returns how many were new and how many known.
    static func store(_ records: [TrainingRecord], countyID: UUID, by username: String, on db: any Database) async throws -> (added: Int, known: Int) {
        try await db.transaction { tx in
            var known = Set<String>()
            let keys = records.map(\.key)
            var k = 0
            while k < keys.count {
                let chunk = Array(keys[k..<min(k + 500, keys.count)])
                for r in try await TeacherTraining.query(on: tx).filter(\.$county.$id == countyID).filter(\.$recordKey ~~ chunk).field(\.$id).field(\.$recordKey).all() {
                    if let key = r.recordKey { known.insert(key) }
                }
                k += 500
            }
            let now = Date()
            let rows = records.filter { !known.contains($0.key) }.map { r -> TeacherTraining in
                let t = TeacherTraining()
                t.$county.id = countyID
                (t.teacherID, t.course, t.level, t.hours, t.day) = (r.teacherID, r.course, r.level.rawValue, r.hours, r.day.description)
                (t.recordedBy, t.recordedAt, t.recordKey) = (username, now, r.key)
                return t
            }
            var start = 0
            while start < rows.count {
                try await Array(rows[start..<min(rows.count, start + 500)]).create(on: tx)
                start += 500
            }
            return (rows.count, records.count - rows.count)
        }
    }

    /// The credit-bank outcome id of a training record (unique per learner, the same on every import).
    static func outcomeID(_ r: TrainingRecord) -> String { "teacher-training:" + r.key.prefix(32) }

    struct AlreadyInLedger: Error {}

    /// Appends each record's outcome (无定式, the hours as recorded, dated by the training day) to the ledger of its
    /// teacher as learner — the learner id follows from the register's ID hash under the shared ID key — and marks the
    /// training row with the entry. An outcome already in the learner's ledger is not appended again, so importing the
    /// same records twice counts them once. Returns how many were appended.
    @discardableResult
    static func credit(_ records: [TrainingRecord], countyID: UUID, institution: String, actor: String, on db: any Database) async throws -> Int {
        var hashes: [String: String] = [:]
        let ids = Array(Set(records.map(\.teacherID))).sorted()
        var k = 0
        while k < ids.count {
            let chunk = Array(ids[k..<min(k + 500, ids.count)])
            for r in try await TeacherRow.query(on: db).filter(\.$county.$id == countyID).filter(\.$teacherID ~~ chunk).all() { hashes[r.teacherID] = r.idHash }
            k += 500
        }
        var appended = 0
        let at = CreditStore.now()
        for r in records {
            guard let hash = hashes[r.teacherID], let learner = TeachersStore.learnerID(idHash: hash),
                  let end = CivilDate(year: r.day.year, month: r.day.month, day: r.day.day) else { continue }
            let outcome = Outcome(learnerID: learner, id: outcomeID(r), institution: institution, kind: .informal, title: "\(r.level.zh)·\(r.course)",
                                  credits: nil, hours: Amount(hundredths: Int((r.hours * 100).rounded())), endDate: end)
            let key = r.key
            do {
                try await CreditStore.append(on: db, learnerID: learner, { ledger in
                    if ledger.live.values.contains(where: { $0.id == outcome.id }) { throw AlreadyInLedger() }
                    return try ledger.append(.accumulate, outcome: outcome, actor: actor, at: at, evidence: ["培训学时记录 / training record \(key.prefix(16))"],
                                             reason: "教师培训学时记录 / teacher training record")
                }, then: { tx, e, _ in
                    try await TeacherTraining.query(on: tx).filter(\.$county.$id == countyID).filter(\.$recordKey == key).set(\.$ledgerSeq, to: e.seq).update()
                })
                appended += 1
            } catch is AlreadyInLedger { continue }
        }
        return appended
    }

    /// Stores and credits `records` and audits it (`teachers-training-import`); the audit detail names the file, its
    /// SHA-256, and the counts.
    static func accept(_ records: [TrainingRecord], file: TeachersUploadedFile, county: Region, username: String, app: Application,
                       on db: any Database) async throws -> (added: Int, known: Int, credited: Int) {
        let countyID = try county.requireID()
        let (added, known) = try await store(records, countyID: countyID, by: username, on: db)
        let credited = try await credit(records, countyID: countyID, institution: "\(county.name)教育局人事科", actor: "personnel:\(username)", on: db)
        try await app.auditLog.append(on: db, actor: username, action: "teachers-training-import", target: "county:\(county.code)/teachers/training",
                                      detail: "\(String(file.name.prefix(120))), sha256 \(SHA256.hex([UInt8](file.bytes))), \(records.count) records: \(added) new, \(known) known, \(credited) credited")
        return (added, known, credited)
    }
}

extension JobRunner {
    /// A large training records import: validated against the register, stored and credited as an upload would be.
    static func teachersTrainingImport(_ job: Job, owner: String, control: JobControl, app: Application) async throws -> JobOutcome {
        let p = try JSONDecoder().decode(TrainingImportPayload.self, from: job.payload)
        guard let county = try await Region.find(job.$county.id, on: app.db) else { throw JobFailure(description: "县区已不存在 / the county no longer exists") }
        control.report(0.1, "校验中 / validating")
        let serving = try await TrainingStore.serving(countyID: county.requireID(), on: app.db)
        let file = p.file
        switch try await SolverThread.run({ TrainingStore.validate(file, serving: serving) }) {
        case .failure(.invalid(let issues)):
            try await app.auditLog.append(on: app.db, actor: owner, action: "teachers-training-import-rejected", target: "county:\(county.code)/teachers/training",
                                          detail: "\(String(file.name.prefix(120))): \(issues.problemTotal) problem(s), job \(job.id?.uuidString ?? "")")
            throw uploadRejected(issues)
        case .success(let records):
            control.report(0.5, "保存中 / storing")
            let r = try await TrainingStore.accept(records, file: file, county: county, username: owner, app: app, on: app.db)
            return JobOutcome(url: "/counties/\(county.code)/teachers/training?done=imported&added=\(r.added)", auditActor: owner,
                              auditAction: "teachers-training-import-job", auditTarget: "county:\(county.code)/teachers/training",
                              auditDetail: "job \(job.id?.uuidString ?? ""): \(records.count) records, \(r.added) new, \(r.credited) credited")
        }
    }

    /// A large register import: validated and, in the job's transaction, replaces the register.
    static func teachersImport(_ job: Job, owner: String, control: JobControl, app: Application) async throws -> JobOutcome {
        let p = try JSONDecoder().decode(RegisterImportPayload.self, from: job.payload)
        guard let county = try await Region.find(job.$county.id, on: app.db) else { throw JobFailure(description: "县区已不存在 / the county no longer exists") }
        control.report(0.1, "校验中 / validating")
        let key = TeachersStore.key(app)
        let register = (name: p.register.name, bytes: p.register.bytes), points = p.coordinates.map { (name: $0.name, bytes: $0.bytes) }
        switch try await SolverThread.run({ TeachersStore.validate(register: register, points: points, key: key) }) {
        case .failure(.invalid(let issues)):
            try await app.auditLog.append(on: app.db, actor: owner, action: "teachers-upload-rejected", target: "county:\(county.code)/teachers",
                                          detail: "\(register.name): \(issues.problemTotal) problem(s), job \(job.id?.uuidString ?? "")")
            throw uploadRejected(issues)
        case .success(let (parsed, coordinates)):
            let countyID = try county.requireID(), code = county.code
            return JobOutcome(
                url: "/counties/\(code)/teachers?done=imported", auditActor: owner, auditAction: "teachers-upload", auditTarget: "county:\(code)/teachers",
                auditDetail: TeachersStore.uploadDetail(register, parsed: parsed, points: points, coordinates: coordinates) + ", job \(job.id?.uuidString ?? "")",
                save: { db in
                    try await TeachersStore.replace(parsed, points: points == nil ? nil : coordinates, fileName: register.name, countyID: countyID, by: owner, on: db)
                    return nil
                })
        }
    }
}
