import Testing
@testable import EquityKit

/// Who counts in the CV (standards.md §1.1 scope) and the notes an evaluation carries.
@Suite struct EvaluatorScopeTests {
    static let youzhi = BuiltInStandards.youzhi2017

    static func primary(_ row: Int, _ code: String, type: SchoolType = .primary, parent: String? = nil,
                        students: Int, perStudentScale: Double) -> StatisticsRecord {
        // Quantities = requirement × perStudentScale × students, so every indicator value = requirement × scale.
        record(row: row, code: code, type: type, section: .primary, parent: parent, students: students,
               youzhiAtRequirement(.primary, scale: perStudentScale * Double(students) / 1000))
    }

    @Test func scopeExclusionsAndIncludedCV() throws {
        var blank = Quantities()
        blank[.teachers] = 3 // special-education school with most columns blank: not counted, so no error
        let records = [
            Self.primary(2, "A", students: 1000, perStudentScale: 1),
            Self.primary(3, "B", students: 1000, perStudentScale: 2),
            Self.primary(4, "TP49", type: .teachingPoint, parent: "A", students: 49, perStudentScale: 4),
            Self.primary(5, "TP50", type: .teachingPoint, parent: "B", students: 50, perStudentScale: 1.5),
            StatisticsRecord(row: 6, schoolCode: "SE", schoolName: "特教", schoolType: .specialEducation,
                             section: .single(.primary), location: .urban, students: 80, quantities: blank),
            Self.primary(7, "V", type: .vocational, students: 300, perStudentScale: 1),
            Self.primary(8, "Z", students: 0, perStudentScale: 1),
        ]
        let e = try Evaluator.evaluate(records, standard: Self.youzhi)
        // Every school is listed.
        #expect(e.schools.map(\.school.schoolCode) == ["A", "B", "TP49", "TP50", "SE", "V", "Z"])
        #expect(e.schools.map(\.included) == [true, true, false, true, false, false, false])
        #expect(e.schools[2].exclusion == .smallTeachingPoint(students: 49, minimum: 50))
        #expect(e.schools[2].school.parentSchoolCode == "A")
        #expect(e.schools[3].exclusion == nil && e.schools[3].school.parentSchoolCode == "B")
        #expect(e.schools[4].exclusion == .excludedType(.specialEducation))
        #expect(e.schools[5].exclusion == .excludedType(.vocational))
        #expect(e.schools[6].exclusion == .noStudents)

        let section = try #require(e.sections.first)
        #expect(e.sections.count == 1)
        #expect(section.schools == 3 && section.excludedSchools == 4 && section.students == 2050)
        // Included values are requirement × 1, × 2, × 1.5 with students 1000, 1000, 50:
        // X̄/r = (1000 + 2000 + 75)/2050 = 1.5; S²/r² = (1000·0.25 + 1000·0.25 + 0)/2050 → CV = √(500/2050)/1.5
        // = 0.32924319888319653 (python Decimal). Had TP49 (× 4) counted, the CV would differ.
        for ind in section.indicators {
            #expect(isClose(ind.cv.value, 0.32924319888319653, relative: 1e-12), "\(ind.definition.key)")
            #expect(ind.passed)
            #expect(ind.cvLimit == 0.50)
        }
        #expect(section.passed && e.passed)
        #expect(e.notes.isEmpty)
    }

    @Test func teachingPointThresholdFollowsScope() throws {
        // A variant counting 教学点 from 40 students includes the 49-student one.
        var v = StandardVariant(base: "youzhi-2017", id: "local-tp40")
        v.teachingPointMinimumStudents = 40
        let standard = try v.resolved()
        let e = try Evaluator.evaluate([
            Self.primary(2, "A", students: 1000, perStudentScale: 1),
            Self.primary(3, "TP49", type: .teachingPoint, parent: "A", students: 49, perStudentScale: 1),
            Self.primary(4, "TP39", type: .teachingPoint, parent: "A", students: 39, perStudentScale: 1),
        ], standard: standard)
        #expect(e.schools.map(\.included) == [true, true, false])
        #expect(e.schools[2].exclusion == .smallTeachingPoint(students: 39, minimum: 40))
    }

