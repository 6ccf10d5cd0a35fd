import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Values kept for a short lifetime, so hot pages need no database round trip; local changes invalidate at once,
/// other processes (several servers on one PostgreSQL) see a change within `lifetime + staleFor`.
final class TTLCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Loading { let id: Int; let task: Task<Value, any Error> }
    private enum Found { case hit(Value), wait(Task<Value, any Error>) }
    private struct State {
        var entries: [Key: (value: Value, at: Date)] = [:]
        /// One load in flight per key: concurrent misses wait for it instead of each querying (a stampede of 32
        /// connections at every expiry made the dashboard's p99 tail).
        var loading: [Key: Loading] = [:]
        /// Bumped by every invalidation, so a load that started before one is not kept.
        var generation = 0
        var nextLoad = 0
    }
    private let state = NIOLockedValueBox(State())
    let lifetime: TimeInterval
    /// How long past `lifetime` a value is still answered while one background load refreshes it (0: never), so
    /// an expiry makes no request wait for the database. Invalidated values are never answered.
    let staleFor: TimeInterval
    let capacity: Int
    /// The time now (tests move a clock of their own instead of sleeping past expiries).
    private let clock: @Sendable () -> Date

    init(lifetime: TimeInterval, staleFor: TimeInterval = 0, capacity: Int = 10_000, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.lifetime = lifetime
        self.staleFor = staleFor
        self.capacity = capacity
        self.clock = clock
    }

    /// The cached value, or `load()`'s result (then kept). Concurrent callers missing the same key share one load;
    /// a value expired less than `staleFor` ago is answered at once while that load refreshes it.
    func value(_ key: Key, load: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let now = clock()
        let found: Found = state.withLockedValue { s in
            if let hit = answer(key, now: now, load: load, in: &s) { return .hit(hit) }
            if let loading = s.loading[key] { return .wait(loading.task) }
            return .wait(startLoad(key, load, in: &s))
        }
        switch found {
        case .hit(let value): return value
        case .wait(let task): return try await task.value
        }
    }

    /// The fresh value, or one expired less than `staleFor` ago (then a background load refreshes it); nil when
    /// absent or older: the caller then loads with `value(_:load:)`. For hot paths answered without a task.
    func peek(_ key: Key, refreshing load: @escaping @Sendable () async throws -> Value) -> Value? {
        let now = clock()
        return state.withLockedValue { answer(key, now: now, load: load, in: &$0) }
    }

    /// The one rule of both look-ups: a fresh value; or a value less than `staleFor` past its lifetime, with a
    /// background load started unless one runs; else nil (the caller holds the lock).
    private func answer(_ key: Key, now: Date, load: @escaping @Sendable () async throws -> Value, in s: inout State) -> Value? {
        guard let hit = s.entries[key] else { return nil }
        let age = now.timeIntervalSince(hit.at)
        if age < lifetime { return hit.value }
        guard age < lifetime + staleFor else { return nil }
        if s.loading[key] == nil { _ = startLoad(key, load, in: &s) }
        return hit.value
    }

    /// Starts load `load` for `key` (the caller holds the lock and found none in flight).
    private func startLoad(_ key: Key, _ load: @escaping @Sendable () async throws -> Value, in s: inout State)
        -> Task<Value, any Error> {
        let generation = s.generation
        let id = s.nextLoad
        s.nextLoad &+= 1
        let task = Task<Value, any Error> {
            do {
                let value = try await load()
                self.settle(key, load: id, generation: generation, value: value)
                return value
            } catch {
                self.settle(key, load: id, generation: generation, value: nil)
                throw error
            }
        }
        s.loading[key] = Loading(id: id, task: task)
        return task
    }

    /// Ends load `id`: keeps its value unless an invalidation came after it started.
    private func settle(_ key: Key, load id: Int, generation: Int, value: Value?) {
        state.withLockedValue { s in
            if s.loading[key]?.id == id { s.loading[key] = nil }
            guard let value, s.generation == generation else { return }
            Self.keep(value, for: key, now: clock(), in: &s, capacity: capacity)
        }
    }

    /// The cached value, or `make()`'s result (then kept), for values computed in place.
    func computed(_ key: Key, make: () -> Value) -> Value {
        let now = clock()
        if let hit = cached(key, now: now) { return hit }
        let value = make()
        state.withLockedValue { Self.keep(value, for: key, now: now, in: &$0, capacity: capacity) }
        return value
    }

    private func cached(_ key: Key, now: Date) -> Value? {
        guard let hit = state.withLockedValue({ $0.entries[key] }), now.timeIntervalSince(hit.at) < lifetime else { return nil }
        return hit.value
    }

    /// Stores a value; when full, the cache starts again empty.
    private static func keep(_ value: Value, for key: Key, now: Date, in s: inout State, capacity: Int) {
        if s.entries.count >= capacity { s.entries.removeAll(keepingCapacity: true) }
        s.entries[key] = (value, now)
    }

    /// The cached value without loading (nil when absent or stale).
    func peek(_ key: Key) -> Value? { cached(key, now: clock()) }

    /// Stores a value now (a load in flight is not kept over it).
    func set(_ key: Key, _ value: Value) {
        state.withLockedValue { s in
            s.generation &+= 1
            s.loading[key] = nil
            Self.keep(value, for: key, now: clock(), in: &s, capacity: capacity)
        }
    }

    func invalidate(_ key: Key) {
        state.withLockedValue { s in
            s.generation &+= 1
            s.entries[key] = nil
            s.loading[key] = nil
        }
    }

    func removeAll() {
        state.withLockedValue { s in
            s.generation &+= 1
            s.entries.removeAll()
            s.loading.removeAll()
        }
    }
}

/// What every page needs, cached: principals, counties by code, a county's snapshot history, tokens, names, rendered pages.
struct LookupCaches: Sendable {
    /// Principals by user id, so a page view does not reload the user, region and school each time;
    /// administration changes drop the entry at once.
    let principals = TTLCache<UUID, Principal?>(lifetime: 5, staleFor: 5)
    /// Regions by code (nil cached too, so a guessed code costs one query per lifetime).
    let regions = TTLCache<String, Region?>(lifetime: 5, staleFor: 5)
    /// Every snapshot of a county, newest first; dropped when an upload to that county succeeds.
    let history = TTLCache<UUID, [SnapshotInfo]>(lifetime: 2, staleFor: 2)
    /// API tokens by SHA-256: the user and expiry (tokens are never changed, only expire).
    let tokens = TTLCache<String, (userID: UUID, expiresAt: Date)?>(lifetime: 5, staleFor: 5)
    /// Users' display names.
    let names = TTLCache<UUID, String>(lifetime: 60, staleFor: 60)
    /// Rendered page fragments of immutable snapshots, keyed by everything they depend on (never stale:
    /// a new upload is a new key). Pages are cheap to render once, costly to render per request.
    let pages = TTLCache<String, String>(lifetime: .infinity, capacity: 512)
}

extension LookupCaches {
    /// The user's principal, from the cache or the database.
    func principal(_ id: UUID, on db: any Database) async throws -> Principal? {
        try await principals.value(id) { try await Principal.load(userID: id, on: db) }
    }

    /// The user's principal when cached (fresh, or stale while a background load refreshes it); nil when not cached.
    func cachedPrincipal(_ id: UUID, on db: any Database) -> Principal?? {
        principals.peek(id) { try await Principal.load(userID: id, on: db) }
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
