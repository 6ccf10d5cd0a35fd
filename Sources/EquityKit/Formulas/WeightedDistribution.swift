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
        let sorted = WeightedDistribution.sortedByValue(values: values, weights: weights)
        self.values = sorted.values
        self.weights = sorted.weights
        var running = CompensatedSum()
        self.cumulative = self.weights.map { w in running.add(w); return running.value }
    }

    /// The entries with weight > 0, stably sorted by value (NaN-free input; −0 sorts just before +0, which
    /// compares equal to it). A least-significant-digit radix sort on the values' order-preserving bit
    /// patterns: O(n), with passes over digits that all entries share skipped; it replaced a comparison sort
    /// that was the equity statistics' largest cost on a national file (scripts/bench-evaluate.sh).
    static func sortedByValue(values: [Double], weights: [Double]) -> (values: [Double], weights: [Double]) {
        var keys: [UInt64] = [], kept: [Double] = []
        keys.reserveCapacity(values.count)
        kept.reserveCapacity(values.count)
        for i in values.indices where weights[i] > 0 {
            // Flip all bits of negatives and the sign bit of the rest: unsigned order = numeric order.
            let b = values[i].bitPattern
            keys.append(b >> 63 == 1 ? ~b : b | (1 << 63))
            kept.append(weights[i])
        }
        let n = keys.count
        if n < 64 {
            let order = (0..<n).sorted { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
            return (order.map { value(ofKey: keys[$0]) }, order.map { kept[$0] })
        }
        let bits = 11, buckets = 1 << bits, mask = UInt64(buckets - 1)
        let passes = (64 + bits - 1) / bits
        var counts = [Int](repeating: 0, count: passes * buckets)
        for k in keys {
            for p in 0..<passes { counts[p * buckets + Int((k >> UInt64(p * bits)) & mask)] += 1 }
        }
        var otherKeys = [UInt64](repeating: 0, count: n), otherWeights = [Double](repeating: 0, count: n)
        for p in 0..<passes {
            let base = p * buckets
            // All entries share this digit: the pass would not move anything.
            if counts[base + Int((keys[0] >> UInt64(p * bits)) & mask)] == n { continue }
            var offset = 0
            for d in 0..<buckets {
                let c = counts[base + d]
                counts[base + d] = offset
                offset += c
            }
            let shift = UInt64(p * bits)
            keys.withUnsafeBufferPointer { src in
                kept.withUnsafeBufferPointer { srcW in
                    otherKeys.withUnsafeMutableBufferPointer { dst in
                        otherWeights.withUnsafeMutableBufferPointer { dstW in
                            counts.withUnsafeMutableBufferPointer { start in
                                for i in 0..<n {
                                    let d = base + Int((src[i] >> shift) & mask)
                                    let at = start[d]
                                    start[d] = at + 1
                                    dst[at] = src[i]
                                    dstW[at] = srcW[i]
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &otherKeys)
            swap(&kept, &otherWeights)
        }
        return (keys.map(value(ofKey:)), kept)
    }

    /// The double whose order-preserving key is `k` (inverse of the mapping in `sortedByValue`).
    @inline(__always)
    private static func value(ofKey k: UInt64) -> Double {
        Double(bitPattern: k >> 63 == 1 ? k & ~(1 << 63) : ~k)
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
