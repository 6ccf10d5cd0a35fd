import Fluent
import Foundation
import Funding
import JunhengDemo
import JunhengImport
import Testing
import VaporTesting
@testable import JunhengWeb

extension WebTests {
    /// The public funding portal: reachable without login, sets no cookie, shows only published years; the finance
    /// office's import (all or nothing) and the audited publish step.
    @Suite struct FundingPortalTests {
        static var base: String { "/public/counties/\(Demo.county1)" }

        /// Every public page of a year.
        static func pages(_ year: Int) -> [String] {
            let y = "\(base)/years/\(year)"
            return [y, y + "/schools", y + "/projects", y + "/datapackage.json", y + "/budget-lines.csv", y + "/projects.csv"]
        }

        @Test func publicPagesNeedNoLoginAndSetNoCookie() async throws {
            try await withTestApp { app in
                let school = try #require(try await FundingYearRecord.query(on: app.db).filter(\.$fiscalYear == 2025).first()
                    .flatMap { try JSONDecoder().decode([FundingSchool].self, from: $0.schools).first { $0.kind != .other && $0.pupils > 0 } })
                for path in [Self.base] + Self.pages(2025) + ["\(Self.base)/years/2025/schools/\(school.code)"] {
                    let res = try await app.testing().sendRequest(.GET, path)
                    #expect(res.status == .ok, "\(path)")
                    #expect(res.headers[.setCookie].isEmpty, "\(path) set a cookie")
                }
                let page = try await app.testing().sendRequest(.GET, Self.base).body.string
                #expect(page.contains("table-function-initial") && page.contains("table-function-final"))
                #expect(page.contains("万元") && page.contains("<svg"))
                #expect(!page.contains("/logout"))
            }
        }

        @Test func nothingUnpublishedIsEverShown() async throws {
            try await withTestApp { app in
                // 2026 is a draft: every page of it is 404, and no published page mentions it.
                let draft = try #require(try await FundingYearRecord.query(on: app.db).filter(\.$fiscalYear == 2026).first())
                #expect(draft.publishedAt == nil)
                let schools = try JSONDecoder().decode([FundingSchool].self, from: draft.schools)
                for path in Self.pages(2026) + ["\(Self.base)/years/2026/schools/\(schools[0].code)"] {
                    let res = try await app.testing().sendRequest(.GET, path)
                    #expect(res.status == .notFound, "\(path) is \(res.status)")
                    #expect(res.headers[.setCookie].isEmpty)
                }
                for path in [Self.base] + Self.pages(2025) + Self.pages(2024) {
                    let body = try await app.testing().sendRequest(.GET, path).body.string
                    #expect(!body.contains("/years/2026"), "\(path) links the draft year")
                    #expect(!body.contains("P202601") && !body.contains("P202602"), "\(path) shows a draft project")
                }
                // A county with no published year and an unknown county.
                let other = try await app.testing().sendRequest(.GET, "/public/counties/\(Demo.county2)")
                #expect(other.status == .ok && other.body.string.contains("no-published-year"))
                #expect(try await app.testing().sendRequest(.GET, "/public/counties/999999").status == .notFound)
                #expect(try await app.testing().sendRequest(.GET, "/public/counties/\(Demo.county2)/years/2025").status == .notFound)
                // No personal data: the finance officer's name and username are not on the public pages.
                let page = try await app.testing().sendRequest(.GET, Self.base).body.string
                #expect(!page.contains("demo-finance") && !page.contains("周财务"))
            }
        }

