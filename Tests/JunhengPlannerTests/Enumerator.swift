import EquityKit
import JunhengPlanner

/// Brute force over every combination of whole-number actions of a tiny county: applies each combination to the
/// rows itself, asks EquityKit's `Evaluator` whether the county passes, and keeps the cheapest that does.
///
/// The bounds are per school code: `limits[action][code]` is the most units of `action` at each row of that school
/// (0 when absent); for a transfer kind it bounds the teachers of that kind the row receives. Floor area, sports area
/// and equipment are never bought: they are forbidden, or (with `forbidContinuous` off) left free on a county that
/// already has enough. A teacher can only leave a single-section row, to another single-section row of the same
/// section, and only if the sender has such a teacher (a backbone or PE/art teacher with the degree, or any teacher
/// with the degree); a row sends at most its degree teachers and a school at most its transfer-out limit.
struct Enumerator {
    var records: [StatisticsRecord]
    var standard: Standard
    var limits: [RemedyAction: [String: Int]]
    var minimums: [RemedyAction: [String: Int]] = [:]
    var allowTransfers = true
    var transferOutLimits: [String: Int] = [:]
    var costs = ActionCosts.defaults
    /// Whether floor area, sports area and equipment are forbidden (otherwise the county must not need them).
    var forbidContinuous = true

    /// The cheapest passing combination found: its cost and a description.
    struct Optimum {
        var cost: Double
        var description: String
        var evaluated: Int
    }

    static let wholeActions: [RemedyAction] = [.hire, .hirePEArt, .trainBackbone, .equipMultimediaRoom]

    /// The same bounds as what-if rules for the planner; everything not bounded is forbidden.
    var rules: [WhatIfRule] {
        let codes = Array(Set(records.map(\.schoolCode))).sorted()
        var out: [WhatIfRule] = []
        for action in RemedyAction.allCases {
            if !action.isWhole && !forbidContinuous { continue }
            guard let perSchool = limits[action], !perSchool.isEmpty else {
                out.append(WhatIfRule(schoolCode: nil, action: action, maximum: 0))
                continue
            }
            for code in codes {
                let minimum = minimums[action]?[code].map(Double.init)
                out.append(WhatIfRule(schoolCode: code, action: action, minimum: minimum, maximum: Double(perSchool[code] ?? 0)))
            }
        }
        return out
    }

    func request(mode: PlanMode = .minimumCost) -> PlanRequest {
        PlanRequest(records: records, standard: standard, mode: mode, costs: costs, rules: rules,
                    transferOutLimits: transferOutLimits.map { TransferOutLimit(schoolCode: $0.key, maximum: $0.value) },
                    allowTransfers: allowTransfers)
    }

    /// One coordinate of the search: whole units of a non-transfer action at a row.
    private struct Dimension {
        var row: Int
        var action: RemedyAction
        var range: ClosedRange<Int>
    }

    /// The teachers of one kind moving within one section: net change per row (received − sent), Σ = 0.
    private struct Pool {
        var action: RemedyAction
        var rows: [Int]
        var vectors: [[Int]]
    }

    private var dimensions: [Dimension] {
        var out: [Dimension] = []
        for (u, r) in records.enumerated() {
            for action in Self.wholeActions {
                let high = limits[action]?[r.schoolCode] ?? 0
                let low = minimums[action]?[r.schoolCode] ?? 0
                if high > 0 || low > 0 { out.append(Dimension(row: u, action: action, range: low...max(low, high))) }
            }
        }
        return out
    }

    /// Teachers of `kind` a row could send.
    private func available(_ kind: RemedyAction, _ q: Quantities) -> Int {
        let degree = q[.degreeTeachers] ?? 0
        switch kind {
        case .transferBackbone: return Int(min(q[.backboneTeachers] ?? 0, degree))
        case .transferPEArt: return Int(min(q[.peArtTeachers] ?? 0, degree))
        default: return Int(degree)
        }
    }

