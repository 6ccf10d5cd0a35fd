import Fluent
import Foundation
import Plot
import Vapor

/// Login, logout and the start page that sends each role where it works.
struct AuthController {
    func loginForm(_ req: Request) async throws -> Response {
        if req.optionalPrincipal != nil { return req.redirect(to: "/") }
        return Layout.response(LoginView.render(PageContext(req), next: safeNext(req), error: nil, demo: req.application.web.demo))
    }

    func login(_ req: Request) async throws -> Response {
        struct Form: Content { var username: String; var password: String; var next: String? }
        let form = try req.content.decode(Form.self)
        let ctx = PageContext(req)
        switch try await Authentication.login(username: form.username, password: form.password, on: req) {
        case .failure(.throttled(let wait)):
            let html = LoginView.render(ctx, next: form.next, error: ctx.t("登录失败次数过多，请 \(wait) 秒后再试。",
                                                                         "Too many failed attempts; try again in \(wait) s."), demo: req.application.web.demo)
            let response = Layout.response(html, status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(wait))
            return response
        case .failure(.badCredentials):
            let html = LoginView.render(ctx, next: form.next, error: ctx.t("用户名或密码错误。", "Wrong username or password."),
                                        demo: req.application.web.demo)
            return Layout.response(html, status: .unauthorized)
        case .success(let user):
            if let old = req.session.id { req.application.sessionStore.drop(old) }
            req.session.id = nil
            req.session.data = SessionData()
            req.session.data[Authentication.sessionUserKey] = user.id!.uuidString
            return req.redirect(to: Self.safe(form.next) ?? "/")
        }
    }

    func logout(_ req: Request) async throws -> Response {
        await req.audit("logout", target: "user:\(req.optionalPrincipal?.username ?? "-")")
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
        case .teacher:
            return req.redirect(to: "/my/classrooms")
        }
    }

    private func safeNext(_ req: Request) -> String? { Self.safe(try? req.query.get(String.self, at: "next")) }

    /// Only same-site paths, so the login form cannot be used to redirect elsewhere.
    static func safe(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return nil }
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
                .unwrap(AuthController.safe(next)) { .input(.type(.hidden), .name("next"), .value($0)) },
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
}
