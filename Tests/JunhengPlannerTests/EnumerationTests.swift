import EquityKit
import JunhengDemo
import JunhengPlanner
import Testing

/// The planner's optimum against brute force: every combination of the allowed whole-number actions of a tiny
/// county, applied by the test and judged by EquityKit's `Evaluator`.
@Suite("Minimum cost equals exhaustive enumeration")
struct EnumerationTests {
    /// Plans `e`'s request and compares with `e`'s enumeration; returns the enumerated optimum.
    @discardableResult
    static func compare(_ e: Enumerator, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) -> Enumerator.Optimum? {
        let truth = e.solve()
        let p = plan(e.request())
        let shown = p.actions.map { a in
            "\(a.action.rawValue)@\(a.schoolCode)×\(a.quantity)" + (a.from.map { " from \($0)" } ?? "")
        }.joined(separator: " ")
        guard let truth else {
            #expect(p.status == .infeasible,
                    "\(label): enumeration finds no passing plan, planner says \(p.status) at \(p.totalCost ?? -1): \(shown)",
                    sourceLocation: sourceLocation)
            return nil
        }
        #expect(p.status == .optimal, "\(label): status \(p.status), enumeration optimum \(truth.cost)", sourceLocation: sourceLocation)
        #expect(isClose(p.totalCost, truth.cost),
                "\(label): planner \(p.totalCost ?? -1) [\(shown)] vs enumeration \(truth.cost) [\(truth.description)]",
                sourceLocation: sourceLocation)
        // Whatever it costs, the plan itself must pass when the test applies it.
        if p.totalCost != nil {
            let mine = reapply(p.actions, to: e.records)
            #expect(mine.problems.isEmpty, "\(label): \(mine.problems)", sourceLocation: sourceLocation)
            let after = try? Evaluator.evaluate(mine.records, standard: e.standard, options: lean)
            #expect(after?.passed == true, "\(label): the planner's plan does not pass when re-applied: \(shown)",
                    sourceLocation: sourceLocation)
        }
        return truth
    }

    // MARK: - Hand-made counties, each showing one feature

    /// B is short of backbone teachers (0.5 per 100, below the 85% floor) and of degree teachers; A is rich.
    static func transferCounty() -> [StatisticsRecord] {
        [row("A", students: 200, teachers: 20, degree: 12, backbone: 4, peArt: 3, rooms: 6),
         row("B", students: 200, teachers: 14, degree: 8, backbone: 1, peArt: 2, rooms: 5),
         row("C", students: 200, teachers: 16, degree: 10, backbone: 3, peArt: 2, rooms: 5)]
    }

    static let transferLimits: [RemedyAction: [String: Int]] = [
        .hire: ["B": 1], .trainBackbone: ["A": 2, "B": 2, "C": 2],
        .transferBackbone: ["B": 1], .transferTeacher: ["B": 1],
    ]

    @Test("a transfer beats training and hiring; without transfers training is the optimum")
    func transferCheaperThanHiring() throws {
        var e = Enumerator(records: Self.transferCounty(), standard: youzhi, limits: Self.transferLimits)
        let with = try #require(Self.compare(e, "with transfers"))
        e.allowTransfers = false
        let without = try #require(Self.compare(e, "without transfers"))
        // The fixture does what it claims: moving a teacher beats every per-school remedy.
        #expect(with.cost < without.cost, "with \(with.description), without \(without.description)")
    }

    @Test("a transfer-out limit on the rich schools leaves only training")
    func transferOutLimit() throws {
        var e = Enumerator(records: Self.transferCounty(), standard: youzhi, limits: Self.transferLimits)
        e.transferOutLimits = ["A": 0, "C": 0]
        let limited = try #require(Self.compare(e, "A and C send nobody"))
        e.transferOutLimits = ["A": 0]
        let half = try #require(Self.compare(e, "A sends nobody"))
        #expect(limited.cost > half.cost)
    }

    @Test("no allowed action lifts B above the floor: infeasible")
    func infeasibleSchoolRule() {
        let e = Enumerator(records: Self.transferCounty(), standard: youzhi, limits: [.hire: ["B": 2], .equipMultimediaRoom: ["B": 1]],
                           allowTransfers: false)
        #expect(e.solve() == nil)
        Self.compare(e, "B cannot reach the backbone floor")
    }

    /// A is short of degree teachers (unmet, above the floor), of PE/art teachers (below the floor) and of rooms.
    static func peArtCounty() -> [StatisticsRecord] {
        [row("A", students: 200, teachers: 14, degree: 8, backbone: 2, peArt: 1, rooms: 4),
         row("B", students: 200, teachers: 18, degree: 11, backbone: 3, peArt: 3, rooms: 5)]
    }

    @Test("one PE/art hire fixes two indicators")
    func peArtHireFixesTwo() throws {
        let limits: [RemedyAction: [String: Int]] = [
            .hire: ["A": 2], .hirePEArt: ["A": 2], .trainBackbone: ["A": 1], .equipMultimediaRoom: ["A": 1],
            .transferPEArt: ["A": 1],
        ]
        var e = Enumerator(records: Self.peArtCounty(), standard: youzhi, limits: limits, allowTransfers: false)
        let optimum = try #require(Self.compare(e, "PE/art hire"))
        #expect(optimum.cost == ActionCosts.defaults[.hirePEArt], "\(optimum.description)")
        // EquityKit's own count: that one hire turns two of A's unmet indicators (degree, PE/art) into met ones.
        var hired = Self.peArtCounty()
        add(.hirePEArt, 1, to: &hired[0].quantities)
        let unmetBefore = try Evaluator.evaluate(Self.peArtCounty(), standard: youzhi).schools[0].unmet.count
        let unmetAfter = try Evaluator.evaluate(hired, standard: youzhi).schools[0].unmet.count
        #expect(unmetBefore - unmetAfter == 2, "unmet at A: \(unmetBefore) before, \(unmetAfter) after")
        // Without it (and without transfers) A's PE/art teachers stay below the floor: no plan passes.
        var noPEArt = e
        noPEArt.limits[.hirePEArt] = nil
        #expect(noPEArt.solve() == nil)
        Self.compare(noPEArt, "no PE/art hire")
        // A PE/art teacher moved from B does the same for a transfer's price.
        e.allowTransfers = true
        let moved = try #require(Self.compare(e, "PE/art transfer"))
        #expect(moved.cost == ActionCosts.defaults[.transferPEArt], "\(moved.description)")
    }

    /// Every school passes the school rule, but backbone teachers per 100 are 1.0, 3.0, 1.33: CV ≈ 0.48.
    static func cvCounty() -> [StatisticsRecord] {
        [row("A", students: 200, teachers: 16, degree: 10, backbone: 2, peArt: 2, rooms: 5),
         row("B", students: 200, teachers: 16, degree: 10, backbone: 6, peArt: 2, rooms: 5),
         row("C", students: 300, teachers: 24, degree: 15, backbone: 4, peArt: 3, rooms: 7)]
    }

    @Test("a CV limit of 0.15 binds and is met at the least cost")
    func cvLimitBinds() throws {
        let limits: [RemedyAction: [String: Int]] = [
            .trainBackbone: ["A": 2, "C": 2], .hire: ["A": 1], .transferBackbone: ["A": 2, "C": 2],
        ]
        var e = Enumerator(records: Self.cvCounty(), standard: youzhi(cvLimit: 0.15), limits: limits)
        let strict = try #require(Self.compare(e, "CV ≤ 0.15"))
        e.standard = youzhi
        let relaxed = try #require(Self.compare(e, "CV ≤ 0.50"))
        #expect(strict.cost > relaxed.cost, "the CV limit must change the optimum: \(strict.description) vs \(relaxed.description)")
        e.standard = youzhi(cvLimit: 0.15)
        e.allowTransfers = false
        // Training alone (at most 2 at A and C) is dearer, or cannot reach the limit at all.
        let training = Self.compare(e, "CV ≤ 0.15 without transfers")
        #expect(training.map { $0.cost > strict.cost } ?? true)
    }

    @Test("a CV limit no allowed action can meet: infeasible")
    func cvInfeasible() {
        let e = Enumerator(records: Self.cvCounty(), standard: youzhi(cvLimit: 0.15), limits: [.hire: ["A": 1, "B": 1]])
        #expect(e.solve() == nil)
        Self.compare(e, "backbone CV unreachable")
    }

    /// A 九年一贯制 合计 row (its 小学 part below the rooms floor, both parts short of PE/art teachers) and a junior
    /// school short of backbone teachers; teachers move only between the single-section junior rows.
    static func combinedCounty() -> [StatisticsRecord] {
        let n = StatisticsRecord(
            schoolCode: "N", schoolName: "学校N", schoolType: .nineYear, section: .combined, location: .town,
            students: 250, sectionStudents: SectionStudents(primary: 150, junior: 100),
            quantities: quantities([.teachers: 30, .degreeTeachers: 14, .backboneTeachers: 3, .peArtTeachers: 2,
                                    .multimediaClassrooms: 5, .certifiedTeachers: 30, .teachingAuxArea: 2000,
                                    .sportsArea: 3500, .equipmentValue: 800_000]))
        return [n,
                row("P", students: 200, teachers: 18, degree: 11, backbone: 3, peArt: 3, rooms: 6),
                row("J1", .junior, students: 200, teachers: 20, degree: 12, backbone: 3, peArt: 2, rooms: 5),
                row("J2", .junior, students: 200, teachers: 16, degree: 10, backbone: 1, peArt: 2, rooms: 5)]
    }

    @Test("actions on a 合计 row are shared between its sections; it exchanges no teachers")
    func combinedRow() throws {
        let limits: [RemedyAction: [String: Int]] = [
            .equipMultimediaRoom: ["N": 1], .hirePEArt: ["N": 1], .hire: ["N": 1], .trainBackbone: ["J2": 1],
            .transferBackbone: ["J2": 1, "N": 1], .transferTeacher: ["N": 1],
        ]
        var e = Enumerator(records: Self.combinedCounty(), standard: youzhi, limits: limits)
        let with = try #require(Self.compare(e, "combined row"))
        e.allowTransfers = false
        let without = try #require(Self.compare(e, "combined row, no transfers"))
        #expect(with.cost < without.cost)
    }

    /// N's 合计 row has its 初中 part replaced by N's own 初中 row, so what N buys on the 合计 row reaches only its
    /// 小学 part (still shared by the student-equivalent weights of both).
    @Test("a 合计 row whose 初中 part is given by a section row")
    func supersededCombinedRow() throws {
        var nj = row("N", .junior, students: 100, teachers: 10, degree: 7, backbone: 1, peArt: 1, rooms: 3)
        nj.schoolType = .nineYear
        var records = Self.combinedCounty()
        records.insert(nj, at: 1)
        let limits: [RemedyAction: [String: Int]] = [
            .equipMultimediaRoom: ["N": 1], .hirePEArt: ["N": 1], .trainBackbone: ["J2": 1],
            .transferBackbone: ["J2": 1, "N": 1],
        ]
        var e = Enumerator(records: records, standard: youzhi, limits: limits)
        Self.compare(e, "superseded 合计 row")
        e.allowTransfers = false
        Self.compare(e, "superseded 合计 row, no transfers")
    }

    /// P (小学) has backbone teachers to spare, J (初中) is below the backbone floor and the other junior school has
    /// none to spare: a teacher may not cross from 小学 to 初中.
    @Test("teachers move only within their section")
    func noTransferAcrossSections() throws {
        let records = [row("P", students: 200, teachers: 22, degree: 14, backbone: 6, peArt: 3, rooms: 6),
                       row("J", .junior, students: 200, teachers: 16, degree: 12, backbone: 1, peArt: 2, rooms: 5),
                       row("K", .junior, students: 200, teachers: 16, degree: 12, backbone: 2, peArt: 2, rooms: 5)]
        let limits: [RemedyAction: [String: Int]] = [.trainBackbone: ["J": 1], .transferBackbone: ["J": 1, "K": 1]]
        let e = Enumerator(records: records, standard: youzhi, limits: limits)
        let optimum = try #require(Self.compare(e, "no crossing"))
        #expect(optimum.cost == ActionCosts.defaults[.trainBackbone], "\(optimum.description)")
    }

    @Test("a what-if minimum is bought even when not needed")
    func minimumForced() throws {
        var e = Enumerator(records: Self.transferCounty(), standard: youzhi, limits: Self.transferLimits)
        e.limits[.equipMultimediaRoom] = ["C": 2]
        e.minimums = [.equipMultimediaRoom: ["C": 1], .hire: ["B": 1]]
        let optimum = try #require(Self.compare(e, "minimums"))
        #expect(optimum.cost >= ActionCosts.defaults[.equipMultimediaRoom] + ActionCosts.defaults[.hire])
    }

    /// A 九年一贯制 school X reporting 小学 and 初中 on separate rows, both rich in backbone teachers; a primary school
    /// P and a junior school J each below the backbone floor.
    static func twoRowCounty() -> [StatisticsRecord] {
        var xp = row("X", students: 200, teachers: 20, degree: 12, backbone: 4, peArt: 3, rooms: 6, location: .urban)
        var xj = row("X", .junior, students: 200, teachers: 22, degree: 14, backbone: 4, peArt: 3, rooms: 6, location: .urban)
        xp.schoolType = .nineYear
        xj.schoolType = .nineYear
        return [xp, xj,
                row("P", students: 200, teachers: 14, degree: 8, backbone: 1, peArt: 2, rooms: 5),
                row("J", .junior, students: 200, teachers: 16, degree: 10, backbone: 1, peArt: 2, rooms: 5)]
    }

    @Test("a school with two section rows sends teachers from each to its own section")
    func twoRowSchool() throws {
        let limits: [RemedyAction: [String: Int]] = [.trainBackbone: ["P": 1, "J": 1], .transferBackbone: ["P": 1, "J": 1]]
        let e = Enumerator(records: Self.twoRowCounty(), standard: youzhi, limits: limits)
        let optimum = try #require(Self.compare(e, "two-row school"))
        #expect(optimum.cost == 2 * ActionCosts.defaults[.transferBackbone], "\(optimum.description)")
    }

    /// `TransferOutLimit` is "a limit on the teachers that may leave a school": for X that is both its rows together.
    @Test("a transfer-out limit counts every row of the school")
    func transferOutLimitPerSchool() throws {
        let limits: [RemedyAction: [String: Int]] = [.trainBackbone: ["P": 1, "J": 1], .transferBackbone: ["P": 1, "J": 1]]
        var e = Enumerator(records: Self.twoRowCounty(), standard: youzhi, limits: limits)
        e.transferOutLimits = ["X": 1]
        let optimum = try #require(Self.compare(e, "X sends at most 1 teacher in all"))
        #expect(optimum.cost == ActionCosts.defaults[.transferBackbone] + ActionCosts.defaults[.trainBackbone],
                "\(optimum.description)")
        // The planner's plan must not move more than one teacher out of X.
        let p = plan(e.request())
        let sent = p.actions.filter { $0.from == "X" }.reduce(0) { $0 + $1.quantity }
        #expect(sent <= 1, "teachers leaving X: \(sent)")
    }

    /// `WhatIfRule` bounds "one action at one school": `train_backbone@X<=1` allows one training at X in all, even
    /// when X reports 小学 and 初中 on separate rows. Here both of X's sections are below the backbone floor, so one
    /// training cannot make the county pass.
    @Test("a what-if maximum bounds the whole school, not each of its rows")
    func whatIfMaximumPerSchool() throws {
        var records = Self.twoRowCounty()
        records[0].quantities[.backboneTeachers] = 1
        records[1].quantities[.backboneTeachers] = 1
        records[2].quantities[.backboneTeachers] = 3
        records[3].quantities[.backboneTeachers] = 3
        // Facts from EquityKit: one training in either of X's rows leaves the other failing; one in each passes.
        func after(_ rows: [Int]) throws -> Bool {
            var r = records
            for u in rows { add(.trainBackbone, 1, to: &r[u].quantities) }
            return try Evaluator.evaluate(r, standard: youzhi).passed
        }
        #expect(try !after([0]) && !after([1]) && after([0, 1]), "fixture")
        let rules = RemedyAction.allCases.filter { $0 != .trainBackbone }.map { WhatIfRule(schoolCode: nil, action: $0, maximum: 0) }
            + [WhatIfRule(schoolCode: "X", action: .trainBackbone, maximum: 1)]
        let p = plan(PlanRequest(records: records, standard: youzhi, rules: rules))
        let trained = p.actions.filter { $0.schoolCode == "X" && $0.action == .trainBackbone }.reduce(0) { $0 + $1.quantity }
        #expect(trained <= 1, "train_backbone@X<=1, yet the plan trains \(trained) at X")
        #expect(p.status == .infeasible, "status \(p.status), cost \(p.totalCost ?? -1)")
    }

    /// jiben-2012 judges the mean of the eight CVs (综合差异系数 ≤ 0.65 小学), not each CV: computers per 100 students
    /// of 10, 10 and 80 give one large CV, but the mean passes, so the county passes as it is. Planning as if each
    /// CV had its own limit would wrongly call it infeasible; the planner declines such standards instead.
    @Test("jiben-2012: the planner declines composite-CV standards instead of mis-planning them")
    func jibenCompositeMean() throws {
        func school(_ code: String, computers: Double) -> StatisticsRecord {
            StatisticsRecord(schoolCode: code, schoolName: "学校\(code)", schoolType: .primary, section: .single(.primary),
                             location: .town, students: 200, quantities: quantities([
                                 .teachers: 12, .degreeTeachers: 11, .midSeniorTitleTeachers: 6, .backboneTeachers: 2,
                                 .peArtTeachers: 2, .certifiedTeachers: 12, .teachingAuxArea: 1000, .sportsArea: 1600,
                                 .equipmentValue: 420_000, .multimediaClassrooms: 5, .computers: computers, .books: 6000,
                             ]))
        }
        let records = [school("A", computers: 20), school("B", computers: 20), school("C", computers: 160)]
        let before = try Evaluator.evaluate(records, standard: BuiltInStandards.jiben2012)
        #expect(before.passed, "fixture: the composite CV passes")
        #expect(before.sections[0].indicators.contains { ($0.cv.value ?? 0) > 0.65 }, "fixture: one CV is above 0.65")
        // The composite rule Σ σₖ/μₖ ≤ 8c is not convex in the decisions, so the planner refuses it plainly
        // rather than planning it as eight separate limits (which called this passing county infeasible).
        #expect(throws: RemedyPlanner.Failure.self) {
            try RemedyPlanner.plan(PlanRequest(records: records, standard: BuiltInStandards.jiben2012))
        }
    }

    // MARK: - Seeded random tiny counties

    /// A tiny county: 2–4 school sections near the requirements, facilities comfortably met, a random set of
    /// bounded whole-number actions, sometimes a strict local CV limit.
    static func randomCounty(seed: UInt64) -> Enumerator {
        var rng = SeededGenerator(seed: 0x5EED_0000 &+ seed)
        let sections: [Section] = [[.primary, .primary, .junior, .junior], [.primary, .primary, .primary],
                                   [.junior, .junior, .junior], [.primary, .primary]][Int(seed % 4)]
        var records: [StatisticsRecord] = []
        for (i, s) in sections.enumerated() {
            let n = rng.int(80...320)
            let need = requirements(s)
            func around(_ perHundred: Double, _ low: Double, _ high: Double) -> Double {
                max(0, (perHundred * Double(n) / 100 * rng.uniform(low...high)).rounded())
            }
            let degree = around(need.degree, 0.84, 1.35), backbone = around(need.backbone, 0.8, 1.8)
            let peArt = around(need.peArt, 0.8, 1.6), rooms = around(need.rooms, 0.86, 1.3)
            let teachers = max(degree, backbone, peArt) + Double(rng.int(2...8))
            records.append(row("S\(i + 1)", s, students: n, teachers: teachers, degree: degree, backbone: backbone,
                               peArt: peArt, rooms: rooms, location: rng.pick(Location.allCases)))
        }
        var limits: [RemedyAction: [String: Int]] = [:]
        for r in records {
            for action in Enumerator.wholeActions where rng.chance(0.65) { limits[action, default: [:]][r.schoolCode] = rng.int(1...2) }
            for action in RemedyAction.transfers where rng.chance(0.35) { limits[action, default: [:]][r.schoolCode] = 1 }
        }
        let standard = seed % 3 == 0 ? youzhi(cvLimit: 0.2) : youzhi
        var e = Enumerator(records: records, standard: standard, limits: limits)
        e.forbidContinuous = seed % 2 == 0
        // Keep the search small: drop random bounds until at most 20,000 combinations remain.
        while e.combinations > 20_000 {
            let keys = e.limits.keys.sorted { $0.rawValue < $1.rawValue }
            let action = rng.pick(keys)
            let codes = e.limits[action]!.keys.sorted()
            e.limits[action]![rng.pick(codes)] = nil
            if e.limits[action]!.isEmpty { e.limits[action] = nil }
        }
        return e
    }

    @Test("seeded random tiny counties, with and without transfers", arguments: 0..<40)
    func randomCounties(seed: Int) {
        var e = Self.randomCounty(seed: UInt64(seed))
        Self.compare(e, "seed \(seed)")
        e.allowTransfers = false
        Self.compare(e, "seed \(seed), no transfers")
    }
}
