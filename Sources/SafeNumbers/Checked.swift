/// The one place where numbers from outside (files, forms, solver output) become integers or are summed:
/// no conversion here traps and no sum overflows.
public enum Checked {
    /// The Int of a finite, whole `value` that fits in an Int; nil otherwise (NaN, ±∞, 1e20, 2.5).
    @inlinable
    public static func int(_ value: Double) -> Int? {
        guard value.isFinite, value.rounded(.towardZero) == value,
              value >= -9_223_372_036_854_775_808.0, value < 9_223_372_036_854_775_808.0 else { return nil }
        return Int(value)
    }

    /// `value` rounded to the nearest Int, saturating at Int's ends; NaN gives 0 (for solver output and display).
    @inlinable
    public static func int(rounding value: Double) -> Int {
        guard !value.isNaN else { return 0 }
        let r = value.rounded()
        if r >= 9_223_372_036_854_775_808.0 { return .max }
        if r < -9_223_372_036_854_775_808.0 { return .min }
        return Int(r)
    }

    /// An Int32 of `value` when it fits, else nil.
    @inlinable
    public static func int32(_ value: Int) -> Int32? { Int32(exactly: value) }

    /// `a + b`, saturating at Int's ends instead of trapping.
    @inlinable
    public static func add(_ a: Int, _ b: Int) -> Int {
        let (s, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? .max : .min) : s
    }

    /// The saturating sum of `values`.
    @inlinable
    public static func sum<S: Sequence>(_ values: S) -> Int where S.Element == Int {
        values.reduce(0, add)
    }

    /// The saturating sum of `transform` over `values`.
    @inlinable
    public static func sum<S: Sequence>(_ values: S, _ transform: (S.Element) throws -> Int) rethrows -> Int {
        var total = 0
        for v in values { total = add(total, try transform(v)) }
        return total
    }
}
