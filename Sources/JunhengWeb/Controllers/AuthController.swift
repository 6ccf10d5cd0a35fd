import Fluent
import Foundation
import Plot
import Vapor

/// Login, logout and the start page that sends each role where it works.
struct AuthController {
    static let pendingUserKey = "pending-uid"
    static let pendingAtKey = "pending-at"
    static let pendingTriesKey = "pending-tries"

    func loginForm(_ req: Request) async throws -> Response {
        if req.optionalPrincipal != nil { return req.redirect(to: "/") }
        let response = Layout.response(LoginView.render(PageContext(req), next: safeNext(req), error: nil, demo: req.application.web.demo))
        CSRF.attachCookie(req, response)
        return response
    }

    func login(_ req: Request) async throws -> Response {
        struct Form: Content { var username: String?; var password: String?; var next: String? }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        let ctx = PageContext(req)
        let next = Self.safe(form.next)
        func page(_ zh: String, _ en: String, _ status: HTTPResponseStatus) -> Response {
            let response = Layout.response(LoginView.render(ctx, next: next, error: ctx.t(zh, en), demo: req.application.web.demo), status: status)
            CSRF.attachCookie(req, response)
            return response
        }
        switch try await Authentication.login(username: form.username ?? "", password: form.password ?? "", on: req) {
        case .failure(.throttled(let wait)):
            let response = page("登录失败次数过多，请 \(wait) 秒后再试。", "Too many failed attempts; try again in \(wait) s.", .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(wait))
            return response
        case .failure(.badCredentials):
            return page("用户名或密码错误。", "Wrong username or password.", .unauthorized)
        case .failure(.needsSecondFactor):
            // Password right: remember who, briefly, in a fresh session, and ask for the code.
            guard let user = try await User.query(on: req.db).filter(\.$username == (form.username ?? "")).first(), let id = user.id else {
                return page("用户名或密码错误。", "Wrong username or password.", .unauthorized)
            }
            try await restartSession(req)
            req.session.data[Self.pendingUserKey] = id.uuidString
            req.session.data[Self.pendingAtKey] = String(Int(Date().timeIntervalSince1970))
            CSRF.startSession(req)
            return req.redirect(to: "/login/totp" + (next.map { "?next=" + (Self.queryEscaped($0)) } ?? ""))
        case .success(let user):
            try await signIn(req, user)
            return req.redirect(to: next ?? "/")
        }
    }

    /// The second step for accounts with a second factor.
    func totpForm(_ req: Request) async throws -> Response {
        guard pendingUser(req) != nil else { return req.redirect(to: "/login") }
        return Layout.response(LoginView.totp(PageContext(req), next: safeNext(req), error: nil))
    }

    func totp(_ req: Request) async throws -> Response {
        struct Form: Content { var code: String?; var next: String? }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        guard let userID = pendingUser(req), let user = try await User.find(userID, on: req.db), user.active,
              let secret = user.totpSecret else {
            req.session.destroy()
            return req.redirect(to: "/login")
        }
        let tries = (req.session.data[Self.pendingTriesKey].flatMap(Int.init) ?? 0) + 1
        guard TOTP.verify(code: form.code ?? "", secret: secret) else {
            await req.audit("login-failed", target: "user:\(user.username)", detail: "address \(req.clientAddress), wrong second-factor code", actor: user.username)
            if tries >= 5 { req.session.destroy(); return req.redirect(to: "/login") }
            req.session.data[Self.pendingTriesKey] = String(tries)
            let ctx = PageContext(req)
            return Layout.response(LoginView.totp(ctx, next: Self.safe(form.next), error: ctx.t("验证码不正确。", "Wrong code.")), status: .unauthorized)
        }
        await req.application.loginThrottle.succeeded(username: user.username, address: req.clientAddress)
        await req.audit("login", target: "user:\(user.username)", detail: "address \(req.clientAddress), with second factor", actor: user.username)
        try await signIn(req, user)
        return req.redirect(to: Self.safe(form.next) ?? "/")
    }

    /// The user waiting for their second-factor code (at most 5 minutes after the password).
    private func pendingUser(_ req: Request) -> UUID? {
        guard req.hasSession, let raw = req.session.data[Self.pendingUserKey], let id = UUID(uuidString: raw),
              let at = req.session.data[Self.pendingAtKey].flatMap(Int.init), Int(Date().timeIntervalSince1970) - at < 300 else { return nil }
        return id
    }

    /// A new session id for the signed-in user (the pre-login id is never reused: no fixation).
    private func signIn(_ req: Request, _ user: User) async throws {
        try await restartSession(req)
        req.session.data[Authentication.sessionUserKey] = try user.requireID().uuidString
        CSRF.startSession(req)
    }

