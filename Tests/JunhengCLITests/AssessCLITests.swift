import Foundation
import Testing

/// `junheng assess` end to end on the demo packages.
@Suite("junheng assess", .serialized)
struct AssessCLITests {
    let dir = try! CLIRunner.temporaryDirectory()

    func json(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func items(_ object: [String: Any]) -> [String: [String: Any]] {
        var out: [String: [String: Any]] = [:]
        for case let item as [String: Any] in object["items"] as? [Any] ?? [] { out[item["key"] as? String ?? ""] = item }
        return out
    }

    @Test func notEligibleDemoCounty() throws {
        let pkg = dir.appendingPathComponent("demo").path
        let made = try CLIRunner.run(["demo-data", "--assessment", "-o", pkg])
        #expect(made.status == 0, "\(made.stderr)")
        let r = try CLIRunner.run(["assess", pkg, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try json(r.stdoutData)
        #expect(o["status"] as? String == "not_eligible")
        let byKey = items(o)
        #expect(byKey.count == 34)
        // The demo's planted failures: 75 of 860 teachers exchanged (8.7%), two schools one certified teacher short,
        // one school budgeting 4.2% for training.
        #expect(byKey["G11"]?["status"] as? String == "failed")
        #expect((byKey["G11"]?["value"] as? Double).map { abs($0 - 75.0 / 860.0) < 1e-12 } == true)
        #expect((byKey["G12"]?["failing_schools"] as? [String])?.count == 2)
        #expect((byKey["Q4"]?["failing_schools"] as? [String])?.count == 1)
        #expect((byKey["Q4"]?["value"] as? Double).map { abs($0 - 0.042) < 0.0005 } == true)
        // A complete package: nothing pending.
        #expect(!byKey.values.contains { $0["status"] as? String == "pending" })
        #expect(byKey["S"]?["status"] as? String == "passed")
        #expect((o["resources"] as? [String: Any])?["standard"] as? String == "youzhi-2017")
        for key in ["key", "part", "status", "value", "threshold", "failing_schools", "missing"] {
            #expect(byKey["G5"]?.keys.contains(key) == true, "\(key)")
        }
        // The text report follows the 自评报告 structure; the English one too.
        let text = try CLIRunner.run(["assess", pkg])
        #expect(text.status == 0)
        for heading in ["一、基本情况", "二、主要做法与成效", "三、资源配置达标情况", "四、政府保障程度", "五、教育质量", "六、社会认可度",
                        "七、否决事项自查", "八、存在问题与整改措施", "九、自评结论"] {
            #expect(text.stdout.contains(heading), "\(heading)")
        }
        #expect(text.stdout.contains("不可申报"))
        let en = try CLIRunner.run(["assess", pkg, "--lang", "en"])
        #expect(en.stdout.contains("Government guarantee") && en.stdout.contains("not eligible"))
        // The 申报表.
        let book = dir.appendingPathComponent("申报表.xlsx").path
        let x = try CLIRunner.run(["assess", pkg, "--format", "xlsx", "-o", book])
        #expect(x.status == 0, "\(x.stderr)")
        #expect(FileManager.default.fileExists(atPath: book))
    }

    @Test func eligibleDemoCountyAndOverride() throws {
        let book = dir.appendingPathComponent("eligible.xlsx").path
        #expect(try CLIRunner.run(["demo-data", "--assessment", "--eligible", "--county", "2", "-o", book]).status == 0)
        let r = try CLIRunner.run(["assess", book, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try json(r.stdoutData)
        let failed = items(o).filter { $0.value["status"] as? String != "passed" }.map(\.key).sorted()
        #expect(failed == [])
        #expect(o["status"] as? String == "eligible")
        // A province asking 8000 yuan per special-school student makes G7 fail (the demo funds 6500).
        let rules = dir.appendingPathComponent("province.toml").path
        try Data("id = \"p\"\nbase = \"youzhi-2017\"\n[items.G7]\nmin_funds_per_student_yuan = 8000\n".utf8).write(to: URL(fileURLWithPath: rules))
        let strict = try json(try CLIRunner.run(["assess", book, "--format", "json", "--rules", rules]).stdoutData)
        #expect(strict["status"] as? String == "not_eligible")
        #expect(items(strict)["G7"]?["status"] as? String == "failed")
        #expect(items(strict)["G7"]?["threshold"] as? Double == 8000)
    }

    @Test func templateAndExitCodes() throws {
        let folder = dir.appendingPathComponent("empty").path
        #expect(try CLIRunner.run(["assess", "template", "-o", folder]).status == 0)
        for name in ["statistics", "rooms", "county", "monitoring", "reviews", "vetoes"] {
            #expect(FileManager.default.fileExists(atPath: folder + "/\(name).csv"), "\(name)")
        }
        #expect(try CLIRunner.run(["assess", "template", "-o", dir.appendingPathComponent("empty.xlsx").path]).status == 0)
        #expect(try CLIRunner.run(["assess", folder]).status == 65)                        // no school rows
        #expect(try CLIRunner.run(["assess", dir.appendingPathComponent("nothing").path]).status == 66)
        #expect(try CLIRunner.run(["assess", folder, "--format", "xlsx"]).status == 64)   // needs -o
        #expect(try CLIRunner.run(["assess", folder, "--rules", "no-such-rules"]).status == 66)
        let bad = dir.appendingPathComponent("bad.toml").path
        try Data("id = \"p\"\nbase = \"youzhi-2017\"\n[items.G7]\ntypo = 1\n".utf8).write(to: URL(fileURLWithPath: bad))
        let pkg = dir.appendingPathComponent("demo2").path
        _ = try CLIRunner.run(["demo-data", "--assessment", "--schools", "20", "-o", pkg])
        #expect(try CLIRunner.run(["assess", pkg, "--rules", bad]).status == 65)
        #expect(try CLIRunner.run(["assess", pkg, "--format", "xlsx", "-o", "/nonexistent-dir/x.xlsx"]).status == 73)
        #expect(try CLIRunner.run(["demo-data", "--eligible"]).status == 64)
    }
}
