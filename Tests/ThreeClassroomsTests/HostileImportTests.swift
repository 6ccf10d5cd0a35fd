import Foundation
import JunhengDemo
import JunhengImport
import Testing
import ThreeClassrooms

@Suite("三个课堂 input folder: hostile cells")
struct HostileImportTests {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("classrooms-hostile-\(UUID().uuidString)")

    @Test("markup in codes and ids, and out-of-range numbers, are located errors; nothing is imported")
    func codesAndNumbers() throws {
        let demo = ClassroomDemo.capacity(schools: 4, seed: 5)
        let valid = demo.schools[3].code  // the one school left valid, so its lessons are checked further
        let hostile = #"x"><img src=x onerror=alert(1)>"#
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var lessonRow = 0
        for (file, rows) in ClassroomWriter.tables(demo) {
            var rows = rows
            switch file {
            case .schools: rows[1][0] = hostile; rows[2][2] = "<b>33</b>"; rows[3][5] = "99999999999999999999"
            case .teachers: rows[1][0] = "t 1"
            case .lessons:
                let k = try #require(rows.firstIndex { $0[0] == valid })
                rows[k][6] = "<script>"
                lessonRow = k + 1
            case .classes: rows[1][2] = "1e20"
            }
            try Data(ClassroomWriter.csv(rows).utf8).write(to: dir.appendingPathComponent(file.rawValue + ".csv"))
        }
        do {
            _ = try ClassroomImporter.importDirectory(atPath: dir.path)
            Issue.record("should not import")
        } catch {
            let zh = error.lines(english: false), en = error.lines(english: true)
            #expect(zh.contains("schools.csv 第2行 列「学校标识码」: 值 '\(hostile)' — 应为 1–32 位字母、数字、- 或 _"))
            #expect(en.contains("schools.csv row 2, column \"学校标识码\": value '\(hostile)' — expected 1–32 letters, digits, - or _"))
            #expect(zh.contains("schools.csv 第3行 列「区县代码」: 值 '<b>33</b>' — 应为 1–32 位字母、数字、- 或 _"))
            #expect(zh.contains("schools.csv 第4行 列「每周上课天数」: 值 '99999999999999999999' — 应为 1–7 之间的整数"))
            #expect(zh.contains("teachers.csv 第2行 列「教师编号」: 值 't 1' — 应为 1–32 位字母、数字、- 或 _"))
            #expect(zh.contains("lessons.csv 第\(lessonRow)行 列「教师编号」: 值 '<script>' — 应为 1–32 位字母、数字、- 或 _"))
            #expect(zh.contains("classes.csv 第2行 列「班级数」: 值 '1e20' — 应为 0–200 之间的整数"))
        }
    }

    @Test("a classroom file past the read limits is one located error, not an allocation")
    func limits() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let demo = ClassroomDemo.capacity(schools: 2, seed: 5)
        for (file, rows) in ClassroomWriter.tables(demo) {
            var text = ClassroomWriter.csv(rows)
            // 2,000 columns on one line: past the 1,024-column limit.
            if file == .schools { text += String(repeating: ",", count: 2_000) + "\n" }
            try Data(text.utf8).write(to: dir.appendingPathComponent(file.rawValue + ".csv"))
        }
        do {
            _ = try ClassroomImporter.importDirectory(atPath: dir.path)
            Issue.record("should not import")
        } catch {
            #expect(error.lines(english: true).contains { $0.hasPrefix("schools.csv row 4, column \"第1025列 / column 1025\"") && $0.contains("at most 1024 columns a row") },
                    "\(error.lines(english: true))")
        }
    }
}
