import FluentSQL
import Foundation
import Vapor

/// How the job queue runs: worker count, lease, polling, retries, PDF time limit.
public struct JobSettings: Sendable {
    /// Jobs run at once (each on its own thread when it solves).
    public var workers: Int
    /// Seconds a worker's claim lasts without a heartbeat; an expired lease means the worker is gone.
    public var leaseSeconds: Double
    /// Seconds between heartbeats (lease renewal, progress, cancel check).
    public var heartbeatSeconds: Double
    /// Seconds an idle worker waits before looking for queued jobs again.
    public var pollSeconds: Double
    /// Starts of one job before an interruption marks it failed.
    public var maxAttempts: Int
    /// Seconds Chromium may take to print one PDF before it is killed.
    public var pdfTimeoutSeconds: Double
    /// Whether the workers start with the app (tests drive the queue by hand with false).
    public var startWorkers: Bool
    /// Statistics uploads through the form larger than this many bytes are imported in the queue.
    public var largeImportBytes: Int

    public init(workers: Int = 2, leaseSeconds: Double = 30, heartbeatSeconds: Double = 5, pollSeconds: Double = 1,
                maxAttempts: Int = 2, pdfTimeoutSeconds: Double = 60, startWorkers: Bool = true,
                largeImportBytes: Int = 2 << 20) {
        self.workers = min(max(workers, 1), 8)
        self.leaseSeconds = leaseSeconds
        self.heartbeatSeconds = heartbeatSeconds
        self.pollSeconds = pollSeconds
        self.maxAttempts = max(1, maxAttempts)
        self.pdfTimeoutSeconds = pdfTimeoutSeconds
        self.startWorkers = startWorkers
        self.largeImportBytes = largeImportBytes
    }
}

