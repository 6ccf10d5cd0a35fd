import Fluent
import Foundation
import Funding
import JunhengDemo
import Testing
import VaporTesting
@testable import JunhengWeb

extension WebTests {
    /// The 督导评估 dashboard takes G6/G7/Q4 from the finance office's figures of the year and says so.
    @Suite struct FundingAssessmentTests {
        static let year = 2025
        static var dashboard: String { "/counties/\(Demo.county1)/years/\(year)/assessment" }

        static func attribute(_ html: String, id: String) -> String? {
            guard let r = html.range(of: "id=\"\(id)\" data-state=\"") else { return nil }
            return String(html[r.upperBound...].prefix { $0 != "\"" })
        }

        /// The text of the element with `id` up to its closing tag.
        static func text(_ html: String, id: String) -> String {
            guard let r = html.range(of: "id=\"\(id)\"") else { return "" }
            return String(html[r.upperBound...].prefix { $0 != "<" })
        }

        /// Sets the 2025 年初预算 培训费 (30216) line of `school` to `fen` and marks the year as changed.
        static func setTraining(_ app: Application, school: String, fen: Int) async throws {
            let year = try #require(try await FundingYearRecord.query(on: app.db).filter(\.$fiscalYear == Self.year).first())
            let line = try #require(try await FundingLineRecord.query(on: app.db).filter(\.$year.$id == year.requireID())
                .filter(\.$schoolCode == school).filter(\.$economicCode == "30216").filter(\.$phase == BudgetPhase.initial.key).first())
            line.amountFen = fen
            try await line.update(on: app.db)
            year.importedAt = Date().addingTimeInterval(1)
            try await year.update(on: app.db)
        }

        @Test func theDashboardFollowsTheFinanceFiguresAndNamesTheSource() async throws {
            try await withTestApp { app in
                var county = TestBrowser(app)
                try await county.login("demo-county")
                // The package plants one school at 4.2% training (Q4 failed); the finance office's 2025 budget gives every
                // school it funds 6% (FundingDemo): Q4 passes on the finance figures, and the page says where they came from.
                let page = try await county.get(Self.dashboard).body.string
                #expect(Self.attribute(page, id: "item-Q4") == "passed")
                #expect(["finance", "mixed"].contains(Self.attribute(page, id: "source-Q4") ?? ""))
                #expect(Self.text(page, id: "source-Q4").contains("财务数据"))
                #expect(Self.text(page, id: "source-Q4").contains("年初预算"))
                #expect(Self.text(page, id: "source-G2").contains("申报材料"))
                #expect(!page.contains("id=\"source-G5\""))

                // The finance office's training line of one school drops to 4.99% of its public funds: Q4 fails, for that school.
                let record = try #require(try await FundingYearRecord.query(on: app.db).filter(\.$fiscalYear == Self.year).first())
                let schools = try JSONDecoder().decode([FundingSchool].self, from: record.schools)
                let data = try await FundingStore.dataset(county: try #require(try await Region.query(on: app.db).filter(\.$code == Demo.county1).first()),
                                                          records: [record], on: app.db)
                let funds = try #require(FundingCheck.schoolFunds(data, year: Self.year, rules: .national).first { $0.school.kind == .primary })
                let school = funds.school.code
                #expect(schools.contains { $0.code == school })
                // 培训费 is itself 公用经费 (class 302): with the other public funds P0, a training line T gives T ÷ (P0 + T).
                let p0 = funds.budgetPublicFunds.fen - funds.budgetTraining.fen
                #expect(p0 > 0)
                // T = P0 / 20: 1/21 ≈ 4.76% < 5%: fails, for that school.
                try await Self.setTraining(app, school: school, fen: p0 / 20)
                let failed = try await county.get(Self.dashboard).body.string
                #expect(Self.attribute(failed, id: "item-Q4") == "failed")
                let row = failed.range(of: "id=\"item-Q4\"").map { String(failed[$0.upperBound...]).components(separatedBy: "</tr>")[0] } ?? ""
                #expect(row.contains(school))
                // T = ⌈P0 / 19⌉: 19 T ≥ P0 ⇔ T ÷ (P0 + T) ≥ 5%: passes again.
                try await Self.setTraining(app, school: school, fen: (p0 + 18) / 19)
                let back = try await county.get(Self.dashboard).body.string
                #expect(Self.attribute(back, id: "item-Q4") == "passed")
            }
        }
    }
}
