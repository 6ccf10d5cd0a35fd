import EquityKit
import Fluent
import Foundation
import JunhengDemo
import JunhengImport
import Testing
import VaporTesting
@testable import JunhengWeb

extension WebTests {
    /// The county dashboard, reports and exports, checked against EquityKit run directly on the same file.
    @Suite struct DashboardTests {
        /// EquityKit's evaluation of a demo county-year, computed here from the generator, not from the app.
        static func expected(county: Int, year: Int, schools: Int = 10) throws -> Evaluation {
            let records = DemoSeeder.records(county: county, year: year, schools: schools)
            return try Evaluator.evaluate(records, standard: BuiltInStandards.youzhi2017)
        }

        @Test func dashboardShowsVerdictsCVsAgainstLimitsMatrixAndTrend() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                try await b.login("demo-county")
                let res = try await b.get("/counties/\(Demo.county1)/years/2025")
                #expect(res.status == .ok)
                let html = res.body.string
                let e = try Self.expected(county: 1, year: 2025)
                for id in ["verdicts", "trend", "print-report", "download-xlsx", "upload-link"] { #expect(html.contains("id=\"\(id)\""), "\(id)") }
                #expect(html.contains("class=\"chart cv-chart\""))
                #expect(html.contains("class=\"chart trend-chart\""))
                for s in e.sections {
                    #expect(html.contains("id=\"matrix-\(s.section.english)\""))
                    for i in s.indicators { #expect(html.contains(String(format: "%.4f", i.cv.value!)), "\(i.definition.key)") }
                    let verdict = s.passed ? "达标" : "未达标"
                    #expect(html.contains("id=\"verdict-\(s.section.english)\"><div>\(s.section.rawValue)</div><div class=\"verdict \(s.passed ? "pass" : "fail")\">\(verdict)"))
                }
                // Every school row of the file appears in a matrix.
                let rows = html.components(separatedBy: "<a href=\"/schools/").count - 1
                #expect(rows == e.schools.count)
            }
        }

        @Test func matrixSortsOnTheServer() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                try await b.login("demo-county")
                let html = try await b.get("/counties/\(Demo.county1)/years/2025?sort=students&dir=desc").body.string
                let e = try Self.expected(county: 1, year: 2025)
                let primary = e.schools.filter { $0.school.section == .primary }
                let expectedOrder = primary.map(\.school.students).sorted(by: >)
                guard let start = html.range(of: "id=\"matrix-primary\""), let end = html.range(of: "</table>", range: start.upperBound..<html.endIndex) else {
                    Issue.record("no primary matrix"); return
                }
                let table = String(html[start.upperBound..<end.lowerBound])
                // The first numeric cell of each row is its student count.
                let students = table.components(separatedBy: "<tr>").dropFirst(2).compactMap { row -> Int? in
                    guard let r = row.range(of: "<td class=\"num\">") else { return nil }
                    return Int(row[r.upperBound...].prefix { $0.isNumber })
                }
                #expect(students == expectedOrder)
            }
        }

        @Test func englishSwitchIsRemembered() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                try await b.login("demo-county")
                let en = try await b.get("/counties/\(Demo.county1)/years/2025?lang=en")
                #expect(en.body.string.contains("difference coefficients"))
                #expect(en.headers[.setCookie].contains { $0.hasPrefix("lang=en") })
                #expect(en.body.string.contains("<html lang=\"en\">"))
            }
        }

        @Test func reportXlsxAndCsvExportsAreAudited() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                try await b.login("demo-province")
                let report = try await b.get("/counties/\(Demo.county2)/years/2024/report")
                #expect(report.status == .ok)
                #expect(report.body.string.contains("id=\"report-title\""))
                #expect(report.body.string.contains("@page{size:A4"))
                #expect(!report.body.string.contains("<header"))  // no navigation on paper
                let xlsx = try await b.get("/counties/\(Demo.county2)/years/2024/report.xlsx")
                #expect(Array(xlsx.body.readableBytesView.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
                let csv = try await b.get("/counties/\(Demo.county2)/years/2024/matrix.csv")
                let lines = csv.body.string.components(separatedBy: "\r\n").filter { !$0.isEmpty }
                #expect(lines.count == 1 + (try Self.expected(county: 2, year: 2024)).schools.count)
                #expect(try await auditEntries(app, action: "export").count == 2)
                #expect(try await auditEntries(app, action: "report").count == 1)
                // No Chromium configured in tests: the PDF link is absent and the route says why.
                #expect(try await b.get("/counties/\(Demo.county2)/years/2024/report.pdf").status == .serviceUnavailable)
            }
        }

        @Test func evaluationsAreAuditedOncePerSnapshotAndStandard() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                try await b.login("demo-county")
                _ = try await b.get("/counties/\(Demo.county1)/years/2025")
                _ = try await b.get("/counties/\(Demo.county1)/years/2025")
                _ = try await b.get("/counties/\(Demo.county1)/years/2025?standard=jiben-2012")
                let evaluations = try await auditEntries(app, action: "evaluate")
                // 2025 and 2024 (for the trend) under youzhi-2017, then both again under jiben-2012.
                #expect(evaluations.count == 4)
                #expect(try await b.get("/counties/\(Demo.county1)/years/2025?standard=nope").status == .badRequest)
            }
        }

        @Test func inspectorCountyTableListsVerdicts() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                try await b.login("demo-province")
                let html = try await b.get("/counties").body.string
                for n in 1...3 {
                    let e = try Self.expected(county: n, year: 2025)
                    let verdict = e.passed ? "达标" : "未达标"
                    #expect(html.contains("\(DemoCounty.name(county: n))</a></td><td>\(DemoCounty.regionCode(county: n))</td><td>2025</td><td><span class=\"\(e.passed ? "pass" : "fail")\">\(verdict)"))
                }
            }
        }

        @Test func principalPageShowsShortfallComputedByHand() async throws {
            try await withTestApp { app in
                let principal = try await User.query(on: app.db).filter(\.$username == "demo-school").with(\.$school).first()!
                let code = principal.school!.code
                var b = TestBrowser(app)
                try await b.login("demo-school")
                let html = try await b.get("/schools/\(code)").body.string
                let records = DemoSeeder.records(county: 1, year: 2025, schools: 10)
                guard let record = records.first(where: { $0.schoolCode == code && $0.section == .single(.primary) }) else {
                    Issue.record("the demo principal's school should have a 小学 row"); return
                }
                // Sports area: requirement per student × students − reported m², rounded up.
                let required = BuiltInStandards.youzhi2017.indicator("sports_area_per_student")!.requirement![.primary]
                let have = record.quantities[.sportsArea]!
                let short = (required * Double(record.students) - have).rounded(.up)
                if short > 0 { #expect(html.contains("\(Int(short)) m²")) } else { #expect(html.contains(String(format: "%.2f", have / Double(record.students)))) }
            }
        }
    }
}
