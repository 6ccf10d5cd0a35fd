import Foundation

/// What a numeric cell held.
enum ParsedNumber: Equatable {
    case blank
    /// A number; `normalised` is true when full-width digits or thousands separators had to be rewritten.
    case number(Double, normalised: Bool)
    case invalid
}

/// Reading cells from UTF-8 bytes without building a String for plain numbers.
enum CellParsing {
    private static let powersOfTen: [Double] = (0...22).map { pow(10, Double($0)) }

    /// The bytes without leading/trailing ASCII blanks, no-break spaces (C2 A0) or ideographic spaces (E3 80 80).
    static func trimmed(_ p: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = p.startIndex, end = p.endIndex
        while start < end {
            if p[start] == 0x20 || p[start] == 0x09 || p[start] == 0x0A || p[start] == 0x0D { start += 1; continue }
            if p[start] == 0xC2 && start + 1 < end && p[start + 1] == 0xA0 { start += 2; continue }
            if p[start] == 0xE3 && start + 2 < end && p[start + 1] == 0x80 && p[start + 2] == 0x80 { start += 3; continue }
            break
        }
        while end > start {
            let b = p[end - 1]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { end -= 1; continue }
            if end - 2 >= start && p[end - 2] == 0xC2 && b == 0xA0 { end -= 2; continue }
            if end - 3 >= start && p[end - 3] == 0xE3 && p[end - 2] == 0x80 && b == 0x80 { end -= 3; continue }
            break
        }
        return UnsafeBufferPointer(rebasing: p[start..<end])
    }

    static func text(_ p: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: trimmed(p), as: UTF8.self)
    }

    /// Parses a decimal number; plain ASCII takes an exact fast path, anything else goes through `normalise`.
    static func number(_ raw: UnsafeBufferPointer<UInt8>) -> ParsedNumber {
        let p = trimmed(raw)
        guard !p.isEmpty else { return .blank }
        var i = p.startIndex
        var negative = false
        if p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") { negative = p[i] == UInt8(ascii: "-"); i += 1 }
        var mantissa: UInt64 = 0, digits = 0, fraction = 0
        var seenPoint = false, plain = i < p.endIndex
        while i < p.endIndex {
            let b = p[i]
            if b >= 0x30 && b <= 0x39 {
                mantissa = mantissa &* 10 &+ UInt64(b - 0x30)
                digits += 1
                if seenPoint { fraction += 1 }
            } else if b == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else {
                plain = false
                break
            }
            i += 1
        }
        if plain && digits > 0 && digits <= 15 && fraction <= 22 {
            // Both operands exact, so the division is correctly rounded.
            let v = Double(mantissa) / powersOfTen[fraction]
            return .number(negative ? -v : v, normalised: false)
        }
        return slowNumber(String(decoding: p, as: UTF8.self))
    }

    static func slowNumber(_ s: String) -> ParsedNumber {
        if let v = Double(s), v.isFinite, s.allSatisfy({ $0.isASCII && !$0.isLetter || $0 == "e" || $0 == "E" }) {
            return .number(v, normalised: false)
        }
        var t = ""
        for ch in s.unicodeScalars {
            switch ch.value {
            case 0xFF10...0xFF19: t.unicodeScalars.append(Unicode.Scalar(ch.value - 0xFF10 + 0x30)!)
            case 0xFF0E: t += "."
            case 0xFF0C: t += ","
            case 0xFF0D, 0x2212: t += "-"
            case 0xFF0B: t += "+"
            default: t.unicodeScalars.append(ch)
            }
        }
        if t.contains(",") {
            guard t.range(of: #"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$"#, options: .regularExpression) != nil else { return .invalid }
            t = t.replacingOccurrences(of: ",", with: "")
        }
        guard t.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }), let v = Double(t), v.isFinite else {
            return .invalid
        }
        return .number(v, normalised: true)
    }
}
