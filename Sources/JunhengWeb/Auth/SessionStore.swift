import Foundation
import NIOConcurrencyHelpers
import Vapor

/// In-memory sessions that expire after a period of inactivity and can be dropped on login (no fixation).
final class ExpiringMemorySessions: SessionDriver, Sendable {
    private struct Entry { var data: SessionData; var lastSeen: Date }
    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    let idleTimeout: TimeInterval

    init(idleTimeout: TimeInterval = 8 * 3600) { self.idleTimeout = idleTimeout }

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        let id = SessionID(string: RandomToken.make())
        let now = Date()
        entries.withLockedValue { e in
            e[id.string] = Entry(data: data, lastSeen: now)
            if e.count % 1024 == 0 { e = e.filter { now.timeIntervalSince($0.value.lastSeen) < idleTimeout } }
        }
        return request.eventLoop.makeSucceededFuture(id)
    }

    func readSession(_ id: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        let now = Date()
        let data: SessionData? = entries.withLockedValue { e in
            guard let entry = e[id.string] else { return nil }
            guard now.timeIntervalSince(entry.lastSeen) < idleTimeout else { e[id.string] = nil; return nil }
            return entry.data
        }
        return request.eventLoop.makeSucceededFuture(data)
    }

    func updateSession(_ id: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        let now = Date()
        entries.withLockedValue { $0[id.string] = Entry(data: data, lastSeen: now) }
        return request.eventLoop.makeSucceededFuture(id)
    }

    func deleteSession(_ id: SessionID, for request: Request) -> EventLoopFuture<Void> {
        entries.withLockedValue { $0[id.string] = nil }
        return request.eventLoop.makeSucceededFuture(())
    }

    /// Drops a session now (used when a user logs in, so the pre-login id is never reused).
    func drop(_ id: SessionID) { entries.withLockedValue { $0[id.string] = nil } }
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
    private struct SessionStoreKey: StorageKey { typealias Value = ExpiringMemorySessions }

    /// The session store, so a login can drop the pre-login session.
    var sessionStore: ExpiringMemorySessions {
        get { storage[SessionStoreKey.self]! }
        set { storage[SessionStoreKey.self] = newValue }
    }
}
