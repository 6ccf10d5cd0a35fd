import JunhengSolver

/// What a catchment plan is drawn for: the county, its forecast, the year whose pupils are placed, rules and pins.
public struct CatchmentProblem: Sendable {
    public var county: SeatsCounty
    public var forecast: SeatsForecast
    public var year: Int
    public var rules: PlanRules
    /// Units kept at their school of record in every section.
    public var pinned: Set<String>
    public var distances: DistanceTable
    public var neighbours: UnitNeighbours

    public init(county: SeatsCounty, forecast: SeatsForecast, year: Int, rules: PlanRules, pinned: Set<String> = []) {
        self.county = county
        self.forecast = forecast
        self.year = year
        self.rules = rules
        self.pinned = pinned
        distances = DistanceTable(county: county)
        neighbours = UnitNeighbours(county: county)
    }

    /// Expected pupils of a unit in a section (all grades) in the plan year.
    public func pupils(_ unit: String, _ section: SeatSection) -> Double {
        forecast.pupils(unit: unit, section: section, year: year)
    }
}

/// One proposed catchment plan: the assignment, how the solve ended and what the plan does.
public struct CatchmentPlan: Sendable {
    public var number: Int
    public var movePenaltyKm: Double
    public var status: MIPStatus
    /// Total pupil-km plus the move penalty, and CBC's best bound and relative gap.
    public var objective: Double?
    public var bestBound: Double?
    public var gap: Double?
    public var seconds: Double
    /// unit → section → school.
    public var assignment: [String: [SeatSection: String]]
    public var metrics: PlanMetrics?
    /// When the model is infeasible: units left with no school they may attend, and schools whose fill band cannot hold.
    public var diagnosis: [String] = []
}

/// Draws catchment plans as MIPs on CBC: every unit to one school of its section; minimise pupil-km plus a penalty
/// per pupil moved; fill band, G5 class size and G4 school size in the plan year; nearer-neighbour contiguity;
/// trip limits; pinned units. Several plans: one per move penalty, each cut off from the plans before it.
public enum CatchmentPlanner {
    public static func plans(_ problem: CatchmentProblem, count: Int, timeLimit: Double,
                             progress: (@Sendable (String) -> Void)? = nil) -> [CatchmentPlan] {
        let built = CatchmentModel(problem)
        var model = built.model
        var out: [CatchmentPlan] = []
        let penalties = problem.rules.movePenaltyKm.isEmpty ? [1.0] : problem.rules.movePenaltyKm
        for k in 0..<max(1, min(count, 20)) {
            let penalty = penalties[k % penalties.count]
            for (v, cost) in built.objective(penalty: penalty).enumerated() { model.setObjectiveCoefficient(v, cost) }
            progress?("plan \(k + 1): \(model.variables.count) variables, \(model.constraints.count) rows, move penalty \(penalty) km")
            let solution = CBCSolver.solve(model, options: .init(timeLimit: timeLimit))
            var plan = CatchmentPlan(number: k + 1, movePenaltyKm: penalty, status: solution.status, objective: solution.objective,
                                     bestBound: solution.bestBound, gap: solution.gap, seconds: solution.seconds, assignment: [:])
            progress?("plan \(k + 1): \(solution.status.rawValue) in \(Int(solution.seconds.rounded())) s")
            if solution.status == .infeasible { plan.diagnosis = built.diagnosis() }
            guard !solution.values.isEmpty else { out.append(plan); break }
            plan.assignment = built.assignment(solution.values)
            plan.metrics = PlanMetrics(problem, assignment: plan.assignment)
            out.append(plan)
            // No-good cut: the next plan differs from this one in at least one unit.
            let chosen = built.chosen(solution.values)
            model.addConstraint("distinct_\(k + 1)", chosen.map { ($0, 1.0) }, upper: Double(chosen.count - 1))
        }
        return out
    }
}

/// The MIP of one catchment problem: x[u,s] binary for the schools a unit may attend.
struct CatchmentModel {
    struct Candidate { var unit: Int; var section: SeatSection; var school: String; var metres: Double; var moved: Bool }

    var model = MIPModel()
    var candidates: [Candidate] = []
    let problem: CatchmentProblem
    let pupils: [[Double]]   // [unit index][section index]

