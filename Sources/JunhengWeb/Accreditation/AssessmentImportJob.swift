import Accreditation
import Crypto
import Fluent
import Foundation
import JunhengImport
import Vapor

/// Input of an assessment import job: the uploaded workbook or CSV files and the application year.
struct AssessmentImportPayload: Codable, Sendable {
    struct File: Codable, Sendable { var name: String; var bytes: Data }
    var year: Int
    var files: [File]
}

extension JobRunner {
    /// Validates a large assessment upload and makes it the county's working copy (refused, and audited, once submitted).
    static func assessmentImport(_ job: Job, owner: String, control: JobControl, app: Application) async throws -> JobOutcome {
        let p = try JSONDecoder().decode(AssessmentImportPayload.self, from: job.payload)
        guard let county = try await Region.find(job.$county.id, on: app.db) else {
            throw JobFailure(description: "县区已不存在 / the county no longer exists")
        }
        control.report(0.1, "校验中 / validating")
        let files = p.files.map { AssessmentStore.UploadedFile(name: $0.name, bytes: [UInt8]($0.bytes)) }
        let result = try await SolverThread.run { AssessmentStore.importUpload(files) }
        let target = AssessmentStore.target(county, p.year)
        let imported: ImportedAssessment
        switch result {
        case .success(let ok): imported = ok
        case .failure(let error):
            let issues = AssessmentStore.issues(error)
            let lines = ["文件有 \(issues.count) 处错误，未保存任何数据 / \(issues.count) problem(s), nothing stored:"]
                + issues.prefix(20).map { "\($0.file) 第 \($0.row) 行 row \($0.row), \($0.column): \($0.value.prefix(40)) — \($0.expectedZH) / \($0.expectedEN)" }
            try await app.auditLog.append(on: app.db, actor: owner, action: "assessment-upload-rejected", target: target,
                                          detail: "\(lines.count - 1) problem(s), job \(job.id?.uuidString ?? "")")
            throw JobFailure(description: lines.joined(separator: "\n"))
        }
        let source = files.map { "\($0.name) sha256 \(SHA256.hex($0.bytes))" }.joined(separator: ", ")
        let actor = AssessmentStore.Actor(username: owner, userID: job.$owner.id, level: .county)
        let sha: String
        do {
            sha = try await AssessmentStore.setPackage(imported.input, source: source, county: county, year: p.year, by: actor, app: app, on: app.db)
        } catch let r as AssessmentRefusal {
            try await app.auditLog.append(on: app.db, actor: owner, action: "assessment-refused", target: target, detail: "upload: \(r.description)")
            throw JobFailure(description: r.description)
        }
        return JobOutcome(url: "/counties/\(county.code)/years/\(p.year)/assessment?uploaded=1", auditActor: owner, auditAction: "assessment-upload",
                          auditTarget: target,
                          auditDetail: "package sha256 \(sha), \(imported.input.schoolRows.count) schools; \(source); job \(job.id?.uuidString ?? "")")
    }
}
