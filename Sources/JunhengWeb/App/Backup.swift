import FluentSQL
import Foundation
import Vapor

/// `junheng backup` / `junheng restore`: SQLite through `VACUUM INTO` (a consistent online copy), PostgreSQL through
/// `pg_dump -Fc` / `pg_restore`; each checks its result (audit chain, rows per table).
public enum DatabaseBackup {
    /// What a check of a database found.
    public struct Check: Sendable {
        /// Rows per table, by table name.
        public var counts: [(table: String, rows: Int)]
        public var auditEntries: Int
        /// The first break of the audit chain, nil when it holds.
        public var chainBreak: AuditChain.Break?
        /// The newest audit entry.
        public var lastAudit: AuditRecord?
    }

    /// Problems running a backup or restore.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Copies the live database to `file` (which must not exist) and checks the copy (SQLite) or the source (PostgreSQL).
    public static func backup(store: WebConfiguration.Store, to file: String) async throws -> Check {
        guard !FileManager.default.fileExists(atPath: file) else { throw Failure(description: "\(file) 已存在 / already exists") }
        switch store {
        case .sqliteMemory: throw Failure(description: "in-memory database")
        case .sqliteFile:
            try await WebServer.withDatabase(store) { app in
                try await WebServer.requireTables(["audit_log"], on: app.db)
                guard let sql = app.db as? any SQLDatabase else { return }
                try await sql.raw("VACUUM INTO \(bind: file)").run()
            }
            return try await check(store: .sqliteFile(file))
        case .postgres(let url):
            try run("pg_dump", ["--format=custom", "--no-owner", "--file=\(file)", "--dbname=\(url)"])
            return try await check(store: store)
        }
    }

    /// Replaces the database with the backup in `file` and checks the result. For SQLite the copy is written beside
    /// the target and renamed over it, so an interrupted restore leaves the old file. Stop the server first.
    public static func restore(store: WebConfiguration.Store, from file: String) async throws -> Check {
        guard FileManager.default.fileExists(atPath: file) else { throw Failure(description: "找不到 \(file) / no such file") }
        switch store {
        case .sqliteMemory: throw Failure(description: "in-memory database")
        case .sqliteFile(let path):
            let source = try await check(store: .sqliteFile(file))  // refuses a file without the schema
            if let b = source.chainBreak { throw Failure(description: "备份的审计链断裂 / the backup's audit chain is broken: \(b.en)") }
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            let tmp = path + ".restore-\(ProcessInfo.processInfo.processIdentifier)"
            try? FileManager.default.removeItem(atPath: tmp)
            try FileManager.default.copyItem(atPath: file, toPath: tmp)
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            guard rename(tmp, path) == 0 else { throw Failure(description: "cannot replace \(path)") }
        case .postgres(let url):
            try run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname=\(url)", file])
        }
        return try await check(store: store)
    }

    /// Counts the rows of every table and verifies the audit chain, without migrating.
    public static func check(store: WebConfiguration.Store) async throws -> Check {
        try await WebServer.withDatabase(store) { app in
            try await WebServer.requireTables(["audit_log"], on: app.db)
            guard let sql = app.db as? any SQLDatabase else { throw Failure(description: "not an SQL database") }
            var counts: [(table: String, rows: Int)] = []
            for table in try await WebServer.tableNames(on: app.db).sorted() where !table.hasPrefix("sqlite_") {
                let row = try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()
                counts.append((table, try row?.decode(column: "n", as: Int.self) ?? 0))
            }
            let records = try await AuditLog.records(on: app.db)
            return Check(counts: counts, auditEntries: records.count, chainBreak: AuditChain.verify(records), lastAudit: records.last)
        }
    }

    /// Signs the restored log's newest entry as the audit head (a restore rolls the log back on purpose) and
    /// records the restore as a new entry.
    public static func reanchor(store: WebConfiguration.Store, keyPath: String, restoredFrom file: String) async throws {
        let anchor = try AuditAnchor(keyPath: keyPath)
        try await WebServer.withDatabase(store) { app in
            if let last = try await AuditLog.records(on: app.db).last { try anchor.write(last, force: true) }
            try await AuditLog(anchor: anchor).append(on: app.db, actor: "system:restore", action: "restore", target: "database",
                                                     detail: "from \((file as NSString).lastPathComponent)")
        }
    }

    private static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(tool) exit \(process.terminationStatus): \(String(decoding: message.prefix(2000), as: UTF8.self))")
        }
    }
}
