import Testing
@testable import EquityKit

/// youzhi-2017 school rule: ≥ 6 of 7 met and every unmet one ≥ 85% of its requirement.
/// Indicator order: 0 degree, 1 backbone, 2 PE/art, 3 teaching area, 4 sports area, 5 equipment, 6 multimedia.
@Suite struct EvaluatorSchoolRuleTests {
    static func primary(_ row: Int, _ code: String, students: Int = 1000, _ changes: [Quantity: Double] = [:]) -> StatisticsRecord {
        var q = youzhiAtRequirement(.primary, scale: Double(students) / 1000)
        for (k, v) in changes { q[k] = v }
        return record(row: row, code: code, section: .primary, students: students, q)
    }

    static func evaluate(_ records: [StatisticsRecord]) throws -> Evaluation {
        try Evaluator.evaluate(records, standard: BuiltInStandards.youzhi2017)
    }

    @Test func schoolRuleCases() throws {
        let e = try Self.evaluate([
            Self.primary(2, "S7"),                                   // all 7 exactly at the requirement
            Self.primary(3, "S6-90", [.equipmentValue: 1_800_000]),  // 1800 yuan = 90% of 2000
            Self.primary(4, "S6-80", [.equipmentValue: 1_600_000]),  // 1600 yuan = 80% → below the floor
            Self.primary(5, "S5", [.equipmentValue: 1_900_000, .sportsArea: 7_200]), // 95%, 96%: only 5 met
            Self.primary(6, "S6-85", [.equipmentValue: 1_700_000]),  // exactly 85% → still acceptable
        ])
        let byCode = Dictionary(uniqueKeysWithValues: e.schools.map { ($0.school.schoolCode, $0) })

        let s7 = try #require(byCode["S7"])
        #expect(s7.met == 7 && s7.unmet.isEmpty && s7.belowFloor.isEmpty && s7.passed == true)

        let s690 = try #require(byCode["S6-90"])
        #expect(s690.met == 6 && s690.unmet == [5] && s690.belowFloor.isEmpty && s690.passed == true)
        #expect(s690.values[5] == 1800)

        let s680 = try #require(byCode["S6-80"])
        #expect(s680.met == 6 && s680.unmet == [5] && s680.belowFloor == [5] && s680.passed == false)

        let s5 = try #require(byCode["S5"])
        #expect(s5.met == 5 && s5.unmet == [4, 5] && s5.belowFloor.isEmpty && s5.passed == false)

        let s685 = try #require(byCode["S6-85"])
        #expect(s685.met == 6 && s685.belowFloor.isEmpty && s685.passed == true)

        // The section fails because two counted schools fail, whatever the CVs.
        let section = try #require(e.sections.first)
        #expect(section.section == .primary)
        #expect(section.schoolsFailing == 2)
        #expect(section.cvPassed) // values differ by at most 20%: every CV is far below 0.50
        #expect(!section.passed)
        #expect(!e.passed)
    }

    @Test func exactBoundaryCountsAsMet() throws {
        // 21 teachers / 500 students × 100 = 4.2 exactly the 小学 requirement; the other six at the requirement too.
        // PE/art 9 teachers / 1000 students × 100 is exactly 0.9 by hand, but evaluates to 0.8999999999999999
        // in binary floating point (python3: 9/1000*100) — it must still count as met.
        let e = try Self.evaluate([
            Self.primary(2, "B500", students: 500, [.degreeTeachers: 21]),
            Self.primary(3, "B1000", students: 1000),
        ])
        for s in e.schools {
            #expect(s.met == 7, "\(s.school.schoolCode): unmet \(s.unmet)")
            #expect(s.passed == true)
        }
        #expect(e.schools[0].values[0] == 4.2)
        // One teacher fewer is not met (4.0 < 4.2) but ≥ 85% (3.57), so the school still passes with 6.
        let below = try Self.evaluate([Self.primary(2, "B500", students: 500, [.degreeTeachers: 20])])
        #expect(below.schools[0].unmet == [0] && below.schools[0].belowFloor.isEmpty && below.schools[0].passed == true)
        // 17 teachers / 500 → 3.4 < 0.85·4.2 = 3.57: below the floor.
        let floor = try Self.evaluate([Self.primary(2, "B500", students: 500, [.degreeTeachers: 17])])
        #expect(floor.schools[0].belowFloor == [0] && floor.schools[0].passed == false)
    }

    @Test func juniorRequirementsApply() throws {
        // 初中 requires 5.3 per 100: 50 degree teachers / 1000 = 5.0 < 5.3 (94%) — a 小学 would meet 4.2.
        var q = youzhiAtRequirement(.junior)
        q[.degreeTeachers] = 50
        let e = try Self.evaluate([record(row: 2, code: "M1", type: .junior, section: .junior, students: 1000, q)])
        #expect(e.schools[0].unmet == [0] && e.schools[0].met == 6 && e.schools[0].passed == true)
        // 初中 sports area 10.2 m²: 10,200 m² / 1000 students met exactly.
        #expect(e.schools[0].values[4] == 10.2)
    }

    @Test func missingQuantityCountsAsUnmetAndBelowFloorForExcludedSchool() throws {
        // A special-education school is not counted, so a blank does not stop the evaluation, but its own
        // verdict treats the blank as unmet and below the floor.
        var q = youzhiAtRequirement(.primary)
        q[.multimediaClassrooms] = nil
        let e = try Self.evaluate([
            Self.primary(2, "P1"),
            record(row: 3, code: "SE", type: .specialEducation, section: .primary, students: 1000, q),
        ])
        let se = try #require(e.schools.first { $0.school.schoolCode == "SE" })
        #expect(se.values[6] == nil)
        #expect(se.unmet == [6] && se.belowFloor == [6] && se.passed == false)
        #expect(!se.included)
        #expect(e.sections.first?.schoolsFailing == 0) // only counted schools are judged
    }
}
