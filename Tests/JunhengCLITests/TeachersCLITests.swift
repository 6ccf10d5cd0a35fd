import Foundation
import Testing

@Suite("junheng teachers", .serialized)
struct TeachersCLITests {
    let dir = try! CLIRunner.temporaryDirectory()

    func demo() throws -> (register: String, statistics: String, points: String) {
        let register = dir.appendingPathComponent("名册.csv").path, statistics = dir.appendingPathComponent("学校统计.csv").path
        let points = dir.appendingPathComponent("学校坐标.csv").path
        let r = try CLIRunner.run(["teachers", "demo-data", "-o", register, "--statistics-output", statistics, "--coordinates-output", points])
        #expect(r.status == 0 && r.stderr.contains("埋设差异"))
        return (register, statistics, points)
    }

    @Test("derive: the three planted differences, exit 0 (1 with --fail-on-difference); csv has both tables")
    func derive() throws {
        let d = try demo()
        let r = try CLIRunner.run(["teachers", "derive", d.register, "--statistics", d.statistics, "--format", "json"])
        #expect(r.status == 0)
        let j = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        let differences = try #require(j["differences"] as? [[String: Any]])
        #expect(differences.count == 3)
        #expect(Set(differences.compactMap { $0["field"] as? String }) == ["backbone_teachers", "teachers_above_required_degree", "pe_art_teachers"])
        #expect(((j["figures"] as? [[String: Any]])?.count ?? 0) > 0)
        let strict = try CLIRunner.run(["teachers", "derive", d.register, "--statistics", d.statistics, "--fail-on-difference"])
        #expect(strict.status == 1)
        let csv = try CLIRunner.run(["teachers", "derive", d.register, "--statistics", d.statistics, "--format", "csv"])
        #expect(csv.status == 0 && csv.stdout.contains("专任教师数") && csv.stdout.contains("统计表数"))
    }

