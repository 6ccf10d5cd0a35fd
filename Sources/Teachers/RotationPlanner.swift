import EquityKit
import JunhengSolver
import SafeNumbers

/// One proposed move: the teacher, from and to which school, the section, and why this post.
public struct RotationMove: Sendable, Equatable {
    public var teacherID: String
    public var from: String
    public var to: String
    public var section: Section
    /// Chinese reasons joined by "；" (志愿, 骨干, the receiver's shortfalls the teacher fills, 校长交流, 指定).
    public var reason: String
}

/// A teacher eligible in the plan year.
public struct EligibleTeacher: Sendable, Equatable {
    public var teacherID: String
    public var schoolCode: String
    public var section: Section
    public var years: Int
    public var backbone: Bool
    public var noMove: Bool
    public var principal: Bool
}

/// A 交流轮岗 plan: eligible teachers, the moves, the 10% / 20% figures, and how CBC ended.
public struct RotationPlan: Sendable {
    public var year: Int
    public var eligible: [EligibleTeacher]
    public var moves: [RotationMove]
    /// ⌈10% × eligible⌉ and ⌈20% × exchanged⌉ as required.
    public var minimumExchanged: Int
    public var minimumBackbone: Int
    public var backboneExchanged: Int
    public var status: MIPStatus
    public var objective: Double?
    public var bestBound: Double?
    public var gap: Double?
    public var seconds: Double
    public var variables: Int
    public var rows: Int
    /// Why the model is infeasible, when it is (plain checks needing no solve).
    public var diagnosis: [String]
    public var notes: [String]

    public var exchanged: Int { moves.count }
}

/// Plans 交流轮岗 as a MIP on CBC: x[t,s] = 1 when eligible teacher t moves to school section s of their section.
/// Rows: each teacher moves at most once; exchanged ≥ ⌈10% eligible⌉; backbone ≥ 20% of exchanged; at most N out of a
/// school; every section keeps a teacher of each subject it has; a receiver takes a main subject only into a shortfall
/// or a post its own leaver frees; principals swap (in = out per school); the distance limit; and the 资源配置 school
/// rule on the teacher indicators: a section that passes still passes (at least `minimumMet` met, none below the floor,
/// with binaries for which teacher indicators stay met), a failing one loses no level on any indicator. Objective:
/// few moves, to the weakest receivers, volunteers and teachers filling a receiver's shortfall first.
public enum RotationPlanner {
    /// `solverLog` prints CBC's own log on stdout.
    public static func plan(_ problem: RotationProblem, solverLog: Bool = false, progress: (@Sendable (String) -> Void)? = nil) -> RotationPlan {
        let state = RotationState(problem)
        let built = RotationModel(state)
        progress?("\(built.model.variables.count) variables, \(built.model.constraints.count) rows")
        let teachers = problem.register.teachers
        let eligible = state.eligible.map { i in
            let t = teachers[i]
            return EligibleTeacher(teacherID: t.teacherID, schoolCode: t.schoolCode, section: t.section,
                                   years: Eligibility.years(t, year: problem.year, rules: problem.rules.rotation),
                                   backbone: problem.rules.derivation.isBackbone(t), noMove: t.noMove, principal: t.role.isPrincipal)
        }
        var plan = RotationPlan(year: problem.year, eligible: eligible, moves: [], minimumExchanged: built.minimumExchanged,
                                minimumBackbone: 0, backboneExchanged: 0, status: .infeasible, objective: nil, bestBound: nil, gap: nil,
                                seconds: 0, variables: built.model.variables.count, rows: built.model.constraints.count,
                                diagnosis: built.impossible, notes: state.notes)
        let known = Set(teachers.map(\.teacherID))
        for f in problem.forbids where !known.contains(f.teacherID) { plan.notes.append("禁止交流的教师 \(f.teacherID) 不在名册中 / forbidden teacher not in the register") }
        guard built.impossible.isEmpty else { return plan }
        let r = problem.rules.rotation
        let solution = CBCSolver.solve(built.model, options: .init(timeLimit: r.timeLimitSeconds, relativeGap: r.relativeGap, log: solverLog))
        progress?("\(solution.status.rawValue) in \(Int(solution.seconds.rounded())) s")
        plan.status = solution.status
        plan.objective = solution.objective
        plan.bestBound = solution.bestBound
        plan.gap = solution.gap
        plan.seconds = solution.seconds
        if solution.status == .infeasible { plan.diagnosis = built.diagnosis() }
        guard !solution.values.isEmpty else { return plan }
        plan.moves = built.moves(solution.values)
        plan.backboneExchanged = plan.moves.reduce(0) { n, m in
            n + (built.teacher(m.teacherID).map { problem.rules.derivation.isBackbone($0) ? 1 : 0 } ?? 0)
        }
        plan.minimumBackbone = Eligibility.minimumBackbone(exchanged: plan.moves.count, share: r.backboneShare)
        return plan
    }
}

