import Fluent
import FluentSQL
import Foundation
import JunhengDemo
import JunhengImport
import Testing
import VaporTesting
@testable import JunhengWeb

/// A fresh temporary directory.
private func temporaryDirectory() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("junheng-durability-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

extension WebTests {
    /// Concurrent uploads, failed audit writes, the signed audit head, verification without migrating, backups.
    @Suite struct DurabilityTests {
        static let csv = Array(TemplateWriter.csv(DemoCounty.records(county: 1, schools: 6, seed: 7)).utf8)

        @Test func concurrentUploadsForOneCountyYearAreAllStoredWithConsecutiveVersions() async throws {
            try await withTestApp(schoolsPerCounty: 4) { app in
                let token = try #require(try await APIClient.token(app, "demo-county"))
                let path = "/api/v1/counties/\(Demo.county1)/years/2027/statistics"
                let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                    for k in 0..<4 {
                        group.addTask { try await APIClient.post(app, path + "?filename=c\(k).csv", token: token, body: Self.csv).status }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.allSatisfy { $0 == .created }, "\(statuses.map(\.code))")
                let versions = try await Snapshot.query(on: app.db).filter(\.$schoolYear == 2027).all().map(\.version).sorted()
                #expect(versions == [1, 2, 3, 4])
                #expect(try await auditEntries(app, action: "upload").filter { $0.target.hasSuffix("/2027") }.count == 4)
            }
        }

        @Test func aFailedAuditWriteFailsTheActionItRecords() async throws {
            try await withTestApp(schoolsPerCounty: 4) { app in
                var b = TestBrowser(app)
                try await b.login("demo-county")
                _ = try await b.get("/counties/\(Demo.county1)/years/2025")
                try await (app.db as! any SQLDatabase).raw("DROP TABLE audit_log").run()
                // The export is not handed out, the logout not confirmed: both answer 500.
                #expect(try await b.get("/counties/\(Demo.county1)/years/2025/matrix.csv").status == .internalServerError)
                // A page that records nothing still works.
                #expect(try await b.get("/counties").status == .ok)
                #expect(try await b.post("/logout", form: [:]).status == .internalServerError)
                try await CreateAuditLog().prepare(on: app.db)  // the shared PostgreSQL database reverts it next
            }
        }

        @Test func theSignedHeadDetectsDeletedNewestEntriesAndARewrittenTail() async throws {
            let key = try temporaryDirectory() + "/keys/audit.key"
            try await withTestApp(schoolsPerCounty: 4, auditKeyPath: key) { app in
                var b = TestBrowser(app)
                try await b.login("demo-county")
                _ = try await b.get("/counties/\(Demo.county1)/years/2025/matrix.csv")
                let attributes = try FileManager.default.attributesOfItem(atPath: key)
                #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
                let anchor = try AuditAnchor(keyPath: key)
                var records = try await AuditLog.records(on: app.db)
                let last = try #require(records.last)
                #expect(AuditChain.verify(records) == nil)
                #expect(anchor.check(records) == nil)
                #expect(anchor.readHead()?.seq == last.seq)

                // Deleting the newest two rows leaves a valid chain, but not the signed head.
                let sql = app.db as! any SQLDatabase
                try await sql.raw("DELETE FROM audit_log WHERE seq > \(bind: last.seq - 2)").run()
                records = try await AuditLog.records(on: app.db)
                #expect(AuditChain.verify(records) == nil)
                let mismatch = try #require(anchor.check(records))
                #expect(mismatch == .truncated(head: last.seq, last: last.seq - 2))
                #expect(mismatch.en.contains("entry \(last.seq - 2)") && mismatch.en.contains("newest 2 entries were deleted"))

                // Re-appending forged entries with a recomputed chain: the entry at the head's seq differs.
                var previous = records.last
                for _ in 0..<2 {
                    let forged = AuditChain.next(after: previous, atMillis: last.atMillis, actor: "mallory", action: "nothing", target: "-", detail: "")
                    try await AuditEntry(forged).create(on: app.db)
                    previous = forged
                }
                records = try await AuditLog.records(on: app.db)
                #expect(AuditChain.verify(records) == nil)
                #expect(anchor.check(records) == .rewritten(seq: last.seq))

                // An edited head file is caught by its HMAC.
                let head = try #require(anchor.readHead())
                try Data("\(head.seq) \(previous!.hash) \(head.mac)\n".utf8).write(to: URL(fileURLWithPath: anchor.headPath))
                #expect(anchor.check(records) == .forgedHead)
            }
        }

        @Test func auditVerificationNeverMigratesAndNamesAMissingSchema() async throws {
            let dir = try temporaryDirectory()
            let empty = dir + "/empty.sqlite"
            // An empty SQLite file (no tables).
            _ = try await WebServer.withDatabase(.sqliteFile(empty)) { app in
                try await (app.db as! any SQLDatabase).raw("CREATE TABLE other (x INTEGER)").run()
            }
            await #expect(throws: WebServer.MissingSchema.self) { try await WebServer.auditRecords(store: .sqliteFile(empty)) }
            let tables = try await WebServer.withDatabase(.sqliteFile(empty)) { app in try await WebServer.tableNames(on: app.db) }
            #expect(tables == ["other"])
        }

        /// A served SQLite file runs in WAL mode (one fsync a commit; the survey's group commit depends on it) with
        /// `synchronous` FULL, so a commit is durable when it returns; the mode stays in the file for the next process.
        @Test func aServedSQLiteFileUsesTheWriteAheadLogAndFullSync() async throws {
            let path = try temporaryDirectory() + "/junheng.sqlite"
            try await withApp(configure: { app in
                try await configure(app, WebConfiguration(store: .sqliteFile(path), bcryptCost: 4, demo: false, chromiumPath: nil,
                                                          jobs: JobSettings(startWorkers: false)))
            }) { _ in }
            #expect(FileManager.default.fileExists(atPath: path))
            let (mode, sync) = try await WebServer.withDatabase(.sqliteFile(path)) { app in
                let sql = app.db as! any SQLDatabase
                let mode = try await sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self)
                let sync = try await sql.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self)
                return (mode, sync)
            }
            #expect(mode == "wal")
            #expect(sync == 2)
        }

        @Test func backupAndRestoreOfAnSQLiteFileKeepEveryRowAndTheChain() async throws {
            let dir = try temporaryDirectory()
            let live = dir + "/data/junheng.sqlite", backup = dir + "/backup.sqlite"
            try await withApp(configure: { app in
                try await configure(app, WebConfiguration(store: .sqliteFile(live), bcryptCost: 4, demo: true, chromiumPath: nil,
                                                          jobs: JobSettings(startWorkers: false)))
                try await DemoSeeder.seed(app, schoolsPerCounty: 4)
            }) { app in
                var b = TestBrowser(app)
                try await b.login("demo-county")
            }
            let before = try await DatabaseBackup.check(store: .sqliteFile(live))
            let copied = try await DatabaseBackup.backup(store: .sqliteFile(live), to: backup)
            #expect(copied.counts.map(\.rows) == before.counts.map(\.rows))
            #expect(copied.counts.first { $0.table == "snapshots" }?.rows ?? 0 > 0)
            #expect(copied.chainBreak == nil && copied.auditEntries == before.auditEntries && copied.auditEntries > 0)

            // Lose data after the backup, then restore: every table has its rows again.
            _ = try await WebServer.withDatabase(.sqliteFile(live)) { app in
                try await (app.db as! any SQLDatabase).raw("DELETE FROM saved_plans").run()
                try await (app.db as! any SQLDatabase).raw("DELETE FROM audit_log WHERE seq > 3").run()
            }
            let restored = try await DatabaseBackup.restore(store: .sqliteFile(live), from: backup)
            #expect(restored.counts.map(\.table) == before.counts.map(\.table))
            #expect(restored.counts.map(\.rows) == before.counts.map(\.rows))
            #expect(restored.chainBreak == nil)
            await #expect(throws: DatabaseBackup.Failure.self) { try await DatabaseBackup.backup(store: .sqliteFile(live), to: backup) }
        }

        @Test func backupAndRestoreOfPostgreSQL() async throws {
            guard let url = TestDatabase.postgresURL else { return }
            let file = try temporaryDirectory() + "/pg.dump"
            try await withTestApp(schoolsPerCounty: 4) { app in
                var b = TestBrowser(app)
                try await b.login("demo-county")
            }
            let before = try await DatabaseBackup.check(store: .postgres(url))
            _ = try await DatabaseBackup.backup(store: .postgres(url), to: file)
            _ = try await WebServer.withDatabase(.postgres(url)) { app in
                try await (app.db as! any SQLDatabase).raw("DELETE FROM audit_log WHERE seq > 3").run()
            }
            let restored = try await DatabaseBackup.restore(store: .postgres(url), from: file)
            #expect(restored.counts.map(\.rows) == before.counts.map(\.rows))
            #expect(restored.chainBreak == nil && restored.auditEntries == before.auditEntries)
        }
    }
}
