import Foundation
import Testing

@Suite("junheng funding", .serialized)
struct FundingCLITests {
    let dir = try! CLIRunner.temporaryDirectory()

    @Test("demo-data then check --format json: exactly the two planted failures (F6, F7), both in 2026")
    func demoHasTwoPlantedFailures() throws {
        let out = dir.appendingPathComponent("funding").path
        #expect(try CLIRunner.run(["funding", "demo-data", "-o", out]).status == 0)
        let r = try CLIRunner.run(["funding", "check", out + "/budget.csv", "--projects", out + "/projects.csv",
                                   "--statistics", out + "/statistics.csv", "--county", "330101", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        #expect((j["years"] as? [Int]) == [2025, 2026])
        let results = try #require(j["results"] as? [[String: Any]])
        let failing = results.filter { ($0["status"] as? String) == "failed" || ($0["status"] as? String) == "explain" }
        #expect(failing.compactMap { $0["rule"] as? String }.sorted() == ["F6", "F7"])
        #expect(failing.allSatisfy { $0["fiscal_year"] as? Int == 2026 })
        #expect((j["summary"] as? [String: Int])?["failed"] == 2)
        let text = try CLIRunner.run(["funding", "check", out + "/budget.csv", "--projects", out + "/projects.csv", "--statistics", out + "/statistics.csv"])
        #expect(text.status == 0 && text.stdout.contains("F7 未通过"))
    }

    @Test("a bad budget file exits 65 with located errors; a missing file exits 66; a bad rules file exits 65")
    func exitCodes() throws {
        let out = dir.appendingPathComponent("funding-bad").path
        #expect(try CLIRunner.run(["funding", "demo-data", "-o", out]).status == 0)
        let bad = out + "/bad.csv"
        try Data("school_code,fiscal_year,phase,functional_code,economic_code,fund_source,amount_yuan\nnope,2026,initial,2050202,30201,own,1.234\n".utf8)
            .write(to: URL(fileURLWithPath: bad))
        let r = try CLIRunner.run(["funding", "check", bad, "--statistics", out + "/statistics.csv", "--lang", "en"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("row 2, column \"学校标识码\"") && r.stderr.contains("row 2, column \"金额（元）\""), "\(r.stderr)")
        #expect(try CLIRunner.run(["funding", "check", out + "/none.csv", "--statistics", out + "/statistics.csv"]).status == 66)
        let rules = out + "/rules.json"
        try Data(#"{"special_minimum": 8000}"#.utf8).write(to: URL(fileURLWithPath: rules))
        #expect(try CLIRunner.run(["funding", "check", out + "/budget.csv", "--statistics", out + "/statistics.csv", "--rules", rules]).status == 65)
    }
}
