import Crypto
import Foundation

/// One-time invitation codes that carry their own proof: 13 Crockford base32 characters of 64 bits, the survey's
/// number (16 bits), the invitation's serial (20 bits) and an HMAC-SHA256 tag (28 bits) under the survey's secret.
/// Codes are never stored: an issued code is recognised by its tag, a used one by a keyed hash of it.
struct InvitationCode: Sendable, Equatable {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    static let length = 13
    static let maxSerial = (1 << 20) - 1
    static let maxSeq = (1 << 16) - 1

    var seq: Int
    var serial: Int

    /// The code's text for `secret`.
    func text(secret: SymmetricKey) -> String {
        let value = (UInt64(seq) << 48) | (UInt64(serial) << 28) | UInt64(Self.tag(seq: seq, serial: serial, secret: secret))
        var chars = [UInt8](repeating: 0, count: Self.length)
        var v = value
        for i in stride(from: Self.length - 1, through: 0, by: -1) {
            chars[i] = Self.alphabet[Int(v & 31)]
            v >>= 5
        }
        return String(decoding: chars, as: UTF8.self)
    }

    /// The code as printed for people: `XXXX-XXXX-XXXXX`.
    static func grouped(_ code: String) -> String {
        let c = Array(code)
        guard c.count == length else { return code }
        return String(c[0..<4]) + "-" + String(c[4..<8]) + "-" + String(c[8...])
    }

    /// The survey number and serial of `text` (spaces, dashes and case ignored; O read as 0, I and L as 1) before its
    /// tag is checked; nil when it cannot be a code.
    static func parse(_ text: String) -> (code: InvitationCode, canonical: String, tag: UInt32)? {
        guard text.utf8.count <= 40 else { return nil }
        var value: UInt64 = 0
        var canonical: [UInt8] = []
        for var b in text.utf8 {
            if b == 32 || b == 45 { continue }
            if b >= 97 && b <= 122 { b -= 32 }
            if b == 79 { b = 48 } else if b == 73 || b == 76 { b = 49 }
            guard let digit = alphabet.firstIndex(of: b), canonical.count < length else { return nil }
            canonical.append(b)
            value = (value << 5) | UInt64(digit)
        }
        // 13 characters hold 65 bits; the top one must be clear (the first character below 'G').
        guard canonical.count == length, let first = alphabet.firstIndex(of: canonical[0]), first < 16 else { return nil }
        let seq = Int(value >> 48), serial = Int((value >> 28) & 0xFFFFF), tag = UInt32(value & 0xFFF_FFFF)
        return (InvitationCode(seq: seq, serial: serial), String(decoding: canonical, as: UTF8.self), tag)
    }

    /// Whether `tag` is this code's under `secret` (compared in constant time).
    func verifies(_ tag: UInt32, secret: SymmetricKey) -> Bool {
        let expected = Self.tag(seq: seq, serial: serial, secret: secret)
        return (expected ^ tag) == 0
    }

    private static func tag(seq: Int, serial: Int, secret: SymmetricKey) -> UInt32 {
        let mac = HMAC<SHA256>.authenticationCode(for: Array("invite|\(seq)|\(serial)".utf8), using: secret)
        let b = Array(mac)
        return (UInt32(b[0]) << 20 | UInt32(b[1]) << 12 | UInt32(b[2]) << 4 | UInt32(b[3]) >> 4) & 0xFFF_FFFF
    }

    /// The keyed hash under which a used code is remembered (hex).
    static func usedHash(_ canonical: String, secret: SymmetricKey) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array("used|\(canonical)".utf8), using: secret)
        return SHA256.hex(Array(mac))
    }
}
