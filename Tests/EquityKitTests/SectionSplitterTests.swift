import Testing
@testable import EquityKit

@Suite struct SectionSplitterTests {
    /// standards.md §1.1: a 九年一贯制 合计 row, 166 小学 + 210 初中 students, 23,226 books.
    static func nineYearCombined(row: Int = 4) -> StatisticsRecord {
        StatisticsRecord(row: row, schoolCode: "J9", schoolName: "九年一贯制学校", schoolType: .nineYear,
                         section: .combined, location: .town, students: 376,
                         sectionStudents: SectionStudents(primary: 166, junior: 210),
                         quantities: quantities([.books: 23_226, .teachers: 30, .maxClassSize: 48,
                                                 .publicFundsPerStudent: 850, .classes: 12]))
    }

    @Test func publishedBooksExample() throws {
        let out = SectionSplitter.split([Self.nineYearCombined()], weights: .provincialPractice)
        #expect(out.sections.count == 2)
        #expect(out.superseded.isEmpty)
        let primary = try #require(out.sections.first { $0.section == .primary })
        let junior = try #require(out.sections.first { $0.section == .junior })
        let pb = try #require(primary.quantities[.books])
        let jb = try #require(junior.quantities[.books])
        // 166 + 210 × 1.1 = 397 weighted students (python Fraction):
        // 23226·166/397 = 9711.627204030226…, 23226·231/397 = 13514.372795969774…
        #expect(isClose(pb, 9711.627204030226, relative: 1e-12))
        #expect(isClose(jb, 13514.372795969774, relative: 1e-12))
        #expect(abs(pb + jb - 23_226) < 1e-9)
        // Published (rounded by the source) 9,711 and 13,515.
        #expect(abs(pb - 9_711) < 1)
        #expect(abs(jb - 13_515) < 1)
        // 58.5 books per weighted student: 23226/397 = 58.5038
        #expect(abs(pb / 166 - 58.5) < 0.005)
        #expect(abs(jb / (210 * 1.1) - 58.5) < 0.005)
        #expect(isClose(pb / 166, jb / 231, relative: 1e-12))
        // Section students, provenance.
        #expect(primary.students == 166 && junior.students == 210)
        #expect(primary.apportioned && junior.apportioned)
        #expect(primary.sourceRow == 4 && junior.sourceRow == 4)
        #expect(primary.schoolCode == "J9" && primary.schoolType == .nineYear && primary.location == .town)
    }

    @Test func peopleSplitByPlainShareAndMaximaCopied() throws {
        let out = SectionSplitter.split([Self.nineYearCombined()], weights: .provincialPractice)
        let primary = try #require(out.sections.first { $0.section == .primary })
        let junior = try #require(out.sections.first { $0.section == .junior })
        // Teachers (and classes) by plain student share 166 : 210 of 376: 30·166/376 = 13.24468085106383, 30·210/376 = 16.75531914893617.
        #expect(isClose(primary.quantities[.teachers], 30.0 * 166 / 376, relative: 1e-14))
        #expect(isClose(primary.quantities[.teachers], 13.24468085106383, relative: 1e-12))
        #expect(isClose(junior.quantities[.teachers], 16.75531914893617, relative: 1e-12))
        #expect(isClose(primary.quantities[.classes], 12.0 * 166 / 376, relative: 1e-14))
        // Maxima and per-student amounts are copied unchanged.
        #expect(primary.quantities[.maxClassSize] == 48 && junior.quantities[.maxClassSize] == 48)
        #expect(primary.quantities[.publicFundsPerStudent] == 850 && junior.quantities[.publicFundsPerStudent] == 850)
        // Unreported quantities stay unreported (nil, not 0).
        #expect(primary.quantities[.computers] == nil && junior.quantities[.sportsArea] == nil)
    }

    @Test func completeSecondaryJuniorSenior() throws {
        // 完全中学 初中:高中 = 1 : 1.2; 300 junior, 500 senior → 300 + 600 = 900 weighted students.
        let r = StatisticsRecord(row: 9, schoolCode: "W1", schoolName: "完全中学", schoolType: .completeSecondary,
                                 section: .combined, location: .urban, students: 300,
                                 sectionStudents: SectionStudents(primary: 0, junior: 300, senior: 500),
                                 quantities: quantities([.teachingAuxArea: 10_000, .teachers: 40, .maxClassSize: 50]))
        let out = SectionSplitter.split([r], weights: .provincialPractice)
        #expect(out.sections.count == 1) // no 小学 part, senior part out of scope
        let junior = try #require(out.sections.first)
        #expect(junior.section == .junior && junior.students == 300)
        // 10000·300/900 = 3333.333…; teachers by plain share 40·300/800 = 15.
        #expect(isClose(junior.quantities[.teachingAuxArea], 10_000.0 / 3, relative: 1e-14))
        #expect(isClose(junior.quantities[.teachers], 15, relative: 1e-14))
        #expect(junior.quantities[.maxClassSize] == 50)
    }

