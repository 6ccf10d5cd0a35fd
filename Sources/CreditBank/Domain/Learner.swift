import Crypto
import Foundation

/// A learner's identity: the keyed hash (HMAC-SHA-256) of the national ID number, never the number itself.
public struct LearnerID: Sendable, Hashable, Codable, CustomStringConvertible {
    /// "L" + the first 24 hex digits of HMAC-SHA-256(key, normalised ID).
    public var value: String
    /// The ID shown masked (first 6 and last 4 characters), e.g. 330102********123X.
    public var masked: String

    /// Hashes a national ID number with the bank's secret key; nil when the number is not 15 or 18 characters of digits (and X).
    public init?(nationalID: String, key: SymmetricKey) {
        let n = nationalID.trimmingCharacters(in: .whitespaces).uppercased()
        guard n.count == 18 || n.count == 15,
              n.enumerated().allSatisfy({ i, c in (c.isASCII && c.isNumber) || (c == "X" && i == n.count - 1) }) else { return nil }
        let mac = HMAC<SHA256>.authenticationCode(for: Data(n.utf8), using: key)
        value = "L" + mac.prefix(12).map { String(format: "%02x", $0) }.joined()
        masked = String(n.prefix(6)) + String(repeating: "*", count: n.count - 10) + String(n.suffix(4))
    }

    public init(value: String, masked: String) { self.value = value; self.masked = masked }
    public var description: String { value }
}

/// A learner's account: the hashed id, a display name, and the card number of the lifelong-learning card.
public struct Learner: Sendable, Hashable, Codable {
    public var id: LearnerID
    public var name: String
    /// 市民终身学习卡 number typed or scanned at a kiosk.
    public var cardNumber: String?

    public init(id: LearnerID, name: String, cardNumber: String? = nil) { self.id = id; self.name = name; self.cardNumber = cardNumber }
}