/// The MIP of one rotation problem.
struct RotationModel {
    struct Candidate { var teacher: Int; var section: Int; var pinned: Bool }

    let state: RotationState
    var model = MIPModel()
    var candidates: [Candidate] = []
    var minimumExchanged = 0
    /// Pins that cannot hold (no solve is tried).
    var impossible: [String] = []
    let teacherIndex: [String: Int]

    func teacher(_ id: String) -> TeacherRecord? { teacherIndex[id].map { state.problem.register.teachers[$0] } }

    init(_ state: RotationState) {
        self.state = state
        let p = state.problem, r = p.rules.rotation, d = p.rules.derivation
        let teachers = p.register.teachers
        teacherIndex = Dictionary(teachers.indices.map { (teachers[$0].teacherID, $0) }, uniquingKeysWith: { a, _ in a })
        minimumExchanged = Eligibility.minimumExchanged(eligible: state.eligible.count, share: r.exchangeShare)
        let forbidAll = Set(p.forbids.filter { $0.schoolCode == nil }.map(\.teacherID))
        let forbidPair = Set(p.forbids.compactMap { f in f.schoolCode.map { "\(f.teacherID)\u{0}\($0)" } })
        let pinAny = Set(p.pins.filter { $0.schoolCode == nil }.map(\.teacherID))
        let pinPair = Set(p.pins.compactMap { f in f.schoolCode.map { "\(f.teacherID)\u{0}\($0)" } })
        let movable = Set(state.movable)
        for pin in p.pins {
            guard let i = teacherIndex[pin.teacherID] else { impossible.append("指定交流的教师 \(pin.teacherID) 不在名册中 / pinned teacher not in the register"); continue }
            if !movable.contains(i) { impossible.append("指定交流的教师 \(pin.teacherID) 不符合交流条件或不宜交流 / pinned teacher is not eligible or is marked no_move") }
            if forbidAll.contains(pin.teacherID) { impossible.append("\(pin.teacherID) 既被指定又被禁止 / both pinned and forbidden") }
            if let s = pin.schoolCode {
                if state.sectionOf[SectionKey(s, teachers[i].section)] == nil {
                    impossible.append("\(pin.teacherID) 指定的学校 \(s) 没有\(teachers[i].section.rawValue) / the pinned school has no such section")
                }
                if s == teachers[i].schoolCode { impossible.append("\(pin.teacherID) 指定到本校 / pinned to the own school") }
            }
        }
        var byTeacher: [Int: [Int]] = [:]   // teacher → candidate indices
        var into: [Int: [Int]] = [:], outOf: [Int: [Int]] = [:]   // section → candidates in / out
        for i in state.movable where !forbidAll.contains(teachers[i].teacherID) {
            let t = teachers[i]
            guard let from = state.sectionOf[SectionKey(t.schoolCode, t.section)] else { continue }
            let strengthFrom = state.sections[from].strength
            for (j, s) in state.sections.enumerated() where s.key.section == t.section && s.key.schoolCode != t.schoolCode && s.students > 0 {
                let pairKey = "\(t.teacherID)\u{0}\(s.key.schoolCode)"
                if forbidPair.contains(pairKey) { continue }
                let pinned = pinPair.contains(pairKey)
                if !pinned {
                    if let limit = r.maxDistanceKm, let km = p.km(t.schoolCode, s.key.schoolCode), km > limit { continue }
                    if r.toWeakerOnly && !t.role.isPrincipal && !(s.strength < strengthFrom - 1e-12) { continue }
                    if r.matchSubjectPosts && !t.role.isPrincipal && (s.need[t.mainSubject] ?? 0) == 0 && (s.mainCount[t.mainSubject] ?? 0) == 0 { continue }
                }
                let v = model.addVariable("x_\(t.teacherID)_\(s.key.schoolCode)", upper: 1, objective: cost(i, s), integer: true)
                candidates.append(Candidate(teacher: i, section: j, pinned: pinned))
                if pinned { model.setBounds(v, lower: 1, upper: 1) }
                byTeacher[i, default: []].append(v)
                into[j, default: []].append(v)
                outOf[from, default: []].append(v)
            }
        }
        // Each teacher at most once (exactly once when pinned to move).
        for (i, vs) in byTeacher.sorted(by: { $0.key < $1.key }) {
            let must = pinAny.contains(teachers[i].teacherID)
            model.addConstraint("once_\(teachers[i].teacherID)", vs.map { ($0, 1.0) }, lower: must ? 1 : -.infinity, upper: 1)
        }
        for id in pinAny where teacherIndex[id].map({ byTeacher[$0] == nil }) ?? false {
            impossible.append("指定交流的教师 \(id) 没有可去的学校 / pinned teacher has no school to go to")
        }
        let all = candidates.indices.map { ($0, 1.0) }
        if minimumExchanged > candidates.count && byTeacher.count < minimumExchanged {
            impossible.append("可交流教师 \(byTeacher.count) 人，少于需交流的 \(minimumExchanged) 人 / \(byTeacher.count) movable teachers with a post, \(minimumExchanged) required")
        }
        // E = exchanged and B = backbone exchanged as general integers: CBC branches on them (B ≥ ⌈20% E⌉ is then
        // settled by two branches instead of many on single moves).
        let e = model.addVariable("exchanged", lower: Double(minimumExchanged), upper: Double(candidates.count), integer: true)
        let b = model.addVariable("backbone_exchanged", upper: Double(candidates.count), integer: true)
        model.addConstraint("exchanged", all + [(e, -1.0)], lower: 0, upper: 0)
        let backboneTerms = candidates.indices.filter { d.isBackbone(teachers[candidates[$0].teacher]) }.map { ($0, 1.0) }
        model.addConstraint("backbone", backboneTerms + [(b, -1.0)], lower: 0, upper: 0)
        model.addConstraint("backbone_share", [(b, 1.0), (e, -r.backboneShare)], lower: 0)
        // At most N out of one school (all its sections).
        if let n = r.maxOutPerSchool {
            var bySchool: [String: [Int]] = [:]
            for (v, c) in candidates.enumerated() { bySchool[teachers[c.teacher].schoolCode, default: []].append(v) }
            for (school, vs) in bySchool.sorted(by: { $0.key < $1.key }) where vs.count > n {
                model.addConstraint("max_out_\(school)", vs.map { ($0, 1.0) }, upper: Double(n))
            }
        }
        for (j, s) in state.sections.enumerated() {
            let ins = into[j] ?? [], outs = outOf[j] ?? []
            guard !ins.isEmpty || !outs.isEmpty else { continue }
            // Keep a teacher of every subject the section has: have − out_j + in_j ≥ 1.
            if r.keepOnlyTeacherOfSubject {
                for (subject, have) in s.anyCount.sorted(by: { $0.key < $1.key }) {
                    let o = outs.filter { teachers[candidates[$0].teacher].subjects.contains(subject) }
                    guard o.count > have - 1 else { continue }
                    let i = ins.filter { teachers[candidates[$0].teacher].subjects.contains(subject) }
                    model.addConstraint("keep_\(s.key)_\(subject)", o.map { ($0, 1.0) } + i.map { ($0, -1.0) }, upper: Double(have - 1))
                }
            }
            // Posts: in_j − out_j ≤ shortfall_j for each main subject coming in (principals fill their own post).
            if r.matchSubjectPosts {
                let subjects = Set(ins.filter { !teachers[candidates[$0].teacher].role.isPrincipal }.map { teachers[candidates[$0].teacher].mainSubject })
                for subject in subjects.sorted() {
                    let i = ins.filter { !teachers[candidates[$0].teacher].role.isPrincipal && teachers[candidates[$0].teacher].mainSubject == subject }
                    let o = outs.filter { !teachers[candidates[$0].teacher].role.isPrincipal && teachers[candidates[$0].teacher].mainSubject == subject }
                    model.addConstraint("post_\(s.key)_\(subject)", i.map { ($0, 1.0) } + o.map { ($0, -1.0) }, upper: Double(s.need[subject] ?? 0))
                }
            }
            // The school rule on the teacher indicators.
            guard let passes = s.passesBefore, let rule = p.standard.schoolRule else { continue }
            var metVars: [Int] = []
            for (k, ind) in s.indicators.enumerated() {
                let delta: [(Int, Double)] = ins.compactMap { v -> (Int, Double)? in d.counts(teachers[candidates[v].teacher], in: ind.quantity) ? (v, 1.0) : nil }
                    + outs.compactMap { v -> (Int, Double)? in d.counts(teachers[candidates[v].teacher], in: ind.quantity) ? (v, -1.0) : nil }
                let before = s.before[k]
                let losable = outs.filter { d.counts(teachers[candidates[$0].teacher], in: ind.quantity) }.count
                if passes {
                    if before - losable < ind.floorCount {
                        model.addConstraint("floor_\(s.key)_\(k)", delta, lower: Double(ind.floorCount - before))
                    }
                    let m = model.addVariable("met_\(s.key)_\(k)", upper: 1, integer: true)
                    metVars.append(m)
                    model.addConstraint("met_\(s.key)_\(k)", delta + [(m, -Double(ind.meetCount))], lower: -Double(before))
                } else {
                    let level = RotationState.level(ind, before)
                    let keep = level == 2 ? ind.meetCount : (level == 1 ? ind.floorCount : 0)
                    if keep > 0 && before - losable < keep {
                        model.addConstraint("no_worse_\(s.key)_\(k)", delta, lower: Double(keep - before))
                    }
                }
            }
            if passes && !metVars.isEmpty {
                model.addConstraint("rule_\(s.key)", metVars.map { ($0, 1.0) }, lower: Double(rule.minimumMet - s.fixedMet))
            }
        }
        // Principals swap: every school receives as many principals as it sends.
        var principalIn: [String: [Int]] = [:], principalOut: [String: [Int]] = [:]
        for (v, c) in candidates.enumerated() where teachers[c.teacher].role.isPrincipal {
            principalIn[state.sections[c.section].key.schoolCode, default: []].append(v)
            principalOut[teachers[c.teacher].schoolCode, default: []].append(v)
        }
        for school in Set(principalIn.keys).union(principalOut.keys).sorted() {
            model.addConstraint("principals_\(school)", (principalIn[school] ?? []).map { ($0, 1.0) } + (principalOut[school] ?? []).map { ($0, -1.0) },
                                lower: 0, upper: 0)
        }
    }