        @Test func theDataPackageValidatesAndReconciles() async throws {
            try await withTestApp { app in
                let json = try await app.testing().sendRequest(.GET, "\(Self.base)/years/2025/datapackage.json")
                let d = try #require(try JSONSerialization.jsonObject(with: Data(json.body.readableBytesView)) as? [String: Any])
                let resources = d["resources"] as? [[String: Any]] ?? []
                #expect(resources.compactMap { $0["path"] as? String } == ["budget-lines.csv", "projects.csv"])
                // The CSV's amount_fen column sums to the year's lines in the database.
                let csv = try await app.testing().sendRequest(.GET, "\(Self.base)/years/2025/budget-lines.csv").body.string
                let sum = csv.split(separator: "\r\n").dropFirst().compactMap { r -> Int? in
                    let c = r.split(separator: ",", omittingEmptySubsequences: false)
                    return c.count >= 2 ? Int(c[c.count - 2]) : nil
                }.reduce(0, +)
                let year = try #require(try await FundingYearRecord.query(on: app.db).filter(\.$fiscalYear == 2025).first())
                let stored = try await FundingLineRecord.query(on: app.db).filter(\.$year.$id == year.requireID()).all().reduce(0) { $0 + $1.amountFen }
                #expect(sum == stored && sum > 0)
                guard DataPackageProbe.frictionless else { return }
                let dir = FileManager.default.temporaryDirectory.appendingPathComponent("portal-fdp-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: dir) }
                for name in ["datapackage.json", "budget-lines.csv", "projects.csv"] {
                    let res = try await app.testing().sendRequest(.GET, "\(Self.base)/years/2025/\(name)")
                    try Data(res.body.readableBytesView).write(to: dir.appendingPathComponent(name))
                }
                #expect(DataPackageProbe.validate(dir.appendingPathComponent("datapackage.json").path), "frictionless rejected the served package")
            }
        }

        @Test func theFinanceOfficeImportsAllOrNothingAndPublishes() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                try await b.login(FundingDemoSeed.username)
                let office = try await b.get("/counties/\(Demo.county1)/funding")
                #expect(office.status == .ok)
                // The draft shows the two planted failures.
                #expect(office.body.string.contains("未达标 2 项"), "the draft 2026 should show the two planted failures")
                let draft = try #require(try await FundingYearRecord.query(on: app.db).filter(\.$fiscalYear == 2026).first())
                let schools = try JSONDecoder().decode([FundingSchool].self, from: draft.schools)
                let good = FundingWriter.csv(FundingWriter.budgetRows([
                    BudgetLine(schoolCode: schools[0].code, fiscalYear: 2026, phase: .initial, functionalCode: "2050202", economicCode: "30201", source: .own, amount: Fen(100_000)),
                ]))
                // A bad row anywhere: nothing is imported, the draft keeps its lines.
                let before = try await FundingLineRecord.query(on: app.db).filter(\.$year.$id == draft.requireID()).count()
                let bad = good + "\(schools[0].code),2026,年初预算,2050202,30201,本级,,12.345\r\n"
                let rejected = try await b.upload("/counties/\(Demo.county1)/funding/upload", fields: [:], file: Array(bad.utf8), fileName: "budget.csv", field: "budget")
                #expect(rejected.status == .unprocessableEntity)
                #expect(rejected.body.string.contains("funding-issues") && rejected.body.string.contains("金额（元）"))
                #expect(try await FundingLineRecord.query(on: app.db).filter(\.$year.$id == draft.requireID()).count() == before)
                // A published year cannot be replaced.
                let old = good.replacingOccurrences(of: ",2026,", with: ",2025,")
                let refused = try await b.upload("/counties/\(Demo.county1)/funding/upload", fields: [:], file: Array(old.utf8), fileName: "budget.csv", field: "budget")
                #expect(refused.status == .unprocessableEntity)
                // A good file replaces the draft.
                let ok = try await b.upload("/counties/\(Demo.county1)/funding/upload", fields: [:], file: Array(good.utf8), fileName: "budget.csv", field: "budget")
                #expect(ok.status == .seeOther)
                #expect(try await FundingLineRecord.query(on: app.db).filter(\.$year.$id == draft.requireID()).count() == 1)
                // Publishing is explicit and audited; then the public sees it.
                #expect(try await app.testing().sendRequest(.GET, "\(Self.base)/years/2026").status == .notFound)
                let published = try await b.post("/counties/\(Demo.county1)/funding/years/2026/publish", form: [:])
                #expect(published.status == .seeOther)
                let audit = try await AuditEntry.query(on: app.db).filter(\.$action == "funding-publish").all()
                #expect(audit.contains { $0.actor == FundingDemoSeed.username && $0.target.hasSuffix("/funding/2026") })
                #expect(try await app.testing().sendRequest(.GET, "\(Self.base)/years/2026").status == .ok)
                let again = try await b.post("/counties/\(Demo.county1)/funding/years/2026/publish", form: [:])
                #expect(again.status == .conflict)
            }
        }

        @Test func onlyTheCountysFinanceOfficePublishes() async throws {
            try await withTestApp { app in
                for user in ["demo-county", "demo-admin", "demo-province", "demo-school"] {
                    var b = TestBrowser(app)
                    try await b.login(user)
                    _ = try await b.get("/counties/\(Demo.county1)")
                    let res = try await b.post("/counties/\(Demo.county1)/funding/years/2026/publish", form: [:])
                    #expect(res.status == .forbidden || res.status == .notFound, "\(user): \(res.status)")
                }
                var s = TestBrowser(app)
                try await s.login("demo-county")
                #expect(try await s.get("/counties/\(Demo.county1)/funding").status == .forbidden)
                var a = TestBrowser(app)
                try await a.login("demo-admin")
                #expect(try await a.get("/counties/\(Demo.county1)/funding").status == .ok)
                let draft = try #require(try await FundingYearRecord.query(on: app.db).filter(\.$fiscalYear == 2026).first())
                #expect(draft.publishedAt == nil)
            }
        }
    }
}

/// Whether the frictionless validator is installed, and running it.
enum DataPackageProbe {
    static let frictionless: Bool = run(["python3", "-c", "import frictionless"])

    static func validate(_ path: String) -> Bool { run(["python3", "-m", "frictionless", "validate", path]) }

    static func run(_ args: [String]) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }
}

extension TestBrowser {
    /// Posts a multipart form with one file in `field`.
    mutating func upload(_ path: String, fields: [String: String], file: [UInt8], fileName: String, field: String) async throws -> TestingHTTPResponse {
        let boundary = "----junheng-funding-boundary"
        var body = ByteBuffer()
        var all = fields
        if let csrf { all[CSRF.field] = csrf }
        for (k, v) in all { body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n") }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(fileName)\"\r\nContent-Type: text/csv\r\n\r\n")
        body.writeBytes(file)
        body.writeString("\r\n--\(boundary)--\r\n")
        return try await uploadRaw(path, body: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }
}
