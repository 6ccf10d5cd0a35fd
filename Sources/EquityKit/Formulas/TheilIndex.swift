import Foundation

/// Theil T index of one group.
public struct TheilGroup: Sendable, Equatable {
    public var group: String
    public var students: Double
    /// Student-weighted mean of the group.
    public var mean: Statistic
    /// The group's own Theil T.
    public var theil: Statistic
    /// The group's share of the total resource, P_g·X̄_g / (P·X̄).
    public var resourceShare: Statistic
}

/// Theil T = Σ (P_i/P)(X_i/X̄) ln(X_i/X̄), with its exact split into between- and within-group parts.
public struct TheilDecomposition: Sendable, Equatable {
    public var total: Statistic
    /// Σ_g s_g ln(X̄_g/X̄), s_g the group's resource share.
    public var between: Statistic
    /// Σ_g s_g T_g.
    public var within: Statistic
    public var groups: [TheilGroup]

    /// Decomposes by group: school i belongs to group `groups[i]`, an index into `groupNames` (e.g. 城区/镇区/乡村).
    public init(values: [Double], weights: [Double], groups: [Int], groupNames: [String]) {
        precondition(values.count == weights.count && values.count == groups.count, "lengths differ")
        total = TheilDecomposition.theil(values: values, weights: weights)
        var totalW = CompensatedSum(), totalX = CompensatedSum()
        for i in values.indices { totalW.add(weights[i]); totalX.add(weights[i] * values[i]) }
        let resource = totalX.value
        let mean = totalW.value > 0 ? resource / totalW.value : 0
        var result: [TheilGroup] = []
        var between = CompensatedSum(), within = CompensatedSum()
        var memberValues = Array(repeating: [Double](), count: groupNames.count)
        var memberWeights = memberValues
        for i in values.indices where weights[i] > 0 {
            memberValues[groups[i]].append(values[i])
            memberWeights[groups[i]].append(weights[i])
        }
        for (g, label) in groupNames.enumerated() {
            let v = memberValues[g], w = memberWeights[g]
            guard !v.isEmpty else { continue }
            var gw = CompensatedSum(), gx = CompensatedSum()
            for k in v.indices { gw.add(w[k]); gx.add(w[k] * v[k]) }
            let gMean = gx.value / gw.value
            let gTheil = TheilDecomposition.theil(values: v, weights: w)
            let share: Statistic = resource > 0 ? .value(gx.value / resource) : .undefined(.zeroMean)
            if let s = share.value, s > 0 {
                between.add(s * log(gMean / mean))
                within.add(s * (gTheil.value ?? 0))
            }
            result.append(TheilGroup(group: label, students: gw.value, mean: .value(gMean), theil: gTheil, resourceShare: share))
        }
        self.groups = result
        if case .value = total {
            self.between = .value(between.value)
            self.within = .value(within.value)
        } else {
            self.between = total
            self.within = total
        }
    }

    /// Theil T of weighted values; a school with value 0 contributes 0 (the limit of x·ln x).
    public static func theil(values: [Double], weights: [Double]) -> Statistic {
        var w = CompensatedSum(), x = CompensatedSum()
        for i in values.indices { w.add(weights[i]); x.add(weights[i] * values[i]) }
        guard w.value > 0 else { return .undefined(.noSchools) }
        let mean = x.value / w.value
        guard mean > 0 else { return .undefined(.zeroMean) }
        var t = CompensatedSum()
        for i in values.indices where values[i] > 0 && weights[i] > 0 {
            let r = values[i] / mean
            t.add(weights[i] * r * log(r))
        }
        return .value(t.value / w.value)
    }
}
