import Fluent
import Foundation
import Testing
import VaporTesting
@testable import JunhengWeb

extension WebTests {
    /// The hash chain: known hashes computed independently (Python hashlib), tampering found and named.
    @Suite struct AuditTests {
        /// Expected values from: sha256(b"".join(str(len(f)).encode()+b":"+f for f in fields)) in Python.
        @Test func hashesMatchAnIndependentImplementation() {
            let first = AuditChain.next(after: nil, atMillis: 1_700_000_000_000, actor: "alice", action: "login",
                                        target: "user:alice", detail: "address 127.0.0.1")
            #expect(first.prevHash == String(repeating: "0", count: 64))
            #expect(first.hash == "1c9ef5875dc13de5404d1f299263209f02a8d55f3a5178ff9440b6442f218c1f")
            let second = AuditChain.next(after: first, atMillis: 1_700_000_000_500, actor: "张三", action: "upload",
                                         target: "county:330101/2025", detail: "版本 1")
            #expect(second.seq == 2 && second.prevHash == first.hash)
            #expect(second.hash == "1c9f6666b2f39cd7ac625f6645924969f132dd5c5f221a3e5d2e97200bf28fad")
            #expect(AuditChain.verify([first, second]) == nil)
        }

        @Test func verifyNamesTheFirstBrokenEntry() {
            var chain: [AuditRecord] = []
            for i in 0..<5 { chain.append(AuditChain.next(after: chain.last, atMillis: Int64(i), actor: "u", action: "a\(i)", target: "t", detail: "")) }
            var altered = chain
            altered[2].detail = "changed"
            #expect(AuditChain.verify(altered) == .alteredEntry(seq: 3))
            var relinked = chain
            relinked[3].prevHash = relinked[1].hash
            #expect(AuditChain.verify(relinked) == .brokenLink(seq: 4))
            var removed = chain
            removed.remove(at: 1)
            #expect(AuditChain.verify(removed) == .gap(expected: 2, found: 3))
        }

        @Test func everyLoggedActionIsChainedInTheDatabaseAndTamperingIsFound() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                try await b.login("demo-county")
                _ = try await b.get("/counties/\(Demo.county2)/years/2025")  // denied
                var admin = TestBrowser(app)
                try await admin.login("demo-admin")
                let page = try await admin.get("/admin/audit").body.string
                #expect(page.contains("id=\"chain-status\""))
                #expect(page.contains("哈希链完整"))
                let records = try await AuditLog.records(on: app.db)
                #expect(records.map(\.seq) == Array(1...records.count))
                #expect(Set(records.map(\.action)).isSuperset(of: ["demo-seed", "login", "denied"]))
                #expect(AuditChain.verify(records) == nil)
                // An edit made directly in the database breaks the chain at that entry.
                let entry = try await AuditEntry.query(on: app.db).filter(\.$seq == 2).first()!
                entry.actor = "someone-else"
                try await entry.save(on: app.db)
                #expect(AuditChain.verify(try await AuditLog.records(on: app.db)) == .alteredEntry(seq: 2))
                #expect(try await admin.get("/admin/audit").body.string.contains("第 2 条记录"))
            }
        }

        @Test func concurrentAppendsStayOneChain() async throws {
            try await withTestApp { app in
                let log = app.auditLog
                let db = app.db
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for i in 0..<40 {
                        group.addTask { try await log.append(on: db, actor: "t", action: "parallel", target: "n:\(i)") }
                    }
                    try await group.waitForAll()
                }
                let records = try await AuditLog.records(on: app.db)
                #expect(records.filter { $0.action == "parallel" }.count == 40)
                #expect(AuditChain.verify(records) == nil)
            }
        }
    }
}
