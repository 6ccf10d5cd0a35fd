/// 差异系数: the coefficient of variation of an indicator across schools.
///
/// Official method (student-weighted), with P_i students and X_i the value of school i, P = ΣP_i:
/// X̄ = ΣP_i·X_i / P,  S = √(ΣP_i·(X_i − X̄)² / P),  CV = S / X̄.
/// The unweighted variant gives every school weight 1 (a common mistake; shown only labelled).
public enum DifferenceCoefficient {
    /// Student-weighted mean, standard deviation and CV.
    public struct Result: Sendable, Equatable {
        public var mean: Statistic
        public var standardDeviation: Statistic
        public var cv: Statistic
    }

    /// The official student-weighted CV. Two-pass and compensated, so it is accurate to ~1e-15 relative.
    public static func weighted(values: [Double], weights: [Double]) -> Result {
        precondition(values.count == weights.count, "values and weights differ in length")
        var total = CompensatedSum()
        var weighted = CompensatedSum()
        for i in values.indices {
            total.add(weights[i])
            weighted.add(weights[i] * values[i])
        }
        guard total.value > 0 else {
            return Result(mean: .undefined(.noSchools), standardDeviation: .undefined(.noSchools), cv: .undefined(.noSchools))
        }
        let mean = weighted.value / total.value
        var squares = CompensatedSum()
        for i in values.indices {
            let d = values[i] - mean
            squares.add(weights[i] * d * d)
        }
        let sd = (squares.value / total.value).squareRoot()
        return Result(mean: .value(mean), standardDeviation: .value(sd),
                      cv: mean == 0 ? .undefined(.zeroMean) : .value(sd / mean))
    }

    /// The unweighted CV (every school counts once), for comparison only.
    public static func unweighted(values: [Double]) -> Result {
        weighted(values: values, weights: Array(repeating: 1, count: values.count))
    }
}

/// Kahan–Babuška (Neumaier) summation: keeps the error of long sums near one rounding.
public struct CompensatedSum: Sendable {
    private var sum = 0.0
    private var compensation = 0.0

    public init() {}

    @inline(__always)
    public mutating func add(_ x: Double) {
        let t = sum + x
        if abs(sum) >= abs(x) {
            compensation += (sum - t) + x
        } else {
            compensation += (x - t) + sum
        }
        sum = t
    }

    /// The compensated total.
    public var value: Double { sum + compensation }
}
