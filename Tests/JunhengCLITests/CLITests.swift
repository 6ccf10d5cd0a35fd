import EquityKit
import Foundation
import JunhengDemo
import JunhengImport
import JunhengSheets
import Testing

@Suite("junheng command line", .serialized)
struct CLITests {
    let dir = try! CLIRunner.temporaryDirectory()

    func write(_ text: String, _ name: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func demoFile(schools: Int = 30) throws -> String {
        try write(TemplateWriter.csv(DemoCounty.records(county: 1, schools: schools, seed: 4)), "demo.csv")
    }

    @Test("evaluate prints the Chinese report with the county verdict")
    func evaluateText() throws {
        let r = try CLIRunner.run(["evaluate", try demoFile()])
        #expect(r.status == 0)
        #expect(r.stdout.contains("资源配置结论"))
        #expect(r.stdout.contains("【小学】") && r.stdout.contains("【初中】"))
        #expect(r.stdout.contains("差异系数主要来源"))
        let en = try CLIRunner.run(["evaluate", try demoFile(), "--lang", "en"])
        #expect(en.stdout.contains("Resource allocation:"))
    }

    @Test("--format json equals the in-process evaluation")
    func evaluateJSON() throws {
        let records = DemoCounty.records(county: 1, schools: 30, seed: 4)
        let r = try CLIRunner.run(["evaluate", try demoFile(), "--format", "json"])
        #expect(r.status == 0)
        let j = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        let expected = try Evaluator.evaluate(records, standard: BuiltInStandards.youzhi2017)
        #expect(j["passed"] as? Bool == expected.passed)
        let sections = try #require(j["sections"] as? [[String: Any]])
        for (s, e) in zip(sections, expected.sections) {
            for (i, ei) in zip(s["indicators"] as! [[String: Any]], e.indicators) {
                // Foundation's JSON parser on Linux may round the 17th digit; the text itself round-trips.
                let cv = try #require(i["cv"] as? Double), expectedCV = try #require(ei.cv.value)
                #expect(abs(cv - expectedCV) <= 4 * expectedCV.ulp)
            }
        }
        #expect((j["schools"] as? [Any])?.count == expected.schools.count)
    }

    @Test("--format xlsx writes a workbook; without --output it is a usage error")
    func evaluateXLSX() throws {
        let out = dir.appendingPathComponent("report.xlsx").path
        let r = try CLIRunner.run(["evaluate", try demoFile(), "--format", "xlsx", "--output", out])
        #expect(r.status == 0)
        let book = try XLSXReader.read(url: URL(fileURLWithPath: out), preferredSheet: "学校明细")
        #expect(book.sheetName == "学校明细")
        #expect(try CLIRunner.run(["evaluate", try demoFile(), "--format", "xlsx"]).status == 64)
    }

    @Test("bad data exits 65 with every problem located; a missing file exits 66")
    func exitCodes() throws {
        let header = TemplateWriter.headers.joined(separator: ",")
        let good = TemplateWriter.cells(of: DemoCounty.records(county: 1, schools: 1, seed: 1)[0])
        var bad = good
        bad[6] = "-5"                      // 在校生数
        var dup = good
        dup[13] = "999"                    // 高于规定学历教师数 > 专任教师数
        let path = try write([header, good.joined(separator: ","), bad.joined(separator: ","), dup.joined(separator: ",")]
            .joined(separator: "\n"), "bad.csv")
        let r = try CLIRunner.run(["evaluate", path])
        #expect(r.status == 65)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("第3行 列「在校生数」: 值 '-5' — 应为"))
        #expect(r.stderr.contains("第4行 列「高于规定学历教师数」: 值 '999' — 应为"))
        #expect(r.stderr.contains("第4行 列「学段」"))   // the same school and section again
        let en = try CLIRunner.run(["validate", path, "--lang", "en"])
        #expect(en.status == 65)
        #expect(en.stderr.contains("row 3, column \"在校生数\": value '-5' — expected"))
        #expect(try CLIRunner.run(["evaluate", dir.appendingPathComponent("nope.csv").path]).status == 66)
        #expect(try CLIRunner.run(["evaluate", dir.path]).status == 66)
    }

    @Test("validate reports a valid file; template writes the empty template")
    func validateAndTemplate() throws {
        let v = try CLIRunner.run(["validate", try demoFile()])
        #expect(v.status == 0)
        #expect(v.stdout.contains("校验通过"))
        let t = try CLIRunner.run(["template", "--format", "csv"])
        #expect(t.status == 0)
        #expect(t.stdoutData.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(t.stdout.contains("学校标识码,学校名称,学校类型,学段,城乡类型"))
        let xlsx = dir.appendingPathComponent("template.xlsx").path
        #expect(try CLIRunner.run(["template", "--format", "xlsx", "--output", xlsx]).status == 0)
        let sheet = try XLSXReader.read(url: URL(fileURLWithPath: xlsx), preferredSheet: nil)
        #expect(sheet.sheetName == "学校统计")
        #expect(sheet.rows.first?.cells == TemplateWriter.headers)
    }

    @Test("demo-data is reproducible and --sections gives that many school sections")
    func demoData() throws {
        let a = try CLIRunner.run(["demo-data", "--county", "2", "--schools", "25", "--seed", "8"])
        let b = try CLIRunner.run(["demo-data", "--county", "2", "--schools", "25", "--seed", "8"])
        #expect(a.status == 0 && a.stdout == b.stdout)
        let c = try CLIRunner.run(["demo-data", "--county", "2", "--schools", "25", "--seed", "9"])
        #expect(a.stdout != c.stdout)
        let path = try write(try CLIRunner.run(["demo-data", "--sections", "500", "--seed", "3"]).stdout, "s.csv")
        let r = try CLIRunner.run(["evaluate", path, "--format", "json"])
        let j = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        #expect((j["schools"] as? [Any])?.count == 500)
    }

    @Test("a TOML variant standard overrides the CV limit")
    func variantStandard() throws {
        let toml = try write("""
            base = "youzhi-2017"
            id = "local-2025"
            name_zh = "某省优质均衡（校际差异系数<0.30）"
            strictly_below = true
            [cv_limit]
            "小学" = 0.30
            "初中" = 0.30
            """, "local.toml")
        let r = try CLIRunner.run(["evaluate", try demoFile(), "--standard", toml, "--format", "json"])
        #expect(r.status == 0)
        let j = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        #expect(j["standard"] as? String == "local-2025")
        for s in j["sections"] as! [[String: Any]] {
            for i in s["indicators"] as! [[String: Any]] { #expect(i["cv_limit"] as? Double == 0.3) }
        }
        let unknown = try CLIRunner.run(["evaluate", try demoFile(), "--standard", "no-such-standard"])
        #expect(unknown.status == 66)
        #expect(unknown.stderr.contains("未知标准"))
    }

    @Test("GB18030 files are detected, and --encoding can insist")
    func gb18030() throws {
        let text = TemplateWriter.csv(DemoCounty.records(county: 1, schools: 10, seed: 2))
        let bytes = try #require(TextDecoding.gb18030(from: text))
        let path = dir.appendingPathComponent("gbk.csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let auto = try CLIRunner.run(["validate", path])
        #expect(auto.status == 0)
        #expect(auto.stdout.contains("gb18030"))
        #expect(try CLIRunner.run(["validate", path, "--encoding", "gbk"]).status == 0)
        let wrong = try CLIRunner.run(["validate", path, "--encoding", "utf-8"])
        #expect(wrong.status == 65)
        #expect(wrong.stderr.contains("第1行"))
    }
}
