/// Berne & Stiefel equity statistics of one indicator across a section's schools, all student-weighted.
public struct EquityStatistics: Sendable, Equatable {
    public var minimum: Statistic
    public var maximum: Statistic
    /// max − min.
    public var range: Statistic
    public var p5: Statistic
    public var p95: Statistic
    /// P95 − P5.
    public var restrictedRange: Statistic
    /// (P95 − P5) / P5.
    public var federalRangeRatio: Statistic
    /// Weighted median M.
    public var median: Statistic
    /// Σ_{X_i<M} P_i·X_i / (M·Σ_{X_i<M} P_i); 1 when no school is below the median.
    public var mcLoone: Statistic
    /// Σ_{X_i>M} P_i·X_i / (M·Σ_{X_i>M} P_i); 1 when no school is above the median.
    public var verstegen: Statistic
    public var gini: Statistic
    /// Theil T, split between and within 城乡类型 groups.
    public var theil: TheilDecomposition

    /// Computes every statistic for `values` weighted by `weights`, grouped by `groups` for Theil.
    public init(values: [Double], weights: [Double], groups: [Int], groupNames: [String]) {
        let d = WeightedDistribution(values: values, weights: weights)
        theil = TheilDecomposition(values: values, weights: weights, groups: groups, groupNames: groupNames)
        guard let lo = d.values.first, let hi = d.values.last,
              let p5 = d.quantile(0.05), let p95 = d.quantile(0.95), let m = d.median else {
            let none = Statistic.undefined(.noSchools)
            (minimum, maximum, range, self.p5, self.p95) = (none, none, none, none, none)
            (restrictedRange, federalRangeRatio, median, mcLoone, verstegen, gini) = (none, none, none, none, none, none)
            return
        }
        minimum = .value(lo)
        maximum = .value(hi)
        range = .value(hi - lo)
        self.p5 = .value(p5)
        self.p95 = .value(p95)
        restrictedRange = .value(p95 - p5)
        federalRangeRatio = p5 == 0 ? .undefined(.zeroReference) : .value((p95 - p5) / p5)
        median = .value(m)
        mcLoone = EquityStatistics.medianRatio(d, median: m) { $0 < m }
        verstegen = EquityStatistics.medianRatio(d, median: m) { $0 > m }
        gini = d.gini()
    }

    private static func medianRatio(_ d: WeightedDistribution, median m: Double,
                                    _ side: (Double) -> Bool) -> Statistic {
        guard m != 0 else { return .undefined(.zeroReference) }
        var px = CompensatedSum(), p = CompensatedSum()
        for k in d.values.indices where side(d.values[k]) {
            px.add(d.weights[k] * d.values[k])
            p.add(d.weights[k])
        }
        guard p.value > 0 else { return .value(1) }
        return .value(px.value / (m * p.value))
    }
}
