import Crypto
import EquityKit
import Fluent
import Foundation
import JunhengDemo
import JunhengImport
import JunhengReports
import Testing
import VaporTesting
@testable import JunhengWeb

extension WebTests {
    /// Uploads through the form and the API: all-or-nothing, versioned, audited; and the API's contract.
    @Suite struct UploadAPITests {
        static let validCSV = Array(TemplateWriter.csv(DemoCounty.records(county: 1, schools: 12, seed: 99)).utf8)
        /// Row 3 has a negative teacher count, row 4 an unknown section: two located errors.
        static var invalidCSV: [UInt8] {
            var lines = TemplateWriter.csv(DemoCounty.records(county: 1, schools: 4, seed: 5)).components(separatedBy: "\r\n")
            let header = lines[0].components(separatedBy: ",")
            let teachers = header.firstIndex(of: "专任教师数")!, section = header.firstIndex(of: "学段")!
            var row3 = lines[2].components(separatedBy: ","); row3[teachers] = "-3"; lines[2] = row3.joined(separator: ",")
            var row4 = lines[3].components(separatedBy: ","); row4[section] = "高中"; lines[3] = row4.joined(separator: ",")
            return Array(lines.joined(separator: "\r\n").utf8)
        }

        @Test func validUploadBecomesTheNextVersionAndIsAudited() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                try await b.login("demo-county")
                _ = try await b.get("/counties/\(Demo.county1)/upload")
                let res = try await b.upload("/counties/\(Demo.county1)/upload", fields: ["year": "2025"], file: Self.validCSV, fileName: "2025.csv")
                #expect(res.status == .seeOther)
                #expect(res.headers.first(name: .location) == "/counties/\(Demo.county1)/years/2025?uploaded=2")
                let county = try await Region.query(on: app.db).filter(\.$code == Demo.county1).first()!
                let latest = try await SnapshotStore.history(countyID: county.requireID(), on: app.db).first { $0.schoolYear == 2025 }!
                let hash = SHA256.hash(data: Self.validCSV).map { String(format: "%02x", $0) }.joined()
                #expect(latest.version == 2 && latest.fileHash == hash && latest.fileName == "2025.csv")
                #expect(try await auditEntries(app, action: "upload").last?.detail.contains(hash) == true)
                // The dashboard now shows the new file's evaluation.
                let e = try Evaluator.evaluate(try StatisticsImporter.importData(Self.validCSV).records, standard: BuiltInStandards.youzhi2017)
                let html = try await b.get("/counties/\(Demo.county1)/years/2025").body.string
                #expect(html.contains(String(format: "%.4f", e.sections[0].indicators[0].cv.value!)))
                #expect(html.contains("v2"))
            }
        }

        /// A real socket streams the multipart body; the CSRF check must still find the token (a browser bug once).
        @Test func largeUploadOverARealSocketPassesTheCSRFCheck() async throws {
            try await withTestApp { app in
                let big = Array(TemplateWriter.csv(DemoCounty.records(county: 1, schools: 400, seed: 3)).utf8)
                #expect(big.count > 50_000)  // well over the 16 KB Vapor reads by default
                var b = TestBrowser(app)
                try await b.login("demo-county")
                _ = try await b.get("/counties/\(Demo.county1)/upload")
                // Same app, same sessions; only the upload goes over HTTP (the client follows the 303 to the dashboard).
                b.method = .running(hostname: "127.0.0.1", port: 0)
                let res = try await b.upload("/counties/\(Demo.county1)/upload", fields: ["year": "2026"], file: big, fileName: "big.csv")
                #expect(res.status == .ok)
                #expect(res.body.string.contains("id=\"verdicts\""))
                #expect(try await Snapshot.query(on: app.db).filter(\.$schoolYear == 2026).count() == 1)
            }
        }

        @Test func invalidUploadListsEveryErrorAndStoresNothing() async throws {
            try await withTestApp { app in
                let snapshots = try await Snapshot.query(on: app.db).count(), schools = try await School.query(on: app.db).count()
                var b = TestBrowser(app)
                try await b.login("demo-county")
                _ = try await b.get("/counties/\(Demo.county1)/upload")
                let res = try await b.upload("/counties/\(Demo.county1)/upload", fields: ["year": "2026"], file: Self.invalidCSV, fileName: "bad.csv")
                #expect(res.status == .unprocessableEntity)
                let html = res.body.string
                #expect(html.contains("id=\"upload-issues\""))
                #expect(html.contains("<td class=\"num\">3</td><td>专任教师数</td><td><code>-3</code>"))
                #expect(html.contains("<td class=\"num\">4</td><td>学段</td><td><code>高中</code>"))
                #expect(try await Snapshot.query(on: app.db).count() == snapshots)
                #expect(try await School.query(on: app.db).count() == schools)
                #expect(try await auditEntries(app, action: "upload-rejected").count == 1)
                let missingYear = try await b.upload("/counties/\(Demo.county1)/upload", fields: ["year": "1900"], file: Self.validCSV, fileName: "x.csv")
                #expect(missingYear.status == .unprocessableEntity)
                #expect(try await Snapshot.query(on: app.db).count() == snapshots)
            }
        }

        @Test func apiLoginCountiesAndScopedEvaluation() async throws {
            try await withTestApp { app in
                #expect(try await APIClient.token(app, "demo-county", password: "nope") == nil)
                let none = try await APIClient.get(app, "/api/v1/counties", token: nil)
                #expect(none.status == .unauthorized)
                #expect((try APIClient.json(none) as? [String: Any])?["error"] as? Int == 401)
                let token = try #require(try await APIClient.token(app, "demo-province"))
                let counties = try APIClient.json(try await APIClient.get(app, "/api/v1/counties", token: token)) as! [[String: Any]]
                #expect(counties.map { $0["code"] as! String } == [Demo.county1, Demo.county2, Demo.county3])
                #expect(counties.allSatisfy { ($0["years"] as! [Int]) == [2024, 2025] })
                // Exactly the CLI's JSON for the same file.
                let res = try await APIClient.get(app, "/api/v1/counties/\(Demo.county2)/years/2024/evaluation?standard=youzhi-2017", token: token)
                let records = DemoSeeder.records(county: 2, year: 2024, schools: 10)
                let cli = JSONReport.render(try Evaluator.evaluate(try StatisticsImporter.importData(Array(TemplateWriter.csv(records).utf8)).records,
                                                                   standard: BuiltInStandards.youzhi2017))
                #expect(Array(res.body.readableBytesView) == cli)
                #expect(try await APIClient.get(app, "/api/v1/counties/\(OtherProvince.countyCode)/years/2025/evaluation", token: token).status == .notFound)
                #expect(try await APIClient.get(app, "/api/v1/counties/\(Demo.county1)/years/2025/evaluation?standard=x", token: token).status == .badRequest)
                let principal = try #require(try await APIClient.token(app, "demo-school"))
                #expect(try await APIClient.get(app, "/api/v1/counties/\(Demo.county1)/years/2025/evaluation", token: principal).status == .forbidden)
                #expect((try APIClient.json(try await APIClient.get(app, "/api/v1/counties", token: principal)) as! [Any]).isEmpty)
            }
        }

        @Test func apiUploadReturnsLocatedErrorsOr201() async throws {
            try await withTestApp { app in
                let token = try #require(try await APIClient.token(app, "demo-county"))
                let path = "/api/v1/counties/\(Demo.county1)/years/2026/statistics"
                let bad = try await APIClient.post(app, path, token: token, body: Self.invalidCSV)
                #expect(bad.status == .unprocessableEntity)
                let body = try APIClient.json(bad) as! [String: Any]
                let errors = body["errors"] as! [[String: Any]]
                #expect(errors.contains { $0["row"] as? Int == 3 && $0["column"] as? String == "专任教师数" && $0["value"] as? String == "-3" })
                #expect(errors.contains { $0["row"] as? Int == 4 && $0["column"] as? String == "学段" })
                #expect(try await Snapshot.query(on: app.db).filter(\.$schoolYear == 2026).count() == 0)
                let ok = try await APIClient.post(app, path + "?filename=api.csv", token: token, body: Self.validCSV)
                #expect(ok.status == .created)
                let created = try APIClient.json(ok) as! [String: Any]
                #expect(created["version"] as? Int == 1 && created["school_year"] as? Int == 2026 && created["file_name"] as? String == "api.csv")
                #expect(try await APIClient.get(app, "/api/v1/counties/\(Demo.county1)/years/2026/evaluation", token: token).status == .ok)
                // Cross-scope and read-only callers cannot import.
                #expect(try await APIClient.post(app, "/api/v1/counties/\(Demo.county2)/years/2026/statistics", token: token, body: Self.validCSV).status == .notFound)
                let inspector = try #require(try await APIClient.token(app, "demo-province"))
                #expect(try await APIClient.post(app, path, token: inspector, body: Self.validCSV).status == .forbidden)
                #expect(try await APIClient.get(app, "/api/v1/counties/\(Demo.county1)/snapshots", token: token).status == .ok)
            }
        }

        @Test func openAPIDocumentDescribesEveryAPIRoute() async throws {
            try await withTestApp { app in
                let res = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
                let doc = try APIClient.json(res) as! [String: Any]
                #expect(doc["openapi"] as? String == "3.0.3")
                let paths = doc["paths"] as! [String: [String: Any]]
                let routes = app.routes.all.filter { $0.path.first?.description == "api" }
                #expect(routes.count >= 6)
                for route in routes {
                    let path = "/" + route.path.dropFirst(2).map { c -> String in
                        let s = c.description
                        return s.hasPrefix(":") ? "{\(s.dropFirst())}" : s
                    }.joined(separator: "/")
                    #expect(paths[path]?[route.method.rawValue.lowercased()] != nil, "\(route.method) \(path) missing from openapi.json")
                }
            }
        }
    }
}
