import Foundation
import ThreeClassrooms

/// Reads a 三个课堂 input folder (schools, classes, teachers, lessons as CSV or XLSX), all or nothing.
public enum ClassroomImporter {
    public static func importDirectory(atPath path: String, curriculum: Curriculum = .default2022) throws(ImportError) -> TeachingCapacity {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .unreadable(path: path, reason: "不是文件夹 / not a directory")
        }
        let dir = URL(fileURLWithPath: path)
        var issues: [ImportIssue] = []
        var v = Validation(curriculum: curriculum)
        v.schools(try ClassroomTable.read(.schools, in: dir, issues: &issues))
        v.classes(try ClassroomTable.read(.classes, in: dir, issues: &issues))
        v.teachers(try ClassroomTable.read(.teachers, in: dir, issues: &issues))
        v.lessons(try ClassroomTable.read(.lessons, in: dir, issues: &issues))
        v.loads()
        issues += v.issues
        guard issues.isEmpty else { throw .invalid(issues) }
        return TeachingCapacity(schools: v.schoolList, classCounts: v.classCounts, teachers: v.teacherList, lessons: v.lessonList)
    }
}

/// Row-by-row checks of the four files; every problem is collected with its file, row and column.
struct Validation {
    let curriculum: Curriculum
    var issues: [ImportIssue] = []
    var schoolList: [ClassroomSchool] = []
    var schoolByCode: [String: ClassroomSchool] = [:]
    var classCounts: [ClassCount] = []
    var classesOf: [String: Int] = [:]
    var teacherList: [Teacher] = []
    var teacherRow: [String: (file: String, row: Int)] = [:]
    var lessonList: [Lesson] = []
    var lessonsOf: [String: Int] = [:]

    init(curriculum: Curriculum) { self.curriculum = curriculum }

    /// A row's cells with located error reporting.
    struct Row {
        var table: ClassroomTable
        var number: Int
        var cells: [String]
        func text(_ k: Int) -> String { table.cell(cells, k) }
        func column(_ k: Int) -> String { ClassroomFile.columns(of: table)[k].zh }
    }

    mutating func fail(_ r: Row, _ k: Int, zh: String, en: String) {
        issues.append(ImportIssue(row: r.number, column: r.column(k), value: r.text(k), expectedZH: zh, expectedEN: en, file: r.table.file))
    }

    mutating func int(_ r: Row, _ k: Int, _ range: ClosedRange<Int>) -> Int? {
        guard let n = Int(r.text(k)), range.contains(n) else {
            fail(r, k, zh: "\(range.lowerBound)–\(range.upperBound) 之间的整数", en: "a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return n
    }

    mutating func required(_ r: Row, _ k: Int) -> String? {
        let t = r.text(k)
        if t.isEmpty { fail(r, k, zh: "非空", en: "a value") }
        return t.isEmpty ? nil : t
    }

    mutating func school(_ r: Row, _ k: Int) -> ClassroomSchool? {
        let code = r.text(k)
        guard let s = schoolByCode[code] else {
            fail(r, k, zh: "schools 文件中的学校标识码", en: "a school code of the schools file")
            return nil
        }
        return s
    }

    func rows(_ t: ClassroomTable) -> [Row] { t.rows.map { Row(table: t, number: $0.number, cells: $0.cells) } }
}

extension ClassroomFile {
    /// The columns of the file a table was read from.
    static func columns(of table: ClassroomTable) -> [Column] {
        let name = String(table.file.prefix { $0 != "." })
        return (ClassroomFile(rawValue: name) ?? .schools).columns
    }
}
