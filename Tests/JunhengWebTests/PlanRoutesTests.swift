import EquityKit
import Fluent
import Foundation
import JunhengImport
import Testing
import VaporTesting
@testable import JunhengWeb

// The remedy-plan pages. Facts are recomputed here, not read back from the code under test: costs from the
// issue's price list, the planned statistics by applying the saved actions to the uploaded rows by hand,
// and "passes" by EquityKit's evaluator.

/// The issue's default unit costs (yuan), written out here.
private let priceList: [String: Double] = [
    "hire": 120_000, "hire_pe_art": 120_000, "train_backbone": 30_000,
    "transfer_backbone": 20_000, "transfer_pe_art": 20_000, "transfer_teacher": 20_000,
    "build_teaching_area": 3_000, "build_sports_area": 800, "buy_equipment": 1, "equip_multimedia_room": 50_000,
]

/// What one unit of each action does to the receiving row (a transfer's sender loses the same), from the issue's table.
private let effects: [String: [Quantity: Double]] = [
    "hire": [.teachers: 1, .degreeTeachers: 1],
    "hire_pe_art": [.teachers: 1, .degreeTeachers: 1, .peArtTeachers: 1],
    "train_backbone": [.backboneTeachers: 1],
    "transfer_backbone": [.teachers: 1, .degreeTeachers: 1, .backboneTeachers: 1],
    "transfer_pe_art": [.teachers: 1, .degreeTeachers: 1, .peArtTeachers: 1],
    "transfer_teacher": [.teachers: 1, .degreeTeachers: 1],
    "build_teaching_area": [.teachingAuxArea: 1],
    "build_sports_area": [.sportsArea: 1],
    "buy_equipment": [.equipmentValue: 1],
    "equip_multimedia_room": [.multimediaClassrooms: 1],
]

private let schools = 8
private var plansPath: String { "/counties/\(Demo.county1)/years/2025/plans" }

/// The rows of demo county 1 in 2025 exactly as the app stored them (through the importer).
private func uploadedRecords() throws -> [StatisticsRecord] {
    try StatisticsImporter.importData(Array(TemplateWriter.csv(DemoSeeder.records(county: 1, year: 2025, schools: schools)).utf8)).records
}

