import Crypto
import Fluent
import Foundation
import Testing
import VaporTesting
@testable import JunhengWeb

extension WebTests {
    /// Accounts: demo accounts only in demo mode, password change and reset, deactivation instead of deletion,
    /// the password policy and the optional second factor.
    @Suite struct AccountTests {
        @Test func demoAccountsDoNotWorkOutsideDemoMode() async throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("junheng-demo-\(UUID().uuidString).sqlite").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            // Seeded once in demo mode …
            try await withApp(configure: { app in
                try await configure(app, WebConfiguration(store: .sqliteFile(path), bcryptCost: 4, demo: true, chromiumPath: nil))
                try await DemoSeeder.seed(app, schoolsPerCounty: 4)
            }) { (app: Application) async throws in
                var b = TestBrowser(app)
                #expect(try await b.login("demo-county").status == .seeOther)
            }
            // … then served for real on the same database: the published password opens nothing.
            try await withApp(configure: { app in
                try await configure(app, WebConfiguration(store: .sqliteFile(path), bcryptCost: 4, demo: false, chromiumPath: nil))
            }) { (app: Application) async throws in
                for user in ["demo-county", "demo-admin", "demo-province"] {
                    var b = TestBrowser(app)
                    #expect(try await b.login(user).status == .unauthorized, "\(user)")
                }
                #expect(try await APIClient.token(app, "demo-admin") == nil)
                #expect(try await auditEntries(app, action: "login-failed").last?.detail.contains("demo account") == true)
            }
        }

        @Test func usersChangeTheirPasswordAndOtherSessionsEnd() async throws {
            try await withTestApp { app in
                var other = TestBrowser(app)
                try await other.login("demo-county")
                let token = try #require(try await APIClient.token(app, "demo-county"))
                var b = TestBrowser(app)
                try await b.login("demo-county")
                _ = try await b.get("/account")
                // Wrong current password, mismatched confirmation and a weak password are refused.
                #expect(try await b.post("/account/password", form: ["current": "nope", "new": "Sturdy-pass-42", "confirm": "Sturdy-pass-42"]).status == .unprocessableEntity)
                #expect(try await b.post("/account/password", form: ["current": DemoSeeder.password, "new": "Sturdy-pass-42", "confirm": "other"]).status == .unprocessableEntity)
                let weak = try await b.post("/account/password", form: ["current": DemoSeeder.password, "new": "short", "confirm": "short"])
                #expect(weak.status == .unprocessableEntity)
                #expect(weak.body.string.contains("至少 10 个字符"))
                let ok = try await b.post("/account/password", form: ["current": DemoSeeder.password, "new": "Sturdy-pass-42", "confirm": "Sturdy-pass-42"])
                #expect(ok.status == .seeOther)
                // This browser stays signed in; the other session and the API token end.
                #expect(try await b.get("/counties").status == .ok)
                #expect(try await other.get("/counties").status == .seeOther)
                #expect(try await APIClient.get(app, "/api/v1/counties", token: token).status == .unauthorized)
                var fresh = TestBrowser(app)
                #expect(try await fresh.login("demo-county").status == .unauthorized)
                #expect(try await fresh.login("demo-county", password: "Sturdy-pass-42").status == .seeOther)
                #expect(try await auditEntries(app, action: "password-change").count == 1)
            }
        }

        @Test func passwordPolicyIsData() {
            let policy = PasswordPolicy.standard
            #expect(policy.problem("junheng-demo", username: "x") != nil)              // the published demo password
            #expect(policy.problem("abc", username: "x") != nil)                       // too short
            #expect(policy.problem("aaaaaaaaaaaa", username: "x") != nil)              // one character
            #expect(policy.problem("wang.li-2026-pass", username: "wang.li") != nil)   // contains the username
            #expect(policy.problem(String(repeating: "密码安全", count: 7), username: "x") != nil)  // 28 chars, 84 bytes > 72
            #expect(policy.problem("Correct horse 42", username: "x") == nil)
            // bcrypt's 72-byte limit: exactly 72 bytes is accepted, 73 refused.
            #expect(policy.problem(String(repeating: "abcd", count: 18), username: "x") == nil)
            #expect(policy.problem(String(repeating: "abcd", count: 18) + "e", username: "x") != nil)
        }

