import EquityKit
import Foundation
import JunhengImport
import Testing
@testable import Teachers

@Suite("Training: 完成360学时 from the training records, the register column as fallback; the records file; the ID key")
struct TrainingTests {
    static let cycle = TrainingCycle(years: 2026...2030)

    @Test("cycles: 2021–2025, 2026–2030 by the year; a county's own first year")
    func cycles() {
        #expect(TrainingCycle.containing(2025).years == 2021...2025)
        #expect(TrainingCycle.containing(2026).years == 2026...2030)
        #expect(TrainingCycle.containing(2030).years == 2026...2030)
        #expect(TrainingCycle.containing(2031).years == 2031...2035)
        #expect(TrainingCycle.containing(2026, start: 2024).years == 2024...2028)
    }

    /// School A 小学, six teachers; hours by hand (records in 2026–2030 only):
    /// a: records 200 + 160 = 360 → done (exactly 360 counts), source records;
    /// b: records 359 → not done, short 1;
    /// c: no record, register 360 → done, source register;
    /// d: record 100, register 400 → records win: not done, short 260;
    /// e: 360 on 2025-12-31 (last cycle) + 10 on 2030-12-31 → 10 h, short 350;
    /// f: only a record on 2031-01-01, no register hours → not reported, short 360.
    static let register = TeacherRegister(teachers: [
        teacher("a", "A", .primary, ["语文"]), teacher("b", "A", .primary, ["数学"]), teacher("c", "A", .primary, ["英语"], hours: 360),
        teacher("d", "A", .primary, ["音乐"], hours: 400), teacher("e", "A", .primary, ["美术"]), teacher("f", "A", .primary, ["体育"]),
    ])
    static let entries = [
        TrainingEntry(teacherID: "a", day: day("2026-01-01"), hours: 200), TrainingEntry(teacherID: "a", day: day("2030-12-31"), hours: 160),
        TrainingEntry(teacherID: "b", day: day("2027-05-01"), hours: 359),
        TrainingEntry(teacherID: "d", day: day("2028-03-01"), hours: 100),
        TrainingEntry(teacherID: "e", day: day("2025-12-31"), hours: 360), TrainingEntry(teacherID: "e", day: day("2030-12-31"), hours: 10),
        TrainingEntry(teacherID: "f", day: day("2031-01-01"), hours: 400),
    ]

    @Test("per teacher: hours, source and shortfall by hand, cycle boundaries included")
    func perTeacher() throws {
        let h = TrainingHours(cycle: Self.cycle, entries: Self.entries)
        let byID = Dictionary(uniqueKeysWithValues: Self.register.teachers.map { ($0.teacherID, $0) })
        let a = try #require(byID["a"]), b = try #require(byID["b"]), c = try #require(byID["c"])
        let d = try #require(byID["d"]), e = try #require(byID["e"]), f = try #require(byID["f"])
        #expect(h.hours(a).hours == 360 && h.hours(a).source == .records && h.completed(a, required: 360))
        #expect(h.hours(b).hours == 359 && !h.completed(b, required: 360) && h.shortfall(b, required: 360) == 1)
        #expect(h.hours(c).source == .register && h.completed(c, required: 360) && h.shortfall(c, required: 360) == 0)
        #expect(h.hours(d).hours == 100 && h.hours(d).source == .records && h.shortfall(d, required: 360) == 260)
        #expect(h.hours(e).hours == 10 && h.shortfall(e, required: 360) == 350)
        #expect(h.hours(f).hours == nil && h.hours(f).source == TrainingSource.none && h.shortfall(f, required: 360) == 360)
    }

    @Test("derived 完成360学时: records where kept, the register column otherwise")
    func derived() throws {
        let f = try #require(TeacherFigures.derive(Self.register, training: TrainingHours(cycle: Self.cycle, entries: Self.entries)).first)
        // By hand: done a, c → 2; reported a, b, c, d, e → 5 (f has neither); from records a, b, d, e → 4.
        #expect(f.trainingCompleted == 2 && f.trainingReported == 5 && f.trainingFromRecords == 4)
        // Register only (no records kept): c (360) and d (400) done; reported c, d.
        let r = try #require(TeacherFigures.derive(Self.register).first)
        #expect(r.trainingCompleted == 2 && r.trainingReported == 2 && r.trainingFromRecords == 0)
    }

    static let header = "teacher_id,course,level,hours,day\n"

    @Test("records file: English keys, Chinese labels, a record's key is stable")
    func parse() throws {
        let csv = Self.header + "T1,国培计划,national,200,2026-05-01\nT1,校本研修,校本研修,160.5,2027-03-02\n"
        let rs = try TrainingRecordsImporter.parse(data: Data(csv.utf8), file: "t.csv")
        #expect(rs.count == 2 && rs[0].level == .national && rs[1].level == .school && rs[1].hours == 160.5 && rs[1].row == 3)
        let again = try TrainingRecordsImporter.parse(data: Data(csv.utf8), file: "other.csv")
        #expect(rs.map(\.key) == again.map(\.key) && rs[0].key != rs[1].key && rs[0].key.count == 64)
    }

