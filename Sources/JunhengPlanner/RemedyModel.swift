import EquityKit
import JunhengSolver
import SafeNumbers

/// One school section the standard judges, as the plan sees it: which row it comes from and its share of that row.
struct PlanMember {
    var record: Int
    var school: SchoolSection
    var included: Bool
    /// Share of the row's people (plain student share) and of its facilities (student-equivalent share).
    var plainShare: Double
    var weightedShare: Double

    func share(of q: Quantity) -> Double {
        switch q.apportioning {
        case .byStudents: plainShare
        case .byWeightedStudents: weightedShare
        case .copied: 1
        }
    }
}

/// The MIP of a plan: integer actions per school row, a binary per (school, indicator) for "met", the school rule,
/// teacher pools per section for 交流轮岗, and outer-approximation cuts for the CV limits.
struct RemedyModel {
    var mip = MIPModel()
    let request: PlanRequest
    private(set) var members: [PlanMember] = []
    /// Variables of each row's actions (hires, training, builds, transfers received), by record index.
    private(set) var actionVars: [[RemedyAction: Int]]
    /// Variables of each row's transfers sent, by record index.
    private(set) var outVars: [[RemedyAction: Int]]
    /// Budget mode: a binary per included member that lets it fail.
    private(set) var failVars: [Int: Int] = [:]
    /// Cuts added so far, for the report.
    private(set) var cutCount = 0

    /// Budget mode, phase 2: at most this many school sections may fail.
    let maximumFailing: Int?
    /// Every CV limit is multiplied by this (phase 2 of budget mode searches the smallest feasible ratio).
    let cvRatio: Double

    init(_ request: PlanRequest, maximumFailing: Int? = nil, cvRatio: Double = 1) {
        self.request = request
        self.maximumFailing = maximumFailing
        self.cvRatio = cvRatio
        actionVars = Array(repeating: [:], count: request.records.count)
        outVars = Array(repeating: [:], count: request.records.count)
        members = Self.members(of: request)
        addActions()
        addRowLimits()
        addSchoolRule()
        addPools()
        addObjectiveRows()
        if let maximumFailing, !failVars.isEmpty {
            mip.addConstraint("failing≤", failVars.values.map { ($0, 1.0) }, upper: Double(maximumFailing))
        }
    }

    /// The school sections of the request as the evaluation splits them, with each one's row and shares.
    static func members(of request: PlanRequest) -> [PlanMember] {
        let split = SectionSplitter.split(request.records, weights: request.standard.splitWeights)
        return zip(split.sections, split.origins).map { school, origin in
            PlanMember(record: origin.record, school: school,
                       included: Evaluator.exclusion(of: school, scope: request.standard.scope) == nil,
                       plainShare: origin.plainShare, weightedShare: origin.weightedShare)
        }
    }

    // MARK: - Variables

    /// Rows that can act: those with a school section the standard judges.
    private var actingRows: [Int] { Array(Set(members.filter(\.included).map(\.record))).sorted() }

    /// Whether a row can exchange teachers: a single-section row (a 合计 row's teachers belong to no one section).
    private func canExchange(_ u: Int) -> Bool {
        guard request.allowTransfers, case .single = request.records[u].section else { return false }
        return true
    }

    private mutating func addActions() {
        for u in actingRows {
            let code = request.records[u].schoolCode
            for action in RemedyAction.allCases where !action.isTransfer || canExchange(u) {
                // People and rooms are whole; floor area and equipment value are amounts.
                actionVars[u][action] = mip.addVariable("\(action.rawValue)@\(code)",
                                                         objective: request.mode == .minimumCost ? request.costs[action] : 0,
                                                         integer: action.isWhole)
            }
            guard canExchange(u) else { continue }
            let q = request.records[u].quantities
            let available: [RemedyAction: Double] = [
                .transferBackbone: min(q[.backboneTeachers] ?? 0, q[.degreeTeachers] ?? 0),
                .transferPEArt: min(q[.peArtTeachers] ?? 0, q[.degreeTeachers] ?? 0),
                .transferTeacher: q[.degreeTeachers] ?? 0,
            ]
            for action in RemedyAction.transfers {
                outVars[u][action] = mip.addVariable("out_\(action.rawValue)@\(code)", upper: available[action]!, integer: true)
            }
        }
    }

    /// The change of quantity `q` at a row: Σ effect × action − Σ effect × transfers sent.
    func rowDelta(_ q: Quantity, row u: Int) -> [(Int, Double)] {
        var terms: [(Int, Double)] = []
        for (action, v) in actionVars[u] { if let e = action.effect[q] { terms.append((v, e)) } }
        for (action, v) in outVars[u] { if let e = action.effect[q] { terms.append((v, -e)) } }
        return terms
    }