        @Test func administratorsResetAPasswordAndDeactivateInsteadOfDelete() async throws {
            try await withTestApp { app in
                // demo-county runs a plan, so deleting them would break the plan's foreign key.
                let county = try #require(try await User.query(on: app.db).filter(\.$username == "demo-county").first())
                let snapshot = try #require(try await Snapshot.query(on: app.db).first())
                try await SavedPlan(snapshotID: try snapshot.requireID(), createdBy: try county.requireID(), createdAt: Date(), title: "t",
                                    parameters: "{}", status: "optimal", totalCost: 1, resultJSON: Data("{}".utf8)).create(on: app.db)
                var victim = TestBrowser(app)
                try await victim.login("demo-county")
                var admin = TestBrowser(app)
                try await admin.login("demo-admin")
                _ = try await admin.get("/admin")
                let id = try county.requireID().uuidString
                #expect(try await admin.post("/admin/users/\(id)/password", form: ["password": "short"]).status == .unprocessableEntity)
                #expect(try await admin.post("/admin/users/\(id)/password", form: ["password": "Reset-by-admin-7"]).status == .seeOther)
                #expect(try await victim.get("/counties").status == .seeOther)   // their session ended
                var b = TestBrowser(app)
                #expect(try await b.login("demo-county", password: "Reset-by-admin-7").status == .seeOther)
                // Deactivation: the account stays (the plan keeps its author) but can no longer log in.
                #expect(try await admin.post("/admin/users/\(id)/deactivate", form: [:]).status == .seeOther)
                #expect(try await b.get("/counties").status == .seeOther)
                var again = TestBrowser(app)
                #expect(try await again.login("demo-county", password: "Reset-by-admin-7").status == .unauthorized)
                #expect(try await User.find(county.requireID(), on: app.db)?.active == false)
                #expect(try await SavedPlan.query(on: app.db).count() == 1)
                #expect(try await admin.post("/admin/users/\(id)/activate", form: [:]).status == .seeOther)
                #expect(try await again.login("demo-county", password: "Reset-by-admin-7").status == .seeOther)
                for action in ["password-reset", "user-deactivate", "user-activate"] {
                    #expect(try await auditEntries(app, action: action).count == 1, "\(action)")
                }
            }
        }

        @Test func principalsAreBoundByCountyAndSchool() async throws {
            try await withTestApp { app in
                // Give a school in county 2 the same code as one in county 1.
                let schools = try await School.query(on: app.db).with(\.$county).all()
                let first = try #require(schools.first { $0.county.code == Demo.county1 })
                let county2 = try #require(try await Region.query(on: app.db).filter(\.$code == Demo.county2).first())
                try await School(countyID: try county2.requireID(), code: first.code, name: "同码学校").create(on: app.db)
                var admin = TestBrowser(app)
                try await admin.login("demo-admin")
                _ = try await admin.get("/admin")
                let form = ["username": "principal-x", "display_name": "校长", "password": "Principal-pass-9", "role": "principal"]
                // A bare code that two counties share is ambiguous.
                var ambiguous = form
                ambiguous["scope"] = first.code
                #expect(try await admin.post("/admin/users", form: ambiguous).status == .unprocessableEntity)
                var exact = form
                exact["scope"] = "\(Demo.county2)/\(first.code)"
                #expect(try await admin.post("/admin/users", form: exact).status == .seeOther)
                let user = try #require(try await User.query(on: app.db).filter(\.$username == "principal-x").with(\.$school).first())
                #expect(user.school?.$county.id == county2.id)
            }
        }

        /// RFC 6238 appendix B, SHA-1 (the 8-digit codes' last six digits are the 6-digit codes).
        @Test func totpMatchesTheRFCVectors() {
            let secret = Array("12345678901234567890".utf8)
            let vectors: [(TimeInterval, String)] = [(59, "287082"), (1_111_111_109, "081804"), (1_111_111_111, "050471"),
                                                     (1_234_567_890, "005924"), (2_000_000_000, "279037")]
            for (t, code) in vectors {
                #expect(TOTP.code(secret: secret, at: Date(timeIntervalSince1970: t)) == code, "\(t)")
            }
            let b32 = Base32.encode(secret)
            #expect(b32 == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
            #expect(Base32.decode(b32) == secret)
            #expect(TOTP.verify(code: "287082", secret: b32, at: Date(timeIntervalSince1970: 59)))
            #expect(TOTP.verify(code: "287082", secret: b32, at: Date(timeIntervalSince1970: 80)))     // one step later
            #expect(!TOTP.verify(code: "287082", secret: b32, at: Date(timeIntervalSince1970: 200)))
            #expect(!TOTP.verify(code: "28708", secret: b32) && !TOTP.verify(code: "２８７０８２", secret: b32))
        }

        @Test func secondFactorIsAskedAfterThePassword() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                try await b.login("demo-province")
                _ = try await b.get("/account")
                let start = try await b.post("/account/totp", form: [:])
                let html = start.body.string
                let secret = try #require(html.range(of: "id=\"totp-secret\">").map { String(html[$0.upperBound...].prefix { $0 != "<" }) })
                let key = try #require(Base32.decode(secret))
                #expect(try await b.post("/account/totp", form: ["code": "000000"]).status == .unprocessableEntity || TOTP.verify(code: "000000", secret: secret))
                #expect(try await b.post("/account/totp", form: ["code": TOTP.code(secret: key, at: Date())]).status == .seeOther)
                #expect(try await auditEntries(app, action: "totp-enable").count == 1)
                // Password alone is not enough now.
                var c = TestBrowser(app)
                let step1 = try await c.login("demo-province")
                #expect(step1.status == .seeOther)
                #expect(step1.headers.first(name: .location)?.hasPrefix("/login/totp") == true)
                #expect(try await c.get("/counties").status == .seeOther)     // not signed in yet
                _ = try await c.get("/login/totp")
                #expect(try await c.post("/login/totp", form: ["code": "12345"]).status == .unauthorized)
                #expect(try await c.post("/login/totp", form: ["code": TOTP.code(secret: key, at: Date())]).status == .seeOther)
                #expect(try await c.get("/counties").status == .ok)
                // The API asks for the code too.
                #expect(try await APIClient.token(app, "demo-province") == nil)
            }
        }
    }
}
