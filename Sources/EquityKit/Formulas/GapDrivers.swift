/// One school's part in the county's variation of an indicator.
public struct GapDriver: Sendable, Equatable {
    /// Index of the school in the evaluated list.
    public var school: Int
    /// P_i·(X_i − X̄)² / Σ P_j·(X_j − X̄)².
    public var varianceShare: Double
    /// The CV the section would have without this school.
    public var leaveOneOutCV: Statistic
    /// True when the school is below the mean (it pulls the county down).
    public var belowMean: Bool
}

/// Which schools drive a CV: each school's share of the weighted variance and its leave-one-out CV.
public enum GapDrivers {
    /// All schools' shares and leave-one-out CVs, in input order, in O(n).
    ///
    /// Without school i (d_i = X_i − X̄, SS = ΣP_j d_j², P' = P − P_i): the mean moves by δ = −P_i·d_i/P'
    /// and the sum of squares becomes SS − P_i·d_i² − P'·δ².
    public static func all(values: [Double], weights: [Double], schoolIndices: [Int]) -> [GapDriver]? {
        precondition(values.count == weights.count && values.count == schoolIndices.count, "lengths differ")
        var pSum = CompensatedSum(), xSum = CompensatedSum()
        for i in values.indices { pSum.add(weights[i]); xSum.add(weights[i] * values[i]) }
        let p = pSum.value
        guard p > 0 else { return nil }
        let mean = xSum.value / p
        var ssSum = CompensatedSum()
        for i in values.indices { let d = values[i] - mean; ssSum.add(weights[i] * d * d) }
        let ss = ssSum.value
        guard ss > 0 else { return nil }
        return values.indices.map { i in
            let d = values[i] - mean
            let pi = weights[i] * d * d
            let rest = p - weights[i]
            var loo = Statistic.undefined(.noSchools)
            if rest > 0 {
                let delta = -weights[i] * d / rest
                let restMean = mean + delta
                var restSS = max(0, ss - pi - rest * delta * delta)
                if restSS < 1e-6 * ss {
                    // The subtraction cancels when this school carries almost all the variance: sum directly.
                    // At most a couple of schools can be in that position, so this stays O(n) overall.
                    var direct = CompensatedSum()
                    for j in values.indices where j != i {
                        let e = values[j] - restMean
                        direct.add(weights[j] * e * e)
                    }
                    restSS = direct.value
                }
                loo = restMean == 0 ? .undefined(.zeroMean) : .value((restSS / rest).squareRoot() / restMean)
            }
            return GapDriver(school: schoolIndices[i], varianceShare: pi / ss, leaveOneOutCV: loo, belowMean: d < 0)
        }
    }

    /// The `count` schools with the largest variance share, largest first.
    public static func top(_ count: Int, values: [Double], weights: [Double], schoolIndices: [Int]) -> [GapDriver] {
        guard count > 0, let drivers = all(values: values, weights: weights, schoolIndices: schoolIndices) else { return [] }
        // Partial selection keeps this O(n·count) instead of sorting all n.
        var best: [GapDriver] = []
        best.reserveCapacity(count + 1)
        for d in drivers {
            if best.count == count, let last = best.last, d.varianceShare <= last.varianceShare { continue }
            let at = best.firstIndex { d.varianceShare > $0.varianceShare } ?? best.count
            best.insert(d, at: at)
            if best.count > count { best.removeLast() }
        }
        return best
    }
}
