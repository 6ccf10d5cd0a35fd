import Crypto
import Fluent
import Foundation
import Vapor

/// Why a login was refused.
enum LoginFailure: Error, Equatable {
    case badCredentials
    case throttled(retryAfter: Int)
}

/// Checks passwords (Bcrypt), applies throttling and audits every attempt; shared by the web form and the API.
enum Authentication {
    static let sessionUserKey = "uid"

    static func login(username: String, password: String, on req: Request) async throws -> Result<User, LoginFailure> {
        let address = req.remoteAddress?.ipAddress ?? "-"
        let throttle = req.application.loginThrottle
        if let wait = await throttle.retryAfter(username: username, address: address) {
            await req.audit("login-throttled", target: "user:\(username)", detail: "address \(address), retry after \(wait) s", actor: username)
            return .failure(.throttled(retryAfter: wait))
        }
        let user = try await User.query(on: req.db).filter(\.$username == username).first()
        // Verify against a fixed hash when the user is unknown, so timing does not reveal which usernames exist.
        let hash = user?.passwordHash ?? req.application.web.unknownUserHash
        let ok = (try? await req.password.async.verify(password, created: hash)) ?? false
        guard ok, let user else {
            await throttle.recordFailure(username: username, address: address)
            await req.audit("login-failed", target: "user:\(username)", detail: "address \(address)", actor: username)
            return .failure(.badCredentials)
        }
        await throttle.recordSuccess(username: username)
        await req.audit("login", target: "user:\(user.username)", detail: "address \(address)", actor: user.username)
        return .success(user)
    }

    /// SHA-256 of an API token, hex: only this is stored.
    static func tokenHash(_ token: String) -> String {
        SHA256.hex(Array(token.utf8))
    }
}

/// Loads the principal from the session cookie (web pages).
struct SessionPrincipalMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let raw = req.session.data[Authentication.sessionUserKey], let id = UUID(uuidString: raw) {
            if let p = try await req.application.lookups.principal(id, on: req.db) { req.setPrincipal(p) }
            else { req.session.data[Authentication.sessionUserKey] = nil }
        }
        return try await next.respond(to: req)
    }
}

/// Loads the principal from `Authorization: Bearer …` (JSON API).
struct BearerPrincipalMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = req.headers.bearerAuthorization {
            let hash = Authentication.tokenHash(bearer.token)
            let token = try await req.application.lookups.tokens.value(hash) {
                try await APIToken.query(on: req.db).filter(\.$tokenHash == hash).first().map { ($0.$user.id, $0.expiresAt) }
            }
            if let token, token.expiresAt > Date(),
               let p = try await req.application.lookups.principal(token.userID, on: req.db) {
                req.setPrincipal(p)
            }
        }
        return try await next.respond(to: req)
    }
}

/// Sends anonymous browsers to the login page, keeping where they wanted to go.
struct RequireLoginMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard req.optionalPrincipal != nil else {
            let target = req.url.path + (req.url.query.map { "?" + $0 } ?? "")
            let encoded = target.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(["&", "="])) ?? "/"
            return req.redirect(to: "/login?next=" + encoded)
        }
        return try await next.respond(to: req)
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
