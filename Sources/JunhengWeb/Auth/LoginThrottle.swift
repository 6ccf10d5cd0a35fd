import Foundation

/// Counts failed logins per username and per client address; too many in the window locks further attempts.
/// An attempt is reserved (counted as a failure) before the password is checked, so parallel guesses cannot slip
/// through while bcrypt runs; a success gives it back. Refusals during a lockout are counted, and reported once
/// as a summary when the lockout is over, instead of one audit row each.
public actor LoginThrottle {
    public let window: TimeInterval
    public let perUser: Int
    public let perAddress: Int
    /// Most keys kept; past that, expired ones are dropped (and if none, the oldest half).
    public let maxKeys: Int
    private var failures: [String: [Date]] = [:]
    private var refused: [String: Int] = [:]

    /// What `reserve` decided.
    public enum Reservation: Equatable, Sendable {
        /// Go ahead; the attempt is counted. `suppressed` lists keys whose lockout ended with the refusals it counted.
        case allowed(suppressed: [String: Int])
        /// Wait this many seconds; `first` is true for the first refusal of a lockout (the one to audit).
        case throttled(retryAfter: Int, first: Bool)
    }

    public init(window: TimeInterval = 15 * 60, perUser: Int = 5, perAddress: Int = 20, maxKeys: Int = 100_000) {
        self.window = window
        self.perUser = perUser
        self.perAddress = perAddress
        self.maxKeys = maxKeys
    }

    /// Refuses when either counter is full; otherwise counts the attempt now.
    public func reserve(username: String, address: String, now: Date = Date()) -> Reservation {
        let keys = [("u:" + username.lowercased(), perUser), ("a:" + address, perAddress)]
        let waits = keys.compactMap { wait(key: $0.0, limit: $0.1, now: now) }
        if let wait = waits.max() {
            var first = true
            for (key, _) in keys where failures[key]?.count ?? 0 >= limitFor(key) {
                first = first && (refused[key] ?? 0) == 0
                refused[key, default: 0] += 1
            }
            return .throttled(retryAfter: wait, first: first)
        }
        var suppressed: [String: Int] = [:]
        for (key, _) in keys {
            if let n = refused.removeValue(forKey: key), n > 1 { suppressed[key] = n - 1 }
            failures[key, default: []].append(now)
        }
        if failures.count > maxKeys { prune(now: now) }
        return .allowed(suppressed: suppressed)
    }

    /// A reserved attempt succeeded: the user's failures are forgotten and the address gets its attempt back.
    public func succeeded(username: String, address: String) {
        failures["u:" + username.lowercased()] = nil
        let a = "a:" + address
        if var list = failures[a], !list.isEmpty { list.removeLast(); failures[a] = list.isEmpty ? nil : list }
    }

    /// Seconds until another attempt is allowed, or nil when one is allowed now (does not count anything).
    public func retryAfter(username: String, address: String, now: Date = Date()) -> Int? {
        [wait(key: "u:" + username.lowercased(), limit: perUser, now: now),
         wait(key: "a:" + address, limit: perAddress, now: now)].compactMap { $0 }.max()
    }

    private func limitFor(_ key: String) -> Int { key.hasPrefix("u:") ? perUser : perAddress }

    private func wait(key: String, limit: Int, now: Date) -> Int? {
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
        failures[key] = recent.isEmpty ? nil : recent
        guard recent.count >= limit, let oldest = recent.first else { return nil }
        return max(1, Int((window - now.timeIntervalSince(oldest)).rounded(.up)))
    }

    private func prune(now: Date) {
        failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
        if failures.count > maxKeys {
            let keep = failures.sorted { ($0.value.last ?? .distantPast) > ($1.value.last ?? .distantPast) }.prefix(maxKeys / 2)
            failures = Dictionary(uniqueKeysWithValues: keep.map { ($0.key, $0.value) })
        }
        refused = refused.filter { failures[$0.key] != nil }
    }
}