    @Test("GB18030 bytes with Chinese headers import")
    func gb18030() throws {
        // python3: '教师编号,课程,级别,学时,日期\nT1,国培计划,国家级,360,2026-05-01\n'.encode('gb18030').hex()
        let hex = "bdcccaa6b1e0bac52cbfceb3cc2cbcb6b1f02cd1a7cab12cc8d5c6da0a54312cb9fac5e0bcc6bbae2cb9fabcd2bcb62c3336302c323032362d30352d30310a"
        var bytes: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex { let j = hex.index(i, offsetBy: 2); bytes.append(UInt8(hex[i..<j], radix: 16) ?? 0); i = j }
        let rs = try TrainingRecordsImporter.parse(data: Data(bytes), file: "gbk.csv")
        #expect(rs.count == 1 && rs[0].course == "国培计划" && rs[0].level == .national && rs[0].hours == 360 && rs[0].day == day("2026-05-01"))
    }

    @Test("all or nothing: every problem located by file, row and column; a repeated record names the first row")
    func locatedErrors() throws {
        let csv = Self.header + "T1,国培,national,200,2026-05-01\n"
            + "T/2,,provincial,0,2026-02-30\n"
            + "T3,研修,unknown,1001,2026-01-01\n"
            + "T1,国培,national,200,2026-05-01\n"
        do {
            _ = try TrainingRecordsImporter.parse(data: Data(csv.utf8), file: "培训.csv")
            Issue.record("imported a bad file")
        } catch {
            guard case .invalid(let issues) = error else { Issue.record("\(error)"); return }
            let found = Set(issues.map { "\($0.row) \($0.column)" })
            #expect(found == ["3 教师编号", "3 课程", "3 学时", "3 日期", "4 级别", "4 学时", "5 教师编号"])
            #expect(issues.first { $0.row == 5 }?.expectedEN.contains("row 2") == true)
            #expect(issues.allSatisfy { $0.file == "培训.csv" })
        }
    }

    @Test("an empty file and a missing header are refused")
    func emptyAndHeader() {
        #expect(throws: ImportError.self) { try TrainingRecordsImporter.parse(data: Data(Self.header.utf8), file: "t.csv") }
        do { _ = try TrainingRecordsImporter.parse(data: Data("教师编号,课程\nT1,x\n".utf8), file: "t.csv") } catch {
            guard case .invalid(let issues) = error else { Issue.record("\(error)"); return }
            #expect(issues.contains { $0.row == 1 && $0.column == "学时" })
        }
    }

    @Test("ID key: a file, JUNHENG_ID_KEY, a clear error on a missing or short key, random only when neither is given")
    func idKey() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("idkey-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("good").path, short = dir.appendingPathComponent("short").path
        try Data("0123456789abcdef".utf8).write(to: URL(fileURLWithPath: good))
        try Data("0123456789abcde".utf8).write(to: URL(fileURLWithPath: short))
        let missing = dir.appendingPathComponent("missing").path
        guard case .success(let (k, source)) = IDNumberKey.load(file: good, environment: ["JUNHENG_ID_KEY": "ignored-because-file-wins"]) else {
            Issue.record("good key refused"); return
        }
        #expect(source == .file(good))
        // The same hash as the key's bytes given directly (python3 hmac in RegisterTests.idNumbers).
        #expect(ProtectedIDNumber(number: "11010519491231002X", key: k)?.hash == "dd6a5ba2eed683e7925b20f655c01434a93591983089686662b75f63b85a9c1b")
        guard case .failure(let e1) = IDNumberKey.load(file: short, environment: [:]) else { Issue.record("short key accepted"); return }
        #expect(e1 == .badLength(short, 15) && e1.description.contains("16–1024"))
        guard case .failure(let e2) = IDNumberKey.load(file: missing, environment: [:]) else { Issue.record("missing key accepted"); return }
        #expect(e2 == .unreadable(missing))
        guard case .success(let (_, s3)) = IDNumberKey.load(file: nil, environment: ["JUNHENG_ID_KEY": "0123456789abcdef"]) else { Issue.record("env refused"); return }
        #expect(s3 == .environment)
        guard case .failure = IDNumberKey.load(file: nil, environment: ["JUNHENG_ID_KEY": "short"]) else { Issue.record("short env accepted"); return }
        guard case .success(let (_, s4)) = IDNumberKey.load(file: nil, environment: [:]) else { Issue.record("no key refused"); return }
        #expect(s4 == .random)
    }
}