    @Test("rotation --format json: the interface keys, optimal, 10% / 20% met, the independent check passed")
    func rotation() throws {
        let d = try demo()
        let r = try CLIRunner.run(["teachers", "rotation", d.register, "--statistics", d.statistics, "--year", "2026", "--format", "json"])
        #expect(r.status == 0)
        let j = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        for key in ["eligible", "exchanged", "backbone_exchanged", "moves", "status", "gap"] { #expect(j[key] != nil, "\(key)") }
        #expect(j["status"] as? String == "optimal")
        let eligible = try #require(j["eligible"] as? Int), exchanged = try #require(j["exchanged"] as? Int)
        let backbone = try #require(j["backbone_exchanged"] as? Int)
        #expect(exchanged * 10 >= eligible && backbone * 5 >= exchanged)
        let moves = try #require(j["moves"] as? [[String: Any]])
        #expect(moves.count == exchanged)
        #expect(moves.allSatisfy { Set($0.keys) == ["teacher_id", "from", "to", "section", "reason"] })
        #expect((j["check"] as? [String: Any])?["passed"] as? Bool == true)
        let text = try CLIRunner.run(["teachers", "rotation", d.register, "--statistics", d.statistics, "--year", "2026", "--format", "text"])
        #expect(text.status == 0 && text.stdout.contains("独立检验通过"))
        let xlsx = dir.appendingPathComponent("方案.xlsx").path
        let book = try CLIRunner.run(["teachers", "rotation", d.register, "--statistics", d.statistics, "--year", "2026", "--format", "xlsx", "-o", xlsx])
        #expect(book.status == 0 && FileManager.default.fileExists(atPath: xlsx))
    }

    @Test("rotation: a max-out that cannot reach 10% is infeasible with its reason, exit 1")
    func infeasible() throws {
        let d = try demo()
        let r = try CLIRunner.run(["teachers", "rotation", d.register, "--statistics", d.statistics, "--year", "2026", "--max-out", "1"])
        #expect(r.status == 1)
        let j = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
        #expect(j["status"] as? String == "infeasible")
        #expect((j["diagnosis"] as? [String])?.contains { $0.contains("at most 1 out") } == true)
    }

    @Test("a bad register imports nothing: exit 65, every problem located")
    func badRegister() throws {
        let d = try demo()
        let bad = dir.appendingPathComponent("bad.csv")
        try ("教师编号,姓名,身份证号,学校标识码,任教学段,任教学科,最高学历,职称,骨干级别,教师资格证学段,在编,现校任教起始日期\n"
            + "T1,王芳,110105194912310021,S1,小学,语文,本科,中级,县级,小学,是,2015-13-01\n").write(to: bad, atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["teachers", "derive", bad.path, "--statistics", d.statistics])
        #expect(r.status == 65)
        #expect(r.stderr.contains("第2行 列「身份证号」") && r.stderr.contains("第2行 列「现校任教起始日期」"))
        #expect(!r.stderr.contains("110105194912310021"))
    }

    @Test("derive --training: a teacher short on the register with a 360 h record this cycle now counts, from the records")
    func deriveWithTraining() throws {
        let d = try demo()
        // The first teacher whose register hours are below 360 or blank, read from the file itself.
        let lines = try String(contentsOfFile: d.register, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let header = lines[0].replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: ",")
        let rows = lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.components(separatedBy: ","))) }
        let hoursKey = try #require(header.first { $0 == "training_hours_cycle" || $0 == "本周期培训学时" })
        let idKey = try #require(header.first { $0 == "teacher_id" || $0 == "教师编号" })
        let short = try #require(rows.first { (Double($0[hoursKey] ?? "") ?? 0) < 360 })
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let first = 2021 + 5 * ((year - 2021) / 5)
        let training = dir.appendingPathComponent("培训.csv").path
        try "教师编号,课程,级别,学时,日期\n\(try #require(short[idKey])),国培,国家级,360,\(first)-06-01\n".write(toFile: training, atomically: true, encoding: .utf8)
        func total(_ extra: [String]) throws -> (done: Int, fromRecords: Int) {
            let r = try CLIRunner.run(["teachers", "derive", d.register, "--statistics", d.statistics] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            let j = try #require(try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any])
            let f = try #require(j["figures"] as? [[String: Any]])
            return (f.reduce(0) { $0 + ($1["teachers_360h"] as? Int ?? 0) }, f.reduce(0) { $0 + ($1["training_from_records"] as? Int ?? 0) })
        }
        let before = try total([]), after = try total(["--training", training])
        #expect(before.fromRecords == 0 && after.fromRecords == 1)
        #expect(after.done == before.done + 1)
        let bad = dir.appendingPathComponent("坏.csv").path
        try "teacher_id,course,level,hours,day\nT1,x,county,abc,2026-01-01\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try CLIRunner.run(["teachers", "derive", d.register, "--statistics", d.statistics, "--training", bad])
        #expect(refused.status == 65 && refused.stderr.contains("学时"))
    }

    @Test("serve --id-key: a missing file and a short key stop the server with a clear message")
    func serveIDKey() throws {
        let missing = dir.appendingPathComponent("none.key").path
        let r = try CLIRunner.run(["serve", "--id-key", missing, "--port", "1"])
        #expect(r.status == 66 && r.stderr.contains("ID-number key file") && r.stderr.contains(missing))
        let short = dir.appendingPathComponent("short.key").path
        try Data("0123456789".utf8).write(to: URL(fileURLWithPath: short))
        let s = try CLIRunner.run(["serve", "--id-key", short, "--port", "1"])
        #expect(s.status == 64 && s.stderr.contains("16–1024 bytes (it is 10)"))
        let e = try CLIRunner.run(["serve", "--port", "1"], environment: ["JUNHENG_ID_KEY": "short"])
        #expect(e.status == 64 && e.stderr.contains("JUNHENG_ID_KEY"))
    }
}