    /// The cost of moving teacher `i` to section `s`.
    func cost(_ i: Int, _ s: SectionState) -> Double {
        let p = state.problem, c = p.rules.rotation.costs, d = p.rules.derivation
        let t = p.register.teachers[i]
        var x = c.move + c.receiverStrength * s.strength
        if p.rules.rotation.volunteersFirst && p.register.hasVolunteerColumn && t.volunteer == true { x -= c.volunteerBonus }
        let filled = s.indicators.indices.filter { s.before[$0] < s.indicators[$0].meetCount && d.counts(t, in: s.indicators[$0].quantity) }
        x -= c.shortfallBonus * Double(min(3, filled.count))
        if (s.need[t.mainSubject] ?? 0) > 0 { x -= c.subjectGapBonus }
        x -= c.classroomGapBonus * p.classroomGap(s.key.schoolCode, t.mainSubject)
        return x
    }

    /// Plain checks needing no solve, for an infeasible model.
    func diagnosis() -> [String] {
        var out: [String] = []
        let teachers = state.problem.register.teachers
        let movers = Set(candidates.map(\.teacher))
        if movers.count < minimumExchanged {
            out.append("有可去岗位的可交流教师 \(movers.count) 人，少于需交流的 \(minimumExchanged) 人 / \(movers.count) movable teachers have a post to go to, \(minimumExchanged) required")
        }
        if let n = state.problem.rules.rotation.maxOutPerSchool {
            let bySchool = Dictionary(grouping: movers, by: { teachers[$0].schoolCode })
            let most = bySchool.values.reduce(0) { $0 + min(n, $1.count) }
            if most < minimumExchanged {
                out.append("每校至多交流出 \(n) 人，\(bySchool.count) 所学校最多 \(most) 人，少于需交流的 \(minimumExchanged) 人 / at most \(n) out of each of \(bySchool.count) schools gives \(most), \(minimumExchanged) required")
            }
        }
        let backbone = movers.filter { state.problem.rules.derivation.isBackbone(teachers[$0]) }.count
        if backbone == 0 && minimumExchanged > 0 && state.problem.rules.rotation.backboneShare > 0 {
            out.append("没有可交流的骨干教师 / no movable backbone teacher")
        }
        return out.isEmpty ? ["无单一原因：学校规则、岗位、学科与上限共同冲突 / no single cause: the school-rule, post, subject and limit rows conflict together"] : out
    }

