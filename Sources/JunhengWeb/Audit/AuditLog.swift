import Fluent
import Foundation
import Vapor

/// Appends entries to the audit log one at a time, each chained to the last stored entry.
public actor AuditLog {
    private var tail: Task<Void, Never>?
    /// Signs the newest entry into a file outside the database after every append, when configured.
    let anchor: AuditAnchor?

    public init(anchor: AuditAnchor? = nil) { self.anchor = anchor }

    /// Appends an entry; entries are written in call order, and a lost race with another process is retried.
    public func append(on db: any Database, actor: String, action: String, target: String, detail: String = "") async throws {
        let previous = tail
        let anchor = anchor
        let task = Task<Result<Void, any Error>, Never> {
            await previous?.value
            do {
                let record = try await Self.write(on: db, actor: actor, action: action, target: target, detail: detail)
                try anchor?.write(record)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        tail = Task { _ = await task.value }
        try await task.value.get()
    }

    private static func write(on db: any Database, actor: String, action: String, target: String, detail: String) async throws -> AuditRecord {
        var attempt = 1
        while true {
            let last = try await AuditEntry.query(on: db).sort(\.$seq, .descending).first()
            let now = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
            let record = AuditChain.next(after: last?.record, atMillis: max(now, last?.atMillis ?? now),
                                         actor: actor, action: action, target: target, detail: detail)
            do {
                try await AuditEntry(record).create(on: db)
                return record
            } catch where attempt < 5 {
                attempt += 1  // another process took this seq (unique index); chain onto its entry instead
            }
        }
    }

    /// Every entry in order, for verification and the administrator's log page.
    public static func records(on db: any Database) async throws -> [AuditRecord] {
        try await AuditEntry.query(on: db).sort(\.$seq).all().map(\.record)
    }
}

extension Application {
    private struct AuditLogKey: StorageKey { typealias Value = AuditLog }

    /// The app's audit log writer (set up by `configure`, with the configured anchor).
    public var auditLog: AuditLog {
        get {
            if let log = storage[AuditLogKey.self] { return log }
            let log = AuditLog()
            storage[AuditLogKey.self] = log
            return log
        }
        set { storage[AuditLogKey.self] = newValue }
    }
}

extension Request {
    /// Records an action by `actor`, by default the current user (or "-" when anonymous). A failed write is logged
    /// and fails the request: `AuditGuardMiddleware` answers 500 instead of the action's response.
    func audit(_ action: String, target: String, detail: String = "", actor: String? = nil) async {
        let actor = actor ?? (try? principal())?.username ?? "-"
        do {
            try await application.auditLog.append(on: db, actor: actor, action: action, target: target, detail: detail)
        } catch {
            logger.error("audit log write failed: \(action) \(target): \(error)")
            storage[AuditFailedKey.self] = "\(action) \(target)"
        }
    }

    /// The action whose audit entry could not be written during this request, if any.
    var auditFailure: String? { storage[AuditFailedKey.self] }
}

private struct AuditFailedKey: StorageKey { typealias Value = String }

/// Fails every request whose audit entry could not be written: the action's response (a page, a download, a
/// session cookie) is replaced by a 500, so nothing is confirmed or handed out that the log does not record.
struct AuditGuardMiddleware: Middleware {
    // Future-based (no task per request), like SecurityHeadersMiddleware.
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: req).flatMapErrorThrowing { error in
            if req.auditFailure != nil { throw Self.failure }
            throw error
        }.flatMapThrowing { response in
            if req.auditFailure != nil { throw Self.failure }
            return response
        }
    }

    static let failure = Abort(.internalServerError, reason: "审计日志无法写入，操作未被确认；请联系管理员 / the audit log could not be written, so the action was not confirmed")
}
