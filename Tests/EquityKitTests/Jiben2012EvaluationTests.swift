import Testing
@testable import EquityKit

/// jiben-2012: 综合差异系数 = mean of the eight student-weighted CVs; ≤ 0.65 (小学), ≤ 0.55 (初中).
@Suite struct Jiben2012EvaluationTests {
    static let jiben = BuiltInStandards.jiben2012
    static let students = [400, 900, 1500]
    // Order of the 2012 indicators: area, sports, equipment, computers(/100), books, teachers(/100), degree(/100), mid-title(/100).
    static let rows: [[Quantity: Double]] = [
        [.teachingAuxArea: 800, .sportsArea: 1_000, .equipmentValue: 160_000, .computers: 8, .books: 2_400,
         .teachers: 12, .degreeTeachers: 9, .midSeniorTitleTeachers: 2],
        [.teachingAuxArea: 3_600, .sportsArea: 4_500, .equipmentValue: 1_800_000, .computers: 60, .books: 27_000,
         .teachers: 55, .degreeTeachers: 50, .midSeniorTitleTeachers: 25],
        [.teachingAuxArea: 14_000, .sportsArea: 60_000, .equipmentValue: 12_000_000, .computers: 480, .books: 135_000,
         .teachers: 180, .degreeTeachers: 170, .midSeniorTitleTeachers: 110],
    ]
    /// python3 (exact Fractions X = q/students·unit, weighted by students; Decimal sqrt, 40 digits):
    static let expectedCVs = [
        0.46149806748088862720, 0.76332060973277671458, 0.65722314816495531920, 0.68624785469029002586,
        0.58662703679819145516, 0.40262768323319151275, 0.43340351641879002258, 0.55542174909009951048,
    ]
    /// Their mean: 0.5682962082011478984758261793978742452172.
    static let expectedComposite = 0.56829620820114789848

    static func county(_ section: Section, firstRow: Int) -> [StatisticsRecord] {
        (0..<3).map { i in
            record(row: firstRow + i, code: "\(section.english)\(i)", type: section == .primary ? .primary : .junior,
                   section: section, students: students[i], rows[i])
        }
    }

    @Test func compositeIsMeanOfEightCVs() throws {
        // Same data in both sections: composite 0.568 ≤ 0.65 passes 小学, > 0.55 fails 初中.
        let e = try Evaluator.evaluate(Self.county(.primary, firstRow: 2) + Self.county(.junior, firstRow: 5),
                                       standard: Self.jiben)
        #expect(e.sections.count == 2)
        for section in e.sections {
            #expect(section.indicators.count == 8)
            for (ind, expected) in zip(section.indicators, Self.expectedCVs) {
                #expect(isClose(ind.cv.value, expected, relative: 1e-12), "\(ind.definition.key)")
            }
            #expect(isClose(section.compositeCV?.value, Self.expectedComposite, relative: 1e-12))
            // Composite equals the mean of the reported CVs.
            let mean = section.indicators.compactMap(\.cv.value).reduce(0, +) / 8
            #expect(isClose(section.compositeCV?.value, mean, relative: 1e-14))
            // No school rule in 2012.
            #expect(e.schools.allSatisfy { $0.passed == nil && $0.met == 0 && $0.unmet.isEmpty })
            #expect(section.schoolsFailing == 0)
        }
        let primary = try #require(e.sections.first { $0.section == .primary })
        let junior = try #require(e.sections.first { $0.section == .junior })
        // Sports CV 0.763 > 0.65 alone does not fail 小学: only the composite is judged.
        #expect(primary.indicators[1].cv.value! > 0.65)
        #expect(primary.cvPassed && primary.passed)
        #expect(!junior.cvPassed && !junior.passed)
        #expect(primary.indicators.allSatisfy { $0.cvLimit == 0.65 })
        #expect(junior.indicators.allSatisfy { $0.cvLimit == 0.55 })
        #expect(!e.passed)
        // Only 小学 → the county passes.
        #expect(try Evaluator.evaluate(Self.county(.primary, firstRow: 2), standard: Self.jiben).passed)
    }

    @Test func missingBooksReportsRows() {
        // Books blank in rows 3 and 5 (counted schools) and in row 6 (special education, not counted).
        var records = Self.county(.primary, firstRow: 2) + Self.county(.junior, firstRow: 5)
        records[1].quantities[.books] = nil       // row 3, 小学
        records[3].quantities[.books] = nil       // row 5, 初中
        var se = Self.rows[0]
        se[.books] = nil
        records.append(record(row: 8, code: "SE", type: .specialEducation, section: .primary, students: 70, se))
        // 小学 is checked first: only row 3 is blank there (row 8 is not counted).
        #expect(throws: EvaluationError.missingQuantity(indicator: "books_per_student", quantity: .books, rows: [3])) {
            try Evaluator.evaluate(records, standard: Self.jiben)
        }
        // Both blank rows within one section are listed together.
        var primaryOnly = Self.county(.primary, firstRow: 2)
        primaryOnly[0].quantities[.books] = nil
        primaryOnly[2].quantities[.books] = nil
        #expect(throws: EvaluationError.missingQuantity(indicator: "books_per_student", quantity: .books, rows: [2, 4])) {
            try Evaluator.evaluate(primaryOnly, standard: Self.jiben)
        }
        // The excluded school's blank alone is no error.
        let fine = Self.county(.primary, firstRow: 2)
            + [record(row: 8, code: "SE", type: .specialEducation, section: .primary, students: 70, se)]
        #expect(throws: Never.self) { try Evaluator.evaluate(fine, standard: Self.jiben) }
    }

    @Test func zeroIsNotMissing() throws {
        // A reported 0 is a value (books per student 0), not a blank.
        var records = Self.county(.primary, firstRow: 2)
        records[0].quantities[.books] = 0
        let e = try Evaluator.evaluate(records, standard: Self.jiben)
        #expect(e.schools[0].values[4] == 0)
    }

    @Test func missingQuantityDescriptionNamesRowsAndColumn() {
        let error = EvaluationError.missingQuantity(indicator: "books_per_student", quantity: .books, rows: [3, 5])
        #expect(error.description.contains("books_per_student"))
        #expect(error.description.contains("books"))
        #expect(error.description.contains("3, 5"))
    }
}
