import EquityKit
import JunhengDemo
import JunhengPlanner
import Testing

/// What-if rules, transfer-out limits and the 交流轮岗 policy on a 20-school demo county.
@Suite("What-if rules and rotation policy")
struct WhatIfTests {
    static let records = DemoCounty.records(county: 1, schools: 20, seed: 17)

    static func request(rules: [WhatIfRule] = [], limits: [TransferOutLimit] = [], rotation: RotationPolicy? = nil) -> PlanRequest {
        PlanRequest(records: records, standard: youzhi, rules: rules, transferOutLimits: limits, rotation: rotation)
    }

    /// The unconstrained optimum, computed once.
    static let base = plan(request())

    /// Units of `action` the plan puts at `code` (a transfer counts at its receiver).
    static func units(_ p: RemedyPlan, _ action: RemedyAction, at code: String) -> Double {
        p.actions.filter { $0.action == action && $0.schoolCode == code }.reduce(0) { $0 + $1.quantity }
    }

    /// Teachers the plan moves out of `code`.
    static func sent(_ p: RemedyPlan, from code: String) -> Double {
        p.actions.filter { $0.from == code }.reduce(0) { $0 + $1.quantity }
    }

    /// A bounded plan is still valid and never cheaper than the unconstrained optimum.
    static func checkBounded(_ p: RemedyPlan, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        PlanValidityTests.checkValid(p, records, youzhi, label, sourceLocation: sourceLocation)
        if let cost = p.totalCost, let baseCost = base.totalCost {
            #expect(cost >= baseCost * (1 - 1e-4) - 1e-6, "\(label): \(cost) < unconstrained \(baseCost)", sourceLocation: sourceLocation)
        }
    }

    @Test("the fixture needs several kinds of action")
    func fixture() {
        PlanValidityTests.checkValid(Self.base, Self.records, youzhi, "unconstrained")
        let kinds = Set(Self.base.actions.map(\.action))
        for action in [RemedyAction.hirePEArt, .trainBackbone, .transferBackbone, .transferPEArt, .buildTeachingArea,
                       .buildSportsArea, .buyEquipment, .equipMultimediaRoom] {
            #expect(kinds.contains(action), "\(action.rawValue)")
        }
    }

    /// Whether the school section(s) of `code` are below the 85% floor on an indicator only `action` can raise
    /// (floor area, sports area, equipment and rooms each have exactly one action), so forbidding it there leaves
    /// no passing plan.
    static func onlyRemedy(_ action: RemedyAction, at code: String) -> Bool {
        guard [.buildTeachingArea, .buildSportsArea, .buyEquipment, .equipMultimediaRoom].contains(action) else { return false }
        let raised = Set(documentedEffect[action]!.keys)
        return base.before.schools.contains { s in
            s.included && s.school.schoolCode == code
                && s.belowFloor.contains { raised.contains(youzhi.indicators[$0].numerator) }
        }
    }

    @Test("forbidding an action at a school removes it there", arguments: RemedyAction.allCases)
    func forbidAtSchool(action: RemedyAction) throws {
        let used = Dictionary(grouping: Self.base.actions.filter { $0.action == action }, by: \.schoolCode)
            .mapValues { $0.reduce(0) { $0 + $1.quantity } }
        guard !used.isEmpty else {
            // Not in the optimum: forbidding it at a school changes nothing.
            let code = Self.records[0].schoolCode
            let p = plan(Self.request(rules: [WhatIfRule(schoolCode: code, action: action, maximum: 0)]))
            Self.checkBounded(p, "unused \(action.rawValue) forbidden at \(code)")
            #expect(isClose(p.totalCost, Self.base.totalCost ?? -1, relative: 2e-4))
            return
        }
        // Prefer a school that could do without it; otherwise the biggest user, where no plan can remain.
        let ranked = used.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.map(\.key)
        let code = ranked.first { !Self.onlyRemedy(action, at: $0) } ?? ranked[0]
        let p = plan(Self.request(rules: [WhatIfRule(schoolCode: code, action: action, maximum: 0)]))
        if Self.onlyRemedy(action, at: code) {
            #expect(p.status == .infeasible, "\(code) is below the floor on what only \(action.rawValue) raises")
        } else {
            Self.checkBounded(p, "\(action.rawValue) forbidden at \(code)")
            #expect(Self.units(p, action, at: code) == 0)
        }
    }