    /// The change of quantity `q` at a member: its share of the row's change.
    func memberDelta(_ q: Quantity, _ m: PlanMember) -> [(Int, Double)] {
        let share = m.share(of: q)
        return rowDelta(q, row: m.record).map { ($0.0, $0.1 * share) }
    }

    // MARK: - Rows

    private mutating func addRowLimits() {
        for u in actingRows {
            let q = request.records[u].quantities
            let teachers = q[.teachers] ?? 0, backbone = q[.backboneTeachers] ?? 0
            // Backbone teachers stay a subset of teachers.
            mip.addConstraint("backbone≤teachers@\(u)", rowDelta(.backboneTeachers, row: u) + rowDelta(.teachers, row: u).map { ($0.0, -$0.1) },
                              upper: teachers - backbone)
            guard canExchange(u) else { continue }
            let sent = RemedyAction.transfers.compactMap { outVars[u][$0] }.map { ($0, 1.0) }
            mip.addConstraint("sent≤degree@\(u)", sent, upper: q[.degreeTeachers] ?? 0)
        }
        addSchoolLimits()
    }

    /// What-if rules and transfer-out limits hold per school, summed over its rows (a 九年一贯制 may have two).
    private mutating func addSchoolLimits() {
        var rowsOfSchool: [String: [Int]] = [:]
        for u in actingRows { rowsOfSchool[request.records[u].schoolCode, default: []].append(u) }
        for (code, rows) in rowsOfSchool.sorted(by: { $0.key < $1.key }) {
            for rule in request.rules where rule.schoolCode == nil || rule.schoolCode == code {
                let terms = rows.compactMap { actionVars[$0][rule.action] }.map { ($0, 1.0) }
                guard !terms.isEmpty else { continue }
                if terms.count == 1, let v = terms.first?.0 {
                    let current = mip.variables[v]
                    let lower = max(current.lower, rule.minimum ?? 0)
                    mip.setBounds(v, lower: lower, upper: max(lower, min(current.upper, rule.maximum ?? .infinity)))
                } else {
                    mip.addConstraint("rule_\(rule.action.rawValue)@\(code)", terms,
                                      lower: rule.minimum ?? -.infinity, upper: rule.maximum ?? .infinity)
                }
            }
            for limit in request.transferOutLimits where limit.schoolCode == code {
                let sent = rows.flatMap { u in RemedyAction.transfers.compactMap { outVars[u][$0] } }.map { ($0, 1.0) }
                if !sent.isEmpty { mip.addConstraint("sent≤limit@\(code)", sent, upper: Double(limit.maximum)) }
            }
        }
    }

    private mutating func addSchoolRule() {
        guard let rule = request.standard.schoolRule else { return }
        for (k, m) in members.enumerated() where m.included {
            let section = m.school.section
            var metTerms: [(Int, Double)] = []
            let fail: Int? = {
                guard case .budget = request.mode else { return nil }
                return mip.addVariable("fail@\(m.school.schoolCode)/\(section.rawValue)", upper: 1, integer: true)
            }()
            if let fail { failVars[k] = fail }
            for indicator in request.standard.indicators {
                guard let requirement = indicator.requirement?[section] else { continue }
                let base = m.school.quantities[indicator.numerator] ?? 0
                let need = requirement * Double(m.school.students) / indicator.perStudents
                let met = mip.addVariable("met_\(indicator.key)@\(m.school.schoolCode)/\(section.rawValue)", upper: 1, integer: true)
                metTerms.append((met, 1))
                let delta = memberDelta(indicator.numerator, m)
                // numerator ≥ need when met.
                mip.addConstraint("met", delta + [(met, -need)], lower: -base)
                // numerator ≥ floor × need always, also for a school that sends teachers away
                // (or the school is allowed to fail, in budget mode).
                let floor = rule.floorRatio * need - base
                let relax = max(0, rule.floorRatio * need)
                mip.addConstraint("floor", delta + (fail.map { [($0, relax)] } ?? []), lower: floor)
            }
            let minimum = Double(rule.minimumMet)
            mip.addConstraint("rule", metTerms + (fail.map { [($0, minimum)] } ?? []), lower: minimum)
        }
    }

