import Accreditation
import Crypto
import EquityKit
import Fluent
import Foundation
import JunhengImport
import NIOConcurrencyHelpers
import Vapor

/// Why an assessment change is refused: a transition out of order (409) or a missing/invalid input (422).
struct AssessmentRefusal: Error, CustomStringConvertible {
    var status: HTTPResponseStatus
    var description: String
}

/// Reads and changes a county's assessment: packages, evidence, the review chain and its 整改 tasks.
/// Pages, the API, the import job and the demo all go through here, so every change is validated and audited the same way.
enum AssessmentStore {
    typealias Chain = ReviewChain<AssessmentPayload>

    /// An application with its decoded chain and tasks.
    struct State {
        var record: AssessmentRecord
        var chain: Chain
        var book: TaskBook
        var stage: ReviewStage { chain.stage }
    }

    /// A stored package, imported and assessed.
    struct Loaded: Sendable {
        var input: AssessmentInput
        var assessment: Assessment
    }

    /// One uploaded file.
    struct UploadedFile: Sendable {
        var name: String
        var bytes: [UInt8]
    }

    /// Who makes a change, for the chain and the audit log.
    struct Actor: Sendable {
        var username: String
        var userID: UUID
        var level: ReviewLevel
    }

    static func target(_ county: Region, _ year: Int) -> String { "county:\(county.code)/assessment/\(year)" }

    // MARK: reading

    static func load(countyID: UUID, year: Int, on db: any Database) async throws -> State? {
        guard let r = try await AssessmentRecord.query(on: db).filter(\.$county.$id == countyID).filter(\.$year == year).first()
        else { return nil }
        return try decode(r)
    }

    static func decode(_ r: AssessmentRecord) throws -> State {
        let decoder = JSONDecoder()
        let chain = (try? decoder.decode(Chain.self, from: r.chain)) ?? Chain()
        let book = (try? decoder.decode(TaskBook.self, from: r.tasks)) ?? TaskBook()
        return State(record: r, chain: chain, book: book)
    }

    /// Years with an application for the county, newest first.
    static func years(countyID: UUID, on db: any Database) async throws -> [Int] {
        try await AssessmentRecord.query(on: db).filter(\.$county.$id == countyID).sort(\.$year, .descending).all().map(\.year)
    }

    /// The package with this hash, imported and assessed with the finance office's figures of `year` when recorded
    /// (kept in a small cache keyed by the package and the finance figures' fingerprint).
    static func loaded(_ sha: String, countyID: UUID, year: Int, app: Application, on db: any Database) async throws -> Loaded? {
        let funding = try await FundingAssessment.record(countyID: countyID, year: year, on: db)
        let key = countyID.uuidString + sha + "#" + FundingAssessment.fingerprint(funding)
        if let hit = app.assessmentCache.get(key) { return hit }
        guard let p = try await AssessmentPackageRecord.query(on: db).filter(\.$county.$id == countyID).filter(\.$sha256 == sha).first()
        else { return nil }
        let finance = try await funding.asyncMap { try await FundingAssessment.figures($0, countyID: countyID, on: db) } ?? nil
        let bytes = [UInt8](p.workbook)
        let loaded = try await SolverThread.run { () throws -> Loaded in
            let input = try AssessmentImporter.importWorkbook(bytes, name: "package.xlsx").input
            return Loaded(input: input, assessment: Assessor.assess(input, finance: finance))
        }
        app.assessmentCache.put(key, loaded)
        return loaded
    }

    /// The package's canonical workbook and its content hash (over the sheets' text, so layout and file format do not matter).
    static func canonical(_ input: AssessmentInput) throws -> (sha: String, workbook: Data) {
        var text = ""
        for (sheet, rows) in AssessmentPackageWriter.sheets(input) {
            text += "\u{1D}" + sheet.key
            for row in rows { text += "\u{1E}" + row.joined(separator: "\u{1F}") }
        }
        return (SHA256.hex(Array(text.utf8)), try AssessmentPackageWriter.xlsx(input))
    }

    // MARK: importing uploads

    /// Most files of one CSV package (six sheets, a few spare for a clear error).
    static let maxFiles = 10

