import Foundation
import Testing

@Suite("junheng classrooms", .serialized)
struct ClassroomsCLITests {
    let dir = try! CLIRunner.temporaryDirectory()

    func demo(_ name: String, _ extra: [String] = []) throws -> String {
        let out = dir.appendingPathComponent(name).path
        let r = try CLIRunner.run(["classrooms", "demo-data", "--out", out, "--schools", "12", "--seed", "5"] + extra)
        #expect(r.status == 0)
        return out
    }

    /// Rows of a CSV written by demo-data (BOM dropped), split on commas (demo cells hold none).
    func rows(_ folder: String, _ file: String) throws -> [[String]] {
        let text = try String(contentsOfFile: folder + "/" + file + ".csv", encoding: .utf8)
        return text.replacingOccurrences(of: "\u{FEFF}", with: "").split(whereSeparator: \.isNewline).dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test("plan --format json: ids match the input files, no session clashes with a lesson in the folder")
    func planJSON() throws {
        let folder = try demo("county")
        let r = try CLIRunner.run(["classrooms", "plan", "--input", folder, "--format", "json"])
        #expect(r.status == 0)
        let j = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        #expect(j["status"] as? String == "optimal")
        let coverage = try #require(j["coverage"] as? Double), bound = try #require(j["upper_bound"] as? Double)
        #expect(coverage <= bound + 1e-12 && bound <= 1)
        let teachers = Dictionary(uniqueKeysWithValues: try rows(folder, "teachers").map { ($0[0], $0[1]) })
        var classes = Set<String>()
        for c in try rows(folder, "classes") { for k in 1...Int(c[2])! { classes.insert("\(c[0])/\(c[1])/\(k)") } }
        var busy = Set<String>()
        for l in try rows(folder, "lessons") {
            busy.insert("\(l[0])/\(l[1])/\(l[2])@\(l[3]).\(l[4])")
            if !l[6].isEmpty { busy.insert("\(l[6])@\(l[3]).\(l[4])") }
        }
        let sessions = try #require(j["sessions"] as? [[String: Any]])
        #expect(!sessions.isEmpty)
        var covered = 0
        for s in sessions {
            let teacher = try #require(s["teacher_id"] as? String)
            #expect(teachers[teacher] == s["sender_school"] as? String)
            let at = "@\(s["day"] as! Int).\(s["period"] as! Int)"
            #expect(!busy.contains(teacher + at))
            let receiving = try #require(s["receiving_classes"] as? [String])
            #expect((1...4).contains(receiving.count))
            for c in receiving {
                #expect(classes.contains(c))
                #expect(!busy.contains(c + at))
                #expect(c.split(separator: "/")[1] == "\(s["grade"] as! Int)")
            }
            covered += receiving.count
        }
        #expect(j["covered_periods"] as? Int == covered)
        for u in try #require(j["uncovered"] as? [[String: Any]]) {
            #expect(u["school"] is String && u["grade"] is Int && u["subject"] is String && u["periods_short"] is Int && u["reason"] is String)
        }
    }

    @Test("text and xlsx reports; --cap and --lang en")
    func textAndXLSX() throws {
        let folder = try demo("text")
        let zh = try CLIRunner.run(["classrooms", "plan", "--input", folder])
        #expect(zh.status == 0 && zh.stdout.contains("专递课堂课表") && zh.stdout.contains("开齐开足"))
        let en = try CLIRunner.run(["classrooms", "plan", "--input", folder, "--lang", "en", "--cap", "2"])
        #expect(en.stdout.contains("At most 2 receiving classes a session"))
        let xlsx = dir.appendingPathComponent("plan.xlsx").path
        #expect(try CLIRunner.run(["classrooms", "plan", "--input", folder, "--format", "xlsx", "-o", xlsx]).status == 0)
        #expect(FileManager.default.fileExists(atPath: xlsx))
        #expect(try CLIRunner.run(["classrooms", "plan", "--input", folder, "--format", "xlsx"]).status == 64)
        #expect(try CLIRunner.run(["classrooms", "plan", "--input", folder, "--cap", "0"]).status == 64)
    }

    @Test("demo-data is reproducible; XLSX folders plan the same; bad data exits 65 with file, row and column")
    func demoAndErrors() throws {
        let a = try demo("a"), b = try demo("b")
        for f in ["schools", "classes", "teachers", "lessons"] {
            #expect(try rows(a, f) == rows(b, f))
        }
        let x = try demo("x", ["--format", "xlsx"])
        let fromCSV = try CLIRunner.run(["classrooms", "plan", "--input", a, "--format", "json"])
        let fromXLSX = try CLIRunner.run(["classrooms", "plan", "--input", x, "--format", "json"])
        let covered = { (d: Data) in (try? JSONSerialization.jsonObject(with: d) as? [String: Any])?["covered_periods"] as? Int }
        #expect(covered(fromCSV.stdoutData) != nil && covered(fromCSV.stdoutData) == covered(fromXLSX.stdoutData))
        var text = try String(contentsOfFile: a + "/classes.csv", encoding: .utf8)
        text += "9999999999,3,1\r\n"
        try text.write(toFile: a + "/classes.csv", atomically: true, encoding: .utf8)
        let bad = try CLIRunner.run(["classrooms", "plan", "--input", a])
        #expect(bad.status == 65 && bad.stdout.isEmpty)
        let row = try rows(a, "classes").count + 1
        #expect(bad.stderr.contains("classes.csv 第\(row)行 列「学校标识码」: 值 '9999999999'"))
        let en = try CLIRunner.run(["classrooms", "plan", "--input", a, "--lang", "en"])
        #expect(en.stderr.contains("classes.csv row \(row), column \"学校标识码\": value '9999999999'"))
        #expect(try CLIRunner.run(["classrooms", "plan", "--input", dir.appendingPathComponent("none").path]).status == 66)
    }

    @Test("demo-data --scarcity 1 leaves no 英语/音乐/美术/信息科技/科学 specialist a spare period; others unchanged")
    func scarcityFlag() throws {
        let plain = try rows(try demo("plain"), "teachers"), scarce = try rows(try demo("scarce", ["--scarcity", "1"]), "teachers")
        #expect(plain.count == scarce.count && !plain.isEmpty)
        let specialists: Set<String> = ["英语", "音乐", "美术", "信息科技", "科学"]
        var changed = 0
        for (p, s) in zip(plain, scarce) {
            // columns: 教师编号, 学校标识码, 任教学科, 周课时, 最大周课时
            if specialists.contains(String(p[2].split(separator: "、").first ?? "")) {
                #expect(s[4] == s[3], "\(s[0])")
                if p[4] != p[3] { changed += 1 }
            } else {
                #expect(s == p)
            }
        }
        #expect(changed > 0)
        #expect(try CLIRunner.run(["classrooms", "demo-data", "--out", dir.appendingPathComponent("bad").path, "--scarcity", "2"]).status == 64)
    }
}
