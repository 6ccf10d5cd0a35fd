import Fluent
import Foundation
import Testing
import VaporTesting
@testable import JunhengWeb

extension WebTests {
    /// Sessions in the database, throttling that survives parallel guesses and proxies, security headers, body limits.
    @Suite struct SessionHardeningTests {
        @Test func aRestartLogsNobodyOut() async throws {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("junheng-sessions-\(UUID().uuidString).sqlite").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            var cookie: String?
            try await withApp(configure: { app in
                try await configure(app, WebConfiguration(store: .sqliteFile(path), bcryptCost: 4, demo: true, chromiumPath: nil))
                try await DemoSeeder.seed(app, schoolsPerCounty: 4)
            }) { (app: Application) async throws in
                var b = TestBrowser(app)
                try await b.login("demo-county")
                #expect(try await b.get("/counties").status == .ok)
                cookie = b.cookie
            }
            // A new process on the same database.
            try await withApp(configure: { app in
                try await configure(app, WebConfiguration(store: .sqliteFile(path), bcryptCost: 4, demo: true, chromiumPath: nil))
            }) { (app: Application) async throws in
                var b = TestBrowser(app)
                b.cookie = cookie
                #expect(try await b.get("/counties").status == .ok)
                // Only the token's hash is stored.
                let raw = try #require(cookie?.split(separator: "=", maxSplits: 1).last.map(String.init))
                let rows = try await WebSession.query(on: app.db).all()
                #expect(rows.count == 1)
                #expect(rows.first?.id == DatabaseSessions.key(SessionID(string: raw)))
                #expect(rows.allSatisfy { $0.id != raw })
            }
        }

        @Test func anonymousTrafficCreatesNoSession() async throws {
            try await withTestApp { app in
                for _ in 0..<20 {
                    var b = TestBrowser(app)
                    _ = try await b.get("/login")
                    _ = try await b.get("/counties")
                    b.cookie = "junheng-session=\(RandomToken.make())"   // a forged or stale cookie
                    _ = try await b.get("/counties")
                    _ = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
                }
                #expect(try await WebSession.query(on: app.db).count() == 0)
            }
        }

