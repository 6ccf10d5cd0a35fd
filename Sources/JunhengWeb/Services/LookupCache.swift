import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Values kept for a short lifetime, so hot pages need no database round trip; local changes invalidate at once,
/// other processes (several servers on one PostgreSQL) see a change within `lifetime`.
final class TTLCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let entries = NIOLockedValueBox<[Key: (value: Value, at: Date)]>([:])
    let lifetime: TimeInterval
    let capacity: Int

    init(lifetime: TimeInterval, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The cached value, or `load()`'s result (then kept).
    func value(_ key: Key, load: () async throws -> Value) async throws -> Value {
        let now = Date()
        if let hit = cached(key, now: now) { return hit }
        let value = try await load()
        keep(value, for: key, now: now)
        return value
    }

    /// The cached value, or `make()`'s result (then kept), for values computed in place.
    func value(_ key: Key, make: () -> Value) -> Value {
        let now = Date()
        if let hit = cached(key, now: now) { return hit }
        let value = make()
        keep(value, for: key, now: now)
        return value
    }

    private func cached(_ key: Key, now: Date) -> Value? {
        guard let hit = entries.withLockedValue({ $0[key] }), now.timeIntervalSince(hit.at) < lifetime else { return nil }
        return hit.value
    }

    /// Stores a value; when full, the cache starts again empty.
    private func keep(_ value: Value, for key: Key, now: Date) {
        entries.withLockedValue { e in
            if e.count >= capacity { e.removeAll(keepingCapacity: true) }
            e[key] = (value, now)
        }
    }

    /// The cached value without loading (nil when absent or stale).
    func peek(_ key: Key) -> Value? { cached(key, now: Date()) }

    /// Stores a value now.
    func set(_ key: Key, _ value: Value) { keep(value, for: key, now: Date()) }

    func invalidate(_ key: Key) { entries.withLockedValue { $0[key] = nil } }
    func removeAll() { entries.withLockedValue { $0.removeAll() } }
}

/// What every page needs, cached: principals, counties by code, a county's snapshot history, tokens, names, rendered pages.
struct LookupCaches: Sendable {
    /// Principals by user id, so a page view does not reload the user, region and school each time;
    /// administration changes drop the entry at once.
    let principals = TTLCache<UUID, Principal?>(lifetime: 5)
    /// Regions by code (nil cached too, so a guessed code costs one query per lifetime).
    let regions = TTLCache<String, Region?>(lifetime: 5)
    /// Every snapshot of a county, newest first; dropped when an upload to that county succeeds.
    let history = TTLCache<UUID, [SnapshotInfo]>(lifetime: 2)
    /// API tokens by SHA-256: the user and expiry (tokens are never changed, only expire).
    let tokens = TTLCache<String, (userID: UUID, expiresAt: Date)?>(lifetime: 5)
    /// Users' display names.
    let names = TTLCache<UUID, String>(lifetime: 60)
    /// Rendered page fragments of immutable snapshots, keyed by everything they depend on (never stale:
    /// a new upload is a new key). Pages are cheap to render once, costly to render per request.
    let pages = TTLCache<String, String>(lifetime: .infinity, capacity: 512)
}

extension LookupCaches {
    /// The user's principal, from the cache or the database.
    func principal(_ id: UUID, on db: any Database) async throws -> Principal? {
        try await principals.value(id) { try await Principal.load(userID: id, on: db) }
    }
}

extension Application {
    private struct LookupCachesKey: StorageKey { typealias Value = LookupCaches }

    /// This process's lookup caches.
    var lookups: LookupCaches {
        get { storage[LookupCachesKey.self]! }
        set { storage[LookupCachesKey.self] = newValue }
    }
}
