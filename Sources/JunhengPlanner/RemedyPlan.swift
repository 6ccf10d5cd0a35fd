import EquityKit

/// One action of a plan at one school (a transfer names both schools).
public struct PlannedAction: Sendable, Equatable {
    public var schoolCode: String
    public var schoolName: String
    /// 小学 / 初中, or 合计 for a combined row.
    public var section: String
    public var action: RemedyAction
    public var quantity: Double
    public var cost: Double
    /// For transfers: the sending and the receiving school.
    public var from: String?
    public var to: String?
}

/// How planning ended. Only `optimal` is a proven optimum.
public enum PlanStatus: String, Sendable, Equatable {
    /// Proven optimal within the requested gap, and every CV within its limit to 1e-9.
    case optimal
    /// A valid plan, but the time limit stopped the proof: see gap and best bound.
    case feasible
    /// No combination of the allowed actions makes the county pass.
    case infeasible
    /// The time limit came before any valid plan.
    case noPlanFound = "no_plan_found"
    /// The CV cutting planes had not converged when time ran out: the last plan still breaks a CV limit.
    case cvNotConverged = "cv_not_converged"
}

/// The planner's answer.
public struct RemedyPlan: Sendable {
    public var status: PlanStatus
    public var totalCost: Double?
    /// A proven lower bound on the cost of any plan (min-cost mode); nil when none is known.
    public var bestBound: Double?
    /// (cost − bound) / cost.
    public var gap: Double?
    public var actions: [PlannedAction]
    /// The statistics as they would be after the plan (same rows as the input).
    public var plannedRecords: [StatisticsRecord]
    public var before: Evaluation
    public var after: Evaluation?
    /// Budget mode: school sections still failing the school rule after the plan.
    public var failingSchools: Int?
    /// The largest relative excess of a CV over its limit in the returned plan (≤ 1e-9 means none).
    public var cvViolation: Double
    /// Largest CV / limit over all indicators and sections after the plan.
    public var largestCVRatio: Double?
    /// Solver rounds (each adds CV cuts) and cuts added.
    public var rounds: Int
    public var cuts: Int
    public var seconds: Double
    /// The MIP solver and its version, e.g. "COIN-OR CBC 2.10.8".
    public var solver: String
}
