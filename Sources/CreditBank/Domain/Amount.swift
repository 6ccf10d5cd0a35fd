import SafeNumbers

/// A non-negative amount of credits, points or hours in hundredths (fixed point, so sums never drift): 250 = 2.5.
public struct Amount: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The value in hundredths.
    public var hundredths: Int

    public init(hundredths: Int) { self.hundredths = hundredths }
    public init(whole: Int) { hundredths = whole.multipliedReportingOverflow(by: 100).overflow ? .max : whole * 100 }
    public static let zero = Amount(hundredths: 0)

    /// Parses "3", "2.5", "0.25" (at most 2 decimals, at most 9 integer digits); nil otherwise (no Double on the way).
    public init?(text: String) {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, !first.isEmpty, first.count <= 9, first.allSatisfy({ $0.isASCII && $0.isNumber }),
              let whole = Int(first) else { return nil }
        var fraction = 0
        if parts.count == 2 {
            let f = parts[1]
            guard !f.isEmpty, f.count <= 2, f.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(f) else { return nil }
            fraction = f.count == 1 ? v * 10 : v
        }
        hundredths = whole * 100 + fraction
    }

    /// The amount from a JSON/TOML number (rules files), rounded to hundredths; nil when negative, not finite or too big.
    public init?(number: Double) {
        guard number.isFinite, number >= 0, number <= 1e12 else { return nil }
        hundredths = Checked.int(rounding: number * 100)
    }

    public static func + (a: Amount, b: Amount) -> Amount { Amount(hundredths: Checked.add(a.hundredths, b.hundredths)) }
    public static func < (a: Amount, b: Amount) -> Bool { a.hundredths < b.hundredths }

    /// The whole part (floor).
    public var wholePart: Int { hundredths / 100 }

    /// "3", "2.5", "2.25".
    public var description: String {
        let w = hundredths / 100, f = hundredths % 100
        if f == 0 { return String(w) }
        return f % 10 == 0 ? "\(w).\(f / 10)" : "\(w).\(f < 10 ? "0" : "")\(f)"
    }

    /// The value as a JSON number (exact for hundredths up to 2^53).
    public var double: Double { Double(hundredths) / 100 }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        guard let a = Amount(number: try c.decode(Double.self)) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "应为 0–10^12 的数 / must be a number from 0 to 10^12")
        }
        self = a
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(double)
    }
}