/// Logs in as `user` and runs a plan with `form`; returns the response, or, when the run was queued as a job, the
/// job page's result link as a redirect once the worker has finished it (as a browser following the page sees it).
private func runPlan(_ app: Application, as user: String = "demo-county", _ form: [String: String]) async throws -> (TestBrowser, TestingHTTPResponse) {
    var browser = TestBrowser(app)
    try await browser.login(user)
    _ = try await browser.get(plansPath)
    let res = try await browser.post(plansPath, form: form)
    guard res.status == .seeOther, res.headers.first(name: .location)?.hasPrefix("/jobs/") == true else { return (browser, res) }
    let (job, link) = try await browser.followJob(res)
    #expect(job.state == .succeeded, "\(job.error ?? "")")
    var followed = res
    followed.headers.replaceOrAdd(name: .location, value: try #require(link))
    return (browser, followed)
}

/// The saved plan's id from the job's result link.
private func planID(_ res: TestingHTTPResponse) throws -> String {
    let location = try #require(res.headers.first(name: .location))
    #expect(location.hasPrefix("/plans/"))
    return String(location.dropFirst("/plans/".count))
}

private func savedPlan(_ app: Application, _ id: String) async throws -> (SavedPlan, [String: Any]) {
    let plan = try #require(try await SavedPlan.find(UUID(uuidString: id), on: app.db))
    let json = try #require(try JSONSerialization.jsonObject(with: plan.resultJSON) as? [String: Any])
    return (plan, json)
}

/// Whole yuan with thousands separators, as a person would write the total.
private func grouped(_ v: Double) -> String {
    let digits = String(Int(v.rounded()))
    return digits.enumerated().map { k, c in (k > 0 && (digits.count - k) % 3 == 0 ? "," : "") + String(c) }.joined()
}

private let minCost = ["mode": "min-cost", "time_limit": "30", "transfers": "on"]

extension WebTests {
    @Suite struct PlanRoutes {
        @Test func statisticianRunsMinCostPlanThatPassesWhenApplied() async throws {
            try await withTestApp(schoolsPerCounty: schools) { app in
                let (browser, res) = try await runPlan(app, minCost)
                #expect(res.status == .seeOther)
                let id = try planID(res)
                let (saved, json) = try await savedPlan(app, id)
                let status = try #require(json["status"] as? String)
                #expect(status == "optimal" || status == "feasible")
                #expect(saved.status == status)

                let actions = try #require(json["actions"] as? [[String: Any]])
                let recomputed = actions.reduce(0.0) { sum, a in
                    sum + (a["quantity"] as! Double) * priceList[a["action"] as! String]!
                }
                let total = try #require(saved.totalCost)
                #expect(abs(total - recomputed) <= 1e-6 * max(1, recomputed))
                #expect(abs((json["total_cost"] as! Double) - recomputed) <= 1e-6 * max(1, recomputed))

                var records = try uploadedRecords()
                let before = try Evaluator.evaluate(records, standard: BuiltInStandards.youzhi2017)
                #expect(!before.passed, "the small demo county should need a plan")
                #expect(!actions.isEmpty)
                func row(_ code: String, _ label: String) throws -> Int {
                    try #require(records.indices.first { records[$0].schoolCode == code && records[$0].section.label == label })
                }
                for a in actions {
                    let kind = a["action"] as! String, qty = a["quantity"] as! Double, label = a["section"] as! String
                    let effect = try #require(effects[kind])
                    let receiver = try row((a["to"] as? String) ?? (a["school_code"] as! String), label)
                    for (q, e) in effect { records[receiver].quantities[q] = (records[receiver].quantities[q] ?? 0) + e * qty }
                    if let from = a["from"] as? String {
                        let sender = try row(from, label)
                        for (q, e) in effect { records[sender].quantities[q] = (records[sender].quantities[q] ?? 0) - e * qty }
                    }
                }
                let after = try Evaluator.evaluate(records, standard: BuiltInStandards.youzhi2017)
                #expect(after.sections.allSatisfy { $0.schoolsFailing == 0 })
                for s in after.sections {
                    for i in s.indicators {
                        let cv = try #require(i.cv.value)
                        #expect(cv <= i.cvLimit * (1 + 1e-9), "\(s.section) \(i.definition.key) CV \(cv) > \(i.cvLimit)")
                    }
                }

                var b = browser
                let page = try await b.get("/plans/\(id)")
                #expect(page.status == .ok)
                #expect(page.body.string.contains(grouped(recomputed)))
                #expect(page.body.string.contains(status == "optimal" ? "已证明最优" : "未证明最优"))
                let list = try await b.get(plansPath)
                #expect(list.body.string.contains("/plans/\(id)"))
                #expect(try await auditEntries(app, action: "plan").contains { $0.target == "plan:\(id)" })
            }
        }

        @Test func inspectorViewsButCannotRun() async throws {
            try await withTestApp(schoolsPerCounty: schools) { app in
                let id = try planID(try await runPlan(app, minCost).1)
                var inspector = TestBrowser(app)
                try await inspector.login("demo-province")
                let list = try await inspector.get(plansPath)
                #expect(list.status == .ok)
                #expect(!list.body.string.contains("id=\"plan-form\""))
                #expect(try await inspector.get("/plans/\(id)").status == .ok)
                let before = try await SavedPlan.query(on: app.db).count()
                let post = try await inspector.post(plansPath, form: minCost)
                #expect(post.status == .forbidden)
                #expect(try await SavedPlan.query(on: app.db).count() == before)
                #expect(try await auditEntries(app, action: "denied").contains { $0.actor == "demo-province" && $0.detail.hasPrefix("runPlan POST") })
            }
        }

        @Test func anotherCountysStatisticianGets404AndIsAudited() async throws {
            try await withTestApp(schoolsPerCounty: schools) { app in
                let id = try planID(try await runPlan(app, minCost).1)
                for user in ["demo-other-county", "gd-stat"] {
                    var other = TestBrowser(app)
                    try await other.login(user)
                    #expect(try await other.get("/plans/\(id)").status == .notFound)
                    #expect(try await other.get("/plans/\(id)/export.xlsx").status == .notFound)
                    #expect(try await other.get("/plans/compare?a=\(id)&b=\(id)").status == .notFound)
                    #expect(try await auditEntries(app, action: "denied").contains { $0.actor == user && $0.target == "plan:\(id)" })
                }
                var principal = TestBrowser(app)
                try await principal.login("demo-school")
                #expect(try await principal.get(plansPath).status == .forbidden)
                #expect(try await principal.get("/plans/\(id)").status == .notFound)
            }
        }

        @Test func compareShowsBothTotalsAndXLSXIsAZip() async throws {
            try await withTestApp(schoolsPerCounty: schools) { app in
                let (browser, first) = try await runPlan(app, minCost)
                var b = browser
                _ = try await b.get(plansPath)
                let queued = try await b.post(plansPath, form: ["mode": "min-cost", "time_limit": "30", "title": "不调动教师"])
                let (job, link) = try await b.followJob(queued)
                #expect(job.state == .succeeded)
                let idA = try planID(first), idB = String(try #require(link).dropFirst("/plans/".count))
                let totalA = try #require(try await savedPlan(app, idA).0.totalCost)
                let totalB = try #require(try await savedPlan(app, idB).0.totalCost)
                #expect(totalA <= totalB + 1e-6, "allowing transfers can only make the cheapest plan cheaper")
                let page = try await b.get("/plans/compare?a=\(idA)&b=\(idB)")
                #expect(page.status == .ok)
                #expect(page.body.string.contains(grouped(totalA)))
                #expect(page.body.string.contains(grouped(totalB)))
                #expect(page.body.string.contains("不调动教师"))

                let xlsx = try await b.get("/plans/\(idA)/export.xlsx")
                #expect(xlsx.status == .ok)
                #expect(Array(xlsx.body.readableBytesView.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
                #expect(try await b.get("/plans/\(idA)/print").status == .ok)
            }
        }

        @Test func invalidInputShowsTheFormAgainAndSavesNothing() async throws {
            try await withTestApp(schoolsPerCounty: schools) { app in
                let cases: [([String: String], String)] = [
                    (["mode": "budget", "budget": "很多", "time_limit": "10"], "error-budget"),
                    (["mode": "min-cost", "time_limit": "500"], "error-time_limit"),
                    (["mode": "min-cost", "time_limit": "10", "rules": "hire<=2\nbuild_nothing@x"], "第 2 行"),
                    (["mode": "min-cost", "time_limit": "10", "rules": "hire@0000000000<=2"], "0000000000"),
                ]
                for (form, marker) in cases {
                    let (_, res) = try await runPlan(app, form)
                    #expect(res.status == .unprocessableEntity)
                    #expect(res.body.string.contains(marker))
                }
                // A standard the planner cannot plan for (基本均衡 judges the mean of all CVs): the form again, above it the reason.
                var b = TestBrowser(app)
                try await b.login("demo-county")
                _ = try await b.get(plansPath)
                let refused = try await b.post(plansPath + "?standard=jiben-2012", form: minCost)
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.body.string.contains("id=\"plan-error\""))
                #expect(try await SavedPlan.query(on: app.db).count() == 0)
            }
        }

        @Test func budgetPlanStaysWithinTheBudget() async throws {
            try await withTestApp(schoolsPerCounty: schools) { app in
                let budget = 300_000.0
                let (browser, res) = try await runPlan(app, as: "demo-admin", ["mode": "budget", "budget": "300,000", "time_limit": "30", "transfers": "on"])
                let id = try planID(res)
                let (saved, json) = try await savedPlan(app, id)
                let actions = try #require(json["actions"] as? [[String: Any]])
                let spent = actions.reduce(0.0) { $0 + ($1["quantity"] as! Double) * priceList[$1["action"] as! String]! }
                #expect(spent <= budget * (1 + 1e-9))
                #expect(abs((saved.totalCost ?? -1) - spent) <= 1e-6 * max(1, spent))
                let parameters = try #require(try JSONSerialization.jsonObject(with: Data(saved.parameters.utf8)) as? [String: Any])
                #expect(parameters["mode"] as? String == "budget")
                #expect(parameters["budget"] as? Double == budget)
                var b = browser
                #expect(try await b.get("/plans/\(id)").body.string.contains("预算 300,000"))
            }
        }
    }
}
