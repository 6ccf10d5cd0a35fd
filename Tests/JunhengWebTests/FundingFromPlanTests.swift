import Fluent
import Foundation
import Funding
import JunhengDemo
import Testing
import VaporTesting
@testable import JunhengWeb

extension WebTests {
    /// A plan's building and equipment actions become draft funding projects with their budget (button, audited).
    @Suite struct FundingFromPlanTests {
        @Test func planActionsBecomeDraftProjects() async throws {
            try await withTestApp { app in
                let region = try #require(try await Region.query(on: app.db).filter(\.$code == Demo.county1).first())
                let snapshot = try #require(try await Snapshot.query(on: app.db).filter(\.$county.$id == region.requireID()).first())
                let draft = try #require(try await FundingYearRecord.query(on: app.db).filter(\.$fiscalYear == 2026).first())
                let schools = FundingEdits.schools(draft).sorted()
                let (a, b) = (schools[0], schools[1])
                let admin = try #require(try await User.query(on: app.db).filter(\.$username == "demo-admin").first())
                // Hand-written plan: 120.5 m² at 3,000 = 361,500 yuan and 40,000.004 yuan of equipment at school a (two
                // rows: 30,000 + 10,000.004), a hire (not a procurement project) at b, a multimedia room at b: 50,000.
                let json = """
                {"status":"optimal","total_cost":571500.004,"actions":[
                 {"school_code":"\(a)","school_name":"A","section":"小学","action":"build_teaching_area","quantity":120.5,"cost":361500},
                 {"school_code":"\(a)","school_name":"A","section":"小学","action":"buy_equipment","quantity":30000,"cost":30000},
                 {"school_code":"\(a)","school_name":"A","section":"小学","action":"buy_equipment","quantity":10000.004,"cost":10000.004},
                 {"school_code":"\(b)","school_name":"B","section":"小学","action":"hire","quantity":1,"cost":120000},
                 {"school_code":"\(b)","school_name":"B","section":"小学","action":"equip_multimedia_room","quantity":1,"cost":50000}],
                 "sections":[]}
                """
                let plan = SavedPlan(snapshotID: try snapshot.requireID(), createdBy: try admin.requireID(), createdAt: Date(), title: "整改",
                                     parameters: "{}", status: "optimal", totalCost: 571_500.004, resultJSON: Data(json.utf8))
                try await plan.create(on: app.db)
                let id = try plan.requireID().uuidString
                var browser = TestBrowser(app)
                try await browser.login("demo-admin")
                let page = try await browser.get("/plans/\(id)").body.string
                #expect(page.contains("id=\"plan-to-funding\"") && (page.contains("（3 项）") || page.contains("actions (3)")))
                #expect(try await browser.post("/plans/\(id)/funding-projects", form: ["fiscal_year": "2025"]).status == .conflict)   // published
                #expect(try await browser.post("/plans/\(id)/funding-projects", form: ["fiscal_year": "2026"]).status == .seeOther)
                let prefix = "PLN" + id.prefix(8).uppercased() + "-"
                let made = try await FundingProjectRecord.query(on: app.db).filter(\.$year.$id == draft.requireID()).all()
                    .filter { $0.code.hasPrefix(prefix) }.sorted { $0.code < $1.code }
                #expect(made.map(\.code) == [prefix + "01", prefix + "02", prefix + "03"])
                #expect(made.map(\.budgetFen) == [36_150_000, 4_000_000, 5_000_000])   // 40,000.004 yuan → 4,000,000 分
                #expect(made.map(\.indicator) == ["R4", "R6", "R7"])
                #expect(made.map(\.schoolCode) == [a, a, b])
                #expect(made.first?.name.contains("120.5 平方米") == true)
                #expect(try await FundingYearRecord.find(draft.requireID(), on: app.db)?.revision == 1)
                #expect(try await auditEntries(app, action: "funding-projects-from-plan").first?.detail.contains("3 draft project(s), 451500.00 yuan") == true)
                // Twice: nothing new, refused and audited.
                #expect(try await browser.post("/plans/\(id)/funding-projects", form: ["fiscal_year": "2026"]).status == .conflict)
                #expect(try await auditEntries(app, action: "funding-projects-from-plan-refused").count == 2)
                // A statistician reads the plan but does not manage funding: no button, and the POST is refused.
                var county = TestBrowser(app)
                try await county.login("demo-county")
                #expect(!(try await county.get("/plans/\(id)").body.string.contains("plan-to-funding")))
                #expect(try await county.post("/plans/\(id)/funding-projects", form: ["fiscal_year": "2026"]).status == .forbidden)
            }
        }
    }
}