    private func restartSession(_ req: Request) async throws {
        if req.hasSession, let old = req.session.id { try await req.application.sessionStore.drop(old, on: req.db) }
        req.session.id = nil
        req.session.data = SessionData()
    }

    static func queryEscaped(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/-._~"))) ?? "/"
    }

    func logout(_ req: Request) async throws -> Response {
        await req.audit("logout", target: "user:\(req.optionalPrincipal?.username ?? "-")")
        if req.hasSession, let id = req.session.id { try await req.application.sessionStore.drop(id, on: req.db) }
        req.session.destroy()
        return req.redirect(to: "/login")
    }

    /// Each role's start page.
    func home(_ req: Request) async throws -> Response {
        let p = try req.principal()
        switch p.role {
        case .principal:
            return req.redirect(to: p.school.map { "/schools/\($0.code)" } ?? "/counties")
        case .statistician:
            let counties = try await req.visibleCounties()
            return req.redirect(to: counties.count == 1 ? "/counties/\(counties[0].code)" : "/counties")
        case .inspector, .admin:
            return req.redirect(to: "/counties")
        case .learner:
            return req.redirect(to: "/credits/me")
        case .centre:
            return req.redirect(to: "/credits/centre")
        case .creditReviewer:
            return req.redirect(to: "/credits/review")
        case .planner:
            let code = p.region.map { $0.level == .county ? "/counties/\($0.code)/seats" : "/counties" } ?? "/counties"
            return req.redirect(to: code)
        case .teacher:
            return req.redirect(to: "/my/classrooms")
        case .finance:
            return req.redirect(to: p.region.map { "/counties/\($0.code)/funding" } ?? "/")
        case .personnel:
            return req.redirect(to: p.region.map { "/counties/\($0.code)/teachers" } ?? "/")
        }
    }

    private func safeNext(_ req: Request) -> String? { Self.safe(try? req.query.get(String.self, at: "next")) }

    /// Only same-site paths, so the login form cannot be used to redirect elsewhere.
    static func safe(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), next.utf8.count <= 512,
              !next.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) else { return nil }
        return next
    }
}

/// The login page.
enum LoginView {
    static func render(_ ctx: PageContext, next: String?, error: String?, demo: Bool) -> String {
        Layout.page(ctx, title: ctx.t("登录", "Log in"), .div(.class("card"), .id("login"),
            .h1(.text(ctx.t("登录", "Log in"))),
            .unwrap(error) { .p(.class("error-box"), .id("login-error"), .text($0)) },
            .form(.action("/login"), .method(.post),
                ctx.csrfField,
                .unwrap(AuthController.safe(next)) { .input(.type(.hidden), .name("next"), .attr(.value, $0)) },
                .label(.for("username"), .text(ctx.t("用户名", "Username"))),
                .input(.type(.text), .id("username"), .name("username"), .required(true), .autocomplete(false)),
                .label(.for("password"), .text(ctx.t("密码", "Password"))),
                .input(.type(.password), .id("password"), .name("password"), .required(true)),
                .p(.button(.type(.submit), .id("login-submit"), .text(ctx.t("登录", "Log in"))))
            ),
            .if(demo, .p(.class("muted"), .text(ctx.t(
                "演示账户：demo-county、demo-other-county、demo-province、demo-school、demo-admin，密码均为 junheng-demo",
                "Demo accounts: demo-county, demo-other-county, demo-province, demo-school, demo-admin; password junheng-demo"))))
        ))
    }

    /// The second-factor step.
    static func totp(_ ctx: PageContext, next: String?, error: String?) -> String {
        Layout.page(ctx, title: ctx.t("两步验证", "Second factor"), .div(.class("card"), .id("login-totp"),
            .h1(.text(ctx.t("两步验证", "Second factor"))),
            .unwrap(error) { .p(.class("error-box"), .id("login-error"), .text($0)) },
            .form(.action("/login/totp"), .method(.post),
                ctx.csrfField,
                .unwrap(AuthController.safe(next)) { .input(.type(.hidden), .name("next"), .attr(.value, $0)) },
                .label(.for("code"), .text(ctx.t("身份验证器中的 6 位验证码", "The 6-digit code from your authenticator app"))),
                .input(.type(.text), .id("code"), .name("code"), .required(true), .autocomplete(false)),
                .p(.button(.type(.submit), .id("totp-submit"), .text(ctx.t("验证", "Verify"))))
            )
        ))
    }
}
