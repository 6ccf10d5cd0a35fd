import Foundation
import Vapor

/// Cross-site request forgery protection: a per-session token that every form posts back as `_csrf`.
enum CSRF {
    static let field = "_csrf"
    private static let sessionKey = "csrf"

    /// The session's token, created on first use.
    static func token(for req: Request) -> String {
        if let t = req.session.data[sessionKey] { return t }
        let t = RandomToken.make()
        req.session.data[sessionKey] = t
        return t
    }

    /// Whether the posted token matches the session's (compared in constant time).
    static func isValid(_ req: Request) -> Bool {
        guard let expected = req.session.data[sessionKey],
              let given = try? req.content.get(String.self, at: field) else { return false }
        let a = Array(expected.utf8), b = Array(given.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Rejects any browser POST without a valid CSRF token (403), before the handler runs.
struct CSRFMiddleware: AsyncMiddleware {
    /// The largest body read to find the token. A streamed body (a real upload) is only read by the route
    /// after the middleware, so it is collected here first, up to this size.
    var maxBody: ByteCount = "64kb"

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if req.method == .POST && req.body.data == nil {
            _ = try await req.body.collect(max: maxBody.value).get()
        }
        if req.method == .POST && !CSRF.isValid(req) {
            await req.audit("csrf-rejected", target: req.url.path)
            throw Abort(.forbidden, reason: "表单已过期或来源不明，请刷新页面后重试 / invalid or missing CSRF token")
        }
        return try await next.respond(to: req)
    }
}
