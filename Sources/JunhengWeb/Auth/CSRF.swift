import Foundation
import Vapor

/// Cross-site request forgery protection. Signed-in users: a per-session token that every form posts back as `_csrf`.
/// Anonymous forms (the login page): a double-submit cookie, so showing the login page creates no session.
enum CSRF {
    static let field = "_csrf"
    static let cookie = "junheng-csrf"
    private static let sessionKey = "csrf"
    private struct PendingCookie: StorageKey { typealias Value = String }

    /// The token for the forms of this page: the session's (created on first use) when there is a session,
    /// otherwise the double-submit cookie's (set on the response by `attachCookie`).
    static func token(for req: Request) -> String {
        if req.hasSession, req.session.data[Authentication.sessionUserKey] != nil || req.session.data[sessionKey] != nil {
            if let t = req.session.data[sessionKey] { return t }
            let t = RandomToken.make()
            req.session.data[sessionKey] = t
            return t
        }
        if let pending = req.storage[PendingCookie.self] { return pending }
        if let c = req.cookies[cookie]?.string, c.utf8.count == 43 { return c }
        let t = RandomToken.make()
        req.storage[PendingCookie.self] = t
        return t
    }

    /// Gives a session its token (at login, so the next page's forms use it).
    static func startSession(_ req: Request) { req.session.data[sessionKey] = RandomToken.make() }

    /// Sets the double-submit cookie on an anonymous page's response if this request made one.
    static func attachCookie(_ req: Request, _ response: Response) {
        guard let t = req.storage[PendingCookie.self] else { return }
        response.cookies[cookie] = HTTPCookies.Value(string: t, maxAge: 3600, path: "/", isSecure: req.application.web.secureCookies,
                                                     isHTTPOnly: true, sameSite: .strict)
    }

    /// Whether the posted token matches the session's, or for a request without a session the cookie's
    /// (compared in constant time).
    static func isValid(_ req: Request) -> Bool {
        guard let given = try? req.content.get(String.self, at: field) else { return false }
        let expected: String?
        if req.hasSession, let t = req.session.data[sessionKey] { expected = t } else { expected = req.cookies[cookie]?.string }
        guard let expected else { return false }
        let a = Array(expected.utf8), b = Array(given.utf8)
        guard a.count == b.count, !a.isEmpty else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Rejects any browser POST without a valid CSRF token (403), before the handler runs.
struct CSRFMiddleware: Middleware {
    /// The largest body read to find the token. A streamed body (a real upload) is only read by the route
    /// after the middleware, so it is collected here first, up to this size (larger: 413).
    var maxBody: ByteCount = Limits.formBody

    /// Other methods pass straight through, with no task started; a POST is checked asynchronously.
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard req.method == .POST else { return next.respond(to: req) }
        return req.eventLoop.makeFutureWithTask { try await self.check(req) }.flatMap { next.respond(to: req) }
    }

    private func check(_ req: Request) async throws {
        if req.body.data == nil {
            _ = try await req.body.collect(max: maxBody.value).get()
        }
        if let size = req.body.data?.readableBytes, size > maxBody.value {
            throw Abort(.payloadTooLarge, reason: "请求体过大 / request body too large")
        }
        if !CSRF.isValid(req) {
            await req.audit("csrf-rejected", target: req.url.path)
            throw Abort(.forbidden, reason: "表单已过期或来源不明，请刷新页面后重试 / invalid or missing CSRF token")
        }
    }
}
