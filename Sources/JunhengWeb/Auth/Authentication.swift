import Crypto
import Fluent
import Foundation
import Vapor

/// Why a login was refused.
enum LoginFailure: Error, Equatable {
    case badCredentials
    case throttled(retryAfter: Int)
    /// Password right; the account has a second factor and no (or a wrong) code was given.
    case needsSecondFactor
}

/// Checks passwords (Bcrypt), applies throttling and audits every attempt; shared by the web form and the API.
enum Authentication {
    static let sessionUserKey = "uid"

    /// Verifies username, password and (when the account has one) the TOTP code. The attempt is reserved in the
    /// throttle before bcrypt runs, so parallel guesses count at once; a success gives the reservation back.
    static func login(username rawUsername: String, password: String, totp: String? = nil,
                      on req: Request) async throws -> Result<User, LoginFailure> {
        let address = req.clientAddress
        let username = String(rawUsername.prefix(Limits.username + 1))
        let throttle = req.application.loginThrottle
        switch await throttle.reserve(username: username, address: address) {
        case .throttled(let wait, let first):
            if first {
                await req.audit("login-throttled", target: "user:\(AuditText.short(username))",
                                detail: "address \(address), retry after \(wait) s; further attempts in this lockout are counted, not logged",
                                actor: AuditText.short(username))
            }
            return .failure(.throttled(retryAfter: wait))
        case .allowed(let suppressed):
            for (key, count) in suppressed {
                await req.audit("login-throttled-summary", target: key, detail: "\(count) throttled attempt(s) refused during the lockout", actor: "-")
            }
        }
        let user = username.count <= Limits.username && password.utf8.count <= Limits.passwordBytes
            ? try await User.query(on: req.db).filter(\.$username == username).first() : nil
        // Verify against a fixed hash when the user is unknown, so timing does not reveal which usernames exist.
        let hash = user?.passwordHash ?? req.application.web.unknownUserHash
        let verified = (try? await req.password.async.verify(password, created: hash)) ?? false
        let ok = password.utf8.count <= Limits.passwordBytes && verified
        let usable = user.map { $0.active && (!$0.demo || req.application.web.demo) } ?? false
        guard ok, usable, let user else {
            let why = user == nil ? "" : user?.active == false ? ", account deactivated" : user?.demo == true && !req.application.web.demo ? ", demo account outside demo mode" : ""
            await req.audit("login-failed", target: "user:\(AuditText.short(username))", detail: "address \(address)\(why)", actor: AuditText.short(username))
            return .failure(.badCredentials)
        }
        if let secret = user.totpSecret {
            guard let code = totp, !code.isEmpty else { return .failure(.needsSecondFactor) }
            guard TOTP.verify(code: code, secret: secret) else {
                await req.audit("login-failed", target: "user:\(user.username)", detail: "address \(address), wrong second-factor code", actor: user.username)
                return .failure(.needsSecondFactor)
            }
        }
        await throttle.succeeded(username: username, address: address)
        await req.audit("login", target: "user:\(user.username)", detail: "address \(address)", actor: user.username)
        return .success(user)
    }

    /// SHA-256 of an API token, hex: only this is stored.
    static func tokenHash(_ token: String) -> String {
        SHA256.hex(Array(token.utf8))
    }
}

/// Text from outside that goes into the audit log, bounded.
enum AuditText {
    /// At most `Limits.username` characters, the rest replaced by its length.
    static func short(_ s: String, max: Int = Limits.username) -> String {
        s.count <= max ? s : String(s.prefix(max)) + "…(\(s.count) chars)"
    }
}

extension Request {
    /// The client's address: the peer's, or, when the peer is a configured trusted proxy, the last address in the
    /// configured forwarding header that is not itself a trusted proxy.
    var clientAddress: String {
        let peer = remoteAddress?.ipAddress ?? "-"
        let web = application.web
        guard web.trustedProxies.contains(peer), let header = headers.first(name: web.forwardedHeader) else { return peer }
        let hops = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let client = hops.reversed().first { !web.trustedProxies.contains($0) } ?? peer
        let plausible = client.count <= 45 && client.allSatisfy { $0.isHexDigit || $0 == "." || $0 == ":" }
        return plausible ? client : peer
    }
}

/// Loads the principal from the session cookie (web pages).
struct SessionPrincipalMiddleware: Middleware {
    // Future-based: a cached principal is set without starting a task; only a cache miss goes to the database.
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        // Only a request that came with a session cookie has a session; anonymous requests create none.
        guard req.hasSession, let raw = req.session.data[Authentication.sessionUserKey], let id = UUID(uuidString: raw) else {
            return next.respond(to: req)
        }
        if let cached = req.application.lookups.cachedPrincipal(id, on: req.application.db) {
            apply(cached, to: req)
            return next.respond(to: req)
        }
        return req.eventLoop.makeFutureWithTask { try await req.application.lookups.principal(id, on: req.db) }
            .flatMap { p in
                self.apply(p, to: req)
                return next.respond(to: req)
            }
    }

    private func apply(_ p: Principal?, to req: Request) {
        if let p, p.usable(demoMode: req.application.web.demo) { req.setPrincipal(p) } else { req.session.destroy() }
    }
}

/// Loads the principal from `Authorization: Bearer …` (JSON API).
struct BearerPrincipalMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = req.headers.bearerAuthorization, bearer.token.utf8.count <= 128 {
            let hash = Authentication.tokenHash(bearer.token)
            let token = try await req.application.lookups.tokens.value(hash) {
                try await APIToken.query(on: req.db).filter(\.$tokenHash == hash).first().map { ($0.$user.id, $0.expiresAt) }
            }
            if let token, token.expiresAt > Date(),
               let p = try await req.application.lookups.principal(token.userID, on: req.db), p.usable(demoMode: req.application.web.demo) {
                req.setPrincipal(p)
            }
        }
        return try await next.respond(to: req)
    }
}

/// Sends anonymous browsers to the login page, keeping where they wanted to go.
/// Future-based, like the other middlewares on every page (no task per request).
struct RequireLoginMiddleware: Middleware {
    func respond(to req: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard req.optionalPrincipal != nil else {
            let target = req.url.path + (req.url.query.map { "?" + $0 } ?? "")
            let encoded = target.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(["&", "="])) ?? "/"
            return req.eventLoop.makeSucceededFuture(req.redirect(to: "/login?next=" + encoded))
        }
        return next.respond(to: req)
    }
}

/// Answers 401 with a JSON error when the API caller has no valid token.
struct RequireTokenMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard req.optionalPrincipal != nil else {
            throw Abort(.unauthorized, headers: ["WWW-Authenticate": "Bearer"], reason: "需要有效的令牌 / a valid bearer token is required")
        }
        return try await next.respond(to: req)
    }
}

extension Application {
    private struct ThrottleKey: StorageKey { typealias Value = LoginThrottle }

    /// Failed-login counters of this process.
    var loginThrottle: LoginThrottle {
        get { storage[ThrottleKey.self]! }
        set { storage[ThrottleKey.self] = newValue }
    }
}
