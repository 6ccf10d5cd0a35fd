/// XML text escaping for writing, and the OOXML `_xHHHH_` escape used inside string values.
enum XMLEscaping {
    /// Escapes `&`, `<`, `>`, `"`, keeps CR as `&#13;` (parsers would turn a raw CR into LF),
    /// drops characters illegal in XML 1.0, and protects literal `_xHHHH_` as `_x005F_xHHHH_`.
    /// In attributes, tab and newline are written as character references too.
    static func escape(_ text: String, inAttribute: Bool = false) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: ">"): out += Array("&gt;".utf8)
            case UInt8(ascii: "\""): out += Array("&quot;".utf8)
            case 0x0D: out += Array("&#13;".utf8)
            case 0x09 where inAttribute: out += Array("&#9;".utf8)
            case 0x0A where inAttribute: out += Array("&#10;".utf8)
            case 0x09, 0x0A: out.append(byte)
            case 0x00..<0x20: break  // illegal in XML 1.0
            case 0xEF where i + 2 < bytes.count && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF):
                i += 2  // U+FFFE, U+FFFF are illegal in XML 1.0
            case UInt8(ascii: "_") where isHexEscape(bytes, at: i):
                out += Array("_x005F_".utf8)
            default: out.append(byte)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes OOXML `_xHHHH_` escapes (UTF-16 code units) in a string value read from a part.
    static func decodeHexEscapes(_ text: String) -> String {
        guard text.utf8.count >= 7, containsEscapeStart(text) else { return text }
        let units = Array(text.utf16)
        var out: [UInt16] = []
        out.reserveCapacity(units.count)
        var i = 0
        while i < units.count {
            if units[i] == 0x5F, i + 6 < units.count, units[i + 1] == 0x78, units[i + 6] == 0x5F,
               let value = hexValue(units[(i + 2)...(i + 5)]) {
                out.append(value)
                i += 7
            } else {
                out.append(units[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF16.self)
    }

    /// True if `text` contains "_x" (a byte scan; `String.contains` goes through Foundation and is slow).
    private static func containsEscapeStart(_ text: String) -> Bool {
        var previousWasUnderscore = false
        for byte in text.utf8 {
            if previousWasUnderscore && byte == UInt8(ascii: "x") { return true }
            previousWasUnderscore = byte == UInt8(ascii: "_")
        }
        return false
    }

    private static func isHexEscape(_ bytes: [UInt8], at i: Int) -> Bool {
        guard i + 6 < bytes.count, bytes[i + 1] == UInt8(ascii: "x"), bytes[i + 6] == UInt8(ascii: "_") else {
            return false
        }
        return hexValue(bytes[(i + 2)...(i + 5)].map(UInt16.init)) != nil
    }

    private static func hexValue<C: Collection>(_ units: C) -> UInt16? where C.Element == UInt16 {
        var value: UInt16 = 0
        for unit in units {
            let digit: UInt16
            switch unit {
            case 0x30...0x39: digit = unit - 0x30
            case 0x41...0x46: digit = unit - 0x41 + 10
            case 0x61...0x66: digit = unit - 0x61 + 10
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }
}
