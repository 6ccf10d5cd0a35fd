/// Values with student weights, sorted ascending, for percentiles, medians and the Gini coefficient.
public struct WeightedDistribution: Sendable {
    public let values: [Double]
    public let weights: [Double]
    /// cumulative[k] = weights[0] + … + weights[k].
    public let cumulative: [Double]
    public var totalWeight: Double { cumulative.last ?? 0 }

    /// Sorts `values` (with their `weights`) ascending. Zero-weight entries are dropped.
    public init(values: [Double], weights: [Double]) {
        precondition(values.count == weights.count, "values and weights differ in length")
        var pairs: [(value: Double, weight: Double)] = []
        pairs.reserveCapacity(values.count)
        for i in values.indices where weights[i] > 0 { pairs.append((values[i], weights[i])) }
        pairs.sort { $0.value < $1.value }
        self.values = pairs.map(\.value)
        self.weights = pairs.map(\.weight)
        var running = CompensatedSum()
        self.cumulative = self.weights.map { w in running.add(w); return running.value }
    }

    /// The weighted q-quantile: the smallest value whose cumulative weight reaches q·P
    /// (the inverse of the weighted distribution function; with integer weights, the ⌈q·P⌉-th student's value).
    public func quantile(_ q: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let target = q * totalWeight
        var lo = 0, hi = values.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] >= target * (1 - 1e-12) { hi = mid } else { lo = mid + 1 }
        }
        return values[lo]
    }

    /// Weighted median (q = 0.5).
    public var median: Double? { quantile(0.5) }

    /// Weighted Gini coefficient ΣΣ P_i P_j |X_i − X_j| / (2 P² X̄), computed in O(n) on the sorted values.
    public func gini() -> Statistic {
        guard totalWeight > 0 else { return .undefined(.noSchools) }
        var numerator = CompensatedSum()
        var mean = CompensatedSum()
        for k in values.indices {
            let before = k == 0 ? 0 : cumulative[k - 1]
            let after = totalWeight - cumulative[k]
            numerator.add(weights[k] * values[k] * (before - after))
            mean.add(weights[k] * values[k])
        }
        let mu = mean.value / totalWeight
        guard mu != 0 else { return .undefined(.zeroMean) }
        return .value(numerator.value / (totalWeight * totalWeight * mu))
    }
}
