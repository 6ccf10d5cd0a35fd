/// An amount of money in 分 (1/100 yuan), an integer: never binary floating point. Arithmetic is checked (nil on
/// overflow); amounts read from files are bounded by `Fen.maximumMagnitude`, so sums of many lines cannot overflow.
public struct Fen: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The amount in 分.
    public var fen: Int

    /// The largest magnitude a single amount may have: 10^15 分 = 10 万亿元.
    public static let maximumMagnitude = 1_000_000_000_000_000
    public static let zero = Fen(0)

    public init(_ fen: Int) { self.fen = fen }

    /// Whole yuan (checked: nil when `yuan × 100` overflows).
    public init?(yuan: Int) {
        let (v, o) = yuan.multipliedReportingOverflow(by: 100)
        guard !o else { return nil }
        fen = v
    }

    public static func < (a: Fen, b: Fen) -> Bool { a.fen < b.fen }

    /// `self + other`, nil on overflow.
    public func adding(_ other: Fen) -> Fen? {
        let (s, o) = fen.addingReportingOverflow(other.fen)
        return o ? nil : Fen(s)
    }

    /// `self − other`, nil on overflow.
    public func subtracting(_ other: Fen) -> Fen? {
        let (s, o) = fen.subtractingReportingOverflow(other.fen)
        return o ? nil : Fen(s)
    }

    /// `self × n`, nil on overflow.
    public func multiplied(by n: Int) -> Fen? {
        let (s, o) = fen.multipliedReportingOverflow(by: n)
        return o ? nil : Fen(s)
    }

    /// The sum of `amounts`, nil on overflow.
    public static func total<S: Sequence>(_ amounts: S) -> Fen? where S.Element == Fen {
        var t = Fen.zero
        for a in amounts {
            guard let s = t.adding(a) else { return nil }
            t = s
        }
        return t
    }

    /// Exact yuan with two decimals, e.g. `1234.50`, `-0.07`.
    public var yuanString: String { Decimal2.format(fen, scale: 2) }

    public var description: String { yuanString }

    /// Parses a decimal string of yuan (`1234`, `1234.5`, `-12.34`, `1,234.56` with a warning left to the caller):
    /// at most 2 decimals, no exponent, magnitude ≤ `maximumMagnitude` 分. No floating point is involved.
    public static func parse(yuan text: String) -> Fen? { Decimal2.parse(text, scale: 2).map(Fen.init) }

    /// Parses a decimal string of 万元 (at most 6 decimals, so it is exact in 分).
    public static func parse(wanYuan text: String) -> Fen? { Decimal2.parse(text, scale: 6).map(Fen.init) }

    /// This amount in hundredths of 万元 (1 unit = 100 yuan = 10,000 分), rounded half-up: a half (exactly 5,000 分
    /// past a unit) goes away from zero (四舍五入), as the statutory tables print. Exact integer arithmetic.
    public var wanYuanHundredths: Int {
        let q = fen / 10_000, r = fen % 10_000
        if r >= 5_000 { return q + 1 }
        if r <= -5_000 { return q - 1 }
        return q
    }

    /// This amount in 万元 with two decimals, rounded half-up (`wanYuanHundredths`), e.g. `12.35`.
    public var wanYuanString: String { WanYuan.format(wanYuanHundredths) }
}

/// Amounts in hundredths of 万元, as the statutory tables print them.
public enum WanYuan {
    /// `hundredths` as `-12.05`.
    public static func format(_ hundredths: Int) -> String { Decimal2.format(hundredths, scale: 2) }
}

/// Fixed-point decimal text ⇄ scaled integers, with no floating point.
enum Decimal2 {
    /// `value / 10^scale` as text with exactly `scale` decimals.
    static func format(_ value: Int, scale: Int) -> String {
        let negative = value < 0
        // Magnitude as UInt so Int.min is safe.
        let m = value.magnitude
        var p: UInt = 1
        for _ in 0..<scale { p *= 10 }
        let whole = m / p, frac = m % p
        var f = String(frac)
        while f.count < scale { f = "0" + f }
        return (negative ? "-" : "") + String(whole) + (scale > 0 ? "." + f : "")
    }

