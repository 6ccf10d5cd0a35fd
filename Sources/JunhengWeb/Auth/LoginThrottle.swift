import Foundation

/// Counts failed logins per username and per client address; too many in the window locks further attempts.
public actor LoginThrottle {
    public let window: TimeInterval
    public let perUser: Int
    public let perAddress: Int
    private var failures: [String: [Date]] = [:]

    public init(window: TimeInterval = 15 * 60, perUser: Int = 5, perAddress: Int = 20) {
        self.window = window
        self.perUser = perUser
        self.perAddress = perAddress
    }

    /// Seconds until another attempt is allowed, or nil when one is allowed now.
    public func retryAfter(username: String, address: String, now: Date = Date()) -> Int? {
        let waits = [wait(key: "u:" + username.lowercased(), limit: perUser, now: now),
                     wait(key: "a:" + address, limit: perAddress, now: now)].compactMap { $0 }
        return waits.max()
    }

    /// Records a failed attempt.
    public func recordFailure(username: String, address: String, now: Date = Date()) {
        for key in ["u:" + username.lowercased(), "a:" + address] {
            failures[key, default: []].append(now)
        }
    }

    /// Forgets a user's failures after a successful login.
    public func recordSuccess(username: String) {
        failures["u:" + username.lowercased()] = nil
    }

    private func wait(key: String, limit: Int, now: Date) -> Int? {
        let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
        failures[key] = recent.isEmpty ? nil : recent
        guard recent.count >= limit, let oldest = recent.first else { return nil }
        return max(1, Int((window - now.timeIntervalSince(oldest)).rounded(.up)))
    }
}
