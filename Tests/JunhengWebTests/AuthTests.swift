import Foundation
import Testing
import VaporTesting
@testable import JunhengWeb

extension WebTests {
    /// Login, sessions, CSRF and throttling through the real routes.
    @Suite struct AuthTests {
        @Test func anonymousPagesRedirectToLoginAndKeepTheTarget() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                let res = try await b.get("/counties/\(Demo.county1)/years/2025")
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location) == "/login?next=/counties/\(Demo.county1)/years/2025")
            }
        }

        @Test func loginRegeneratesTheSessionAndSetsAHardenedCookie() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                _ = try await b.get("/login")
                // Showing the login page creates no session (its form is protected by a double-submit cookie).
                #expect(b.cookie == nil && b.csrf != nil && b.otherCookies[CSRF.cookie] != nil)
                // A session id planted by an attacker is not adopted at login.
                let planted = "junheng-session=attacker-chosen-id"
                b.cookie = planted
                let res = try await b.post("/login", form: ["username": "demo-county", "password": "junheng-demo"])
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location) == "/")
                #expect(b.cookie != nil && b.cookie != planted)  // no session fixation
                let setCookie = res.headers[.setCookie].first { $0.hasPrefix("junheng-session=") } ?? ""
                #expect(setCookie.contains("HttpOnly"))
                #expect(setCookie.contains("SameSite=Lax"))
                // The id of a session that logged out no longer logs anyone in.
                let used = b.cookie
                _ = try await b.get("/counties")
                #expect(try await b.post("/logout", form: [:]).status == .seeOther)
                var stale = TestBrowser(app)
                stale.cookie = used
                #expect(try await stale.get("/counties").status == .seeOther)
                #expect(try await auditEntries(app, action: "login").last?.actor == "demo-county")
            }
        }

        @Test func formsWithoutTheCSRFTokenAreRefusedAndAudited() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                _ = try await b.get("/login")
                let res = try await b.post("/login", form: ["username": "demo-county", "password": "junheng-demo"], csrf: false)
                #expect(res.status == .forbidden)
                #expect(try await auditEntries(app, action: "csrf-rejected").count == 1)
                try await b.login("demo-county")
                b.csrf = "forged-token"
                let logout = try await b.post("/logout", form: [:])
                #expect(logout.status == .forbidden)
                #expect(try await b.get("/counties").status == .ok)  // still logged in
            }
        }

        @Test func wrongPasswordsAreThrottledAfterFiveAttempts() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                for _ in 1...5 {
                    let res = try await b.login("demo-county", password: "wrong-password")
                    #expect(res.status == .unauthorized)
                    #expect(res.body.string.contains("用户名或密码错误"))
                }
                // The right password is refused too while the lock lasts.
                let locked = try await b.login("demo-county")
                #expect(locked.status == .tooManyRequests)
                #expect(Int(locked.headers.first(name: .retryAfter) ?? "") ?? 0 > 0)
                #expect(try await auditEntries(app, action: "login-failed").count == 5)
                #expect(try await auditEntries(app, action: "login-throttled").count == 1)
                // Another user is not locked out by demo-county's failures.
                var other = TestBrowser(app)
                #expect(try await other.login("demo-province").status == .seeOther)
            }
        }

        @Test func logoutEndsTheSession() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                try await b.login("demo-county")
                #expect(try await b.get("/counties").status == .ok)
                #expect(try await b.post("/logout", form: [:]).status == .seeOther)
                #expect(try await b.get("/counties").status == .seeOther)
                #expect(try await auditEntries(app, action: "logout").count == 1)
            }
        }

        @Test func loginRedirectsOnlyToSameSitePaths() {
            #expect(AuthController.safe("/counties/330101") == "/counties/330101")
            #expect(AuthController.safe("//evil.example/") == nil)
            #expect(AuthController.safe("https://evil.example/") == nil)
            #expect(AuthController.safe("/\\evil") == nil)
        }

        @Test func throttleWindowExpires() async {
            let t = LoginThrottle(window: 60, perUser: 2, perAddress: 100)
            let start = Date(timeIntervalSince1970: 1_000_000)
            _ = await t.reserve(username: "a", address: "x", now: start)
            _ = await t.reserve(username: "a", address: "x", now: start.addingTimeInterval(10))
            #expect(await t.retryAfter(username: "A", address: "y", now: start.addingTimeInterval(20)) == 40)
            #expect(await t.retryAfter(username: "a", address: "y", now: start.addingTimeInterval(61)) == nil)
        }
    }
}
