import Foundation
import JunhengDemo
import JunhengImport
import Testing

@Suite("junheng plan", .serialized)
struct PlanCLITests {
    let dir = try! CLIRunner.temporaryDirectory()

    func demoFile() throws -> String {
        let path = dir.appendingPathComponent("county.csv").path
        try Data(TemplateWriter.csv(DemoCounty.records(county: 1, schools: 25, seed: 11)).utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("the JSON plan is proven optimal and its planned data passes junheng evaluate")
    func planAndVerify() throws {
        let planned = dir.appendingPathComponent("planned.csv").path
        let r = try CLIRunner.run(["plan", try demoFile(), "--format", "json", "--output-data", planned])
        #expect(r.status == 0)
        let j = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        #expect(j["status"] as? String == "optimal")
        let cost = try #require(j["total_cost"] as? Double), bound = try #require(j["best_bound"] as? Double)
        #expect(bound <= cost * (1 + 1e-12))
        #expect((j["gap"] as? Double).map { $0 <= 1e-4 } == true)
        let actions = try #require(j["actions"] as? [[String: Any]])
        let listed = actions.reduce(0.0) { $0 + ($1["cost"] as! Double) }
        #expect(abs(listed - cost) <= 1e-6 * cost)
        for a in actions where (a["action"] as! String).hasPrefix("transfer") {
            #expect(a["from"] is String && a["to"] is String)
        }
        let check = try CLIRunner.run(["evaluate", planned, "--format", "json"])
        #expect(check.status == 0)
        let e = try #require(try JSONSerialization.jsonObject(with: check.stdoutData) as? [String: Any])
        #expect(e["passed"] as? Bool == true)
        // Without transfers the best plan can only cost as much or more.
        let alone = try CLIRunner.run(["plan", try demoFile(), "--format", "json", "--no-transfers"])
        let aloneCost = try #require((try JSONSerialization.jsonObject(with: alone.stdoutData) as? [String: Any])?["total_cost"] as? Double)
        #expect(cost <= aloneCost * (1 + 1e-9))
    }

    @Test("a school named like a formula is written neutralised by --output-data and keeps its name on re-import")
    func outputDataNeutralisesFormulas() throws {
        var records = DemoCounty.records(county: 1, schools: 25, seed: 11)
        let name = #"=HYPERLINK("http://evil.example","点此")"#
        let code = records[0].schoolCode
        for k in records.indices where records[k].schoolCode == code { records[k].schoolName = name }
        let input = dir.appendingPathComponent("formula.csv")
        try Data(TemplateWriter.csv(records).utf8).write(to: input)
        let planned = dir.appendingPathComponent("planned-formula.csv").path
        let r = try CLIRunner.run(["plan", input.path, "--format", "json", "--output-data", planned])
        #expect(r.status == 0)
        let text = try String(contentsOfFile: planned, encoding: .utf8)
        // Quoted (it holds a comma and quotes) and defused: the cell starts with ' so no spreadsheet runs it.
        #expect(text.contains(#""'=HYPERLINK(""http://evil.example"",""点此"")""#))
        #expect(!text.contains(#",=HYPERLINK"#) && !text.contains(#","=HYPERLINK"#))
        let back = try StatisticsImporter.importFile(atPath: planned)
        #expect(back.records.filter { $0.schoolCode == code }.allSatisfy { $0.schoolName == name })
        #expect(back.records.contains { $0.schoolCode == code })
    }

    @Test("what-if rules are read from the command line; bad ones are usage errors")
    func whatIf() throws {
        let r = try CLIRunner.run(["plan", try demoFile(), "--format", "json", "--forbid", "hire", "--forbid", "hire_pe_art"])
        #expect(r.status == 0 || r.status == 1)
        let j = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        let actions = (j["actions"] as? [[String: Any]]) ?? []
        #expect(!actions.contains { ($0["action"] as? String)?.hasPrefix("hire") == true })
        #expect(try CLIRunner.run(["plan", try demoFile(), "--limit", "hire@"]).status == 64)
        #expect(try CLIRunner.run(["plan", try demoFile(), "--max-out", "x"]).status == 64)
        let text = try CLIRunner.run(["plan", try demoFile()])
        #expect(text.stdout.contains("整改方案") && text.stdout.contains("已证明最优"))
    }
}
