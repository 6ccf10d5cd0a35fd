import Fluent
import Foundation
import JunhengImport
import Seats
import Testing
import VaporTesting
@testable import JunhengWeb

/// Helpers of the seats web tests: a multipart form with text fields and files, and days relative to today.
enum SeatsWebTest {
    static var county: String { Demo.county1 }
    static var page: String { "/counties/\(county)/seats" }

    static func multipart(_ b: inout TestBrowser, _ path: String, fields: [String: String],
                          files: [(field: String, name: String, bytes: [UInt8])] = []) async throws -> TestingHTTPResponse {
        let boundary = "----junheng-seats-boundary"
        var body = ByteBuffer()
        var all = fields
        if let csrf = b.csrf { all[CSRF.field] = csrf }
        for (k, v) in all.sorted(by: { $0.key < $1.key }) {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n")
        }
        for f in files {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(f.field)\"; filename=\"\(f.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            body.writeBytes(f.bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        return try await b.uploadRaw(path, body: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }

    /// Today minus `days`, as YYYY-MM-DD in the bureau's calendar.
    static func day(_ daysAgo: Int) -> String {
        SeatsPlanInput.today(Date().addingTimeInterval(Double(-daysAgo) * 86_400))?.description ?? ""
    }

    /// The demo files as upload parts.
    static func parts(_ files: [SeatsFile: SeatsStore.StoredFile]) -> [(field: String, name: String, bytes: [UInt8])] {
        SeatsFile.allCases.compactMap { k in files[k].map { (k.rawValue, $0.name, [UInt8]($0.bytes)) } }
    }

    /// The cell of the warning table for `school` and `year` (its class attribute and text), read from the page.
    static func warningCell(_ html: String, school: String, yearIndex: Int) -> String? {
        guard let t = html.range(of: "id=\"warning-table\""), let end = html.range(of: "</table>", range: t.upperBound..<html.endIndex) else { return nil }
        let table = html[t.upperBound..<end.lowerBound]
        for row in table.components(separatedBy: "<tr>") where row.contains("（\(school)）") || row.contains("<td>\(school)</td>") {
            let cells = row.components(separatedBy: "<td")
            // cells[0] is before the first <td>; [1] school, [2] intake, [3…] the years.
            guard cells.count > 3 + yearIndex else { return nil }
            return cells[3 + yearIndex]
        }
        return nil
    }
}

extension WebTests {
    @Suite struct SeatsRoutesTests {
        /// Issue 16's "done means" on the demo county: the estate's school turns red, three plans are proposed and
        /// checked, compared, and one is adopted through the steps; only then do the catchments of record change.
        @Test func theOfficeSeesTheEstateSchoolTurnRedProposesThreePlansAndAdoptsOne() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                #expect(try await b.login("demo-planner").status == .seeOther)
                let overview = try await b.get("\(SeatsWebTest.page)?year=2028&section=primary&scenario=base")
                #expect(overview.status == .ok)
                let html = overview.body.string
                // Years 2026…2031: the estate's school P001 is not red in 2026 and red two years on (2028).
                let now = try #require(SeatsWebTest.warningCell(html, school: "P001", yearIndex: 0))
                let later = try #require(SeatsWebTest.warningCell(html, school: "P001", yearIndex: 2))
                #expect(!now.contains("band-red"), "\(now)")
                #expect(later.contains("band-red"), "\(later)")
                // The same figures by hand from the stored inputs: entry demand ÷ approved intake of P001 in 2028 ≥ 100%.
                let county = try #require(try await Region.query(on: app.db).filter(\.$code == SeatsWebTest.county).first())
                let dataset = try #require(try await SeatsStore.latest(countyID: county.requireID(), on: app.db))
                let seats = try SeatsStore.county(dataset)
                let p001 = try #require(seats.schools.first { $0.code == "P001" })
                let settings = try #require(SeatsStore.settings)
                let forecast = SeatsForecaster.forecast(seats, years: 6, coefficients: settings.coefficients)
                let demand = seats.units.filter { $0.school[.primary] == "P001" }
                    .reduce(0.0) { $0 + forecast.pupils(unit: $1.code, section: .primary, year: 2028, grade: 1) }
                #expect(demand / Double(p001.approvedIntake) >= 1.0)
                #expect(html.contains("id=\"seats-map\""))
                #expect(html.contains("政策调整"))  // caveats printed beside the warnings

                // Propose three plans; the job queue solves them.
                let res = try await b.post("\(SeatsWebTest.page)/plans", form: ["year": "2028", "plans": "3", "time_limit": "30", "pins": ""])
                #expect(res.status == .seeOther)
                let (job, link) = try await b.followJob(res)
                #expect(job.state == .succeeded, "\(job.error ?? "")")
                let compare = try #require(link)
                #expect(compare.contains("/seats/compare?batch="))
                let comparePage = try await b.get(compare)
                #expect(comparePage.status == .ok)
                let plans = try await SeatsPlanRecord.query(on: app.db).filter(\.$county.$id == county.requireID()).sort(\.$number).all()
                #expect(plans.count == 3)
                for p in plans {
                    #expect(comparePage.body.string.contains("/seats-plans/\(try p.requireID())"))
                    // Checked here, apart from the planner: every unit is assigned a school of its section that exists,
                    // and no school is filled past its seats with the plan-year pupils the forecast gives.
                    let stored = try StoredPlan.decode(p.resultJSON)
                    let plan = try #require(stored.plan)
                    #expect(plan.status == "optimal")
                    let schools = Dictionary(uniqueKeysWithValues: seats.schools.map { ($0.code, $0) })
                    let f2028 = SeatsForecaster.forecast(seats, years: 3, coefficients: settings.coefficients)
                    var load: [String: Double] = [:]
                    for u in seats.units {
                        for s in SeatSection.allCases where !seats.schools(of: s).isEmpty {
                            let to = try #require(plan.assignment[u.code]?[s.rawValue], "\(u.code) \(s)")
                            #expect(schools[to]?.section == s)
                            load[to, default: 0] += f2028.pupils(unit: u.code, section: s, year: 2028)
                        }
                    }
                    for (code, pupils) in load { #expect(pupils <= Double(schools[code]?.capacity ?? 0) + 1e-6, "\(code)") }
                    #expect(plan.check.passed, "\(plan.check.violations)")
                    // The page says how the solve ended and shows both sections' maps.
                    let page = try await b.get("/seats-plans/\(try p.requireID())").body.string
                    #expect(page.contains("id=\"plan-gap\""))
                    #expect(page.contains("id=\"check-verdict\" class=\"pass\""))
                }
                // Adopt plan 1 through the steps; a step out of order, a short 公示 and a future date are refused.
                let chosen = try plans[0].requireID()
                let path = "/seats-plans/\(chosen)/steps"
                _ = try await b.get("/seats-plans/\(chosen)")
                #expect(try await SeatsWebTest.multipart(&b, path, fields: ["stage": "publicity", "day": SeatsWebTest.day(90), "evidence": "x"]).status == .unprocessableEntity)
                #expect(try await SeatsWebTest.multipart(&b, path, fields: ["stage": "review", "day": SeatsWebTest.day(-3), "evidence": "专家论证会"]).status == .unprocessableEntity)
                #expect(try await SeatsWebTest.multipart(&b, path, fields: ["stage": "review", "day": SeatsWebTest.day(90), "evidence": "  "]).status == .unprocessableEntity)
                #expect(try await SeatsWebTest.multipart(&b, path, fields: ["stage": "review", "day": SeatsWebTest.day(90), "evidence": "专家论证会纪要 2026-1"],
                                                         files: [("document", "纪要.pdf", Array("%PDF-1.4 minutes".utf8))]).status == .seeOther)
                #expect(try await SeatsWebTest.multipart(&b, path, fields: ["stage": "consultation", "day": SeatsWebTest.day(80), "evidence": "听证会"]).status == .seeOther)
                #expect(try await SeatsWebTest.multipart(&b, path, fields: ["stage": "publicity", "day": SeatsWebTest.day(20), "evidence": "公示 第3号"]).status == .seeOther)
                // Before the catchments change, the page still names the uploaded ones.
                #expect(try await b.get(SeatsWebTest.page).body.string.contains("上传数据 v1"))
                let short = try await SeatsWebTest.multipart(&b, path, fields: ["stage": "effective", "day": SeatsWebTest.day(0), "evidence": "批复"])
                #expect(short.status == .unprocessableEntity)
                #expect(short.body.string.contains("公示期不足"))
                #expect(try await SeatsPlanRecord.find(chosen, on: app.db)?.stage == "publicity")
                // Recorded again with a 公示 long enough: a second plan's steps, 公示 40 days ago.
                let second = try plans[1].requireID()
                let path2 = "/seats-plans/\(second)/steps"
                _ = try await b.get("/seats-plans/\(second)")
                for (stage, ago) in [("review", 60), ("consultation", 50), ("publicity", 40), ("effective", 0)] {
                    let r = try await SeatsWebTest.multipart(&b, path2, fields: ["stage": stage, "day": SeatsWebTest.day(ago), "evidence": "依据 \(stage)"])
                    #expect(r.status == .seeOther, "\(stage): \(r.body.string.prefix(300))")
                }
                let adopted = try #require(try await SeatsPlanRecord.find(second, on: app.db))
                #expect(adopted.stage == "effective" && adopted.effectiveAt != nil)
                #expect(try await b.get(SeatsWebTest.page).body.string.contains("方案 #2"))
                // The catchments of record are now plan 2's assignment.
                let (ofRecord, _) = try await SeatsStore.ofRecord(dataset, on: app.db)
                let assignment = try SeatsStore.planAssignment(adopted)
                for u in ofRecord.units { #expect(u.school[.primary] == assignment[u.code]?[.primary]) }
                #expect(try await auditEntries(app, action: "seats-plan-step").count == 7)
                #expect(try await auditEntries(app, action: "seats-plan-step-refused").count == 4)
                // The adoption document downloads; the plan list API shows the stages.
                let token = try await APIClient.token(app, "demo-planner")
                let list = try await APIClient.get(app, "/api/v1/counties/\(SeatsWebTest.county)/seats/plans", token: token)
                #expect(list.status == .ok)
                let rows = try #require((try APIClient.json(list) as? [String: Any])?["plans"] as? [[String: Any]])
                #expect(Set(rows.compactMap { $0["stage"] as? String }) == ["publicity", "effective", "draft"])
                let one = try await APIClient.get(app, "/api/v1/seats-plans/\(second)", token: token)
                #expect(one.status == .ok && one.headers.first(name: "X-Junheng-Stage") == "effective")
                #expect(((try APIClient.json(one) as? [String: Any])?["plans"] as? [[String: Any]])?.first?["assignment"] != nil)
            }
        }

        @Test func readersSeeInspectorsCannotChangeAndOtherCountiesDoNotExist() async throws {
            try await withTestApp { app in
                let expected: [(String, HTTPStatus, HTTPStatus)] = [
                    // user, GET the page, POST a plan
                    ("demo-planner", .ok, .seeOther), ("demo-province", .ok, .forbidden), ("demo-county", .ok, .forbidden),
                    ("demo-other-county", .notFound, .notFound), ("demo-school", .forbidden, .forbidden), ("demo-admin", .ok, .seeOther),
                ]
                for (user, read, write) in expected {
                    var b = TestBrowser(app)
                    _ = try await b.login(user)
                    _ = try await b.get("/counties")
                    #expect(try await b.get(SeatsWebTest.page).status == read, "\(user) GET")
                    #expect(try await b.post("\(SeatsWebTest.page)/plans", form: ["year": "2027", "plans": "1", "time_limit": "5"]).status == write, "\(user) POST")
                }
                var anonymous = TestBrowser(app)
                #expect(try await anonymous.get(SeatsWebTest.page).status == .seeOther)
                #expect(try await APIClient.get(app, "/api/v1/counties/\(SeatsWebTest.county)/seats/forecast", token: nil).status == .unauthorized)
                let inspector = try await APIClient.token(app, "demo-province")
                let forecast = try await APIClient.get(app, "/api/v1/counties/\(SeatsWebTest.county)/seats/forecast", token: inspector)
                #expect(forecast.status == .ok)
                #expect((try APIClient.json(forecast) as? [String: Any])?["as_of_year"] as? Int == 2026)
                let post = try await app.testing().sendRequest(.POST, "/api/v1/counties/\(SeatsWebTest.county)/seats/plans",
                                                               headers: ["Authorization": "Bearer \(inspector ?? "")", "Content-Type": "application/json"],
                                                               body: ByteBuffer(string: #"{"year": 2027}"#))
                #expect(post.status == .forbidden)
            }
        }

        @Test func aBadUploadStoresNothingAndNamesFileRowAndColumn() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                _ = try await b.login("demo-planner")
                _ = try await b.get("\(SeatsWebTest.page)/upload")
                var files = SeatsDemoSeed.demoFiles(units: 20, schools: 4)
                // The writer ends lines with CRLF (one Character in Swift, so split on the pair).
                var units = String(decoding: try #require(files[.units]).bytes, as: UTF8.self).components(separatedBy: "\r\n")
                try #require(units.count > 3)
                // Row 3 (the second unit) names a primary school the schools file does not have.
                var cells = units[2].components(separatedBy: ",")
                try #require(cells.count > 4)
                cells[4] = "NOPE"
                units[2] = cells.joined(separator: ",")
                files[.units] = .init(name: "units.csv", bytes: Data(units.joined(separator: "\r\n").utf8))
                let bad = try await SeatsWebTest.multipart(&b, "\(SeatsWebTest.page)/upload", fields: [:], files: SeatsWebTest.parts(files))
                #expect(bad.status == .unprocessableEntity)
                let html = bad.body.string
                #expect(html.contains("units.csv") && html.contains("<td class=\"num\">3</td>") && html.contains("NOPE"))
                let county = try #require(try await Region.query(on: app.db).filter(\.$code == SeatsWebTest.county).first())
                #expect(try await SeatsDataset.query(on: app.db).filter(\.$county.$id == county.requireID()).count() == 1)
                #expect(try await auditEntries(app, action: "seats-upload-rejected").count == 1)
                // Hostile names are text, never markup; a good upload becomes version 2.
                files = SeatsDemoSeed.demoFiles(units: 20, schools: 4)
                let text = String(decoding: try #require(files[.units]).bytes, as: UTF8.self)
                files[.units] = .init(name: "units.csv", bytes: Data(text.replacingOccurrences(of: "落霞村", with: "\"<script>x()</script>\"\"><img src=x onerror=y>\"").utf8))
                let good = try await SeatsWebTest.multipart(&b, "\(SeatsWebTest.page)/upload", fields: [:], files: SeatsWebTest.parts(files))
                #expect(good.status == .seeOther)
                #expect(good.headers.first(name: .location)?.hasSuffix("uploaded=2") == true)
                let page = try await b.get(SeatsWebTest.page).body.string
                #expect(!page.contains("<script>x()") && !page.contains("<img src=x"))
                #expect(page.contains("id=\"seats-dataset\""))
            }
        }

        @Test func theBureauSuppliesAMapBackgroundThatOnlyReadersFetch() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                _ = try await b.login("demo-planner")
                _ = try await b.get("\(SeatsWebTest.page)/upload")
                let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 64)
                let bounds = ["west": "119.4", "south": "28.9", "east": "119.9", "north": "29.3"]
                // An SVG (could carry script), reversed bounds and a non-number are refused; nothing is stored.
                let svg = try await SeatsWebTest.multipart(&b, "\(SeatsWebTest.page)/background", fields: bounds,
                                                           files: [("image", "x.svg", Array("<svg onload=alert(1)>".utf8))])
                #expect(svg.status == .unprocessableEntity)
                var reversed = bounds
                reversed["west"] = "120.0"
                #expect(try await SeatsWebTest.multipart(&b, "\(SeatsWebTest.page)/background", fields: reversed, files: [("image", "m.png", png)]).status == .unprocessableEntity)
                var nan = bounds
                nan["north"] = "nan"
                #expect(try await SeatsWebTest.multipart(&b, "\(SeatsWebTest.page)/background", fields: nan, files: [("image", "m.png", png)]).status == .unprocessableEntity)
                #expect(try await SeatsBackground.query(on: app.db).count() == 0)
                #expect(try await b.get("\(SeatsWebTest.page)/background").status == .noContent)
                let ok = try await SeatsWebTest.multipart(&b, "\(SeatsWebTest.page)/background", fields: bounds, files: [("image", "m.png", png)])
                #expect(ok.status == .seeOther)
                let page = try await b.get(SeatsWebTest.page).body.string
                #expect(page.contains("<image href=\"/counties/\(SeatsWebTest.county)/seats/background?v="))
                let image = try await b.get("\(SeatsWebTest.page)/background")
                #expect(image.status == .ok && image.headers.contentType?.description == "image/png" && Array(image.body.readableBytesView) == png)
                var other = TestBrowser(app)
                _ = try await other.login("demo-other-county")
                #expect(try await other.get("\(SeatsWebTest.page)/background").status == .notFound)
                #expect(try await auditEntries(app, action: "seats-background").count == 1)
                #expect(try await auditEntries(app, action: "seats-background-rejected").count == 3)
            }
        }