    /// Validates an upload: one workbook, or CSV files named after the sheets. All or nothing; errors are located.
    static func importUpload(_ files: [UploadedFile]) -> Result<ImportedAssessment, ImportError> {
        guard !files.isEmpty else {
            return .failure(.invalid([ImportIssue(row: 0, column: "", value: "", expectedZH: "一个 .xlsx 工作簿或若干 CSV 文件（至少 statistics.csv）",
                                                  expectedEN: "one .xlsx workbook or CSV files (statistics.csv at least)", file: "")]))
        }
        guard files.count <= maxFiles else {
            return .failure(.invalid([ImportIssue(row: 0, column: "", value: "\(files.count)", expectedZH: "不超过 \(maxFiles) 个文件",
                                                  expectedEN: "at most \(maxFiles) files", file: "")]))
        }
        if files.count == 1, let only = files.first, only.bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            do { return .success(try AssessmentImporter.importWorkbook(only.bytes, name: safeName(only.name))) } catch { return .failure(error) }
        }
        var issues: [ImportIssue] = []
        for f in files where !safeName(f.name).lowercased().hasSuffix(".csv") || f.bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            issues.append(ImportIssue(row: 0, column: "", value: safeName(f.name), expectedZH: "CSV 文件（多个文件时），或仅一个 .xlsx 工作簿",
                                      expectedEN: "CSV files (when several), or a single .xlsx workbook", file: safeName(f.name)))
        }
        guard issues.isEmpty else { return .failure(.invalid(issues)) }
        let dir = NSTemporaryDirectory() + "junheng-assessment-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
            for f in files {
                let path = dir + "/" + safeName(f.name)
                guard !FileManager.default.fileExists(atPath: path) else {
                    return .failure(.invalid([ImportIssue(row: 0, column: "", value: safeName(f.name), expectedZH: "每个文件名只出现一次",
                                                          expectedEN: "each file name once", file: safeName(f.name))]))
                }
                try Data(f.bytes).write(to: URL(fileURLWithPath: path))
            }
        } catch {
            return .failure(.unreadable(path: "upload", reason: "无法暂存上传文件 / cannot stage the upload"))
        }
        do { return .success(try AssessmentImporter.importPackage(atPath: dir)) } catch {
            if case .unreadable(_, let reason) = error { return .failure(.unreadable(path: "upload", reason: reason)) }
            return .failure(error)
        }
    }

    /// The located problems of a refused upload (an unreadable file as one problem).
    static func issues(_ error: ImportError) -> [ImportIssue] {
        switch error {
        case .invalid(let found): found
        case .unreadable(_, let reason): [ImportIssue(row: 0, column: "", value: "", expectedZH: reason, expectedEN: reason, file: "")]
        }
    }

    /// Refuses (409, audited) a change to an application that was sent and not returned: a submitted version is frozen.
    static func refuseIfFrozen(_ req: Request, county: Region, year: Int) async throws {
        guard let state = try await load(countyID: county.requireID(), year: year, on: req.db), !state.stage.countyMayEdit else { return }
        await req.audit("assessment-refused", target: target(county, year), detail: "upload: stage \(state.stage.rawValue)")
        throw Abort(.conflict, reason: ReviewError.notAllowed(action: .edit, level: .county, stage: state.stage).description)
    }

    /// The last path component of an uploaded name, without control characters, at most 100 characters ("file" if empty).
    static func safeName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.prefix(100).map(Character.init))
        return clean.isEmpty || clean.hasPrefix(".") ? "file" + clean : clean
    }

    // MARK: changing

    /// Runs `body` on the application (created if absent) with the county and year locked, then saves it.
    /// A `ReviewError` becomes a 409 (or 422 for a missing comment) refusal; the caller audits it.
    static func change<T: Sendable>(_ county: Region, year: Int, app: Application, on db: any Database,
                                    _ body: @Sendable (inout State) async throws -> T) async throws -> T {
        let countyID = try county.requireID()
        return try await app.assessmentLocks.with("\(countyID)/\(year)") {
            var state = try await load(countyID: countyID, year: year, on: db)
                ?? State(record: AssessmentRecord(countyID: countyID, year: year), chain: Chain(), book: TaskBook())
            let result: T
            do { result = try await body(&state) } catch let e as ReviewError {
                switch e {
                case .notAllowed, .unchanged, .noDraft: throw AssessmentRefusal(status: .conflict, description: e.description)
                case .commentRequired, .commentTooLong: throw AssessmentRefusal(status: .unprocessableEntity, description: e.description)
                }
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            state.record.chain = try encoder.encode(state.chain)
            state.record.tasks = try encoder.encode(state.book)
            state.record.stage = state.chain.stage.rawValue
            state.record.updatedAt = Date()
            try await state.record.save(on: db)
            return result
        }
    }

    static var now: Int64 { Int64(Date().timeIntervalSince1970) }

    /// Stores a validated package and makes it the county's working copy (refused once submitted).
    static func setPackage(_ input: AssessmentInput, source: String, county: Region, year: Int, by actor: Actor,
                           app: Application, on db: any Database) async throws -> String {
        let (sha, workbook) = try canonical(input)
        let countyID = try county.requireID()
        try await change(county, year: year, app: app, on: db) { state in
            var payload = state.chain.draft ?? AssessmentPayload()
            payload.package = sha
            try state.chain.edit(payload, level: actor.level, actor: actor.username, at: now)
            if try await AssessmentPackageRecord.query(on: db).filter(\.$county.$id == countyID).filter(\.$sha256 == sha).first() == nil {
                try await AssessmentPackageRecord(countyID: countyID, sha256: sha, workbook: workbook, source: source, by: actor.userID).create(on: db)
            }
        }
        return sha
    }

    /// Opens 整改 tasks for new failures and closes those a newer submission shows met; records each in the task's history.
    static func updateTasks(_ book: inout TaskBook, with a: Assessment, version: Int, actor: String) {
        let before = Dictionary(book.tasks.map { ($0.id, $0.status) }, uniquingKeysWith: { x, _ in x })
        book.tasks = Rectification.update(book.tasks, with: a, version: version)
        for t in book.tasks {
            switch (before[t.id], t.status) {
            case (nil, _): book.history[t.id, default: []].append(TaskEvent(at: Date(), actor: actor, change: "opened by version \(version)"))
            case (.open?, .closed): book.history[t.id, default: []].append(TaskEvent(at: Date(), actor: actor, change: "closed: version \(version) data show the item met"))
            default: break
            }
        }
    }
}

