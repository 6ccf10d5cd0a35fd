import SafeNumbers
import Testing
@testable import EquityKit

/// Counts from outside (an API body, a planner's records) can be anything an Int holds: no sum may trap.
@Suite struct OverflowTests {
    @Test func checkedConversionsNeverTrap() {
        #expect(Checked.int(1e20) == nil)
        #expect(Checked.int(-1e20) == nil)
        #expect(Checked.int(.nan) == nil && Checked.int(.infinity) == nil)
        #expect(Checked.int(2.5) == nil)
        #expect(Checked.int(9_223_372_036_854_775_808.0) == nil)          // 2^63: one past Int.max
        #expect(Checked.int(-9_223_372_036_854_775_808.0) == Int.min)
        #expect(Checked.int(600) == 600)
        #expect(Checked.int(rounding: 1e300) == .max && Checked.int(rounding: -1e300) == .min)
        #expect(Checked.int(rounding: .nan) == 0 && Checked.int(rounding: 2.5) == 3 && Checked.int(rounding: -0.4) == 0)
        #expect(Checked.add(.max, 1) == .max && Checked.add(.min, -1) == .min && Checked.add(2, 3) == 5)
        #expect(Checked.sum([Int.max, Int.max, -5]) == .max - 5)
        #expect(Checked.sum([1, 2, 3]) == 6)
    }

    @Test func combinedRowWithHugeCountsSplitsWithoutTrapping() throws {
        // Before: counts.primary + counts.junior + counts.senior overflowed and trapped.
        let r = StatisticsRecord(row: 2, schoolCode: "J", schoolName: "J", schoolType: .nineYear, section: .combined,
                                 location: .town, students: 10,
                                 sectionStudents: SectionStudents(primary: .max, junior: .max, senior: 0),
                                 quantities: quantities([.books: 1000, .teachers: 10]))
        let out = SectionSplitter.split([r], weights: .provincialPractice)
        #expect(out.sections.count == 2)
        let primary = try #require(out.sections.first { $0.section == .primary })
        #expect(isClose(primary.quantities[.teachers], 5, relative: 1e-12))
    }

    @Test func sectionStudentTotalSaturatesInsteadOfTrapping() throws {
        // Before: the section's students were summed with + and two schools of Int.max / 2 + 1 trapped.
        let big = Int.max / 2 + 1
        let records = [
            EvaluatorSchoolRuleTests.primary(2, "A", students: big),
            EvaluatorSchoolRuleTests.primary(3, "B", students: big),
        ]
        let e = try EvaluatorSchoolRuleTests.evaluate(records)
        #expect(e.sections.first?.students == .max)
    }
}