    init(_ problem: CatchmentProblem) {
        self.problem = problem
        let units = problem.county.units
        pupils = units.map { u in SeatSection.allCases.map { problem.pupils(u.code, $0) } }
        var varOf: [String: [String: Int]] = [:]   // unit → school → variable
        for section in SeatSection.allCases {
            let schools = problem.county.schools(of: section)
            guard !schools.isEmpty else { continue }
            for (i, u) in units.enumerated() {
                let today = u.school[section]
                let todayMetres = today.map { problem.distances(u.code, $0) } ?? .infinity
                var allowed: [SeatSchool] = []
                for s in schools {
                    let d = problem.distances(u.code, s.code)
                    if s.code == today { allowed.append(s); continue }
                    if problem.pinned.contains(u.code) && today != nil { continue }
                    if today == nil ? d <= problem.rules.absoluteTripMetres[section]
                        : problem.rules.allowsTrip(d, today: todayMetres, section: section) { allowed.append(s) }
                }
                var row: [(Int, Double)] = []
                for s in allowed {
                    let v = model.addVariable("x_\(u.code)_\(s.code)", upper: 1, integer: true)
                    candidates.append(Candidate(unit: i, section: section, school: s.code, metres: problem.distances(u.code, s.code),
                                                moved: today != nil && s.code != today))
                    varOf[u.code, default: [:]][s.code] = v
                    row.append((v, 1))
                }
                model.addConstraint("assign_\(u.code)_\(section.rawValue)", row, lower: 1, upper: 1)
            }
            let sIndex = SeatSection.allCases.firstIndex(of: section) ?? 0
            for s in schools {
                let terms = candidates.indices.filter { candidates[$0].school == s.code }
                let load = terms.map { ($0, pupils[candidates[$0].unit][sIndex]) }
                let seats = Double(s.capacity)
                let upper = min(problem.rules.fillUpper * seats, Double(problem.rules.schoolSizeLimit[section]))
                model.addConstraint("fill_\(s.code)", load, lower: problem.rules.fillLower * seats, upper: upper)
                let classCap = Double(s.approvedClasses * problem.rules.classSizeLimit[section])
                for grade in section.grades {
                    let perGrade = terms.map { v in
                        (v, problem.forecast.pupils(unit: units[candidates[v].unit].code, section: section, year: problem.year, grade: grade))
                    }
                    model.addConstraint("class_\(s.code)_\(grade)", perGrade, upper: classCap)
                }
                // Contiguity: x[u,s] ≤ Σ x[v,s] over neighbours v nearer s; the unit nearest s anchors it.
                let anchor = units.indices.min { problem.distances(units[$0].code, s.code) < problem.distances(units[$1].code, s.code) }
                for v in terms where candidates[v].unit != anchor {
                    let u = units[candidates[v].unit].code
                    let d = candidates[v].metres
                    let nearer = (problem.neighbours.of[u] ?? []).sorted().compactMap { n -> Int? in
                        guard problem.distances(n, s.code) < d else { return nil }
                        return varOf[n]?[s.code]
                    }
                    if nearer.isEmpty { model.setBounds(v, lower: 0, upper: 0); continue }
                    model.addConstraint("contig_\(u)_\(s.code)", [(v, 1)] + nearer.map { ($0, -1) }, upper: 0)
                }
            }
        }
    }

    /// Objective coefficients: pupils × km, plus pupils × penalty when the unit leaves its school of record.
    func objective(penalty: Double) -> [Double] {
        candidates.map { c in
            let p = pupils[c.unit][SeatSection.allCases.firstIndex(of: c.section) ?? 0]
            return p * c.metres / 1000 + (c.moved ? p * penalty : 0)
        }
    }

    /// Plain reasons for infeasibility that need no solve: a unit whose every school is ruled out (trip limits,
    /// contiguity, pins), a school whose candidates cannot reach its lower fill or whose pupils cannot fit the rest.
    func diagnosis() -> [String] {
        var out: [String] = []
        var open: [String: Int] = [:]
        for (v, c) in candidates.enumerated() where model.variables[v].upper > 0 {
            open["\(problem.county.units[c.unit].code)/\(c.section.rawValue)", default: 0] += 1
        }
        for section in SeatSection.allCases where !problem.county.schools(of: section).isEmpty {
            for u in problem.county.units where open["\(u.code)/\(section.rawValue)"] == nil {
                out.append("\(u.code) (\(section.rawValue)): no school within the trip limits whose contiguity allows it")
            }
            let seats = problem.county.schools(of: section).reduce(0.0) {
                $0 + min(problem.rules.fillUpper * Double($1.capacity), Double(problem.rules.schoolSizeLimit[section]))
            }
            let sIndex = SeatSection.allCases.firstIndex(of: section) ?? 0
            let pupils = self.pupils.reduce(0.0) { $0 + $1[sIndex] }
            if pupils > seats { out.append("\(section.rawValue): \(Int(pupils)) pupils for \(Int(seats)) seats within the fill band and G4") }
        }
        return out.isEmpty ? ["no single unit or school explains it: capacity, class-size and contiguity rows conflict together"] : out
    }

    func chosen(_ values: [Double]) -> [Int] { candidates.indices.filter { values[$0] > 0.5 } }

    func assignment(_ values: [Double]) -> [String: [SeatSection: String]] {
        var out: [String: [SeatSection: String]] = [:]
        for v in chosen(values) {
            let c = candidates[v]
            out[problem.county.units[c.unit].code, default: [:]][c.section] = c.school
        }
        return out
    }
}
