/// The JSON Canonicalization Scheme (RFC 8785): members sorted by UTF-16 code units, no whitespace, numbers in
/// ECMAScript's shortest form, strings with the minimal escapes. Written here because no listed Swift package does it.
public enum JCS {
    /// The canonical UTF-8 bytes of `value`.
    public static func canonical(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        write(value, &out)
        return out
    }

    /// The canonical text of `value`.
    public static func string(_ value: JSONValue) -> String { String(decoding: canonical(value), as: UTF8.self) }

    static func write(_ v: JSONValue, _ out: inout [UInt8]) {
        switch v {
        case .null: out.append(contentsOf: Array("null".utf8))
        case .bool(let b): out.append(contentsOf: Array((b ? "true" : "false").utf8))
        case .number(let d): out.append(contentsOf: Array(number(d).utf8))
        case .string(let s): string(s, &out)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (k, x) in a.enumerated() { if k > 0 { out.append(UInt8(ascii: ",")) }; write(x, &out) }
            out.append(UInt8(ascii: "]"))
        case .object(let m):
            out.append(UInt8(ascii: "{"))
            // Keys in UTF-16 code-unit order, each key's units taken once (not per comparison).
            let sorted = m.map { (Array($0.0.utf16), $0) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }.map(\.1)
            for (k, member) in sorted.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                string(member.0, &out)
                out.append(UInt8(ascii: ":"))
                write(member.1, &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func string(_ s: String, _ out: inout [UInt8]) {
        out.append(0x22)
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {   // nothing to escape: the bytes as they are
            out.append(contentsOf: s.utf8)
            out.append(0x22)
            return
        }
        let hex = hexDigits
        for c in s.utf8 {
            switch c {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x00..<0x20: out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 0xF)]])
            default: out.append(c)
            }
        }
        out.append(0x22)
    }

    /// ECMAScript Number.prototype.toString for a finite double (RFC 8785 §3.2.2.3), from Swift's shortest
    /// round-trip digits. Non-finite numbers cannot occur: the parser refuses them and builders never make them.
    public static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == 0 { return "0" }
        if d < 0 { return "-" + number(-d) }
        // Swift's description is the shortest round-trip form: split it into digits and a decimal exponent.
        let text = "\(d)"
        var mantissa = text, exp = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = String(text[..<e])
            exp = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits: [Character], point: Int
        if let dot = mantissa.firstIndex(of: ".") {
            let intPart = mantissa[..<dot], frac = mantissa[mantissa.index(after: dot)...]
            digits = Array(intPart + frac); point = intPart.count
        } else {
            digits = Array(mantissa); point = mantissa.count
        }
        // Strip leading zeros (moving the point) and trailing zeros.
        while digits.count > 1, digits.first == "0" { digits.removeFirst(); point -= 1 }
        while digits.count > 1, digits.last == "0" { digits.removeLast() }
        let k = digits.count, n = point + exp   // value = 0.d1d2…dk × 10^n
        let s = String(digits)
        if k <= n && n <= 21 { return s + String(repeating: "0", count: n - k) }
        if 0 < n && n <= 21 { return String(s.prefix(n)) + "." + String(s.dropFirst(n)) }
        if -6 < n && n <= 0 { return "0." + String(repeating: "0", count: -n) + s }
        let e = n - 1, sign = e < 0 ? "-" : "+"
        let head = k == 1 ? s : String(s.prefix(1)) + "." + String(s.dropFirst())
        return head + "e" + sign + String(abs(e))
    }
}

/// Indented JSON text in member order (for files people read; signatures are over JCS, so layout does not matter).
public enum JSONText {
    public static func pretty(_ v: JSONValue) -> String {
        var out: [UInt8] = []
        write(v, indent: 0, &out)
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    static func write(_ v: JSONValue, indent: Int, _ out: inout [UInt8]) {
        let pad = { (n: Int) in [UInt8](repeating: 0x20, count: n * 2) }
        switch v {
        case .array(let a) where !a.isEmpty:
            out.append(contentsOf: Array("[\n".utf8))
            for (k, x) in a.enumerated() {
                out += pad(indent + 1); write(x, indent: indent + 1, &out)
                out.append(contentsOf: Array((k + 1 < a.count ? ",\n" : "\n").utf8))
            }
            out += pad(indent); out.append(UInt8(ascii: "]"))
        case .object(let m) where !m.isEmpty:
            out.append(contentsOf: Array("{\n".utf8))
            for (k, member) in m.enumerated() {
                out += pad(indent + 1); JCS.string(member.0, &out); out.append(contentsOf: Array(": ".utf8))
                write(member.1, indent: indent + 1, &out)
                out.append(contentsOf: Array((k + 1 < m.count ? ",\n" : "\n").utf8))
            }
            out += pad(indent); out.append(UInt8(ascii: "}"))
        default: JCS.write(v, &out)
        }
    }
}