        @Test func idleSessionsExpire() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                try await b.login("demo-county")
                #expect(try await b.get("/counties").status == .ok)
                try await WebSession.query(on: app.db).set(\.$lastSeen, to: Date().addingTimeInterval(-9 * 3600)).update()
                // The short read cache would still hold the fresh copy for up to 5 s.
                app.sessionStore.forgetCached()
                #expect(try await b.get("/counties").status == .seeOther)
            }
        }

        @Test func parallelGuessesAreCountedBeforeBcryptFinishes() async throws {
            try await withTestApp { app in
                // 12 wrong guesses at once: only 5 may reach bcrypt, the rest are throttled.
                let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                    for _ in 0..<12 {
                        group.addTask {
                            var b = TestBrowser(app)
                            return try await b.login("demo-county", password: "wrong-guess-\(UUID())").status
                        }
                    }
                    var all: [HTTPStatus] = []
                    for try await s in group { all.append(s) }
                    return all
                }
                #expect(statuses.filter { $0 == .unauthorized }.count == 5)
                #expect(statuses.filter { $0 == .tooManyRequests }.count == 7)
                #expect(try await auditEntries(app, action: "login-failed").count == 5)
                // One audit row for the lockout, not one per refused attempt.
                #expect(try await auditEntries(app, action: "login-throttled").count == 1)
            }
        }

        @Test func throttledAttemptsAreSummarisedAfterTheLockout() async {
            let t = LoginThrottle(window: 60, perUser: 2, perAddress: 100)
            let start = Date(timeIntervalSince1970: 1_000_000)
            #expect(await t.reserve(username: "u", address: "a", now: start) == .allowed(suppressed: [:]))
            #expect(await t.reserve(username: "u", address: "a", now: start) == .allowed(suppressed: [:]))
            #expect(await t.reserve(username: "u", address: "a", now: start.addingTimeInterval(1)) == .throttled(retryAfter: 59, first: true))
            for i in 2...5 {
                #expect(await t.reserve(username: "u", address: "a", now: start.addingTimeInterval(Double(i))) == .throttled(retryAfter: 60 - i, first: false))
            }
            #expect(await t.reserve(username: "u", address: "a", now: start.addingTimeInterval(61)) == .allowed(suppressed: ["u:u": 4]))
        }

        @Test func theClientAddressComesFromTheTrustedProxyOnly() async throws {
            try await withApp(configure: { app in
                var config = WebConfiguration(store: TestDatabase.store, bcryptCost: 4, demo: true, chromiumPath: nil)
                config.trustedProxies = ["127.0.0.1"]
                try await configure(app, config)
                if TestDatabase.postgresURL != nil { try await app.autoRevert().get(); try await app.autoMigrate().get() }
                try await DemoSeeder.seed(app, schoolsPerCounty: 4)
            }) { (app: Application) async throws in
                // Over a real socket the peer is 127.0.0.1, the trusted proxy: the forwarded address counts.
                for i in 0..<3 {
                    var h = HTTPHeaders()
                    h.replaceOrAdd(name: "X-Forwarded-For", value: "203.0.113.\(i + 1), 127.0.0.1")
                    h.contentType = .json
                    _ = try await app.testing(method: .running(port: 0)).sendRequest(.POST, "/api/v1/auth/login", headers: h,
                        body: ByteBuffer(string: #"{"username":"demo-county","password":"wrong-guess-1"}"#))
                }
                let details = try await auditEntries(app, action: "login-failed").map(\.detail)
                #expect(details.map { $0.contains("203.0.113.1") || $0.contains("203.0.113.2") || $0.contains("203.0.113.3") } == [true, true, true])
            }
            // Without a configured proxy the header is ignored.
            try await withTestApp { app in
                var h = HTTPHeaders()
                h.replaceOrAdd(name: "X-Forwarded-For", value: "203.0.113.9")
                h.contentType = .json
                _ = try await app.testing(method: .running(port: 0)).sendRequest(.POST, "/api/v1/auth/login", headers: h,
                    body: ByteBuffer(string: #"{"username":"demo-county","password":"wrong-guess-1"}"#))
                #expect(try await auditEntries(app, action: "login-failed").last?.detail.contains("203.0.113.9") == false)
            }
        }

        @Test func hugeUsernamesAreBoundedInTheAuditLog() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                let name = String(repeating: "x", count: 5000)
                #expect(try await b.login(name, password: "whatever-password").status == .unauthorized)
                let entry = try #require(try await auditEntries(app, action: "login-failed").last)
                #expect(entry.actor.count < 80 && entry.target.count < 90)
            }
        }

        @Test func bodiesAreSmallExceptOnUploads() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                _ = try await b.get("/login")
                let big = String(repeating: "a", count: 200_000)
                for method in [Application.Method.inMemory, .running(port: 0)] {
                    var c = TestBrowser(app, method: method)
                    _ = try await c.get("/login")
                    let res = try await c.post("/login", form: ["username": big, "password": "x"])
                    #expect(res.status == .payloadTooLarge, "\(method)")
                }
                let api = try await app.testing(method: .running(port: 0)).sendRequest(.POST, "/api/v1/auth/login", headers: ["Content-Type": "application/json"],
                                                              body: ByteBuffer(string: #"{"username":"\#(big)","password":"x"}"#))
                #expect(api.status == .payloadTooLarge)
            }
        }

        @Test func everyResponseCarriesTheSecurityHeaders() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                for path in ["/login", "/api/v1/openapi.json", "/no-such-page"] {
                    let res = try await b.get(path)
                    let csp = res.headers.first(name: "Content-Security-Policy") ?? ""
                    #expect(csp.contains("script-src 'none'") && csp.contains("frame-ancestors 'none'"), "\(path)")
                    #expect(res.headers.first(name: "X-Content-Type-Options") == "nosniff")
                    #expect(res.headers.first(name: "Referrer-Policy") == "same-origin")
                    #expect(res.headers.first(name: "Strict-Transport-Security") == nil)   // only behind HTTPS
                }
                try await b.login("demo-county")
                let page = try await b.get("/counties/\(Demo.county1)/years/2025").body.string
                #expect(!page.contains("<script"))
                // The stylesheet the policy allows by hash is the one the pages inline.
                #expect(page.contains("<style>\(Stylesheet.css)</style>"))
            }
            try await withApp(configure: { app in
                try await configure(app, WebConfiguration(store: TestDatabase.store, bcryptCost: 4, secureCookies: true, demo: true, chromiumPath: nil))
            }) { (app: Application) async throws in
                let res = try await app.testing().sendRequest(.GET, "/login")
                #expect(res.headers.first(name: "Strict-Transport-Security")?.contains("max-age=") == true)
            }
        }
    }
}
