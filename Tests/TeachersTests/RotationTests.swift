import EquityKit
import Foundation
import JunhengDemo
import JunhengImport
import JunhengSheets
import JunhengSolver
import Testing
@testable import Teachers

/// A generated county read back through the importer, as the command line reads it.
func generated(teachers: Int, schools: Int, seed: UInt64) throws -> (records: [StatisticsRecord], register: TeacherRegister, points: [String: SchoolPoint]) {
    let (records, demo) = TeacherDemo.county(teachers: teachers, schools: schools, seed: seed)
    var csv = CSVWriter()
    csv.append(demo.header)
    for r in demo.rows { csv.append(r) }
    let register = try TeacherRegisterImporter.parse(data: Data(csv.text.utf8), file: "r.csv", key: IDNumberKey(bytes: Array("0123456789abcdef".utf8))!)
    let points = Dictionary(demo.coordinates.map { ($0.code, SchoolPoint(lon: $0.lon, lat: $0.lat)) }, uniquingKeysWith: { a, _ in a })
    return (records, register, points)
}

@Suite("交流轮岗 plans on CBC, checked independently")
struct RotationTests {
    let standard = BuiltInStandards.youzhi2017

    @Test("generated counties: proven optimal, ≥ 10% exchanged, ≥ 20% backbone, the independent checker finds nothing", arguments: [1, 2, 3])
    func plans(_ seed: Int) throws {
        let size = seed == 1 ? (120, 12) : (300, 40)
        let g = try generated(teachers: size.0, schools: size.1, seed: UInt64(seed))
        let problem = RotationProblem(register: g.register, records: g.records, standard: standard, year: 2026, coordinates: g.points)
        let plan = RotationPlanner.plan(problem)
        #expect(plan.status == .optimal)
        let eligible = g.register.teachers.filter { $0.tenured && Eligibility.years($0, year: 2026, rules: problem.rules.rotation) >= ($0.role.isPrincipal ? 10 : 6) }.count
        #expect(plan.eligible.count == eligible)
        #expect(plan.exchanged * 10 >= eligible)           // ⌈10%⌉ in integers
        #expect(plan.backboneExchanged * 5 >= plan.exchanged)  // ≥ 20%
        #expect(plan.exchanged > 0)
        #expect(RotationCheck.problems(plan.moves, problem) == [])
    }

    @Test("limits: at most 2 out per school, a 30 km limit, pins and forbids are kept; re-solving after a forbid drops that move")
    func limits() throws {
        let g = try generated(teachers: 300, schools: 40, seed: 5)
        var rules = TeacherRules.builtIn
        rules.rotation.maxOutPerSchool = 2
        rules.rotation.maxDistanceKm = 30
        let base = RotationProblem(register: g.register, records: g.records, standard: standard, rules: rules, year: 2026, coordinates: g.points)
        let first = RotationPlanner.plan(base)
        #expect(first.status == .optimal)
        #expect(RotationCheck.problems(first.moves, base) == [])
        #expect(Dictionary(grouping: first.moves, by: \.from).values.allSatisfy { $0.count <= 2 })
        let byID = Dictionary(g.register.teachers.map { ($0.teacherID, $0) }, uniquingKeysWith: { a, _ in a })
        let moved = try #require(first.moves.first { byID[$0.teacherID]?.backbone == BackboneLevel.none })
        var again = base
        again.forbids = [RotationPin(teacherID: moved.teacherID)]
        let second = RotationPlanner.plan(again)
        #expect(second.status == .optimal)
        #expect(!second.moves.contains { $0.teacherID == moved.teacherID })
        #expect(RotationCheck.problems(second.moves, again) == [])
        // Pin a move the first plan made to somewhere else: it is kept.
        var pinned = base
        pinned.pins = [RotationPin(teacherID: moved.teacherID, schoolCode: moved.to)]
        let third = RotationPlanner.plan(pinned)
        #expect(third.moves.contains { $0.teacherID == moved.teacherID && $0.to == moved.to })
        #expect(RotationCheck.problems(third.moves, pinned) == [])
    }

