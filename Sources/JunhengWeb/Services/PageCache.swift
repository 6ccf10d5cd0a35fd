import NIOConcurrencyHelpers
import Vapor

/// Rendered page fragments of immutable snapshots, keyed by everything they depend on.
/// Bounded: when full, it starts again empty (pages are cheap to render once, costly to render per request).
final class PageCache: Sendable {
    private let entries = NIOLockedValueBox<[String: String]>([:])
    let capacity: Int

    init(capacity: Int = 512) { self.capacity = capacity }

    /// The cached fragment for `key`, rendering it with `make` on a miss.
    func fragment(_ key: String, make: () -> String) -> String {
        if let hit = entries.withLockedValue({ $0[key] }) { return hit }
        let html = make()
        entries.withLockedValue { e in
            if e.count >= capacity { e.removeAll(keepingCapacity: true) }
            e[key] = html
        }
        return html
    }
}

extension Application {
    private struct PageCacheKey: StorageKey { typealias Value = PageCache }

    /// Rendered fragments of this process.
    var pageCache: PageCache {
        get { storage[PageCacheKey.self]! }
        set { storage[PageCacheKey.self] = newValue }
    }
}
