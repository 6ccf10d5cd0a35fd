import Testing
@testable import EquityKit

/// Acceptance criterion: every CV the evaluator reports equals the official formula to 1e-9 relative.
/// The reference here splits 合计 rows, applies the scope and computes X = q/P·unit itself, then the
/// weighted CV in Float80 — none of it through EquityKit's splitter, scope or formula code.
@Suite struct EvaluatorRandomCountyTests {
    static let facilities: [Quantity] = [.teachingAuxArea, .sportsArea, .equipmentValue, .multimediaClassrooms]
    static let teachers: [Quantity] = [.degreeTeachers, .backboneTeachers, .peArtTeachers]

    struct Reference {
        var students: Int
        var quantities: [Quantity: Double]
        var counted: Bool
    }

    @Test(arguments: [11 as UInt64, 12, 2026])
    func everyCVEqualsTheOfficialFormula(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        var records: [StatisticsRecord] = []
        var reference: [Section: [Reference]] = [.primary: [], .junior: []]
        // An array, not a dictionary, so the random draws happen in a fixed order.
        let perStudent: [(Quantity, Double)] = [(.degreeTeachers, 0.045), (.backboneTeachers, 0.012), (.peArtTeachers, 0.01),
                                                (.teachingAuxArea, 5), (.sportsArea, 9), (.equipmentValue, 2300),
                                                (.multimediaClassrooms, 0.025)]
        func amounts(_ students: Int) -> [Quantity: Double] {
            var q: [Quantity: Double] = [:]
            for (k, v) in perStudent { q[k] = (v * Double(students) * (0.5 + 1.2 * rng.unit())).rounded() }
            return q
        }
        for i in 0..<600 {
            let row = i + 2
            let u = rng.unit()
            let students = 20 + Int(u * u * 2500)
            switch rng.int(0...19) {
            case 0...8:
                let q = amounts(students)
                records.append(record(row: row, code: "P\(i)", section: .primary, location: Location.allCases[i % 3], students: students, q))
                reference[.primary]!.append(Reference(students: students, quantities: q, counted: true))
            case 9...14:
                let q = amounts(students)
                records.append(record(row: row, code: "M\(i)", type: .junior, section: .junior, location: Location.allCases[i % 3], students: students, q))
                reference[.junior]!.append(Reference(students: students, quantities: q, counted: true))
            case 15...16:
                // 教学点: 5…120 students, counted from 50.
                let s = rng.int(5...120)
                let q = amounts(s)
                records.append(record(row: row, code: "T\(i)", type: .teachingPoint, section: .primary, location: .rural,
                                      parent: "P0", students: s, q))
                reference[.primary]!.append(Reference(students: s, quantities: q, counted: s >= 50))
            case 17:
                let q = amounts(students)
                records.append(record(row: row, code: "S\(i)", type: .specialEducation, section: .primary, students: students, q))
                reference[.primary]!.append(Reference(students: students, quantities: q, counted: false))
            default:
                // 九年一贯制 合计 row: facilities split 1 : 1.1, teachers by plain share.
                let p = rng.int(100...1500), j = rng.int(100...1500)
                let q = amounts(p + j)
                records.append(StatisticsRecord(row: row, schoolCode: "J\(i)", schoolName: "J\(i)", schoolType: .nineYear,
                                                section: .combined, location: .town, students: p + j,
                                                sectionStudents: SectionStudents(primary: p, junior: j),
                                                quantities: quantities(q)))
                let weighted = Double(p) + 1.1 * Double(j)
                for (section, n, w) in [(Section.primary, p, 1.0), (.junior, j, 1.1)] {
                    var share: [Quantity: Double] = [:]
                    for f in Self.facilities { share[f] = q[f]! * Double(n) * w / weighted }
                    for t in Self.teachers { share[t] = q[t]! * Double(n) / Double(p + j) }
                    reference[section]!.append(Reference(students: n, quantities: share, counted: true))
                }
            }
        }
        let standard = BuiltInStandards.youzhi2017
        let e = try Evaluator.evaluate(records, standard: standard, options: EvaluationOptions(equityStatistics: false))
        #expect(e.sections.count == 2)
        for section in e.sections {
            let counted = reference[section.section]!.filter(\.counted)
            #expect(section.schools == counted.count)
            #expect(section.students == counted.reduce(0) { $0 + $1.students })
            #expect(section.excludedSchools == reference[section.section]!.count - counted.count)
            for (k, indicator) in standard.indicators.enumerated() {
                let values = counted.map { $0.quantities[indicator.numerator]! / Double($0.students) * indicator.perStudents }
                let weights = counted.map { Double($0.students) }
                let expected = try #require(referenceWeightedCV(values: values, weights: weights))
                let reported = section.indicators[k].cv.value
                #expect(isClose(reported, expected, relative: 1e-9), "\(section.section) \(indicator.key)")
                #expect(isClose(reported, expected, relative: 1e-12))
                #expect(section.indicators[k].passed == (reported! <= standard.cvLimit(in: section.section)))
            }
        }
    }

    @Test func schoolsAreGroupedBySectionAndDriversPointIntoThem() throws {
        // Rows interleave 小学 and 初中; the evaluation lists 小学 first, each in file order.
        let e = try Evaluator.evaluate([
            record(row: 2, code: "A", section: .primary, students: 1000, youzhiAtRequirement(.primary)),
            record(row: 3, code: "X", type: .junior, section: .junior, students: 1000, youzhiAtRequirement(.junior)),
            record(row: 4, code: "B", section: .primary, students: 1000, youzhiAtRequirement(.primary, scale: 2)),
            record(row: 5, code: "Y", type: .junior, section: .junior, students: 500, youzhiAtRequirement(.junior, scale: 0.75)),
            record(row: 6, code: "C", section: .primary, students: 1000, youzhiAtRequirement(.primary)),
        ], standard: BuiltInStandards.youzhi2017, options: EvaluationOptions(driversPerIndicator: 1, equityStatistics: false))
        #expect(e.schools.map(\.school.schoolCode) == ["A", "B", "C", "X", "Y"])
        #expect(e.schools.map(\.school.sourceRow) == [2, 4, 6, 3, 5])
        for section in e.sections {
            for ind in section.indicators {
                #expect(ind.equity == nil)
                #expect(ind.drivers.count == 1)
                // 小学 values 1, 2, 1 (× r): B carries 4/6 of the variance. 初中 1 (1000), 1.5 (500):
                // X̄ = 7/6, shares 1000/36 : 500/9 → Y carries 2/3.
                let top = try #require(ind.drivers.first)
                #expect(e.schools[top.school].school.schoolCode == (section.section == .primary ? "B" : "Y"))
                #expect(isClose(top.varianceShare, section.section == .primary ? 4.0 / 6 : 2.0 / 3, relative: 1e-12))
            }
        }
    }
}
