import EquityKit
import Foundation

/// What the county asks the planner for.
public enum PlanMode: Sendable, Equatable {
    /// Pass the standard at the least cost.
    case minimumCost
    /// With at most this many yuan, make as few schools fail as possible (then keep costs low).
    case budget(Double)
}

/// A what-if rule: fix or bound one action at one school, summed over its rows (or at each school when `schoolCode` is nil).
public struct WhatIfRule: Sendable, Equatable, Codable {
    public var schoolCode: String?
    public var action: RemedyAction
    /// Most units allowed (0 forbids the action).
    public var maximum: Double?
    /// Fewest units required.
    public var minimum: Double?

    public init(schoolCode: String?, action: RemedyAction, minimum: Double? = nil, maximum: Double? = nil) {
        self.schoolCode = schoolCode
        self.action = action
        self.minimum = minimum
        self.maximum = maximum
    }

    /// The largest bound a rule may set (units of any action); beyond it a rule is rejected, not passed to the solver.
    public static let maximumUnits = 1e9

    /// Parses `ACTION@SCHOOL`, `ACTION@SCHOOL<=N`, `ACTION@SCHOOL>=N`, `ACTION@SCHOOL=N` or `ACTION<=N` (all schools).
    /// `forbid` makes a bare `ACTION@SCHOOL` a maximum of 0. Transfers out use `transfer_out`.
    public static func parse(_ text: String) -> WhatIfRule? {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        var minimum: Double?, maximum: Double?
        for (op, isMax, isMin) in [("<=", true, false), (">=", false, true), ("=", true, true)] {
            if let r = body.range(of: op) {
                guard let v = Double(body[r.upperBound...]), v.isFinite, v >= 0, v <= WhatIfRule.maximumUnits else { return nil }
                if isMax { maximum = v }
                if isMin { minimum = v }
                body = body[..<r.lowerBound]
                break
            }
        }
        let parts = body.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let actionName = parts.first, let action = RemedyAction(rawValue: actionName) else { return nil }
        // "hire@" is a typo, not "everywhere".
        if parts.count > 1 && parts[1].isEmpty { return nil }
        if minimum == nil && maximum == nil { maximum = 0 }
        return WhatIfRule(schoolCode: parts.count > 1 ? parts[1] : nil, action: action, minimum: minimum, maximum: maximum)
    }
}

/// A limit on the teachers that may leave a school (e.g. "transfer at most 3 teachers out of X").
public struct TransferOutLimit: Sendable, Equatable, Codable {
    public var schoolCode: String
    public var maximum: Int

    public init(schoolCode: String, maximum: Int) {
        self.schoolCode = schoolCode
        self.maximum = maximum
    }
}

/// 交流轮岗 policy: at least `share` of eligible teachers rotate, at least `backboneShare` of them backbone.
public struct RotationPolicy: Sendable, Equatable {
    public var share: Double
    public var backboneShare: Double
    /// Eligible teachers; by default every teacher of the schools that can exchange teachers.
    public var eligibleTeachers: Int?

    public init(share: Double = 0.10, backboneShare: Double = 0.20, eligibleTeachers: Int? = nil) {
        self.share = share
        self.backboneShare = backboneShare
        self.eligibleTeachers = eligibleTeachers
    }
}

/// Everything the planner needs.
public struct PlanRequest: Sendable {
    public var records: [StatisticsRecord]
    public var standard: Standard
    public var mode: PlanMode
    public var costs: ActionCosts
    public var rules: [WhatIfRule]
    public var transferOutLimits: [TransferOutLimit]
    public var rotation: RotationPolicy?
    /// Whether teachers may move between schools at all.
    public var allowTransfers: Bool
    /// Seconds for the whole plan (all solver rounds together).
    public var timeLimit: Double
    /// Relative gap at which CBC may stop and call a solution optimal.
    public var relativeGap: Double
    /// Called after every solver round with a one-line summary (for progress on long plans).
    public var progress: (@Sendable (String) -> Void)?
    /// Asked between solver rounds; true ends the plan early with the best result so far (a cancelled job).
    public var shouldStop: (@Sendable () -> Bool)?

    public init(records: [StatisticsRecord], standard: Standard, mode: PlanMode = .minimumCost,
                costs: ActionCosts = .defaults, rules: [WhatIfRule] = [], transferOutLimits: [TransferOutLimit] = [],
                rotation: RotationPolicy? = nil, allowTransfers: Bool = true, timeLimit: Double = 60,
                relativeGap: Double = 1e-4, progress: (@Sendable (String) -> Void)? = nil) {
        self.records = records
        self.standard = standard
        self.mode = mode
        self.costs = costs
        self.rules = rules
        self.transferOutLimits = transferOutLimits
        self.rotation = rotation
        self.allowTransfers = allowTransfers
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.progress = progress
    }
}
