/// A mixed-integer linear program in solver-neutral form: bounded variables, ranged rows, a linear objective.
public struct MIPModel: Sendable {
    /// One decision variable.
    public struct Variable: Sendable {
        public var name: String
        public var lower: Double
        public var upper: Double
        public var objective: Double
        public var isInteger: Bool
    }

    /// One linear row: lower ≤ Σ coefficient·x ≤ upper.
    public struct Constraint: Sendable {
        public var name: String
        public var terms: [(variable: Int, coefficient: Double)]
        public var lower: Double
        public var upper: Double
    }

    public private(set) var variables: [Variable] = []
    public private(set) var constraints: [Constraint] = []

    public init() {}

    /// Adds a variable minimised with cost `objective`; returns its index.
    @discardableResult
    public mutating func addVariable(_ name: String, lower: Double = 0, upper: Double = .infinity,
                                     objective: Double = 0, integer: Bool = false) -> Int {
        variables.append(Variable(name: name, lower: lower, upper: upper, objective: objective, isInteger: integer))
        return variables.count - 1
    }

    /// Adds `lower ≤ Σ terms ≤ upper` (use ±infinity for one-sided rows); repeated variables are summed.
    public mutating func addConstraint(_ name: String, _ terms: [(Int, Double)], lower: Double = -.infinity,
                                       upper: Double = .infinity) {
        var merged: [Int: Double] = [:]
        for (v, c) in terms where c != 0 { merged[v, default: 0] += c }
        constraints.append(Constraint(name: name, terms: merged.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                                      lower: lower, upper: upper))
    }

    /// Removes the rows for which `predicate` holds.
    public mutating func removeConstraints(where predicate: (Constraint) -> Bool) {
        constraints.removeAll(where: predicate)
    }

    /// Changes a variable's bounds (to fix or forbid an action).
    public mutating func setBounds(_ variable: Int, lower: Double, upper: Double) {
        variables[variable].lower = lower
        variables[variable].upper = upper
    }

    /// Replaces a variable's objective coefficient.
    public mutating func setObjectiveCoefficient(_ variable: Int, _ coefficient: Double) {
        variables[variable].objective = coefficient
    }

    /// The objective value of `values`.
    public func objective(of values: [Double]) -> Double {
        zip(variables, values).reduce(0) { $0 + $1.0.objective * $1.1 }
    }

    /// The largest amount by which `values` break a row or a bound (0 when feasible).
    public func maximumViolation(of values: [Double]) -> Double {
        var worst = 0.0
        for (v, x) in zip(variables, values) { worst = max(worst, v.lower - x, x - v.upper) }
        for c in constraints {
            let activity = c.terms.reduce(0) { $0 + $1.coefficient * values[$1.variable] }
            worst = max(worst, c.lower - activity, activity - c.upper)
        }
        return worst
    }
}

/// How a solve ended.
public enum MIPStatus: String, Sendable, Equatable {
    /// Proven optimal within the relative gap asked for.
    case optimal
    /// A feasible solution, but the time limit stopped the proof.
    case feasible
    /// Proven to have no solution.
    case infeasible
    /// The relaxation is unbounded.
    case unbounded
    /// The time limit came before any feasible solution.
    case noSolutionFound = "no_solution_found"
    /// The solver gave up (numerical trouble).
    case abandoned
}

/// The result of a solve: status, objective of the best solution, best proven bound, relative gap.
public struct MIPSolution: Sendable {
    public var status: MIPStatus
    public var objective: Double?
    public var bestBound: Double?
    public var values: [Double]
    public var seconds: Double

    public init(status: MIPStatus, objective: Double?, bestBound: Double?, values: [Double], seconds: Double) {
        self.status = status
        self.objective = objective
        self.bestBound = bestBound
        self.values = values
        self.seconds = seconds
    }

    /// (objective − bound) / max(|objective|, 1e-9), or nil without both.
    public var gap: Double? {
        guard let objective, let bestBound else { return nil }
        return max(0, objective - bestBound) / max(abs(objective), 1e-9)
    }
}
