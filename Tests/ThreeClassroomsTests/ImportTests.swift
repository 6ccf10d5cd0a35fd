import Foundation
import JunhengDemo
import JunhengImport
import Testing
import ThreeClassrooms

@Suite("三个课堂 input folder")
struct ImportTests {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("classrooms-\(UUID().uuidString)")

    func write(_ capacity: TeachingCapacity, xlsx: Bool = false, edit: (ClassroomFile, inout [[String]]) -> Void = { _, _ in }) throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (file, rows) in ClassroomWriter.tables(capacity) {
            var rows = rows
            edit(file, &rows)
            let url = dir.appendingPathComponent(file.rawValue + (xlsx ? ".xlsx" : ".csv"))
            try (xlsx ? ClassroomWriter.xlsx(rows, sheet: file.rawValue) : Data(ClassroomWriter.csv(rows).utf8)).write(to: url)
        }
    }

    func expectSame(_ a: TeachingCapacity, _ b: TeachingCapacity) {
        #expect(a.schools == b.schools)
        #expect(a.classCounts == b.classCounts)
        #expect(a.teachers == b.teachers)
        #expect(a.lessons == b.lessons)
    }

    @Test("a written demo county reads back unchanged, from CSV and from XLSX")
    func roundTrip() throws {
        let demo = ClassroomDemo.capacity(schools: 8, seed: 3)
        try write(demo)
        expectSame(try ClassroomImporter.importDirectory(atPath: dir.path), demo)
        try FileManager.default.removeItem(at: dir)
        try write(demo, xlsx: true)
        expectSame(try ClassroomImporter.importDirectory(atPath: dir.path), demo)
    }

    @Test("every bad cell is reported by file, row and column, and nothing is imported")
    func rejections() throws {
        let demo = ClassroomDemo.capacity(schools: 3, seed: 3)
        try write(demo) { file, rows in
            switch file {
            case .schools: rows[2][4] = "快"                            // row 3: bandwidth
            case .teachers: rows[1][2] = "书法"; rows[2][4] = "1"        // row 2: unknown subject; row 3: max below load
            case .lessons:
                rows[1][2] = "9"                                        // row 2: class 9 does not exist
                rows.append(rows[3])                                    // the same class and slot again
            case .classes: break
            }
        }
        #expect(throws: ImportError.self) { try ClassroomImporter.importDirectory(atPath: dir.path) }
        do {
            _ = try ClassroomImporter.importDirectory(atPath: dir.path)
        } catch {
            let zh = error.lines(english: false), en = error.lines(english: true)
            #expect(zh.contains("schools.csv 第3行 列「网络带宽」: 值 '快' — 应为 高、中 或 低"))
            #expect(zh.contains { $0.hasPrefix("teachers.csv 第2行 列「任教学科」: 值 '书法'") })
            #expect(zh.contains { $0.hasPrefix("teachers.csv 第3行 列「最大周课时」: 值 '1'") })
            #expect(zh.contains { $0.hasPrefix("lessons.csv 第2行 列「班级」: 值 '9'") })
            let last = ClassroomWriter.tables(demo)[3].rows.count + 1
            #expect(zh.contains { $0.hasPrefix("lessons.csv 第\(last)行 列「节次」") })
            #expect(en.contains("schools.csv row 3, column \"网络带宽\": value '快' — expected 高/中/低 or high/medium/low"))
        }
    }

    @Test("a teacher's load below their lessons, a missing column and a missing file are errors")
    func crossFile() throws {
        let demo = ClassroomDemo.capacity(schools: 2, seed: 4)
        let busy = demo.teachers.firstIndex { t in demo.lessons.contains { $0.teacher == t.id } }!
        try write(demo) { file, rows in if file == .teachers { rows[busy + 1][3] = "0" } }
        do {
            _ = try ClassroomImporter.importDirectory(atPath: dir.path)
            Issue.record("should not import")
        } catch {
            #expect(error.lines(english: false).contains { $0.hasPrefix("teachers.csv 第\(busy + 2)行 列「周课时」: 值 '0' — 应为 不少于课表中的") })
        }
        try write(demo) { file, rows in if file == .classes { rows[0][2] = "班数" } }
        do {
            _ = try ClassroomImporter.importDirectory(atPath: dir.path)
            Issue.record("should not import")
        } catch {
            #expect(error.lines(english: false).contains { $0.hasPrefix("classes.csv 第1行 列「班级数」") })
        }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("lessons.csv"))
        #expect(throws: ImportError.self) { try ClassroomImporter.importDirectory(atPath: dir.path) }
        do { _ = try ClassroomImporter.importDirectory(atPath: dir.path) } catch { #expect(error.exitCode == 66) }
    }

    @Test("a curriculum override replaces listed periods and rejects unknown subjects")
    func curriculumOverride() throws {
        let c = try CurriculumFile.parse("""
            name = "某省课时表"
            [grades.7]
            "英语" = 5
            "综合实践活动" = 3
            """, isTOML: true, source: "test.toml")
        #expect(c.name == "某省课时表")
        #expect(c.periods(grade: 7, subject: .english) == 5)
        #expect(c.weeklyTotal(grade: 7) == 34 + 1 - 1)
        #expect(c.periods(grade: 8, subject: .english) == Curriculum.default2022.periods(grade: 8, subject: .english))
        #expect(throws: StandardLoadError.self) {
            try CurriculumFile.parse(#"{"grades": {"7": {"书法": 1}}}"#, isTOML: false, source: "x.json")
        }
        #expect(throws: StandardLoadError.self) {
            try CurriculumFile.parse(#"{"grades": {"10": {"英语": 1}}}"#, isTOML: false, source: "x.json")
        }
    }
}
