import Fluent
import Foundation
import Funding
import JunhengDemo
import Testing
import VaporTesting
@testable import JunhengWeb

extension WebTests {
    /// The finance office edits one budget line or project of a draft year: validated with located errors, audited,
    /// transactional, money in 分; a published year is refused until explicitly re-opened (audited).
    @Suite struct FundingEditTests {
        static func base(_ year: Int) -> String { "/counties/\(Demo.county1)/funding/years/\(year)" }

        static func year(_ app: Application, _ y: Int) async throws -> FundingYearRecord {
            try #require(try await FundingYearRecord.query(on: app.db).filter(\.$fiscalYear == y).first())
        }

        static func line(_ app: Application, _ y: Int, economic: String) async throws -> FundingLineRecord {
            let year = try await Self.year(app, y)
            return try #require(try await FundingLineRecord.query(on: app.db).filter(\.$year.$id == year.requireID())
                .filter(\.$economicCode == economic).filter(\.$phase == BudgetPhase.initial.key).sort(\.$schoolCode).first())
        }

        static func form(_ l: FundingLineRecord, amount: String, economic: String? = nil) -> [String: String] {
            var f = FundingEdits.fields(of: l)
            f["amount_yuan"] = amount
            if let economic { f["economic_code"] = economic }
            return f
        }

