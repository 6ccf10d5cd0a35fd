import EquityKit
import Foundation
import Testing
@testable import Teachers

@Suite("交流轮岗 objective: 三个课堂 subject gaps weight the receiving schools")
struct ClassroomGapRotationTests {
    /// Three 小学 of 200 pupils: A strong (12 teachers, all 本科; A2 语文, A3 数学, A4 语文 are 县级骨干; 10 eligible), B and
    /// C weak (10 teachers, 体育 1, 语文 4, 数学 5; no backbone; B has 8 above the degree, C 9).
    static func problem(gaps: [String: [String: Double]], bonus: Double) throws -> RotationProblem {
        var ts: [TeacherRecord] = []
        for i in 0..<12 {
            ts.append(teacher("A\(i)", "A", .primary, [i < 2 ? "体育" : (i % 2 == 0 ? "语文" : "数学")], degree: .bachelor,
                              backbone: (2..<5).contains(i) ? .county : .none, certificate: .primary, since: i >= 2 ? "2010-01-01" : "2024-01-01"))
        }
        for (school, degreed) in [("B", 8), ("C", 9)] {
            for i in 0..<10 {
                ts.append(teacher("\(school)\(i)", school, .primary, [i == 0 ? "体育" : (i % 2 == 0 ? "语文" : "数学")],
                                  degree: i < degreed ? .juniorCollege : .highSchoolOrBelow, certificate: .primary, since: "2024-01-01"))
            }
        }
        func q() -> Quantities {
            var x = Quantities()
            x[.classes] = 5
            x[.teachingAuxArea] = 1200
            x[.sportsArea] = 2000
            x[.equipmentValue] = 600_000
            x[.multimediaClassrooms] = 6
            return x
        }
        let records = ["A", "B", "C"].enumerated().map { k, code in
            StatisticsRecord(row: k + 2, schoolCode: code, schoolName: code, schoolType: .primary, section: .single(.primary),
                             location: code == "A" ? .urban : .rural, students: 200, quantities: q())
        }
        let rules = try TeacherRules.load(overrides: Data(#"{"rotation": {"match_subject_posts": false, "costs": {"volunteer_bonus": 0, "classroom_gap_bonus": \#(bonus)}}}"#.utf8))
        var p = RotationProblem(register: TeacherRegister(teachers: ts), records: records, standard: BuiltInStandards.youzhi2017, rules: rules, year: 2026)
        p.classroomGaps = gaps
        return p
    }

    // By hand (per 100 pupils: degree 4.2 → 9 teachers, backbone 1.0 → 2, PE/art 0.9 → 2):
    // strength B = (4.0/4.2 + 0 + 0.5/0.9) / 3 = 0.50265; C = (1 + 0 + 0.5/0.9) / 3 = 0.51852.
    // A backbone mover (本科) fills B's degree and backbone shortfalls (2 × 0.3) but only C's backbone (0.3).
    // County main subjects 体育 4, 语文 13, 数学 15 → fair share per school ⌈n/3⌉: 体育 2, 语文 5, 数学 5, so B and C are
    // each one 语文 short (subject bonus 0.2) and no 数学.
    // Exactly one move (⌈10% × 10⌉ = 1, and it must be backbone). Costs 2 + strength − bonuses:
    //   语文 → B 1.70265, 数学 → B 1.90265, 语文 → C 2.01852, 数学 → C 2.21852.
    static let toB = 2 + (4.0 / 4.2 + 0.5 / 0.9) / 3 - 0.6 - 0.2
    static let mathToC = 2 + (1 + 0.5 / 0.9) / 3 - 0.3

    @Test("without 三个课堂 data a 语文 backbone teacher goes to B")
    func withoutGaps() throws {
        let problem = try Self.problem(gaps: [:], bonus: 0.6)
        let plan = RotationPlanner.plan(problem)
        #expect(plan.status == .optimal)
        #expect(plan.moves.count == 1)
        let m = try #require(plan.moves.first)
        #expect(m.to == "B" && ["A2", "A4"].contains(m.teacherID))
        #expect(abs((plan.objective ?? 0) - Self.toB) < 1e-6)
        #expect(RotationCheck.problems(plan.moves, problem) == [])
    }

    @Test("C with no 数学 taught in 三个课堂 (gap 1.0, bonus 0.6): 数学 → C costs 2.21852 − 0.6 = 1.61852 < 1.70265, so A3 goes to C")
    func gapChangesTheMove() throws {
        let problem = try Self.problem(gaps: ["C": ["数学": 1.0]], bonus: 0.6)
        let plan = RotationPlanner.plan(problem)
        #expect(plan.status == .optimal)
        #expect(plan.moves.map(\.teacherID) == ["A3"] && plan.moves.first?.to == "C")
        #expect(abs((plan.objective ?? 0) - (Self.mathToC - 0.6)) < 1e-6)
        #expect(plan.moves.first?.reason.contains("三个课堂数学") == true)
        #expect(RotationCheck.problems(plan.moves, problem) == [])
    }

    @Test("half the 数学 periods missing at C (0.5 × 0.6 = 0.3): 1.91852 > 1.70265, the move stays at B; a gap at B picks its 数学 teacher")
    func smallGapAndOtherSchool() throws {
        let half = RotationPlanner.plan(try Self.problem(gaps: ["C": ["数学": 0.5]], bonus: 0.6))
        #expect(half.moves.first?.to == "B" && half.moves.count == 1)
        // B short of 数学 periods: 数学 → B 1.90265 − 0.6 = 1.30265 beats 语文 → B.
        let atB = RotationPlanner.plan(try Self.problem(gaps: ["B": ["数学": 1.0], "Z": ["数学": .nan]], bonus: 0.6))
        #expect(atB.moves.map(\.teacherID) == ["A3"] && atB.moves.first?.to == "B")
        #expect(abs((atB.objective ?? 0) - (Self.toB + 0.2 - 0.6)) < 1e-6)
    }
}