    private mutating func addPools() {
        for section in Section.allCases {
            let rows = Set(members.filter { $0.school.section == section }.map(\.record)).filter { outVars[$0].count > 0 }.sorted()
            for action in RemedyAction.transfers {
                let terms = rows.flatMap { u in [(actionVars[u][action]!, 1.0), (outVars[u][action]!, -1.0)] }
                if !terms.isEmpty { mip.addConstraint("pool_\(action.rawValue)_\(section.rawValue)", terms, lower: 0, upper: 0) }
            }
        }
        guard let rotation = request.rotation, request.allowTransfers else { return }
        let exchanging = actingRows.filter(canExchange)
        let eligible = rotation.eligibleTeachers
            ?? Checked.int(rounding: exchanging.reduce(0.0) { $0 + (request.records[$1].quantities[.teachers] ?? 0) })
        let received = exchanging.flatMap { u in RemedyAction.transfers.map { (actionVars[u][$0]!, 1.0) } }
        mip.addConstraint("rotation", received, lower: (rotation.share * Double(eligible)).rounded(.up))
        // A row may not send and receive the same kind of teacher, or it could "rotate" teachers to itself.
        let most = Double(eligible) + 1
        for u in exchanging {
            for action in RemedyAction.transfers {
                let receives = mip.addVariable("receives_\(action.rawValue)@\(u)", upper: 1, integer: true)
                mip.addConstraint("in_only_if@\(u)", [(actionVars[u][action]!, 1), (receives, -most)], upper: 0)
                mip.addConstraint("out_only_if_not@\(u)", [(outVars[u][action]!, 1), (receives, most)], upper: most)
            }
        }
        let backbone = exchanging.map { (actionVars[$0][.transferBackbone]!, 1.0) }
        mip.addConstraint("rotation_backbone", backbone + received.map { ($0.0, -rotation.backboneShare) }, lower: 0)
    }

    /// The plan's cost as terms, and in budget mode the budget row and the failing-schools objective.
    var costTerms: [(Int, Double)] {
        actionVars.flatMap { row in row.map { ($0.value, request.costs[$0.key]) } }
    }

    private mutating func addObjectiveRows() {
        guard case .budget(let budget) = request.mode else { return }
        mip.addConstraint("budget", costTerms, upper: budget)
        // One failing school outweighs any spending within the budget; spending breaks ties.
        for (v, cost) in costTerms { mip.setObjectiveCoefficient(v, cost) }
        for v in failVars.values { mip.setObjectiveCoefficient(v, budget + 1) }
    }

    // MARK: - CV cuts

    /// Members counted in the CV of `section`.
    func included(in section: Section) -> [Int] {
        members.indices.filter { members[$0].included && members[$0].school.section == section }
    }

    /// The numerator of indicator `k` at member `m` for the solution `values` (empty values = the data as is).
    func numerator(_ indicator: IndicatorDefinition, _ m: PlanMember, _ values: [Double]) -> Double {
        let base = m.school.quantities[indicator.numerator] ?? 0
        guard !values.isEmpty else { return base }
        return base + memberDelta(indicator.numerator, m).reduce(0) { $0 + $1.1 * values[$1.0] }
    }

    /// The CV limit the plan aims at: the standard's, scaled by `cvRatio`, and a hair below it when the
    /// standard says "strictly below", so the 1e-9 tolerance cannot land a plan on the wrong side.
    func limit(_ section: Section) -> Double {
        let c = request.standard.cvLimit(in: section) * cvRatio
        return request.standard.countyRule.strictlyBelow ? c * (1 - 3 * RemedyPlanner.cvTolerance) : c
    }

    /// Each indicator's student-weighted CV per section for `values`, with its limit scaled by `ratio`.
    func cvs(_ values: [Double]) -> [(section: Section, indicator: Int, cv: Double, limit: Double)] {
        var out: [(Section, Int, Double, Double)] = []
        for section in Section.allCases {
            let idx = included(in: section)
            guard idx.count > 1 else { continue }
            let weights = idx.map { Double(members[$0].school.students) }
            for (k, indicator) in request.standard.indicators.enumerated() {
                let x = idx.map { numerator(indicator, members[$0], values) / Double(members[$0].school.students) * indicator.perStudents }
                let cv = DifferenceCoefficient.weighted(values: x, weights: weights).cv.value ?? .infinity
                out.append((section, k, cv, limit(section)))
            }
        }
        return out
    }