    private var pools: [Pool] {
        guard allowTransfers else { return [] }
        var out: [Pool] = []
        for section in Section.allCases {
            let rows = records.indices.filter { records[$0].section == .single(section) }
            for kind in RemedyAction.transfers {
                let receive = rows.map { limits[kind]?[records[$0].schoolCode] ?? 0 }
                let total = receive.reduce(0, +)
                guard total > 0 else { continue }
                let send = rows.indices.map { j in
                    min(available(kind, records[rows[j]].quantities), total - receive[j],
                        transferOutLimits[records[rows[j]].schoolCode] ?? .max)
                }
                var vectors: [[Int]] = []
                func extend(_ prefix: [Int]) {
                    if prefix.count == rows.count {
                        if prefix.reduce(0, +) == 0 { vectors.append(prefix) }
                        return
                    }
                    let j = prefix.count
                    for v in -max(0, send[j])...receive[j] { extend(prefix + [v]) }
                }
                extend([])
                out.append(Pool(action: kind, rows: rows, vectors: vectors))
            }
        }
        return out
    }

    /// How many combinations `solve` goes through.
    var combinations: Int {
        dimensions.reduce(1) { $0 * $1.range.count } * pools.reduce(1) { $0 * $1.vectors.count }
    }

    /// The rows after a combination, or nil when a sender would give more teachers than it may.
    private func apply(_ units: [Int], _ choice: [Int], dims: [Dimension], pools: [Pool]) -> [StatisticsRecord]? {
        var out = records
        var sent = Array(repeating: 0, count: records.count)
        for (d, n) in zip(dims, units) where n != 0 { add(d.action, Double(n), to: &out[d.row].quantities) }
        for (p, c) in zip(pools, choice) {
            for (j, n) in p.vectors[c].enumerated() where n != 0 {
                add(p.action, Double(n), to: &out[p.rows[j]].quantities)
                if n < 0 { sent[p.rows[j]] -= n }
            }
        }
        var sentBySchool: [String: Int] = [:]
        for (u, r) in records.enumerated() where sent[u] > 0 {
            if Double(sent[u]) > (r.quantities[.degreeTeachers] ?? 0) { return nil }
            sentBySchool[r.schoolCode, default: 0] += sent[u]
        }
        // A transfer-out limit is per school, over all its rows.
        for (code, n) in sentBySchool { if let limit = transferOutLimits[code], n > limit { return nil } }
        return teacherProblems(out).isEmpty ? out : nil
    }

    /// The cheapest passing combination, or nil when none passes. Combinations are tried in order of cost, so the
    /// first that passes is the optimum.
    func solve() -> Optimum? {
        let dims = dimensions, pools = pools
        let radices = dims.map(\.range.count) + pools.map(\.vectors.count)
        let count = radices.reduce(1, *)
        precondition(count <= 200_000, "search space too large: \(count)")
        var candidates: [(cost: Double, code: Int)] = []
        candidates.reserveCapacity(count)
        func decode(_ code: Int) -> (units: [Int], choice: [Int]) {
            var c = code, units: [Int] = [], choice: [Int] = []
            for (k, radix) in radices.enumerated() {
                let digit = c % radix
                c /= radix
                if k < dims.count { units.append(dims[k].range.lowerBound + digit) } else { choice.append(digit) }
            }
            return (units, choice)
        }
        for code in 0..<count {
            let (units, choice) = decode(code)
            var cost = 0.0
            for (d, n) in zip(dims, units) { cost += Double(n) * costs[d.action] }
            for (p, c) in zip(pools, choice) { cost += Double(p.vectors[c].filter { $0 > 0 }.reduce(0, +)) * costs[p.action] }
            candidates.append((cost, code))
        }
        candidates.sort { $0.cost < $1.cost || ($0.cost == $1.cost && $0.code < $1.code) }
        var evaluated = 0
        for candidate in candidates {
            let (units, choice) = decode(candidate.code)
            guard let after = apply(units, choice, dims: dims, pools: pools) else { continue }
            evaluated += 1
            guard let e = try? Evaluator.evaluate(after, standard: standard, options: lean), e.passed else { continue }
            var parts: [String] = []
            for (d, n) in zip(dims, units) where n > 0 { parts.append("\(d.action.rawValue)@\(records[d.row].schoolCode)×\(n)") }
            for (p, c) in zip(pools, choice) where p.vectors[c].contains(where: { $0 != 0 }) {
                let net = zip(p.rows, p.vectors[c]).filter { $0.1 != 0 }.map { "\(records[$0.0].schoolCode):\($0.1)" }
                parts.append("\(p.action.rawValue)[\(net.joined(separator: ","))]")
            }
            return Optimum(cost: candidate.cost, description: parts.isEmpty ? "nothing" : parts.joined(separator: " "),
                           evaluated: evaluated)
        }
        return nil
    }
}