    func moves(_ values: [Double]) -> [RotationMove] {
        let p = state.problem, d = p.rules.derivation
        let teachers = p.register.teachers
        return candidates.indices.filter { $0 < values.count && values[$0] > 0.5 }.map { v in
            let c = candidates[v], t = teachers[c.teacher], s = state.sections[c.section]
            var why: [String] = []
            if c.pinned || p.pins.contains(where: { $0.teacherID == t.teacherID && $0.schoolCode == nil }) { why.append("人事科指定") }
            if t.role.isPrincipal { why.append("校长交流（任职满\(p.rules.rotation.principalYears)年）") }
            if p.register.hasVolunteerColumn && t.volunteer == true { why.append("本人自愿") }
            if d.isBackbone(t) { why.append("\(t.backbone.label)骨干教师") }
            for (k, ind) in s.indicators.enumerated() where s.before[k] < ind.meetCount && d.counts(t, in: ind.quantity) {
                why.append("补接收校\(p.standard.indicators[ind.index].nameZH)缺口")
            }
            if (s.need[t.mainSubject] ?? 0) > 0 { why.append("补接收校\(t.mainSubject)教师缺口") }
            if p.classroomGap(s.key.schoolCode, t.mainSubject) > 0 { why.append("补接收校三个课堂\(t.mainSubject)开课缺口") }
            if why.isEmpty { why.append("接收校较薄弱（教师指标达成度 \(Checked.int(rounding: s.strength * 100))%）") }
            return RotationMove(teacherID: t.teacherID, from: t.schoolCode, to: s.key.schoolCode, section: t.section,
                                reason: why.joined(separator: "；"))
        }.sorted { ($0.from, $0.teacherID) < ($1.from, $1.teacherID) }
    }
}