    @Test func singleSchoolSectionNote() throws {
        let e = try Evaluator.evaluate([
            Self.primary(2, "A", students: 1000, perStudentScale: 1),
            Self.primary(3, "B", students: 800, perStudentScale: 1.2),
            record(row: 4, code: "M", type: .junior, section: .junior, students: 900, youzhiAtRequirement(.junior, scale: 0.9)),
        ], standard: Self.youzhi)
        #expect(e.notes == [.singleSchool(.junior)])
        let junior = try #require(e.sections.first { $0.section == .junior })
        #expect(junior.schools == 1)
        #expect(junior.indicators.allSatisfy { $0.cv == .value(0) })
        #expect(e.sections.map(\.section) == [.primary, .junior])
    }

    @Test func sectionWithoutCountedSchoolsIsNotJudged() throws {
        let e = try Evaluator.evaluate([
            Self.primary(2, "A", students: 1000, perStudentScale: 1),
            Self.primary(3, "B", students: 1000, perStudentScale: 1.1),
            record(row: 4, code: "SE", type: .specialEducation, section: .junior, students: 60, [:]),
        ], standard: Self.youzhi)
        #expect(e.notes == [.noIncludedSchools(.junior)])
        #expect(e.sections.map(\.section) == [.primary])
        #expect(e.schools.count == 3)
        #expect(e.passed)
    }

    @Test func supersededCombinedRowNote() throws {
        let combined = StatisticsRecord(
            row: 5, schoolCode: "J9", schoolName: "九年一贯制", schoolType: .nineYear, section: .combined,
            location: .town, students: 2000, sectionStudents: SectionStudents(primary: 1000, junior: 1000),
            quantities: quantities(youzhiAtRequirement(.junior, scale: 2.1)))
        let ownPrimary = record(row: 6, code: "J9", type: .nineYear, section: .primary, students: 1000,
                                youzhiAtRequirement(.primary))
        let e = try Evaluator.evaluate([combined, ownPrimary,
                                        Self.primary(2, "A", students: 1000, perStudentScale: 1.05)],
                                       standard: Self.youzhi)
        #expect(e.notes.contains(.supersededCombinedRow(row: 5, schoolCode: "J9", section: .primary)))
        #expect(e.notes.contains(.singleSchool(.junior)))
        // The 小学 part of J9 is its own row, not the 合计 share.
        let j9p = try #require(e.schools.first { $0.school.schoolCode == "J9" && $0.school.section == .primary })
        #expect(j9p.school.sourceRow == 6 && !j9p.school.apportioned)
        // Teaching area of the junior share: facilities of 2000 students' 合计 by 1 : 1.1 →
        // 5800·2.1 m² · (1000·1.1)/(1000 + 1100) = 12180 · 1100/2100 = 6380 m² for 1000 students → 6.38 m².
        let j9j = try #require(e.schools.first { $0.school.schoolCode == "J9" && $0.school.section == .junior })
        #expect(j9j.school.apportioned && isClose(j9j.values[3], 6.38, relative: 1e-12))
    }

    @Test func noSchoolsThrows() {
        #expect(throws: EvaluationError.noSchools) {
            try Evaluator.evaluate([], standard: Self.youzhi)
        }
        // A 合计 row that cannot be split (no per-section students) yields no sections either.
        let unsplittable = StatisticsRecord(row: 2, schoolCode: "J", schoolName: "J", schoolType: .nineYear,
                                            section: .combined, location: .urban, students: 10)
        #expect(throws: EvaluationError.noSchools) {
            try Evaluator.evaluate([unsplittable], standard: Self.youzhi)
        }
    }
}
