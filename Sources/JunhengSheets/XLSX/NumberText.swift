/// Renders numbers as the shortest text that round-trips to the same Double, in plain
/// notation for 1e-7 ≤ |x| < 1e21 (as JavaScript does): 3.301020001E9 → "3301020001".
enum NumberText {
    /// Text for a `<v>` value of a numeric cell; text that is not a number is returned unchanged.
    static func display(_ raw: String) -> String {
        if isCanonical(raw) { return raw }
        let trimmed = raw.trimmingSpaces()
        guard let value = Double(trimmed), value.isFinite else { return raw }
        return format(finite: value)
    }

    /// Shortest round-trip text of `value`; nil for NaN and infinities.
    static func format(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        return format(finite: value)
    }

    private static func format(finite value: Double) -> String {
        if value == 0 { return "0" }
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        // Swift's description gives the shortest round-trip digits; re-lay them out.
        let text = abs(value).description
        var digits: [UInt8] = []
        var pointPosition: Int?
        var exponent = 0
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                exponent = Int(String(text[utf8.index(after: index)...])) ?? 0
                break
            } else if byte == UInt8(ascii: ".") {
                pointPosition = digits.count
            } else {
                digits.append(byte)
            }
            index = utf8.index(after: index)
        }
        // value = 0.d1d2…dk × 10^n
        var n = (pointPosition ?? digits.count) + exponent
        while digits.first == UInt8(ascii: "0") { digits.removeFirst(); n -= 1 }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        let k = digits.count
        var out: [UInt8] = value < 0 ? [UInt8(ascii: "-")] : []
        let zero = UInt8(ascii: "0")
        if k <= n && n <= 21 {
            out += digits + [UInt8](repeating: zero, count: n - k)
        } else if 0 < n && n <= 21 {
            out += digits[..<n] + [UInt8(ascii: ".")] + digits[n...]
        } else if -6 < n && n <= 0 {
            out += [zero, UInt8(ascii: ".")] + [UInt8](repeating: zero, count: -n) + digits
        } else {
            out.append(digits[0])
            if k > 1 { out += [UInt8(ascii: ".")] + digits[1...] }
            out += Array((n - 1 < 0 ? "e-" : "e+").utf8) + Array(String(abs(n - 1)).utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when `raw` already is the text `format` would give: an optionally negative decimal
    /// of at most 15 significant digits (so it is the shortest round-trip form), no leading
    /// zeros, no trailing fractional zeros, and not small enough to need an exponent.
    private static func isCanonical(_ raw: String) -> Bool {
        var integerDigits = 0, fractionDigits = 0, leadingFractionZeros = 0
        var firstDigit: UInt8 = 0, lastByte: UInt8 = 0
        var inFraction = false
        for (offset, byte) in raw.utf8.enumerated() {
            lastByte = byte
            switch byte {
            case UInt8(ascii: "-") where offset == 0:
                continue
            case UInt8(ascii: ".") where !inFraction && integerDigits > 0:
                inFraction = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inFraction {
                    if fractionDigits == leadingFractionZeros && byte == UInt8(ascii: "0") { leadingFractionZeros += 1 }
                    fractionDigits += 1
                } else {
                    if integerDigits == 0 { firstDigit = byte }
                    integerDigits += 1
                }
            default:
                return false
            }
        }
        guard integerDigits > 0 else { return false }
        if inFraction && (fractionDigits == 0 || lastByte == UInt8(ascii: "0")) { return false }
        if firstDigit == UInt8(ascii: "0") {
            // "0", "0.5", "0.000123" (not "-0", "007", "0.0000001")
            guard integerDigits == 1, inFraction || !raw.hasPrefix("-") else { return false }
            return !inFraction || (leadingFractionZeros < 6 && fractionDigits - leadingFractionZeros <= 15)
        }
        return integerDigits + fractionDigits <= 15
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs and newlines.
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = lastIndex(where: { !isSpace($0) })!
        return String(self[start...end])
    }
}