    @Test func twelveYearThreeSections() throws {
        // 十二年一贯制 1 : 1.1 : 1.32; 200 / 150 / 100 students → 200 + 165 + 132 = 497 weighted students.
        let r = StatisticsRecord(row: 11, schoolCode: "T12", schoolName: "十二年一贯制", schoolType: .twelveYear,
                                 section: .combined, location: .rural, students: 350,
                                 sectionStudents: SectionStudents(primary: 200, junior: 150, senior: 100),
                                 quantities: quantities([.equipmentValue: 1_000_000, .teachers: 45]))
        let out = SectionSplitter.split([r], weights: .provincialPractice)
        #expect(out.sections.count == 2)
        let primary = try #require(out.sections.first { $0.section == .primary })
        let junior = try #require(out.sections.first { $0.section == .junior })
        // python Fraction: 1e6·200/497 = 402414.48692152917, 1e6·165/497 = 331991.9517102616
        #expect(isClose(primary.quantities[.equipmentValue], 402_414.48692152917, relative: 1e-12))
        #expect(isClose(junior.quantities[.equipmentValue], 331_991.9517102616, relative: 1e-12))
        // Senior share 1e6·132/497 is dropped: the two compulsory parts sum to 1e6·365/497.
        #expect(isClose(primary.quantities[.equipmentValue]! + junior.quantities[.equipmentValue]!,
                        1_000_000.0 * 365 / 497, relative: 1e-14))
        // Teachers by plain share of 450: 45·200/450 = 20, 45·150/450 = 15.
        #expect(isClose(primary.quantities[.teachers], 20, relative: 1e-14))
        #expect(isClose(junior.quantities[.teachers], 15, relative: 1e-14))
    }

    @Test func sectionRowTakesPrecedenceOverCombinedShare() throws {
        let combined = Self.nineYearCombined(row: 4)
        let ownPrimary = record(row: 7, code: "J9", type: .nineYear, section: .primary, location: .town,
                                students: 170, [.books: 10_000, .teachers: 14])
        let out = SectionSplitter.split([combined, ownPrimary], weights: .provincialPractice)
        #expect(out.superseded.count == 1)
        let s = try #require(out.superseded.first)
        #expect(s.row == 4 && s.schoolCode == "J9" && s.section == .primary)
        #expect(out.sections.count == 2)
        let primaries = out.sections.filter { $0.section == .primary }
        #expect(primaries.count == 1)
        // The section row's own values, unapportioned.
        #expect(primaries.first?.quantities[.books] == 10_000)
        #expect(primaries.first?.students == 170)
        #expect(primaries.first?.apportioned == false)
        #expect(primaries.first?.sourceRow == 7)
        // The 初中 part still comes from the 合计 row: 23226·231/397.
        let junior = try #require(out.sections.first { $0.section == .junior })
        #expect(junior.apportioned && junior.sourceRow == 4)
        #expect(isClose(junior.quantities[.books], 13514.372795969774, relative: 1e-12))
    }

    @Test func precedenceIsPerSchool() {
        // A 小学 row of a different school does not supersede anything.
        let other = record(row: 2, code: "P1", section: .primary, students: 500, [.books: 9_000])
        let out = SectionSplitter.split([other, Self.nineYearCombined()], weights: .provincialPractice)
        #expect(out.superseded.isEmpty)
        #expect(out.sections.count == 3)
    }

    @Test func singleSectionRowsPassThrough() {
        let q: [Quantity: Double] = [.books: 12_345, .teachers: 33, .maxClassSize: 44]
        let r = record(row: 3, code: "P2", section: .primary, location: .rural, parent: nil, students: 612, q)
        let out = SectionSplitter.split([r], weights: .provincialPractice)
        #expect(out.sections.count == 1)
        #expect(out.sections.first?.quantities == quantities(q))
        #expect(out.sections.first?.students == 612)
        #expect(out.sections.first?.apportioned == false)
        #expect(out.sections.first?.location == .rural)
    }

    @Test func customWeightsAreUsed() throws {
        // A local 1 : 1.2 split for 九年一贯制: 166 + 252 = 418 → primary 23226·166/418.
        var w = SplitWeights.provincialPractice
        w.nineYear = StudentEquivalentWeights(primary: 1, junior: 1.2, senior: 0)
        let out = SectionSplitter.split([Self.nineYearCombined()], weights: w)
        let primary = try #require(out.sections.first { $0.section == .primary })
        #expect(isClose(primary.quantities[.books], 23_226.0 * 166 / 418, relative: 1e-14))
    }
}