    @Test("forbidding an action everywhere removes it everywhere")
    func forbidEverywhere() {
        for action in [RemedyAction.hire, .transferTeacher] {
            let p = plan(Self.request(rules: [WhatIfRule(schoolCode: nil, action: action, maximum: 0)]))
            Self.checkBounded(p, "\(action.rawValue) forbidden")
            #expect(!p.actions.contains { $0.action == action })
        }
    }

    @Test("a minimum of 2 forces at least 2 at that school")
    func minimumTwo() throws {
        // A single-section school the unconstrained plan gives no PE/art hire.
        let code = try #require(Self.records.first { r in
            if case .single = r.section, r.schoolType == .primary, Self.units(Self.base, .hirePEArt, at: r.schoolCode) == 0 { return true }
            return false
        }?.schoolCode)
        for action in [RemedyAction.hirePEArt, .equipMultimediaRoom] {
            let p = plan(Self.request(rules: [WhatIfRule(schoolCode: code, action: action, minimum: 2)]))
            Self.checkBounded(p, "\(action.rawValue) ≥ 2 at \(code)")
            #expect(Self.units(p, action, at: code) >= 2)
        }
    }

    @Test("a maximum caps the action at that school", arguments: [RemedyAction.trainBackbone, .equipMultimediaRoom, .transferBackbone])
    func maximum(action: RemedyAction) throws {
        let byCode = Dictionary(grouping: Self.base.actions.filter { $0.action == action }, by: \.schoolCode)
            .mapValues { $0.reduce(0) { $0 + $1.quantity } }
        let (code, most) = try #require(byCode.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) })
        let cap = max(0, most - 1)
        let p = plan(Self.request(rules: [WhatIfRule(schoolCode: code, action: action, maximum: cap)]))
        if p.status == .infeasible && Self.onlyRemedy(action, at: code) { return }
        Self.checkBounded(p, "\(action.rawValue) ≤ \(cap) at \(code)")
        let rows = Self.records.filter { $0.schoolCode == code }.map(\.section.label)
        #expect(Self.units(p, action, at: code) <= cap, "\(action.rawValue)@\(code)<=\(cap); \(code) has rows \(rows)")
    }

    @Test("transfer-out limits are respected")
    func transferOutLimit() throws {
        let senders = Dictionary(grouping: Self.base.actions.compactMap(\.from), by: { $0 }).keys
        let busiest = try #require(senders.max { Self.sent(Self.base, from: $0) < Self.sent(Self.base, from: $1) })
        let before = Self.sent(Self.base, from: busiest)
        for limit in [Int(before) - 1, 0] where limit >= 0 {
            let p = plan(Self.request(limits: [TransferOutLimit(schoolCode: busiest, maximum: limit)]))
            Self.checkBounded(p, "at most \(limit) out of \(busiest)")
            #expect(Self.sent(p, from: busiest) <= Double(limit))
        }
    }

    /// Teachers of the single-section rows of counted school sections: those that can exchange teachers.
    static var eligibleTeachers: Double {
        let counted = Set(base.before.schools.filter { $0.included && !$0.school.apportioned }.map { $0.school.schoolCode + "|" + $0.school.section.rawValue })
        return records.filter { r in
            guard case .single(let s) = r.section else { return false }
            return counted.contains(r.schoolCode + "|" + s.rawValue)
        }.reduce(0) { $0 + ($1.quantities[.teachers] ?? 0) }
    }

    @Test("rotation policy: ≥10% of eligible teachers move, ≥20% of them backbone, between different schools")
    func rotation() {
        for policy in [RotationPolicy(), RotationPolicy(share: 0.05, backboneShare: 0.5, eligibleTeachers: 200)] {
            let eligible = policy.eligibleTeachers.map(Double.init) ?? Self.eligibleTeachers
            let p = plan(Self.request(rotation: policy))
            let label = "rotation \(policy.share) of \(eligible)"
            Self.checkBounded(p, label)
            let transfers = p.actions.filter(\.action.isTransfer)
            let moved = transfers.reduce(0) { $0 + $1.quantity }
            let backbone = transfers.filter { $0.action == .transferBackbone }.reduce(0) { $0 + $1.quantity }
            #expect(moved >= (policy.share * eligible).rounded(.up), "\(label): \(moved) moved")
            #expect(backbone >= policy.backboneShare * moved - 1e-9, "\(label): \(backbone) backbone of \(moved)")
            let selfMoves = transfers.filter { $0.from == $0.to }
            #expect(selfMoves.isEmpty, "\(label): \(selfMoves.reduce(0) { $0 + $1.quantity }) of \(moved) teachers 'move' to their own school, e.g. \(selfMoves.first.map { "\($0.action.rawValue) \($0.from ?? "") → \($0.to ?? "")" } ?? "")")
        }
    }

    // MARK: - Parsing

    @Test("what-if rules parse from the command-line forms")
    func parse() {
        #expect(WhatIfRule.parse("hire@3301000002<=2") == WhatIfRule(schoolCode: "3301000002", action: .hire, maximum: 2))
        #expect(WhatIfRule.parse("build_teaching_area@X") == WhatIfRule(schoolCode: "X", action: .buildTeachingArea, maximum: 0))
        #expect(WhatIfRule.parse("hire_pe_art>=1") == WhatIfRule(schoolCode: nil, action: .hirePEArt, minimum: 1))
        #expect(WhatIfRule.parse("train_backbone@S1=3") == WhatIfRule(schoolCode: "S1", action: .trainBackbone, minimum: 3, maximum: 3))
        #expect(WhatIfRule.parse("transfer_teacher@S2>=2") == WhatIfRule(schoolCode: "S2", action: .transferTeacher, minimum: 2))
        #expect(WhatIfRule.parse("buy_equipment<=50000") == WhatIfRule(schoolCode: nil, action: .buyEquipment, maximum: 50000))
        #expect(WhatIfRule.parse("equip_multimedia_room") == WhatIfRule(schoolCode: nil, action: .equipMultimediaRoom, maximum: 0))
        #expect(WhatIfRule.parse("  hire@X<=1 ") == WhatIfRule(schoolCode: "X", action: .hire, maximum: 1))
    }

    @Test("garbage is rejected", arguments: [
        "", "hire@X<=", "hire@X<=-1", "hire@X>=abc", "fly@X", "@X", "HIRE@X", "hire@X<=1<=2", "hire@X=nan",
        "build@X", "hire@X=>1", "transfer@X",
        // Unbounded or absurd amounts (before: accepted and passed to CBC as an infinite bound).
        "hire@X<=inf", "hire@X>=infinity", "buy_equipment<=1e300", "hire@X=1e10",
    ])
    func garbage(text: String) {
        #expect(WhatIfRule.parse(text) == nil, "'\(text)' → \(String(describing: WhatIfRule.parse(text)))")
    }

    /// `ACTION@` names no school; reading it as "everywhere" would silently forbid the action in the whole county.
    @Test("an empty school code is rejected")
    func emptySchool() {
        #expect(WhatIfRule.parse("hire@") == nil, "'hire@' → \(String(describing: WhatIfRule.parse("hire@")))")
        #expect(WhatIfRule.parse("hire@<=2") == nil, "'hire@<=2' → \(String(describing: WhatIfRule.parse("hire@<=2")))")
    }
}