        @Test func aDraftLineIsValidatedSavedInFenAndAudited() async throws {
            try await withTestApp { app in
                var finance = TestBrowser(app)
                try await finance.login("demo-finance")
                #expect(try await finance.get("/counties/\(Demo.county1)/funding").body.string.contains("id=\"year-lines-2026\""))
                let page = try await finance.get(Self.base(2026))
                #expect(page.status == .ok)
                #expect(page.body.string.contains("id=\"funding-lines\""))
                let line = try await Self.line(app, 2026, economic: "30216")
                let id = try line.requireID()
                let path = Self.base(2026) + "/lines/\(id.uuidString)"
                #expect(try await finance.get(path).status == .ok)

                // Not an amount: 422, the field named, nothing saved.
                let bad = try await finance.post(path, form: Self.form(line, amount: "12.345"))
                #expect(bad.status == .unprocessableEntity)
                #expect(bad.body.string.contains("id=\"edit-issues\"") && bad.body.string.contains("金额（元）"))
                // A code outside the year's list names the economic code.
                let code = try await finance.post(path, form: Self.form(line, amount: "1.00", economic: "39999"))
                #expect(code.status == .unprocessableEntity && code.body.string.contains("经济分类科目编码"))
                #expect(try await FundingLineRecord.find(id, on: app.db)?.amountFen == line.amountFen)
                #expect(try await auditEntries(app, action: "funding-edit-rejected").count == 2)

                // 1,234.56 yuan is stored as 123,456 分; the year's revision goes up by one; the audit says before → after.
                let ok = try await finance.post(path, form: Self.form(line, amount: "1234.56"))
                #expect(ok.status == .seeOther)
                #expect(try await FundingLineRecord.find(id, on: app.db)?.amountFen == 123_456)
                #expect(try await Self.year(app, 2026).revision == 1)
                let audit = try await auditEntries(app, action: "funding-line-edit")
                #expect(audit.count == 1)
                #expect(audit.first?.detail.contains("amount_yuan: \(Fen(line.amountFen).yuanString) → 1234.56") == true)

                // Becoming a copy of another line of the same school, phase and source (30201 is 上级转移支付, 30213 本级): 409.
                let repair = try #require(try await FundingLineRecord.query(on: app.db).filter(\.$year.$id == line.$year.id)
                    .filter(\.$schoolCode == line.schoolCode).filter(\.$economicCode == "30213").filter(\.$phase == line.phase).first())
                let clash = try await finance.post(path, form: Self.form(line, amount: "1.00", economic: repair.economicCode))
                #expect(clash.status == .conflict)
                #expect(try await FundingLineRecord.find(id, on: app.db)?.economicCode == "30216")
            }
        }

        @Test func aProjectsStagesAndExecutionAreEditedWithLocatedErrors() async throws {
            try await withTestApp { app in
                var finance = TestBrowser(app)
                try await finance.login("demo-finance")
                let year = try await Self.year(app, 2026)
                let p = try #require(try await FundingProjectRecord.query(on: app.db).filter(\.$year.$id == year.requireID())
                    .filter(\.$code == "P202602").first())
                let path = Self.base(2026) + "/projects/\(try p.requireID().uuidString)"
                #expect(try await finance.get(path).status == .ok)
                var f = FundingEdits.fields(of: p)
                // The demo's planted failure: intent 2026-05-01, tender 2026-05-21. A tender before the intent is refused, located.
                f["tender_date"] = "2026-04-30"
                let bad = try await finance.post(path, form: f)
                #expect(bad.status == .unprocessableEntity && bad.body.string.contains("招标公告日期"))
                f["tender_date"] = "2026-05-21"
                f["execution"] = "2026-09-30:20;2026-08-31:40"
                let falling = try await finance.post(path, form: f)
                #expect(falling.status == .unprocessableEntity && falling.body.string.contains("执行进度"))
                // Intent moved to 2026-04-21: exactly 30 days before the tender; execution 55% on 2026-10-31; budget 900,000.10 yuan.
                (f["intent_date"], f["execution"], f["budget_yuan"]) = ("2026-04-21", "2026-09-30:20;2026-10-31:55", "900000.10")
                #expect(try await finance.post(path, form: f).status == .seeOther)
                let saved = try #require(try await FundingProjectRecord.find(p.requireID(), on: app.db))
                #expect(saved.execution == "2026-09-30:20;2026-10-31:55")
                #expect(saved.budgetFen == 90_000_010)
                #expect(saved.stages.contains("\"intent\":\"2026-04-21\""))
                #expect(try await auditEntries(app, action: "funding-project-edit").first?.detail.contains("intent_date: 2026-05-01 → 2026-04-21") == true)
                // The rule F7 now passes for the project (30 days), so one planted failure is gone from the office page.
                let county = try #require(try await Region.query(on: app.db).filter(\.$code == Demo.county1).first())
                let data = try await FundingStore.dataset(county: county, records: [try await Self.year(app, 2026)], on: app.db)
                #expect(FundingCheck.run(data).first { $0.rule == "F7" && $0.subject == "P202602" }?.status == .passed)
            }
        }

        @Test func aPublishedYearIsRefusedUntilReopened() async throws {
            try await withTestApp { app in
                var finance = TestBrowser(app)
                try await finance.login("demo-finance")
                let line = try await Self.line(app, 2025, economic: "30216")
                let path = Self.base(2025) + "/lines/\(try line.requireID().uuidString)"
                #expect(try await finance.get(Self.base(2025)).body.string.contains("id=\"reopen-form\""))
                let refused = try await finance.post(path, form: Self.form(line, amount: "1.00"))
                #expect(refused.status == .conflict)
                #expect(try await FundingLineRecord.find(line.requireID(), on: app.db)?.amountFen == line.amountFen)
                #expect(try await auditEntries(app, action: "funding-edit-refused").count == 1)
                // An administrator may manage but not re-open (the county's own 财务科 only).
                var admin = TestBrowser(app)
                try await admin.login("demo-admin")
                #expect(try await admin.post(Self.base(2025) + "/reopen", form: [:]).status == .forbidden)
                #expect(try await admin.get(Self.base(2025)).status == .ok)
                // Re-opening is explicit and audited; the year leaves the public portal.
                #expect(try await app.testing().sendRequest(.GET, "/public/counties/\(Demo.county1)/years/2025").status == .ok)
                #expect(try await finance.post(Self.base(2025) + "/reopen", form: [:]).status == .seeOther)
                #expect(try await Self.year(app, 2025).publishedAt == nil)
                #expect(try await auditEntries(app, action: "funding-reopen").count == 1)
                #expect(try await app.testing().sendRequest(.GET, "/public/counties/\(Demo.county1)/years/2025").status == .notFound)
                #expect(try await finance.post(path, form: Self.form(line, amount: "1.00")).status == .seeOther)
                #expect(try await FundingLineRecord.find(line.requireID(), on: app.db)?.amountFen == 100)
                // Re-opening a draft is refused (409, audited).
                #expect(try await finance.post(Self.base(2026) + "/reopen", form: [:]).status == .conflict)
                #expect(try await auditEntries(app, action: "funding-reopen-refused").count == 1)
            }
        }
    }
}
