import Foundation
import NIOConcurrencyHelpers
import Testing
@testable import JunhengWeb

/// The short-lived lookup cache: one load per key however many requests miss it at once, and no stale value kept
/// over an invalidation that came while the load was running.
@Suite struct LookupCacheTests {
    /// Counts loads; each waits until released, so every caller below misses while the first load is running.
    final class SlowLoader: Sendable {
        let loads = NIOLockedValueBox(0)
        func load(_ value: Int, delay: UInt64 = 50_000_000) async throws -> Int {
            loads.withLockedValue { $0 += 1 }
            try await Task.sleep(nanoseconds: delay)
            return value
        }
    }

    @Test func concurrentMissesShareOneLoad() async throws {
        let cache = TTLCache<String, Int>(lifetime: 60)
        let loader = SlowLoader()
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<32 { group.addTask { try await cache.value("county") { try await loader.load(7) } } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: 7, count: 32))
        #expect(loader.loads.withLockedValue { $0 } == 1)
        // Kept: the next read loads nothing.
        #expect(try await cache.value("county") { try await loader.load(8) } == 7)
        #expect(loader.loads.withLockedValue { $0 } == 1)
    }

    @Test func aFailedLoadIsNotKeptAndTheNextCallerLoadsAgain() async throws {
        struct Failure: Error {}
        let cache = TTLCache<String, Int>(lifetime: 60)
        await #expect(throws: Failure.self) { try await cache.value("k") { throw Failure() } }
        #expect(try await cache.value("k") { 3 } == 3)
    }

    /// A clock the test moves (the suite runs on two cores at once, so sleeping past an expiry is no measure of time).
    final class ManualClock: Sendable {
        private let now = NIOLockedValueBox(Date(timeIntervalSince1970: 1_000_000))
        func read() -> Date { now.withLockedValue { $0 } }
        func advance(_ seconds: TimeInterval) { now.withLockedValue { $0 += seconds } }
    }

    /// A load that waits until the test lets it finish.
    final class GatedLoader: Sendable {
        let loads = NIOLockedValueBox(0)
        private let gate = NIOLockedValueBox<(open: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))
        func load(_ value: Int) async -> Int {
            loads.withLockedValue { $0 += 1 }
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                let resumeNow = gate.withLockedValue { g -> Bool in
                    if g.open { return true }
                    g.waiting.append(c)
                    return false
                }
                if resumeNow { c.resume() }
            }
            return value
        }
        func open() {
            let waiting = gate.withLockedValue { g -> [CheckedContinuation<Void, Never>] in
                g.open = true
                defer { g.waiting = [] }
                return g.waiting
            }
            waiting.forEach { $0.resume() }
        }
        func started() async throws {
            while loads.withLockedValue({ $0 }) == 0 { try await Task.sleep(nanoseconds: 1_000_000) }
        }
    }

    @Test func anInvalidationDuringALoadDropsItsResult() async throws {
        let cache = TTLCache<String, Int>(lifetime: 60)
        let loader = GatedLoader()
        async let first = cache.value("k") { await loader.load(1) }
        try await loader.started()
        cache.invalidate("k")               // e.g. an administrator changed the user while the old row was being read
        loader.open()
        #expect(try await first == 1)        // the caller that started it still gets its answer
        #expect(cache.peek("k") == nil)      // but it is not kept
        #expect(try await cache.value("k") { 2 } == 2)
    }

    @Test func expiredValuesAreLoadedAgain() async throws {
        let clock = ManualClock()
        let cache = TTLCache<String, Int>(lifetime: 0.05, clock: clock.read)
        #expect(try await cache.value("k") { 1 } == 1)
        clock.advance(0.1)
        #expect(cache.peek("k") == nil)
        #expect(try await cache.value("k") { 2 } == 2)
    }

    /// Waits (up to 60 s) until the background load has settled `expected` for `key`; the clock stands still, so
    /// a settled value is fresh.
    private func settled(_ cache: TTLCache<String, Int>, _ key: String, _ expected: Int) async throws -> Bool {
        for _ in 0..<6000 {
            if cache.peek(key) == expected { return true }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        return false
    }

    @Test func anExpiredValueIsAnsweredAtOnceWhileOneLoadRefreshesIt() async throws {
        let clock = ManualClock()
        let cache = TTLCache<String, Int>(lifetime: 0.05, staleFor: 60, clock: clock.read)
        #expect(try await cache.value("k") { 1 } == 1)
        clock.advance(0.1)
        let loader = GatedLoader()
        // 16 requests at the expiry: none waits for the (held) load, all get the old value, one load runs.
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<16 { group.addTask { try await cache.value("k") { await loader.load(2) } } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: 1, count: 16))
        loader.open()
        #expect(try await settled(cache, "k", 2))
        #expect(loader.loads.withLockedValue { $0 } == 1)
    }

    @Test func thePeekOfAHotPathAnswersAStaleValueAndStartsTheRefresh() async throws {
        let clock = ManualClock()
        let cache = TTLCache<String, Int>(lifetime: 0.05, staleFor: 60, clock: clock.read)
        #expect(cache.peek("k", refreshing: { 9 }) == nil)      // absent: the caller must load
        cache.set("k", 1)
        #expect(cache.peek("k", refreshing: { 9 }) == 1)        // fresh: no load
        clock.advance(0.1)
        #expect(cache.peek("k") == nil)                          // the plain peek answers fresh values only
        #expect(cache.peek("k", refreshing: { 2 }) == 1)        // stale, answered, refresh started
        #expect(try await settled(cache, "k", 2))
        clock.advance(61)                                        // past the stale window
        #expect(cache.peek("k", refreshing: { 3 }) == nil)
    }

    @Test func aValuePastTheStaleWindowIsLoadedWhileTheCallerWaits() async throws {
        let clock = ManualClock()
        let cache = TTLCache<String, Int>(lifetime: 0.05, staleFor: 0.05, clock: clock.read)
        #expect(try await cache.value("k") { 1 } == 1)
        clock.advance(0.2)
        #expect(cache.peek("k", refreshing: { 3 }) == nil)
        #expect(try await cache.value("k") { 2 } == 2)
    }

    @Test func anInvalidatedValueIsNeverAnsweredStale() async throws {
        let clock = ManualClock()
        let cache = TTLCache<String, Int>(lifetime: 0.05, staleFor: 60, clock: clock.read)
        #expect(try await cache.value("k") { 1 } == 1)
        clock.advance(0.1)
        cache.invalidate("k")                                    // e.g. the user was deactivated here
        #expect(cache.peek("k", refreshing: { 5 }) == nil)
        #expect(try await cache.value("k") { 2 } == 2)
    }
}