        @Test func noUnitWithFewerThanFiveChildrenIsShownAlone() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                _ = try await b.login("demo-planner")
                let html = try await b.get("\(SeatsWebTest.page)?year=2026").body.string
                let t = try #require(html.range(of: "id=\"children-table\""))
                let end = try #require(html.range(of: "</table>", range: t.upperBound..<html.endIndex))
                let rows = html[t.upperBound..<end.lowerBound].components(separatedBy: "<tr>").dropFirst(2)
                #expect(!rows.isEmpty)
                for row in rows {
                    guard let r = row.range(of: "<td class=\"num\">"), let e = row.range(of: "</td>", range: r.upperBound..<row.endIndex) else { continue }
                    let shown = String(row[r.upperBound..<e.lowerBound])
                    if let n = Int(shown) { #expect(n >= 5, "\(row)") } else { #expect(shown == "&lt;5", "\(row)") }
                }
                // The map shows no counts at all: no text element but school codes.
                let map = try #require(html.range(of: "class=\"chart seats-map\""))
                let svgEnd = try #require(html.range(of: "</svg>", range: map.upperBound..<html.endIndex))
                for text in html[map.upperBound..<svgEnd.lowerBound].components(separatedBy: "<text").dropFirst() {
                    let label = text.split(separator: ">").dropFirst().first.map { String($0.prefix { $0 != "<" }) } ?? ""
                    #expect(label.hasPrefix("P") || label.hasPrefix("J"), "\(label)")
                }
            }
        }
    }
}