/// The durable queue: every state change is one conditional UPDATE, so no two workers ever hold the same job.
enum JobQueue {
    static var nowMillis: Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }

    /// A bound value, or SQL NULL (drivers differ in how they bind a nil optional).
    private static func nullable<T: Encodable & Sendable>(_ value: T?) -> any SQLExpression {
        value.map { SQLBind($0) } ?? SQLLiteral.null
    }

    private static func sql(_ db: any Database) throws -> any SQLDatabase {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "jobs need an SQL database") }
        return sql
    }

    /// Stores a queued job and audits it as the requesting user.
    static func enqueue<P: Encodable>(_ kind: JobKind, payload: P, county: Region, message: String,
                                      on req: Request) async throws -> Job {
        let p = try req.principal()
        let job = Job(kind: kind, payload: try JSONEncoder().encode(payload), ownerID: p.userID, countyID: try county.requireID(),
                      maxAttempts: req.application.web.jobs.maxAttempts, message: message)
        try await job.create(on: req.db)
        let id = try job.requireID()
        await req.audit("job-queued", target: "job:\(id)", detail: "\(kind.rawValue), county \(county.code)")
        req.application.jobWorkers?.wake()
        return job
    }

    /// Takes the oldest queued job for `worker` (state running, attempt counted, lease set), or nil when none is queued.
    /// PostgreSQL locks the row with `FOR UPDATE SKIP LOCKED`; SQLite (one writer) relies on the conditional UPDATE.
    static func claim(worker: String, leaseSeconds: Double, on db: any Database) async throws -> Job? {
        let expires = nowMillis + Int64(leaseSeconds * 1000)
        let id: UUID?
        if try sql(db).dialect.name == "postgresql" {
            id = try await db.transaction { tx -> UUID? in
                let sql = try sql(tx)
                guard let row = try await sql.raw("""
                    SELECT id FROM jobs WHERE state = 'queued' ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED
                    """).first() else { return nil }
                let id = try row.decode(column: "id", as: UUID.self)
                try await sql.raw("""
                    UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_owner = \(bind: worker),
                    lease_expires_ms = \(bind: expires), started_at = \(bind: Date()) WHERE id = \(bind: id)
                    """).run()
                return id
            }
        } else {
            let sql = try sql(db)
            let candidates = try await sql.raw("SELECT id FROM jobs WHERE state = 'queued' ORDER BY created_at, id LIMIT 8").all()
                .map { try $0.decode(column: "id", as: UUID.self) }
            var taken: UUID?
            for candidate in candidates {
                let rows = try await sql.raw("""
                    UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_owner = \(bind: worker),
                    lease_expires_ms = \(bind: expires), started_at = \(bind: Date())
                    WHERE id = \(bind: candidate) AND state = 'queued' RETURNING id
                    """).all()
                if !rows.isEmpty { taken = candidate; break }
            }
            id = taken
        }
        guard let id else { return nil }
        return try await Job.find(id, on: db)
    }

    /// Renews the lease and stores progress; returns whether the worker still holds the job and whether a stop was asked.
    static func heartbeat(_ id: UUID, worker: String, leaseSeconds: Double, progress: Double, message: String,
                          on db: any Database) async throws -> (held: Bool, cancel: Bool) {
        let rows = try await sql(db).raw("""
            UPDATE jobs SET lease_expires_ms = \(bind: nowMillis + Int64(leaseSeconds * 1000)),
            progress = \(bind: min(max(progress, 0), 1)), progress_message = \(bind: String(message.prefix(500)))
            WHERE id = \(bind: id) AND state = 'running' AND lease_owner = \(bind: worker) RETURNING cancel_requested
            """).all()
        guard let row = rows.first else { return (false, true) }
        return (true, (try? row.decode(column: "cancel_requested", as: Bool.self)) ?? false)
    }

    /// Ends a running job held by `worker`; false when the worker had lost it (nothing is changed then).
    static func finish(_ id: UUID, worker: String, state: JobState, resultURL: String? = nil, resultData: Data? = nil,
                       error: String? = nil, on db: any Database) async throws -> Bool {
        // A success is not stored once a cancel was asked (the worker then ends the job as cancelled).
        let unlessCancelled: SQLQueryString = state == .succeeded ? "AND cancel_requested = \(bind: false)" : ""
        let rows = try await sql(db).raw("""
            UPDATE jobs SET state = \(bind: state.rawValue), result_url = \(nullable(resultURL)), result_data = \(nullable(resultData)),
            error = \(nullable(error.map { String($0.prefix(2000)) })), progress = \(bind: state == .succeeded ? 1.0 : 0.0),
            finished_at = \(bind: Date()), lease_owner = NULL, lease_expires_ms = NULL
            WHERE id = \(bind: id) AND state = 'running' AND lease_owner = \(bind: worker)
            \(unlessCancelled) RETURNING id
            """).all()
        return !rows.isEmpty
    }

    /// Puts a job the worker still holds back in the queue without counting the attempt (graceful shutdown).
    static func release(_ id: UUID, worker: String, on db: any Database) async throws {
        try await sql(db).raw("""
            UPDATE jobs SET state = 'queued', attempts = attempts - 1, lease_owner = NULL, lease_expires_ms = NULL
            WHERE id = \(bind: id) AND state = 'running' AND lease_owner = \(bind: worker)
            """).run()
    }

    /// What a cancel request did.
    enum CancelOutcome: Equatable { case cancelled, stopping, alreadyFinished }

    /// Cancels a queued job at once; asks a running one to stop (its worker ends it as cancelled).
    static func cancel(_ id: UUID, on db: any Database) async throws -> CancelOutcome {
        let sql = try sql(db)
        if try await !sql.raw("""
            UPDATE jobs SET state = 'cancelled', finished_at = \(bind: Date()) WHERE id = \(bind: id) AND state = 'queued' RETURNING id
            """).all().isEmpty { return .cancelled }
        if try await !sql.raw("""
            UPDATE jobs SET cancel_requested = \(bind: true) WHERE id = \(bind: id) AND state = 'running' RETURNING id
            """).all().isEmpty { return .stopping }
        return .alreadyFinished
    }

    /// What recovery did to one abandoned job.
    struct Recovered: Equatable { var id: UUID; var state: JobState; var attempts: Int }

    /// Jobs left running with an expired lease (their worker died): queued again while attempts remain, else failed,
    /// cancelled when a stop had been asked. Each change is conditional on the lease still being expired.
    static func recover(on db: any Database) async throws -> [Recovered] {
        let sql = try sql(db)
        let now = nowMillis
        let stale = try await sql.raw("""
            SELECT id, attempts, max_attempts, cancel_requested FROM jobs
            WHERE state = 'running' AND (lease_expires_ms IS NULL OR lease_expires_ms < \(bind: now))
            """).all()
        var out: [Recovered] = []
        for row in stale {
            let id = try row.decode(column: "id", as: UUID.self)
            let attempts = try row.decode(column: "attempts", as: Int.self)
            let maxAttempts = try row.decode(column: "max_attempts", as: Int.self)
            let cancel = (try? row.decode(column: "cancel_requested", as: Bool.self)) ?? false
            let next: JobState = cancel ? .cancelled : (attempts < maxAttempts ? .queued : .failed)
            let error: String? = next == .failed
                ? "中断：工作进程在第 \(attempts) 次运行中停止，已达重试上限 / interrupted: the worker stopped during attempt \(attempts) of \(maxAttempts)"
                : nil
            let finished: Date? = next == .queued ? nil : Date()
            let rows = try await sql.raw("""
                UPDATE jobs SET state = \(bind: next.rawValue), error = \(nullable(error)), finished_at = \(nullable(finished)),
                lease_owner = NULL, lease_expires_ms = NULL
                WHERE id = \(bind: id) AND state = 'running' AND (lease_expires_ms IS NULL OR lease_expires_ms < \(bind: now)) RETURNING id
                """).all()
            if !rows.isEmpty { out.append(Recovered(id: id, state: next, attempts: attempts)) }
        }
        return out
    }
}
