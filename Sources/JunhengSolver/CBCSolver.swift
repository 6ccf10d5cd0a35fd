import CCbc
import Foundation

/// Solves `MIPModel`s with COIN-OR CBC through its C interface.
public enum CBCSolver {
    /// Options of one solve.
    public struct Options: Sendable {
        /// Seconds before CBC stops with the best solution so far.
        public var timeLimit: Double?
        /// Relative gap at which a solution counts as optimal (CBC `ratioGap`).
        public var relativeGap: Double
        /// Solve the LP relaxation only (integrality dropped).
        public var relaxIntegrality: Bool
        /// CBC's own log on stdout.
        public var log: Bool

        public init(timeLimit: Double? = nil, relativeGap: Double = 1e-6, relaxIntegrality: Bool = false, log: Bool = false) {
            self.timeLimit = timeLimit
            self.relativeGap = relativeGap
            self.relaxIntegrality = relaxIntegrality
            self.log = log
        }
    }

    /// The CBC library version, e.g. "2.10.8".
    public static var version: String { String(cString: Cbc_getVersion()) }

    /// CBC's driver keeps global state, so solves run one at a time in a process.
    private static let lock = NSLock()

    /// Minimises the model's objective.
    public static func solve(_ model: MIPModel, options: Options = Options()) -> MIPSolution {
        lock.lock()
        defer { lock.unlock() }
        let start = Date()
        let cbc = Cbc_newModel()!
        defer { Cbc_deleteModel(cbc) }
        load(model, into: cbc, integers: !options.relaxIntegrality)
        Cbc_setObjSense(cbc, 1)
        Cbc_setLogLevel(cbc, options.log ? 1 : 0)
        Cbc_setAllowableFractionGap(cbc, options.relativeGap)
        Cbc_setAllowableGap(cbc, 1e-7)
        if let limit = options.timeLimit { Cbc_setMaximumSeconds(cbc, max(0.01, limit)) }
        Cbc_setParameter(cbc, "threads", "1")
        // Tight feasibility, so rows built for a 1e-9 CV tolerance are honoured (CLP's default is 1e-7).
        Cbc_setParameter(cbc, "primalTolerance", "1e-9")
        _ = Cbc_solve(cbc)
        let n = model.variables.count
        let hasIntegers = !options.relaxIntegrality && model.variables.contains(where: \.isInteger)
        // A problem solved in preprocessing is proven optimal without a "best solution" entry.
        let proven = Cbc_isProvenOptimal(cbc) != 0
        let solution: UnsafePointer<Double>? = proven ? Cbc_getColSolution(cbc)
            : (hasIntegers ? Cbc_bestSolution(cbc).map { UnsafePointer($0) } : nil)
        var values: [Double] = []
        if let x = solution {
            values = (0..<n).map { i in
                model.variables[i].isInteger && !options.relaxIntegrality ? x[i].rounded() : x[i]
            }
        }
        let status: MIPStatus
        if Cbc_isProvenOptimal(cbc) != 0 { status = .optimal }
        else if Cbc_isProvenInfeasible(cbc) != 0 { status = .infeasible }
        else if Cbc_isContinuousUnbounded(cbc) != 0 { status = .unbounded }
        else if Cbc_isAbandoned(cbc) != 0 { status = .abandoned }
        else { status = values.isEmpty ? .noSolutionFound : .feasible }
        let objective = values.isEmpty ? nil : model.objective(of: values)
        var bound: Double? = hasIntegers ? Cbc_getBestPossibleObjValue(cbc) : objective
        if status == .optimal, let objective, let b = bound { bound = min(b, objective) }
        if let b = bound, !b.isFinite || abs(b) > 1e29 { bound = nil }
        return MIPSolution(status: status, objective: objective, bestBound: values.isEmpty ? nil : bound,
                           values: values, seconds: Date().timeIntervalSince(start))
    }

    /// Loads columns in compressed sparse column form.
    private static func load(_ model: MIPModel, into cbc: UnsafeMutableRawPointer, integers: Bool) {
        let n = model.variables.count, m = model.constraints.count
        var columns = Array(repeating: [(Int32, Double)](), count: n)
        for (r, c) in model.constraints.enumerated() {
            for (v, coefficient) in c.terms { columns[v].append((Int32(r), coefficient)) }
        }
        var starts: [Int32] = [0], index: [Int32] = [], value: [Double] = []
        for column in columns {
            for (r, c) in column { index.append(r); value.append(c) }
            starts.append(Int32(index.count))
        }
        let big = 1e30
        func clamp(_ x: Double) -> Double { x == .infinity ? big : (x == -.infinity ? -big : x) }
        var colLower = model.variables.map { clamp($0.lower) }, colUpper = model.variables.map { clamp($0.upper) }
        var objective = model.variables.map(\.objective)
        var rowLower = model.constraints.map { clamp($0.lower) }, rowUpper = model.constraints.map { clamp($0.upper) }
        // CBC wants non-null arrays even when they are empty.
        if index.isEmpty { index = [0]; value = [0] }
        if rowLower.isEmpty { rowLower = [0]; rowUpper = [0] }
        Cbc_loadProblem(cbc, Int32(n), Int32(m), &starts, &index, &value, &colLower, &colUpper, &objective,
                        &rowLower, &rowUpper)
        if integers {
            for (i, v) in model.variables.enumerated() where v.isInteger { Cbc_setInteger(cbc, Int32(i)) }
        }
    }
}