    @Test("the checker catches broken plans: an ineligible teacher, too few moves, a school made to fail")
    func checkerCatches() throws {
        let g = try generated(teachers: 300, schools: 40, seed: 2)
        let problem = RotationProblem(register: g.register, records: g.records, standard: standard, year: 2026)
        let plan = RotationPlanner.plan(problem)
        let ineligible = try #require(g.register.teachers.first { !$0.tenured })
        let target = try #require(g.records.first { $0.schoolCode != ineligible.schoolCode && $0.section == .single(ineligible.section) })
        let bad = plan.moves + [RotationMove(teacherID: ineligible.teacherID, from: ineligible.schoolCode, to: target.schoolCode, section: ineligible.section, reason: "")]
        #expect(RotationCheck.problems(bad, problem).contains { $0.contains("not eligible") })
        #expect(RotationCheck.problems(Array(plan.moves.dropLast(plan.moves.count)), problem).contains { $0.hasPrefix("exchanged") })
        // Empty a passing school of every PE/art teacher: the evaluator-based check says it now fails.
        let split = SectionSplitter.split(g.records, weights: standard.splitWeights).sections
        let strong = try #require(split.first { s in
            let peArt = g.register.teachers.filter { $0.schoolCode == s.schoolCode && TeacherRules.builtIn.derivation.isPEArt($0) }
            return s.location == .urban && peArt.count >= 2
        })
        let receiver = try #require(split.first { $0.section == strong.section && $0.schoolCode != strong.schoolCode })
        let emptied = g.register.teachers.filter { $0.schoolCode == strong.schoolCode && TeacherRules.builtIn.derivation.isPEArt($0) }
            .map { RotationMove(teacherID: $0.teacherID, from: $0.schoolCode, to: receiver.schoolCode, section: $0.section, reason: "") }
        #expect(RotationCheck.problems(emptied, problem).contains { $0.contains(strong.schoolCode) && ($0.contains("fails after") || $0.contains("worse")) })
    }

    /// Two 小学: A (urban, strong, 200 pupils) and B (rural, weak, 200 pupils) — a case small enough to count by hand.
    static func tiny(backboneAtA: Int, eligibleAtA: Int, studentsA: Int = 200) -> RotationProblem {
        var ts: [TeacherRecord] = []
        // A: 12 teachers, all above the degree; `backboneAtA` backbone; 2 PE/art. Eligible ones joined in 2010.
        for i in 0..<12 {
            ts.append(teacher("A\(i)", "A", .primary, [i < 2 ? "体育" : (i % 2 == 0 ? "语文" : "数学")], degree: .bachelor,
                              backbone: i >= 2 && i < 2 + backboneAtA ? .county : .none, certificate: .primary,
                              since: i >= 2 && i < 2 + eligibleAtA ? "2010-01-01" : "2024-01-01"))
        }
        // B: 10 teachers, 8 above the degree, no backbone, 1 PE.
        for i in 0..<10 {
            ts.append(teacher("B\(i)", "B", .primary, [i == 0 ? "体育" : (i % 2 == 0 ? "语文" : "数学")], degree: i < 8 ? .juniorCollege : .highSchoolOrBelow,
                              certificate: .primary, since: "2024-01-01"))
        }
        func q(_ n: Int, students: Int) -> Quantities {
            var x = Quantities()
            x[.classes] = 5
            x[.teachingAuxArea] = Double(students) * 6
            x[.sportsArea] = Double(students) * 10
            x[.equipmentValue] = Double(students) * 3000
            x[.multimediaClassrooms] = 6
            return x
        }
        let records = [
            StatisticsRecord(row: 2, schoolCode: "A", schoolName: "A", schoolType: .primary, section: .single(.primary), location: .urban, students: studentsA, quantities: q(12, students: studentsA)),
            StatisticsRecord(row: 3, schoolCode: "B", schoolName: "B", schoolType: .primary, section: .single(.primary), location: .rural, students: 200, quantities: q(10, students: 200)),
        ]
        var rules = TeacherRules.builtIn
        rules.rotation.matchSubjectPosts = false
        return RotationProblem(register: TeacherRegister(teachers: ts), records: records, standard: BuiltInStandards.youzhi2017, rules: rules, year: 2026)
    }

    @Test("hand case: A passes with backbone 3 of the 2 needed (1.0 per 100 of 200 pupils); moving 1 of 10 eligible (10%) keeps it at 2")
    func tinyPlan() {
        // A: degree 12/200 = 6.0 ≥ 4.2; backbone 3/200 = 1.5 ≥ 1.0 (needs 2); PE/art 2/200 = 1.0 ≥ 0.9 (needs 2); facilities met: 7 of 7.
        // B: degree 8/200 = 4.0 < 4.2 but ≥ 85%; backbone 0 (below floor); PE 1/200 = 0.5 (below floor): B fails already.
        // 10 eligible at A → exchange ⌈1.0⌉ = 1, and ⌈20% × 1⌉ = 1 backbone: one backbone teacher moves A → B.
        let problem = Self.tiny(backboneAtA: 3, eligibleAtA: 10)
        let plan = RotationPlanner.plan(problem)
        #expect(plan.status == .optimal)
        #expect(plan.eligible.count == 10 && plan.minimumExchanged == 1)
        #expect(plan.moves.count == 1 && plan.backboneExchanged == 1)
        #expect(plan.moves.first.map { $0.from == "A" && $0.to == "B" } == true)
        #expect(RotationCheck.problems(plan.moves, problem) == [])
    }

    @Test("hand case: A of 200 pupils with exactly the 2 backbone needed cannot send one (1 per 200 = 0.5 < the 0.85 floor): infeasible")
    func tinyBelowFloor() {
        let plan = RotationPlanner.plan(Self.tiny(backboneAtA: 2, eligibleAtA: 10))
        #expect(plan.status == .infeasible)
    }

    @Test("hand case: A of 110 pupils with 2 backbone sends one: 1 per 110 = 0.91 ≥ 0.85 leaves A at 6 of 7, still passing")
    func tinyStillPasses() {
        let problem = Self.tiny(backboneAtA: 2, eligibleAtA: 10, studentsA: 110)
        let plan = RotationPlanner.plan(problem)
        #expect(plan.status == .optimal && plan.moves.count == 1 && plan.backboneExchanged == 1)
        #expect(RotationCheck.problems(plan.moves, problem) == [])
    }

    @Test("hand case: when A is at 6 of 7 already (PE/art short) no backbone may leave, so the 20% rule cannot hold: infeasible")
    func tinyInfeasible() {
        var problem = Self.tiny(backboneAtA: 2, eligibleAtA: 10, studentsA: 110)
        // A's two PE teachers become 语文: PE/art 0 → below the floor, A fails; then A may lose no level on backbone
        // (met at exactly 2), and the only backbone teachers are at A.
        for i in problem.register.teachers.indices where problem.register.teachers[i].subjects == ["体育"] && problem.register.teachers[i].schoolCode == "A" {
            problem.register.teachers[i].subjects = ["语文"]
        }
        let plan = RotationPlanner.plan(problem)
        #expect(plan.status == .infeasible)
        #expect(plan.moves.isEmpty)
    }
}