    /// Parses `[-+]digits[.digits]` with at most `scale` decimals into `value × 10^scale`; ',' thousands separators are
    /// accepted between digit groups of three. Nil when malformed or past `Fen.maximumMagnitude`.
    static func parse(_ raw: String, scale: Int) -> Int? {
        var text = Substring(raw)
        guard !text.isEmpty, text.utf8.count <= 40 else { return nil }
        var negative = false
        if text.first == "-" || text.first == "+" { negative = text.first == "-"; text = text.dropFirst() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        var whole = parts[0]
        if whole.contains(",") {
            let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
            guard let first = groups.first, (1...3).contains(first.count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            whole = Substring(groups.joined())
        }
        let frac = parts.count == 2 ? parts[1] : ""
        guard !whole.isEmpty || !frac.isEmpty, frac.count <= scale, parts.count == 1 || !frac.isEmpty else { return nil }
        guard whole.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), frac.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        var v = 0
        for d in whole.utf8 {
            let (a, o1) = v.multipliedReportingOverflow(by: 10)
            let (b, o2) = a.addingReportingOverflow(Int(d - 48))
            guard !o1, !o2, b <= Fen.maximumMagnitude else { return nil }
            v = b
        }
        var digits = Array(frac.utf8)
        while digits.count < scale { digits.append(48) }
        for d in digits {
            let (a, o1) = v.multipliedReportingOverflow(by: 10)
            let (b, o2) = a.addingReportingOverflow(Int(d - 48))
            guard !o1, !o2 else { return nil }
            v = b
        }
        guard v <= Fen.maximumMagnitude else { return nil }
        return negative ? -v : v
    }
}

/// Exact comparison of products of non-negative integers (e.g. funds × pupils × 100 against 90 × funds × pupils),
/// which can pass 2^63: products are kept as base-2^32 limbs.
public enum ExactProduct {
    /// Compares Π `lhs` with Π `rhs`; every factor must be ≥ 0 (a negative factor is treated as 0).
    public static func compare(_ lhs: [Int], _ rhs: [Int]) -> Int {
        let a = product(lhs), b = product(rhs)
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for (x, y) in zip(a.reversed(), b.reversed()) where x != y { return x < y ? -1 : 1 }
        return 0
    }

    /// Whether Π `lhs` ≥ Π `rhs`.
    public static func atLeast(_ lhs: [Int], _ rhs: [Int]) -> Bool { compare(lhs, rhs) >= 0 }

    static func product(_ factors: [Int]) -> [UInt64] {
        var limbs: [UInt64] = [1]
        for f in factors {
            let m = UInt64(max(0, f))
            let lo = m & 0xFFFF_FFFF, hi = m >> 32
            limbs = trim(add(mul(limbs, lo), shift(mul(limbs, hi))))
        }
        return trim(limbs)
    }

    static func mul(_ a: [UInt64], _ m: UInt64) -> [UInt64] {
        var out: [UInt64] = [], carry: UInt64 = 0
        for x in a {
            let p = x * m + carry   // x, m < 2^32 so p < 2^64
            out.append(p & 0xFFFF_FFFF)
            carry = p >> 32
        }
        if carry > 0 { out.append(carry) }
        return out
    }

    static func shift(_ a: [UInt64]) -> [UInt64] { [0] + a }

    static func add(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var out: [UInt64] = [], carry: UInt64 = 0
        for i in 0..<max(a.count, b.count) {
            let s = (i < a.count ? a[i] : 0) + (i < b.count ? b[i] : 0) + carry
            out.append(s & 0xFFFF_FFFF)
            carry = s >> 32
        }
        if carry > 0 { out.append(carry) }
        return out
    }

    static func trim(_ a: [UInt64]) -> [UInt64] {
        var a = a
        while a.count > 1, a.last == 0 { a.removeLast() }
        return a
    }
}
