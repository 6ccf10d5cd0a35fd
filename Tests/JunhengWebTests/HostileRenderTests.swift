import Fluent
import Foundation
import JunhengDemo
import JunhengImport
import Testing
import VaporTesting
@testable import JunhengWeb

extension WebTests {
    /// Every page rendered with hostile strings in every field a user can fill: nothing comes out as markup.
    @Suite struct HostileRenderTests {
        /// Breaks out of a double- or single-quoted attribute, opens a tag, and opens a script.
        static let payload = #"x" autofocus onfocus="alert(2)"><img src=x onerror=alert(1)>' onmouseover='alert(4)<script>alert(3)</script>"#

        /// Checks the markup itself: every tag in the page (escaped text holds no raw `<`) must be one of ours, i.e.
        /// no `img` or `script` element and no event-handler or autofocus attribute outside quoted values.
        static func assertEscaped(_ body: String, _ where_: String) {
            let tags = body.matches(of: /<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/)
            for tag in tags {
                let name = String(tag.output.1).lowercased()
                #expect(name != "img" && name != "script", "\(where_): <\(name)> element in the page")
                let unquoted = String(tag.output.2).replacing(/"[^"]*"/, with: "\"\"")
                for attr in unquoted.matches(of: /([a-zA-Z-]+)\s*=?/) {
                    let a = String(attr.output.1).lowercased()
                    #expect(!a.hasPrefix("on") && a != "autofocus", "\(where_): attribute \(a) in <\(name)\(tag.output.2.prefix(80))>")
                }
            }
        }

