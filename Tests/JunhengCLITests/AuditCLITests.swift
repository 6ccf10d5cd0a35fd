import Fluent
import Foundation
import Testing
import VaporTesting
@testable import JunhengWeb

/// `junheng audit verify` on a real SQLite file: intact, tampered, missing.
@Suite struct AuditCLITests {
    @Test func verifyReportsIntactThenTheFirstAlteredEntry() async throws {
        let dir = try CLIRunner.temporaryDirectory()
        let path = dir.appendingPathComponent("junheng.sqlite").path
        try await withApp { app in
            try await configureDatabase(app, .sqliteFile(path))
            for i in 1...4 { try await app.auditLog.append(on: app.db, actor: "u\(i)", action: "test", target: "t\(i)") }
        }
        let ok = try CLIRunner.run(["audit", "verify", "--sqlite", path])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("4 entries verified"))
        try await withApp { app in
            try await configureDatabase(app, .sqliteFile(path))
            let e = try await AuditEntry.query(on: app.db).filter(\.$seq == 3).first()!
            e.target = "forged"
            try await e.save(on: app.db)
        }
        let broken = try CLIRunner.run(["audit", "verify", "--sqlite", path])
        #expect(broken.status == 1)
        #expect(broken.stdout.contains("entry 3"))
        let missing = try CLIRunner.run(["audit", "verify", "--sqlite", dir.appendingPathComponent("none.sqlite").path])
        #expect(missing.status == 66)
    }

    @Test func verifyWithTheAuditKeyNamesDeletedNewestEntries() async throws {
        let dir = try CLIRunner.temporaryDirectory()
        let path = dir.appendingPathComponent("data/junheng.sqlite").path
        let key = dir.appendingPathComponent("keys/audit.key").path
        try await withApp { app in
            try await configureDatabase(app, .sqliteFile(path))
            let log = AuditLog(anchor: try AuditAnchor(keyPath: key))
            for i in 1...5 { try await log.append(on: app.db, actor: "u\(i)", action: "test", target: "t\(i)") }
        }
        let ok = try CLIRunner.run(["audit", "verify", "--sqlite", path, "--audit-key", key])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("signed audit head matches (entry 5)"))
        try await withApp { app in
            try await configureDatabase(app, .sqliteFile(path))
            try await AuditEntry.query(on: app.db).filter(\.$seq >= 4).delete()
        }
        // The chain alone still holds; the signed head names the deletion.
        #expect(try CLIRunner.run(["audit", "verify", "--sqlite", path]).status == 0)
        let truncated = try CLIRunner.run(["audit", "verify", "--sqlite", path, "--audit-key", key])
        #expect(truncated.status == 1)
        #expect(truncated.stdout.contains("the log ends at entry 3 but the signed head is entry 5"))
    }

    @Test func verifyNeverMigratesADatabaseWithoutTheSchema() async throws {
        let dir = try CLIRunner.temporaryDirectory()
        let path = dir.appendingPathComponent("other.sqlite").path
        FileManager.default.createFile(atPath: path, contents: Data())
        let res = try CLIRunner.run(["audit", "verify", "--sqlite", path])
        #expect(res.status == 65)
        #expect(res.stderr.contains("audit_log"))
        // Nothing was created in it.
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue == 0)
    }

    @Test func backupRestoreAndCreateAdminFromTheCommandLine() async throws {
        let dir = try CLIRunner.temporaryDirectory()
        let path = dir.appendingPathComponent("data/junheng.sqlite").path
        let backup = dir.appendingPathComponent("backup.sqlite").path
        let key = dir.appendingPathComponent("keys/audit.key").path
        let created = try CLIRunner.run(["user", "create-admin", "chief", "--sqlite", path, "--audit-key", key],
                                        environment: ["JUNHENG_ADMIN_PASSWORD": "a long enough password"])
        #expect(created.status == 0, "\(created.stderr)")
        let short = try CLIRunner.run(["user", "create-admin", "second", "--sqlite", path], environment: ["JUNHENG_ADMIN_PASSWORD": "short"])
        #expect(short.status == 65)
        let saved = try CLIRunner.run(["backup", backup, "--sqlite", path])
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.stdout.contains("users") && saved.stdout.contains("audit chain intact: 1 entries"))
        try FileManager.default.removeItem(atPath: path)
        let restored = try CLIRunner.run(["restore", backup, "--sqlite", path, "--audit-key", key])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(restored.stdout.contains("audit chain intact: 1 entries"))
        let verified = try CLIRunner.run(["audit", "verify", "--sqlite", path, "--audit-key", key])
        #expect(verified.status == 0, "\(verified.stdout)")
        #expect(verified.stdout.contains("2 entries verified"))  // the restore is recorded
        try await withApp { app in
            try connectDatabase(app, .sqliteFile(path))
            let admin = try #require(try await User.query(on: app.db).filter(\.$username == "chief").first())
            #expect(admin.role == .admin)
            #expect(try Bcrypt.verify("a long enough password", created: admin.passwordHash))
        }
    }
}
