import Fluent
import Foundation
import Plot
import Vapor

/// Adds the signed-in user's own account pages: change the password, set up or remove the second factor.
func accountRoutes(pages: any RoutesBuilder, forms: any RoutesBuilder) {
    let c = AccountController()
    pages.get("account", use: c.show).requires(.signedIn)
    forms.post("account", "password", use: c.changePassword).requires(.signedIn)
    forms.post("account", "totp", use: c.enableTOTP).requires(.signedIn)
    forms.post("account", "totp", "disable", use: c.disableTOTP).requires(.signedIn)
}

/// One's own account: password and second factor. Every change is audited and ends the user's other sessions.
struct AccountController {
    private static let pendingSecretKey = "totp-pending"

    func show(_ req: Request) async throws -> Response {
        try await page(req, message: try? req.query.get(String.self, at: "done"), error: nil)
    }

    func changePassword(_ req: Request) async throws -> Response {
        struct Form: Content { var current: String?; var new: String?; var confirm: String? }
        let f = (try? req.content.decode(Form.self)) ?? Form()
        let p = try req.principal()
        guard let user = try await User.find(p.userID, on: req.db) else { throw Abort(.unauthorized) }
        let ctx = PageContext(req)
        guard let current = f.current, current.utf8.count <= Limits.passwordBytes,
              (try? await req.password.async.verify(current, created: user.passwordHash)) == true else {
            await req.audit("password-change-refused", target: "user:\(user.username)", detail: "wrong current password")
            return try await page(req, message: nil, error: ctx.t("当前密码不正确。", "The current password is wrong."), status: .unprocessableEntity)
        }
        let new = f.new ?? ""
        guard new == (f.confirm ?? "") else {
            return try await page(req, message: nil, error: ctx.t("两次输入的新密码不一致。", "The two new passwords differ."), status: .unprocessableEntity)
        }
        if let problem = PasswordPolicy.standard.problem(new, username: user.username) {
            return try await page(req, message: nil, error: ctx.t(problem.zh, problem.en), status: .unprocessableEntity)
        }
        try await AccountChanges.setPassword(user, to: new, on: req, keepingCurrentSession: true)
        await req.audit("password-change", target: "user:\(user.username)")
        return req.redirect(to: "/account?done=password")
    }

    /// First POST (no code): a new secret is kept in the session and shown; second POST with a code confirms it.
    func enableTOTP(_ req: Request) async throws -> Response {
        struct Form: Content { var code: String? }
        let f = (try? req.content.decode(Form.self)) ?? Form()
        let p = try req.principal()
        guard p.role == .admin || p.role == .inspector || p.role == .statistician else {
            throw await req.denial("user:\(p.username)/totp", "enable-totp", status: .forbidden)
        }
        guard let user = try await User.find(p.userID, on: req.db) else { throw Abort(.unauthorized) }
        let ctx = PageContext(req)
        guard let code = f.code, !code.isEmpty, let secret = req.session.data[Self.pendingSecretKey] else {
            let secret = TOTP.newSecret()
            req.session.data[Self.pendingSecretKey] = secret
            return try await page(req, message: nil, error: nil, enrolling: secret)
        }
        guard TOTP.verify(code: code, secret: secret) else {
            return try await page(req, message: nil, error: ctx.t("验证码不正确，请重试。", "Wrong code; try again."), status: .unprocessableEntity,
                                  enrolling: secret)
        }
        user.totpSecret = secret
        try await user.save(on: req.db)
        req.session.data[Self.pendingSecretKey] = nil
        await req.audit("totp-enable", target: "user:\(user.username)")
        return req.redirect(to: "/account?done=totp")
    }

    func disableTOTP(_ req: Request) async throws -> Response {
        struct Form: Content { var current: String? }
        let f = (try? req.content.decode(Form.self)) ?? Form()
        let p = try req.principal()
        guard let user = try await User.find(p.userID, on: req.db) else { throw Abort(.unauthorized) }
        guard let current = f.current, current.utf8.count <= Limits.passwordBytes,
              (try? await req.password.async.verify(current, created: user.passwordHash)) == true else {
            let ctx = PageContext(req)
            return try await page(req, message: nil, error: ctx.t("当前密码不正确。", "The current password is wrong."), status: .unprocessableEntity)
        }
        user.totpSecret = nil
        try await user.save(on: req.db)
        await req.audit("totp-disable", target: "user:\(user.username)")
        return req.redirect(to: "/account?done=totp-off")
    }

    private func page(_ req: Request, message: String?, error: String?, status: HTTPResponseStatus = .ok,
                      enrolling: String? = nil) async throws -> Response {
        let p = try req.principal()
        let user = try await User.find(p.userID, on: req.db)
        let model = AccountModel(username: p.username, role: p.role, hasTOTP: user?.totpSecret != nil,
                                 mayUseTOTP: p.role == .admin || p.role == .inspector || p.role == .statistician,
                                 enrollingSecret: enrolling, message: message, error: error)
        return Layout.response(AccountView.render(model, PageContext(req)), status: status)
    }
}

/// Account changes shared by the user's own page and the administrator's.
enum AccountChanges {
    /// Sets a password (already checked against the policy) and ends the user's other sessions and API tokens.
    static func setPassword(_ user: User, to password: String, on req: Request, keepingCurrentSession: Bool) async throws {
        user.passwordHash = try await req.password.async.hash(password)
        user.passwordChangedAt = Date()
        try await saveEndingAccess(user, on: req, keeping: keepingCurrentSession && req.hasSession ? req.session.id : nil)
    }

    /// Saves the user and, in the same transaction, deletes their API tokens; then ends their sessions (except
    /// `keeping`) and drops the cached token and principal, so the change takes effect on the next request.
    static func saveEndingAccess(_ user: User, on req: Request, keeping: SessionID? = nil) async throws {
        let id = try user.requireID()
        try await req.db.transaction { db in
            try await user.save(on: db)
            try await APIToken.query(on: db).filter(\.$user.$id == id).delete()
        }
        try await req.application.sessionStore.dropAll(of: id, keeping: keeping, on: req.db)
        req.application.lookups.tokens.removeAll()
        req.application.lookups.principals.invalidate(id)
    }
}