        @Test func hostileStringsAreEscapedEverywhere() async throws {
            try await withTestApp { app in
                let p = Self.payload
                // Names an administrator or a bureau can set.
                let county = try #require(try await Region.query(on: app.db).filter(\.$code == Demo.county1).first())
                county.name = "县" + p
                try await county.save(on: app.db)
                try await User.query(on: app.db).filter(\.$username == "demo-county").set(\.$displayName, to: "王" + p).update()
                // A statistics file whose school names are hostile (codes are validated by the importer).
                var records = DemoCounty.records(county: 1, schools: 6, seed: 99)
                for i in records.indices { records[i].schoolName = p + String(i) }
                var stat = TestBrowser(app)
                try await stat.login("demo-county")
                let base0 = "/counties/\(Demo.county1)"
                _ = try await stat.get("/counties/\(Demo.county1)/upload")
                let up = try await stat.upload("/counties/\(Demo.county1)/upload", fields: ["year": "2026"],
                                               file: Array(TemplateWriter.csv(records).utf8), fileName: "x<img src=x onerror=alert(1)>.csv")
                #expect(up.status == .seeOther)
                // Hostile text in the review chain: a return comment, an item verdict, 整改 task fields, an evidence file name.
                let assessment = "\(base0)/years/2025/assessment"
                _ = try await stat.get(assessment)
                let tasks = try await stat.get(assessment + "/tasks").body.string
                if let r = tasks.range(of: "action=\"" + assessment + "/tasks/") {
                    let action = String(tasks[r.lowerBound...].dropFirst(8).prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
                    #expect(try await stat.post(action, form: ["measures": p, "responsible_unit": String(p.prefix(150)), "evidence": p]).status == .seeOther)
                }
                let ev = try await stat.multipart(assessment + "/evidence") { $0.field("item", "G1"); $0.file("file", p.replacingOccurrences(of: "\"", with: "") + ".pdf", Array("%PDF-1.4".utf8)) }
                #expect(ev.status == .seeOther)  // a quote cannot be sent in a multipart file name; the rest of the payload can
                #expect(try await stat.post(assessment + "/submit", form: ["comment": p]).status == .seeOther)
                var reviewer = TestBrowser(app)
                try await reviewer.login("demo-city")
                _ = try await reviewer.get(assessment)
                #expect(try await reviewer.post(assessment + "/verdicts", form: ["item": "G1", "school": String(p.prefix(40)), "verdict": "fail", "comment": p]).status == .seeOther)
                #expect(try await reviewer.post(assessment + "/return", form: ["comment": p]).status == .seeOther)
                // A failed login with a hostile username lands in the audit log.
                var anon = TestBrowser(app)
                _ = try await anon.login(String(p.prefix(38)), password: "whatever-password")

                // A survey with a hostile name (its page, the county's list and the public answer page show it).
                let token = try await APIClient.token(app, "demo-county")
                let window = ["opens_at": ISO8601DateFormatter().string(from: Date().addingTimeInterval(-60)),
                              "closes_at": ISO8601DateFormatter().string(from: Date().addingTimeInterval(3600))]
                let created = try await APIClient.post(app, "/api/v1/counties/\(Demo.county1)/surveys", token: token,
                                                       body: Array(try JSONSerialization.data(withJSONObject: window.merging(["name": "调查" + p]) { a, _ in a })),
                                                       contentType: "application/json")
                let surveyID = try #require((try APIClient.json(created) as? [String: Any])?["id"] as? String)
                let invited = try await APIClient.post(app, "/api/v1/surveys/\(surveyID)/invitations", token: token,
                                                       body: Array(#"{"questionnaire":"social","count":1}"#.utf8), contentType: "application/json")
                let code = try #require(((try APIClient.json(invited) as? [String: Any])?["codes"] as? [String])?.first)
                let respondent = try await app.testing().sendRequest(.GET, "/s/\(code)")
                #expect(respondent.status == .ok)
                Self.assertEscaped(respondent.body.string, "survey answer page")

                let school = try #require(records.first?.schoolCode)
                let base = "/counties/\(Demo.county1)"
                var pages = ["/counties", base, "\(base)/years/2026", "\(base)/years/2026?sort=\(p)", "\(base)/years/2026/report",
                             "\(base)/snapshots", "\(base)/upload", "\(base)/years/2026/plans", "/schools/\(school)", "/admin",
                             "/admin/audit", "/account", "\(base)/classrooms", "\(base)/surveys", "/surveys/\(surveyID)", "/no-such-\(p)",
                             "\(base)/assessment", "\(base)/years/2025/assessment", "\(base)/years/2025/assessment/report",
                             "\(base)/years/2025/assessment/tasks", "\(base)/years/2025/assessment/versions/1",
                             "\(base)/years/2025/assessment/upload", "/reviews", "/assessments"]
                pages = pages.map { $0.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.union(CharacterSet(charactersIn: "?=&"))) ?? $0 }
                for who in ["demo-admin", "demo-province", "demo-county", "demo-city"] {
                    var b = TestBrowser(app)
                    try await b.login(who)
                    for path in pages {
                        let res = try await b.get(path)
                        #expect(res.status.code < 500, "\(who) \(path): \(res.status.code)")
                        Self.assertEscaped(res.body.string, "\(who) \(path)")
                    }
                    // The language switch copies the query string into a link.
                    let switched = try await b.get("\(base)/years/2026?lang=zh&x=%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E")
                    Self.assertEscaped(switched.body.string, "\(who) language switch")
                }
                // The login page's `next`.
                var fresh = TestBrowser(app)
                let login = try await fresh.get("/login?next=/counties%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E")
                Self.assertEscaped(login.body.string, "login next")
                // The CSV export neutralises nothing here (names start with x), but no row breaks out of its cell either.
                let csv = try await stat.get("\(base)/years/2026/matrix.csv").body.string
                #expect(csv.contains("\"" + p.replacingOccurrences(of: "\"", with: "\"\"")))
            }
        }

        @Test func svgChartsEscapeTheirLabels() {
            let svg = SVGChart.cvBars([.init(label: Self.payload, value: 0.3, limit: 0.5)], title: Self.payload, undefinedText: Self.payload)
            Self.assertEscaped(svg, "cv chart")
            let trend = SVGChart.trend([.init(label: Self.payload, points: [(2024, 0.2), (2025, 0.3)])], years: [2024, 2025], limit: 0.5, title: Self.payload)
            Self.assertEscaped(trend, "trend chart")
        }
    }
}