/// Serialises changes to one application within this process (the chain is read, changed and written back).
final class KeyedLock: Sendable {
    private let busy = NIOLockedValueBox<[String: [CheckedContinuation<Void, Never>]]>([:])

    func with<T: Sendable>(_ key: String, _ body: () async throws -> T) async throws -> T {
        await acquire(key)
        do {
            let r = try await body()
            release(key)
            return r
        } catch {
            release(key)
            throw error
        }
    }

    private func acquire(_ key: String) async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let run = busy.withLockedValue { b -> Bool in
                if b[key] == nil { b[key] = []; return true }
                b[key]?.append(c)
                return false
            }
            if run { c.resume() }
        }
    }

    private func release(_ key: String) {
        let next = busy.withLockedValue { b -> CheckedContinuation<Void, Never>? in
            guard var waiting = b[key], !waiting.isEmpty else { b[key] = nil; return nil }
            let n = waiting.removeFirst()
            b[key] = waiting
            return n
        }
        next?.resume()
    }
}

/// Imported and assessed packages by county and hash (at most 32; the same bytes always give the same result).
final class AssessmentCache: Sendable {
    private let box = NIOLockedValueBox<[String: AssessmentStore.Loaded]>([:])
    func get(_ key: String) -> AssessmentStore.Loaded? { box.withLockedValue { $0[key] } }
    func put(_ key: String, _ value: AssessmentStore.Loaded) {
        box.withLockedValue { d in
            if d.count >= 32 { d.removeAll() }
            d[key] = value
        }
    }
}

extension Application {
    private struct LocksKey: StorageKey { typealias Value = KeyedLock }
    private struct CacheKey: StorageKey { typealias Value = AssessmentCache }
    private struct EvidenceDirKey: StorageKey { typealias Value = String }
    private static let setupLock = NIOLock()

    var assessmentLocks: KeyedLock {
        Self.setupLock.withLock {
            if let l = storage[LocksKey.self] { return l }
            let l = KeyedLock()
            storage[LocksKey.self] = l
            return l
        }
    }

    var assessmentCache: AssessmentCache {
        Self.setupLock.withLock {
            if let c = storage[CacheKey.self] { return c }
            let c = AssessmentCache()
            storage[CacheKey.self] = c
            return c
        }
    }

    /// Where evidence files are kept: `--evidence-dir`, else `evidence/` beside the SQLite file, else a temporary
    /// directory of this process (in-memory databases, PostgreSQL without the option). Never inside the code tree.
    var evidenceDirectory: String {
        Self.setupLock.withLock {
            if let d = storage[EvidenceDirKey.self] { return d }
            let d: String
            if let configured = web.evidenceDirectory { d = configured } else if case .sqliteFile(let path) = web.store {
                d = ((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent) + "/evidence"
            } else {
                d = NSTemporaryDirectory() + "junheng-evidence-\(UUID().uuidString)"
            }
            storage[EvidenceDirKey.self] = d
            return d
        }
    }
}
