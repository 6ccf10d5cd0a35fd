import EquityKit
import Foundation
import Testing
@testable import Teachers

@Suite("Returns due: exchange terms ending by a day")
struct ReturnsDueTests {
    @Test("a term ends on the anniversary; 29 February ends on 28 February; the day itself is due, the day before is not")
    func ends() throws {
        let a = RotationTerm(teacherID: "a", from: "S1", to: "S2", start: day("2024-09-01"), years: 3)
        let b = RotationTerm(teacherID: "b", from: "S1", to: "S3", start: day("2024-02-29"), years: 1)
        let c = RotationTerm(teacherID: "c", from: "S2", to: "S3", start: day("2025-09-01"), years: 1)
        #expect(a.end == day("2027-09-01") && b.end == day("2025-02-28") && c.end == day("2026-09-01"))
        #expect(ReturnsDue.list([a, b, c], by: day("2025-02-27")).isEmpty)
        #expect(ReturnsDue.list([a, b, c], by: day("2025-02-28")).map(\.teacherID) == ["b"])
        #expect(ReturnsDue.list([a, b, c], by: day("2026-09-01")).map(\.teacherID) == ["b", "c"])
        #expect(ReturnsDue.list([a, c, b], by: day("2027-09-01")).map(\.teacherID) == ["b", "c", "a"])
        #expect(TeacherRules.builtIn.rotation.termYears == 3)
        #expect(throws: TeacherRulesError.self) { try TeacherRules.load(overrides: Data(#"{"rotation": {"term_years": 0}}"#.utf8)) }
    }
}
