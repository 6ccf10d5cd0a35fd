import EquityKit
import Foundation
import JunhengDemo
import Testing
@testable import JunhengReports

@Suite("JSON contract")
struct JSONReportTests {
    func json(_ records: [StatisticsRecord], standard: Standard = BuiltInStandards.youzhi2017) throws -> [String: Any] {
        let e = try Evaluator.evaluate(records, standard: standard)
        let object = try JSONSerialization.jsonObject(with: Data(JSONReport.render(e)))
        return try #require(object as? [String: Any])
    }

    @Test("top level, sections and indicators carry the contract's names and types")
    func contractShape() throws {
        let j = try json(Fixtures.county)
        #expect(j["standard"] as? String == "youzhi-2017")
        #expect(j["passed"] as? Bool == false)  // B has no multimedia room: below 85%
        let sections = try #require(j["sections"] as? [[String: Any]])
        #expect(sections.count == 1)
        let s = sections[0]
        #expect(s["section"] as? String == "小学")
        #expect(s["schools"] as? Int == 3)
        #expect(s["students"] as? Int == 1500)
        #expect(s["passed"] as? Bool == false)
        let indicators = try #require(s["indicators"] as? [[String: Any]])
        #expect(indicators.map { $0["key"] as? String } == [
            "degree_teachers_per100", "backbone_teachers_per100", "pe_art_teachers_per100", "teaching_area_per_student",
            "sports_area_per_student", "equipment_value_per_student", "multimedia_rooms_per100",
        ])
        for i in indicators {
            #expect(i["mean"] is Double || i["mean"] is Int)
            #expect(i["cv_limit"] as? Double == 0.5)
            #expect(i["passed"] is Bool)
            #expect(i.keys.contains("cv") && i.keys.contains("cv_unweighted"))
        }
        // Backbone per 100: 1.2, 1.2, 0.6 with equal weights → mean 1.0, sd √0.08 → CV 0.28284271247461906.
        let backbone = indicators[1]
        #expect(abs((backbone["mean"] as! Double) - 1.0) < 1e-12)
        #expect(abs((backbone["cv"] as! Double) - 0.08.squareRoot()) < 1e-12)
    }

    @Test("schools list values by indicator key, with met and passed")
    func schools() throws {
        let j = try json(Fixtures.county)
        let schools = try #require(j["schools"] as? [[String: Any]])
        #expect(schools.map { $0["school_code"] as? String } == ["A", "B", "C"])
        let b = schools[1]
        #expect(b["section"] as? String == "小学")
        #expect(b["included"] as? Bool == true)
        let values = try #require(b["values"] as? [String: Double])
        #expect(values["degree_teachers_per100"] == 4.2)   // 21 / 500 × 100, exactly at the requirement: met
        #expect(values["multimedia_rooms_per100"] == 0)
        #expect(b["met"] as? Int == 6)
        #expect(b["passed"] as? Bool == false)              // the unmet one is below 85%
        #expect(schools[0]["met"] as? Int == 7 && schools[0]["passed"] as? Bool == true)
        // C: backbone 3/500×100 = 0.6 < 0.85 → below the floor.
        #expect(schools[2]["below_floor"] as? [String] == ["backbone_teachers_per100"])
    }

    @Test("an undefined CV is null, never NaN or 0")
    func undefinedIsNull() throws {
        let records = Fixtures.county.map { r -> StatisticsRecord in
            var r = r
            r.quantities[.multimediaClassrooms] = 0
            return r
        }
        let j = try json(records)
        let s = try #require((j["sections"] as? [[String: Any]])?.first)
        let rooms = try #require((s["indicators"] as? [[String: Any]])?.last)
        #expect(rooms["cv"] is NSNull)
        #expect(rooms["passed"] as? Bool == false)
        let text = TextReport().render(try Evaluator.evaluate(records, standard: BuiltInStandards.youzhi2017))
        #expect(text.contains("均值为0，无定义"))
        #expect(!text.lowercased().contains("nan"))
    }

    @Test("jiben-2012 adds composite_cv, the mean of the eight CVs")
    func compositeCV() throws {
        let records = DemoCounty.records(county: 2, schools: 40, seed: 9)
        let j = try json(records, standard: BuiltInStandards.jiben2012)
        #expect(j["standard"] as? String == "jiben-2012")
        for s in try #require(j["sections"] as? [[String: Any]]) {
            let cvs = (s["indicators"] as! [[String: Any]]).map { $0["cv"] as! Double }
            #expect(cvs.count == 8)
            let composite = try #require(s["composite_cv"] as? Double)
            #expect(abs(composite - cvs.reduce(0, +) / 8) < 1e-12)
            #expect(s["composite_cv_limit"] as? Double == (s["section"] as? String == "小学" ? 0.65 : 0.55))
        }
    }

    @Test("streamed blocks join into one valid document for many schools")
    func streaming() throws {
        let records = DemoCounty.records(county: 3, sections: 9000, seed: 1)
        let e = try Evaluator.evaluate(records, standard: BuiltInStandards.youzhi2017)
        var pieces = 0
        var bytes: [UInt8] = []
        JSONReport.write(e) { pieces += 1; bytes += $0 }
        #expect(pieces > 3)
        let j = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let schools = try #require(j["schools"] as? [[String: Any]])
        #expect(schools.count == 9000)
        #expect(Set(schools.map { "\($0["school_code"]!)\($0["section"]!)" }).count == 9000)
    }

    @Test("strings are escaped")
    func escaping() throws {
        var w = JSONWriter(capacity: 16)
        w.beginArray()
        w.string("a\"b\\c\nd\u{01}中")
        w.endArray()
        let parsed = try JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String]
        #expect(parsed == ["a\"b\\c\nd\u{01}中"])
    }
}
