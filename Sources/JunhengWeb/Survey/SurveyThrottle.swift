import Foundation
import NIOConcurrencyHelpers

/// Per-address token buckets for the public answer path during a survey window: `perMinute` answers a minute with
/// bursts up to the same number; 0 turns it off. Addresses are kept in memory only and forgotten when idle, and at
/// most `capacity` at once (then the oldest half is dropped). A refused answer is not consumed: the respondent's
/// page keeps their answers and asks them to send again.
final class SurveyThrottle: Sendable {
    let perMinute: Int
    let capacity: Int
    private let buckets = NIOLockedValueBox<[String: (tokens: Double, at: Date)]>([:])

    init(perMinute: Int, capacity: Int = 100_000) {
        self.perMinute = perMinute
        self.capacity = capacity
    }

    /// nil when admitted; else the seconds to wait.
    func admit(_ address: String, now: Date = Date()) -> Int? {
        guard perMinute > 0 else { return nil }
        let rate = Double(perMinute) / 60, burst = Double(perMinute)
        return buckets.withLockedValue { b in
            var bucket = b[address] ?? (burst, now)
            bucket.tokens = min(burst, bucket.tokens + max(0, now.timeIntervalSince(bucket.at)) * rate)
            bucket.at = now
            defer {
                if b.count >= capacity, b[address] == nil {
                    let oldest = b.sorted { $0.value.at < $1.value.at }.prefix(capacity / 2).map(\.key)
                    for k in oldest { b[k] = nil }
                }
                b[address] = bucket
            }
            guard bucket.tokens >= 1 else { return max(1, Int(((1 - bucket.tokens) / rate).rounded(.up))) }
            bucket.tokens -= 1
            return nil
        }
    }
}
