import Crypto
import Fluent
import Foundation
import Vapor

/// A signed-in browser session, stored in the database so a restart logs nobody out. Only the SHA-256 of the
/// cookie's token is stored, so a copy of the database cannot be used to take over sessions.
final class WebSession: Model, @unchecked Sendable {
    static let schema = "web_sessions"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "data") var data: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen") var lastSeen: Date

    init() {}

    init(id: String, userID: UUID?, data: String, at: Date) {
        self.id = id
        self.userID = userID
        self.data = data
        createdAt = at
        lastSeen = at
    }
}

/// Sessions in the database behind a short cache. Vapor's own Fluent driver writes the row on every request and
/// keys it by the raw cookie value; this one writes only when the data change or once a minute (the idle clock),
/// and keys rows by the token's hash. Sessions expire after `idleTimeout` without a request.
final class DatabaseSessions: SessionDriver, Sendable {
    struct Cached: Sendable { var data: SessionData; var lastSeen: Date }
    let idleTimeout: TimeInterval
    /// How stale `last_seen` may get before a request writes it again.
    let touchInterval: TimeInterval = 60
    private let cache = TTLCache<String, Cached?>(lifetime: 5, staleFor: 5, capacity: 50_000)

    init(idleTimeout: TimeInterval = 8 * 3600) { self.idleTimeout = idleTimeout }

    static func key(_ id: SessionID) -> String { SHA256.hex(Array(id.string.utf8)) }

    // The hot paths (a cached read, an update that changes nothing) answer with an already-succeeded future: no task is
    // started and no event-loop hop is made, which the dashboard benchmark showed to cost ~10% of a page view.

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        request.eventLoop.makeFutureWithTask { try await self.create(data, for: request) }
    }

    func readSession(_ id: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        guard id.string.utf8.count <= 64 else { return request.eventLoop.makeSucceededFuture(nil) }
        if let hit = cached(Self.key(id), request), let cached = hit, Date().timeIntervalSince(cached.lastSeen) < idleTimeout {
            return request.eventLoop.makeSucceededFuture(cached.data)
        }
        return request.eventLoop.makeFutureWithTask { try await self.read(id, for: request) }
    }

    func updateSession(_ id: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        if let cached = cached(Self.key(id), request) ?? nil, cached.data == data,
           Date().timeIntervalSince(cached.lastSeen) < touchInterval {
            return request.eventLoop.makeSucceededFuture(id)
        }
        return request.eventLoop.makeFutureWithTask { try await self.update(id, to: data, for: request) }
    }

    func deleteSession(_ id: SessionID, for request: Request) -> EventLoopFuture<Void> {
        request.eventLoop.makeFutureWithTask { try await self.drop(id, on: request.db) }
    }

    /// The cached row, fresh or being refreshed in the background (an expiry makes no request wait).
    private func cached(_ key: String, _ request: Request) -> Cached?? {
        let db = request.application.db
        return cache.peek(key, refreshing: { try await Self.load(key, on: db) })
    }

    /// The stored session, decoded.
    private static func load(_ key: String, on db: any Database) async throws -> Cached? {
        guard let row = try await WebSession.find(key, on: db) else { return nil }
        return Cached(data: try decode(row.data), lastSeen: row.lastSeen)
    }

    private func create(_ data: SessionData, for request: Request) async throws -> SessionID {
        let id = SessionID(string: RandomToken.make())
        // An empty session (a stale or forged cookie) is not stored: anonymous traffic costs no row and no memory.
        guard !data.snapshot.isEmpty else { return id }
        let now = Date()
        let key = Self.key(id)
        try await WebSession(id: key, userID: Self.user(data), data: try Self.encode(data), at: now).create(on: request.db)
        cache.set(key, Cached(data: data, lastSeen: now))
        if Int.random(in: 0..<256) == 0 { try await purgeExpired(on: request.db, now: now) }
        return id
    }

    private func read(_ id: SessionID, for request: Request) async throws -> SessionData? {
        let key = Self.key(id)
        let now = Date()
        let db = request.db
        let found = try await cache.value(key) { try await Self.load(key, on: db) }
        guard let found else { return nil }
        guard now.timeIntervalSince(found.lastSeen) < idleTimeout else {
            try await WebSession.query(on: request.db).filter(\.$id == key).delete()
            cache.invalidate(key)
            return nil
        }
        return found.data
    }

    private func update(_ id: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        let key = Self.key(id)
        let now = Date()
        try await WebSession.query(on: request.db).filter(\.$id == key)
            .set(\.$data, to: try Self.encode(data)).set(\.$userID, to: Self.user(data)).set(\.$lastSeen, to: now).update()
        cache.set(key, Cached(data: data, lastSeen: now))
        return id
    }

    /// Drops a session now (a login drops the pre-login one, so its id is never reused).
    func drop(_ id: SessionID, on db: any Database) async throws {
        let key = Self.key(id)
        try await WebSession.query(on: db).filter(\.$id == key).delete()
        cache.invalidate(key)
    }

    /// Ends every session of a user (password change, reset, deactivation), except `keeping`.
    func dropAll(of userID: UUID, keeping: SessionID? = nil, on db: any Database) async throws {
        var q = WebSession.query(on: db).filter(\.$userID == userID)
        if let keeping { q = q.filter(\.$id != Self.key(keeping)) }
        try await q.delete()
        cache.removeAll()
    }

    /// Forgets the cached copies (tests; another process's changes otherwise show within the cache lifetime).
    func forgetCached() { cache.removeAll() }

    private func purgeExpired(on db: any Database, now: Date) async throws {
        try await WebSession.query(on: db).filter(\.$lastSeen < now.addingTimeInterval(-idleTimeout)).delete()
    }

    private static func user(_ data: SessionData) -> UUID? { data[Authentication.sessionUserKey].flatMap(UUID.init(uuidString:)) }
    private static func encode(_ data: SessionData) throws -> String { String(decoding: try JSONEncoder().encode(data.snapshot), as: UTF8.self) }
    private static func decode(_ text: String) throws -> SessionData {
        SessionData(initialData: (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:])
    }
}

struct CreateWebSessions: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(WebSession.schema)
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .uuid)
            .field("data", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen", .datetime, .required)
            .create()
    }
    func revert(on db: any Database) async throws { try await db.schema(WebSession.schema).delete() }
}

extension Data {
    /// Base64 with the URL-safe alphabet and no padding.
    func base64URLEncoded() -> String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// Random URL-safe tokens for sessions, CSRF and the API.
enum RandomToken {
    static func make(bytes count: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64URLEncoded()
    }
}

extension Application {
    private struct SessionStoreKey: StorageKey { typealias Value = DatabaseSessions }

    /// The session store, so a login can drop the pre-login session and a password change every other one.
    var sessionStore: DatabaseSessions {
        get { storage[SessionStoreKey.self]! }
        set { storage[SessionStoreKey.self] = newValue }
    }
}
