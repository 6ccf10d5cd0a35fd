import Crypto
import Foundation

/// Time-based one-time passwords (RFC 6238, HMAC-SHA1, 6 digits, 30-second steps): the optional second factor.
enum TOTP {
    static let digits = 6
    static let period: TimeInterval = 30

    /// A new random 160-bit secret, base32.
    static func newSecret() -> String {
        var g = SystemRandomNumberGenerator()
        return Base32.encode((0..<20).map { _ in UInt8.random(in: 0...255, using: &g) })
    }

    /// The code for a time step counter (RFC 4226 HOTP).
    static func code(secret: [UInt8], counter: UInt64) -> String {
        var big = counter.bigEndian
        let message = withUnsafeBytes(of: &big) { Array($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0f)
        let binary = (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        let value = binary % 1_000_000
        let text = String(value)
        return String(repeating: "0", count: digits - text.count) + text
    }

    /// The code at a time.
    static func code(secret: [UInt8], at date: Date) -> String {
        code(secret: secret, counter: UInt64(max(0, date.timeIntervalSince1970) / period))
    }

    /// Whether `code` matches the secret now, one step either side allowed for clock drift.
    static func verify(code: String, secret: String, at date: Date = Date()) -> Bool {
        let given = code.filter { !$0.isWhitespace }
        guard given.count == digits, given.allSatisfy(\.isASCII), given.allSatisfy(\.isNumber),
              let key = Base32.decode(secret), !key.isEmpty else { return false }
        let now = UInt64(max(0, date.timeIntervalSince1970) / period)
        var match = false
        for counter in [now &- 1, now, now &+ 1] {
            let expected = Array(Self.code(secret: key, counter: counter).utf8), g = Array(given.utf8)
            match = match || zip(expected, g).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
        }
        return match
    }

    /// The `otpauth://` URI authenticator apps import.
    static func uri(secret: String, username: String) -> String {
        let label = "Junheng:\(username)".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "Junheng"
        return "otpauth://totp/\(label)?secret=\(secret)&issuer=Junheng&digits=\(digits)&period=\(Int(period))"
    }
}

/// RFC 4648 base32 without padding (the alphabet authenticator apps use).
enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    static func encode(_ bytes: [UInt8]) -> String {
        var out = "", buffer = 0, bits = 0
        for b in bytes {
            buffer = (buffer << 8) | Int(b)
            bits += 8
            while bits >= 5 { out.append(alphabet[(buffer >> (bits - 5)) & 31]); bits -= 5 }
            buffer &= (1 << bits) - 1
        }
        if bits > 0 { out.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return out
    }

    static func decode(_ text: String) -> [UInt8]? {
        var out: [UInt8] = [], buffer = 0, bits = 0
        for c in text.uppercased() where c != "=" && c != " " {
            guard let v = alphabet.firstIndex(of: c) else { return nil }
            buffer = (buffer << 5) | v
            bits += 5
            if bits >= 8 { out.append(UInt8((buffer >> (bits - 8)) & 0xff)); bits -= 8 }
            buffer &= (1 << bits) - 1
        }
        return out
    }
}
