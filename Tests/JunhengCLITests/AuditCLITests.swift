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
}
