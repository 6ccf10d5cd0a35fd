import EquityKit
import JunhengDemo
import JunhengReports
import Seats
import Testing

@Suite("资源配置 CVs recomputed with a catchment plan's enrolment")
struct SeatsCVTests {
    let records = DemoCounty.records(county: 1, schools: 12, seed: 7)

    /// Primary single-section rows as seats schools (location irrelevant here).
    var schools: [SeatSchool] {
        records.filter { $0.section == .single(.primary) }.map {
            SeatSchool(code: $0.schoolCode, section: .primary, point: GeoPoint(lon: 120, lat: 30), approvedClasses: 4, classLimit: 45)
        }
    }

    func cvs(_ e: Evaluation) -> [String] {
        e.sections.flatMap { s in s.indicators.map { "\(s.section.english) \($0.definition.key) \($0.cv.value ?? -1)" } }
    }

    @Test("today's enrolment reproduces the evaluator's CVs; moving 200 pupils changes them as a hand-edited file does")
    func recompute() throws {
        let standard = BuiltInStandards.youzhi2017
        let primary = schools
        try #require(primary.count >= 2)
        var today: [String: Double] = [:]
        for r in records where r.section == .single(.primary) { today[r.schoolCode] = Double(r.students) }
        let same = SeatsCV.rows(records: records, standard: standard, schools: primary, enrolment: today)
        #expect(same.map { "\($0.section) \($0.indicator) \($0.cv ?? -1)" } == cvs(try Evaluator.evaluate(records, standard: standard)))
        // 200 pupils from the first primary school to the second.
        let a = primary[0].code, b = primary[1].code
        var moved = today
        moved[a] = (today[a] ?? 0) - 200
        moved[b] = (today[b] ?? 0) + 200
        let edited = records.map { r -> StatisticsRecord in
            var r = r
            if r.section == .single(.primary) && r.schoolCode == a { r.students -= 200 }
            if r.section == .single(.primary) && r.schoolCode == b { r.students += 200 }
            return r
        }
        let after = SeatsCV.rows(records: records, standard: standard, schools: primary, enrolment: moved)
        #expect(after.map { "\($0.section) \($0.indicator) \($0.cv ?? -1)" } == cvs(try Evaluator.evaluate(edited, standard: standard)))
        #expect(after.map(\.cv) != same.map(\.cv))
    }
}
