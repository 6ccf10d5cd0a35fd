import CreditBank
import Foundation
import JunhengImport
import Testing

/// The ledger CSV and rules files: all or nothing, every problem located by row and column.
@Suite struct LedgerFileTests {
    static let header = "learner_id,outcome_id,institution,kind,title,credits,hours,end_date,attendance_pct,score\n"

    @Test func readsRowsInAnyColumnOrder() throws {
        let csv = "score,end_date,learner_id,outcome_id,institution,kind,title,credits\n60,2024-06-30,L1,o1,U,学历,课程,3\n"
        let o = try CreditLedgerImporter.parse(data: Data(csv.utf8), file: "l.csv")
        #expect(o.count == 1 && o[0].score == Amount(whole: 60) && o[0].credits == Amount(whole: 3) && o[0].attendancePct == nil)
    }

    @Test func locatesEveryProblem() {
        let csv = Self.header + "L1,a,U,学历,x,abc,,2024-13-01,80,60\nL1,a,U,foo,x,3,,2024-01-01,101,\n,b,U,非学历,x,1,,2024-01-01,,\n"
        do {
            _ = try CreditLedgerImporter.parse(data: Data(csv.utf8), file: "l.csv")
            Issue.record("bad ledger imported")
        } catch {
            guard case .invalid(let issues) = error else { Issue.record("\(error)"); return }
            let found = Set(issues.map { "\($0.row):\($0.column)" })
            #expect(found == ["2:credits", "2:end_date", "3:kind", "3:attendance_pct", "3:outcome_id", "4:learner_id"])
        }
    }

    @Test func missingRequiredColumn() {
        #expect(throws: ImportError.self) { try CreditLedgerImporter.parse(data: Data("learner_id,title\nL1,x\n".utf8), file: "l.csv") }
    }

    @Test func overrideFileOnAPreset() throws {
        let r = try CreditRulesFile.parse("base = \"acbs\"\nmin_score = 50\n", isTOML: true, source: "r.toml")
        #expect(r.minScore == Amount(whole: 50) && r.caps.count == 3 && r.id == "acbs")
        let json = #"{"base": "card", "points_per_full_hour": 2}"#
        #expect(try CreditRulesFile.parse(json, isTOML: false, source: "r.json").pointsPerFullHour == 2)
        #expect(throws: StandardLoadError.self) { try CreditRulesFile.parse(#"{"base": "card", "points_per_full_hour": 0}"#, isTOML: false, source: "r.json") }
        #expect(throws: StandardLoadError.self) { try CreditRulesFile.parse(#"{"base": "nope"}"#, isTOML: false, source: "r.json") }
    }
}
