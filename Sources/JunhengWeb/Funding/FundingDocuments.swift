import Crypto
import Fluent
import Foundation
import Funding
import Vapor

/// Documents of procurement stages: PDF or image, at most `maxBytes`, type judged by content, stored by SHA-256 in the
/// evidence storage (`EvidenceStorage`, shared with the assessment's evidence); public once the year is published
/// and the document is marked public.
enum FundingDocuments {
    static let maxBytes = 10 << 20
    static let types: Set<EvidenceType> = [.pdf, .png, .jpeg]
    /// At most this many documents per project.
    static let maxPerProject = 60

    /// One document as the pages list it.
    struct Ref: Sendable {
        var id: UUID
        var stage: ProcurementStage
        var name: String
        var type: String
        var bytes: Int
        var sha256: String
        var isPublic: Bool
    }

    static func ref(_ r: FundingDocumentRecord) -> Ref? {
        guard let id = r.id, let stage = ProcurementStage.allCases.first(where: { $0.key == r.stage }) else { return nil }
        return Ref(id: id, stage: stage, name: r.fileName, type: r.fileType, bytes: r.size, sha256: r.sha256, isPublic: r.isPublic)
    }

    /// Documents of years `yearIDs` (public ones only when `publicOnly`), by project code, in stage order.
    static func byProject(yearIDs: [UUID], publicOnly: Bool, on db: any Database) async throws -> [String: [Ref]] {
        // No years, no query (PostgreSQL refuses an empty `IN ()`).
        guard !yearIDs.isEmpty else { return [:] }
        var q = FundingDocumentRecord.query(on: db).filter(\.$year.$id ~~ yearIDs)
        if publicOnly { q = q.filter(\.$isPublic == true) }
        let rows = try await q.sort(\.$uploadedAt).all()
        var out: [String: [Ref]] = [:]
        for r in rows { if let ref = ref(r) { out[r.projectCode, default: []].append(ref) } }
        return out.mapValues { $0.sorted { $0.stage < $1.stage } }
    }
}

/// Upload and download of stage documents (finance office) and the public download.
struct FundingDocumentController {
    func upload(_ req: Request) async throws -> Response {
        let county = try await req.county(.manageFunding)
        let edit = FundingEditController()
        let year = try edit.yearParameter(req), projectID = try edit.itemParameter(req)
        let target = edit.target(county, year)
        func refuse(_ status: HTTPResponseStatus, _ zh: String, _ en: String) async -> Abort {
            await req.audit("funding-document-rejected", target: target, detail: en)
            return Abort(status, reason: "\(zh) / \(en)")
        }
        guard let record = try await FundingEdits.year(county, year, on: req.db), let yearID = record.id,
              let project = try await FundingProjectRecord.query(on: req.db).filter(\.$id == projectID).filter(\.$year.$id == yearID).first() else {
            throw Abort(.notFound)
        }
        guard !record.isPublished else { throw await refuse(.conflict, "\(year) 年已公开，须先重新开放编辑", "\(year) is published: re-open it first") }
        struct Form: Content { var stage: String?; var file: File?; var `public`: String? }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        guard let stage = ProcurementStage.allCases.first(where: { $0.key == form.stage }) else {
            throw await refuse(.unprocessableEntity, "请选择采购阶段", "choose the procurement stage")
        }
        guard let file = form.file, file.data.readableBytes > 0 else { throw await refuse(.unprocessableEntity, "请选择文件", "choose a file") }
        guard file.data.readableBytes <= FundingDocuments.maxBytes else {
            throw await refuse(.payloadTooLarge, "文件超过 \(FundingDocuments.maxBytes >> 20) MB",
                               "file larger than \(FundingDocuments.maxBytes >> 20) MB (\(file.data.readableBytes) bytes)")
        }
        let bytes = [UInt8](file.data.readableBytesView)
        let name = AssessmentStore.safeName(file.filename)
        guard let type = EvidenceType.sniff(bytes, name: name), FundingDocuments.types.contains(type) else {
            throw await refuse(.unsupportedMediaType, "只接受 PDF、PNG、JPEG 文件（按文件内容判断）", "only PDF, PNG and JPEG files are accepted (judged by content): \(name)")
        }
        let count = try await FundingDocumentRecord.query(on: req.db).filter(\.$year.$id == yearID).filter(\.$projectCode == project.code).count()
        guard count < FundingDocuments.maxPerProject else {
            throw await refuse(.conflict, "每个项目至多 \(FundingDocuments.maxPerProject) 份文件", "at most \(FundingDocuments.maxPerProject) documents per project")
        }
        let sha = SHA256.hex(bytes)
        try EvidenceStorage.write(bytes, dir: req.application.evidenceDirectory, county: county.code, sha256: sha)
        let isPublic = form.public == "1"
        try await FundingDocumentRecord(yearID: yearID, projectCode: project.code, stage: stage.key, fileName: name, fileType: type.rawValue,
                                        size: bytes.count, sha256: sha, isPublic: isPublic, uploadedBy: try req.principal().username).create(on: req.db)
        await req.audit("funding-document-upload", target: target,
                        detail: "\(project.code) \(stage.key) \(name), \(type.rawValue), \(bytes.count) bytes, sha256 \(sha), \(isPublic ? "public" : "internal")")
        return req.redirect(to: "/counties/\(county.code)/funding/years/\(year)/projects/\(projectID.uuidString)?saved=1")
    }

    /// The finance office's download (any document of the county's years).
    func download(_ req: Request) async throws -> Response {
        let county = try await req.county(.manageFunding)
        let edit = FundingEditController()
        let year = try edit.yearParameter(req), id = try edit.itemParameter(req)
        guard let record = try await FundingEdits.year(county, year, on: req.db), let yearID = record.id,
              let doc = try await FundingDocumentRecord.query(on: req.db).filter(\.$id == id).filter(\.$year.$id == yearID).first() else {
            throw Abort(.notFound)
        }
        await req.audit("funding-document-download", target: edit.target(county, year), detail: "\(doc.projectCode) \(doc.stage) \(doc.fileName) sha256 \(doc.sha256)")
        return try serve(doc, county: county, req: req)
    }

    /// The public download: only a public document of a published year; no session is read or set.
    func publicDownload(_ req: Request) async throws -> Response {
        let code = try req.pathParameter("code")
        guard CodeRuleWeb.valid(code), let y = req.parameters.get("year", as: Int.self), (2000...2100).contains(y),
              let id = req.parameters.get("document", as: UUID.self),
              let county = try await Region.query(on: req.db).filter(\.$code == code).first(), county.level == .county,
              let record = try await FundingEdits.year(county, y, on: req.db), record.isPublished, let yearID = record.id,
              let doc = try await FundingDocumentRecord.query(on: req.db).filter(\.$id == id).filter(\.$year.$id == yearID)
                .filter(\.$isPublic == true).first() else {
            throw Abort(.notFound)
        }
        return try serve(doc, county: county, req: req)
    }

    func serve(_ doc: FundingDocumentRecord, county: Region, req: Request) throws -> Response {
        guard let data = EvidenceStorage.read(dir: req.application.evidenceDirectory, county: county.code, sha256: doc.sha256) else {
            throw Abort(.gone, reason: "文件不在存储中或已损坏 / the stored file is missing or damaged")
        }
        let type = EvidenceType(rawValue: doc.fileType)
        let name = "\(doc.projectCode)-\(doc.stage)-\(doc.sha256.prefix(12)).\(type?.extensions.first ?? "bin")"
        return CountyController().download(data, type: type?.mime ?? "application/octet-stream", name: name)
    }
}