    /// One CV limit in extended form: with wᵢ = Pᵢ/P, rᵢ = √wᵢ·(Xᵢ − m) and y = c·m (m the weighted mean),
    /// CV ≤ c ⇔ Σ rᵢ² ≤ y² ⇔ Σ sᵢ ≤ y with sᵢ ≥ rᵢ²/y. Each sᵢ ≥ rᵢ²/y is a convex 2-D cone, outer-approximated
    /// by tangent planes sᵢ ≥ 2α·rᵢ − α²·y (α = rᵢ/y at the touching point), which converge far faster than cuts on
    /// the n-dimensional cone itself.
    struct ConeBlock {
        var section: Section
        var indicator: Int
        var members: [Int]
        var meanVar: Int
        var sVars: [Int]
        var limit: Double
    }

    private(set) var cones: [ConeBlock] = []

    /// Xᵢ as terms and a constant: (perStudents / Pᵢ)·(base + share·Δ).
    func valueTerms(_ indicator: IndicatorDefinition, _ m: PlanMember) -> (terms: [(Int, Double)], constant: Double) {
        let scale = indicator.perStudents / Double(m.school.students)
        return (memberDelta(indicator.numerator, m).map { ($0.0, $0.1 * scale) },
                (m.school.quantities[indicator.numerator] ?? 0) * scale)
    }

    /// Adds the extended formulation of CV(section, indicator) ≤ limit unless it is there already.
    mutating func ensureCone(section: Section, indicator k: Int, limit: Double) {
        guard !cones.contains(where: { $0.section == section && $0.indicator == k }) else { return }
        let indicator = request.standard.indicators[k]
        let idx = included(in: section)
        let total = idx.reduce(0.0) { $0 + Double(members[$1].school.students) }
        let mean = mip.addVariable("mean_\(indicator.key)_\(section.rawValue)", lower: -.infinity)
        // m = Σ wᵢ·Xᵢ
        var terms: [(Int, Double)] = [(mean, 1)]
        var constant = 0.0
        for i in idx {
            let w = Double(members[i].school.students) / total
            let x = valueTerms(indicator, members[i])
            terms += x.terms.map { ($0.0, -$0.1 * w) }
            constant += x.constant * w
        }
        mip.addConstraint("mean_def", terms, lower: constant, upper: constant)
        let sVars = idx.map { mip.addVariable("s_\(indicator.key)_\($0)") }
        mip.addConstraint("cone_\(indicator.key)_\(section.rawValue)", sVars.map { ($0, 1.0) } + [(mean, -limit)], upper: 0)
        cones.append(ConeBlock(section: section, indicator: k, members: idx, meanVar: mean, sVars: sVars, limit: limit))
    }

    /// Adds Σ sᵢ ≤ (1 − margin)·c·m to every cone, for when the solver's tolerance keeps accepting a point
    /// that breaks the limit by less than it can see.
    mutating func tightenCones(by margin: Double) {
        for c in cones {
            mip.addConstraint("cone_margin", c.sVars.map { ($0, 1.0) } + [(c.meanVar, -c.limit * (1 - margin))], upper: 0)
        }
    }

    /// Adds tangent planes at `values` (empty = the data as is) wherever sᵢ < rᵢ²/y there; returns how many.
    @discardableResult
    mutating func refineCones(at values: [Double]) -> Int {
        var added = 0
        for c in cones {
            let indicator = request.standard.indicators[c.indicator]
            let total = c.members.reduce(0.0) { $0 + Double(members[$1].school.students) }
            let x = c.members.map { numerator(indicator, members[$0], values) / Double(members[$0].school.students) * indicator.perStudents }
            let weights = c.members.map { Double(members[$0].school.students) / total }
            let mean = zip(x, weights).reduce(0) { $0 + $1.0 * $1.1 }
            let y = c.limit * mean
            guard y > 0 else { continue }
            for (j, i) in c.members.enumerated() {
                let root = weights[j].squareRoot()
                let r = root * (x[j] - mean)
                // A cone added after `values` were solved has no value there yet.
                let s = c.sVars[j] < values.count ? values[c.sVars[j]] : 0
                guard r * r / y > s * (1 + 1e-12) + 1e-15 else { continue }
                let alpha = r / y
                // sᵢ − 2α·√wᵢ·(Xᵢ − m) + α²·c·m ≥ 0, with Xᵢ = constant + terms.
                let xi = valueTerms(indicator, members[i])
                var terms: [(Int, Double)] = [(c.sVars[j], 1), (c.meanVar, 2 * alpha * root + alpha * alpha * c.limit)]
                terms += xi.terms.map { ($0.0, -2 * alpha * root * $0.1) }
                mip.addConstraint("tangent", terms, lower: 2 * alpha * root * xi.constant)
                added += 1
            }
        }
        cutCount += added
        return added
    }
}
