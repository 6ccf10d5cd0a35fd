import Fluent
import Foundation
import Vapor

/// Appends entries to the audit log one at a time, each chained to the last stored entry.
public actor AuditLog {
    private var tail: Task<Void, Never>?

    public init() {}

    /// Appends an entry; entries are written in call order, and a lost race with another process is retried.
    public func append(on db: any Database, actor: String, action: String, target: String, detail: String = "") async throws {
        let previous = tail
        let task = Task<Result<Void, any Error>, Never> {
            await previous?.value
            do {
                try await Self.write(on: db, actor: actor, action: action, target: target, detail: detail)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        tail = Task { _ = await task.value }
        try await task.value.get()
    }

    private static func write(on db: any Database, actor: String, action: String, target: String, detail: String) async throws {
        for attempt in 1...5 {
            let last = try await AuditEntry.query(on: db).sort(\.$seq, .descending).first()
            let now = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
            let record = AuditChain.next(after: last?.record, atMillis: max(now, last?.atMillis ?? now),
                                         actor: actor, action: action, target: target, detail: detail)
            do {
                try await AuditEntry(record).create(on: db)
                return
            } catch where attempt < 5 {
                continue  // another process took this seq (unique index); chain onto its entry instead
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

    /// The app's audit log writer.
    public var auditLog: AuditLog {
        if let log = storage[AuditLogKey.self] { return log }
        let log = AuditLog()
        storage[AuditLogKey.self] = log
        return log
    }
}

extension Request {
    /// Records an action by `actor`, by default the current user (or "-" when anonymous); a failed write is logged.
    func audit(_ action: String, target: String, detail: String = "", actor: String? = nil) async {
        let actor = actor ?? (try? principal())?.username ?? "-"
        do {
            try await application.auditLog.append(on: db, actor: actor, action: action, target: target, detail: detail)
        } catch {
            logger.error("audit log write failed: \(action) \(target): \(error)")
        }
    }
}
