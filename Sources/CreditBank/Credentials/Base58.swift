/// Base58 (Bitcoin alphabet) for multibase 'z' values: did:key, publicKeyMultibase, proofValue.
public enum Base58 {
    static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)
    static let index: [Int8] = {
        var t = [Int8](repeating: -1, count: 128)
        for (i, c) in alphabet.enumerated() { t[Int(c)] = Int8(i) }
        return t
    }()

    /// The base58btc text of `bytes`.
    public static func encode(_ bytes: [UInt8]) -> String {
        let zeros = bytes.prefix { $0 == 0 }.count
        var b58 = [UInt8](repeating: 0, count: bytes.count * 138 / 100 + 1)
        var length = 0
        for byte in bytes[zeros...] {
            var carry = Int(byte), j = 0
            var k = b58.count - 1
            while (carry != 0 || j < length) && k >= 0 {
                carry += 256 * Int(b58[k]); b58[k] = UInt8(carry % 58); carry /= 58
                k -= 1; j += 1
            }
            length = j
        }
        let digits = b58.drop { $0 == 0 }
        return String(decoding: [UInt8](repeating: alphabet[0], count: zeros) + digits.map { alphabet[Int($0)] }, as: UTF8.self)
    }

    /// The bytes of base58btc `text`; nil for a character outside the alphabet or text longer than 512 characters.
    public static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count <= 512 else { return nil }
        let zeros = chars.prefix { $0 == alphabet[0] }.count
        var b256 = [UInt8](repeating: 0, count: chars.count * 733 / 1000 + 1)
        var length = 0
        for c in chars[zeros...] {
            guard c < 128, index[Int(c)] >= 0 else { return nil }
            var carry = Int(index[Int(c)]), j = 0
            var k = b256.count - 1
            while (carry != 0 || j < length) && k >= 0 {
                carry += 58 * Int(b256[k]); b256[k] = UInt8(carry % 256); carry /= 256
                k -= 1; j += 1
            }
            length = j
        }
        return [UInt8](repeating: 0, count: zeros) + b256.drop { $0 == 0 }
    }
}

/// Base64url without padding (multibase 'u'), for the status list's `encodedList`.
public enum Base64URL {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 4 / 3 + 4)
        var i = 0
        while i + 3 <= bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out += [alphabet[Int(n >> 18)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], alphabet[Int(n & 63)]]
            i += 3
        }
        let rest = bytes.count - i
        if rest == 1 {
            let n = UInt32(bytes[i]) << 16
            out += [alphabet[Int(n >> 18)], alphabet[Int(n >> 12 & 63)]]
        } else if rest == 2 {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
            out += [alphabet[Int(n >> 18)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)]]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes base64url (padding tolerated); nil on any other character or an impossible length.
    public static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        for c in text.utf8 where c != UInt8(ascii: "=") {
            switch c {
            case 0x41...0x5A: values.append(c - 0x41)
            case 0x61...0x7A: values.append(c - 0x61 + 26)
            case 0x30...0x39: values.append(c - 0x30 + 52)
            case UInt8(ascii: "-"), UInt8(ascii: "+"): values.append(62)
            case UInt8(ascii: "_"), UInt8(ascii: "/"): values.append(63)
            default: return nil
            }
        }
        guard values.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        var i = 0
        while i < values.count {
            let chunk = values[i..<min(i + 4, values.count)]
            var n: UInt32 = 0
            for (k, v) in chunk.enumerated() { n |= UInt32(v) << (18 - 6 * k) }
            out.append(UInt8(n >> 16 & 0xFF))
            if chunk.count > 2 { out.append(UInt8(n >> 8 & 0xFF)) }
            if chunk.count > 3 { out.append(UInt8(n & 0xFF)) }
            i += 4
        }
        return out
    }
}
