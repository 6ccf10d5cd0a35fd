import Foundation
import JunhengSheets
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
        var tables: [ClassroomTable] = []
        for kind in ClassroomFile.allCases { tables.append(try ClassroomTable.read(kind, in: dir, issues: &issues)) }
        return try validate(tables, curriculum: curriculum, issues: issues)
    }

    /// Reads the four files from memory: `files[kind]` is (file name for messages, CSV or XLSX bytes).
    /// A missing file is a located error; the rules are those of `importDirectory`.
    public static func importFiles(_ files: [ClassroomFile: (name: String, data: Data)], curriculum: Curriculum = .default2022,
                                   limits: ReadLimits = .default) throws(ImportError) -> TeachingCapacity {
        var issues: [ImportIssue] = []
        let tables = ClassroomFile.allCases.map { kind in
            ClassroomTable.parse(kind, data: files[kind]?.data ?? Data(), file: files[kind]?.name ?? kind.rawValue + ".csv",
                                 limits: limits, issues: &issues)
        }
        return try validate(tables, curriculum: curriculum, issues: issues)
    }

    /// Checks tables read in `ClassroomFile.allCases` order; at most `ReadLimits.issues` problems are listed.
    static func validate(_ tables: [ClassroomTable], curriculum: Curriculum, issues: [ImportIssue],
                         limits: ReadLimits = .default) throws(ImportError) -> TeachingCapacity {
        var v = Validation(curriculum: curriculum)
        v.schools(tables[0])
        v.classes(tables[1])
        v.teachers(tables[2])
        v.lessons(tables[3])
        v.loads()
        let all = issues + v.issues
        guard all.isEmpty else { throw .invalid(ImportIssue.capped(all, limit: limits.issues)) }
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

    /// Column `k` as a whole number within the column's bounds (`ClassroomFile.Format.integer`) and within `range`
    /// (a row-dependent narrowing, e.g. 1…the school's days).
    mutating func int(_ r: Row, _ k: Int, _ narrower: ClosedRange<Int>? = nil) -> Int? {
        guard case .integer(let bounds) = ClassroomFile.columns(of: r.table)[k].format else { return nil }
        let range = narrower.map { $0.clamped(to: bounds) } ?? bounds
        guard let n = Int(r.text(k)), range.contains(n) else {
            fail(r, k, zh: "\(range.lowerBound)–\(range.upperBound) 之间的整数", en: "a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return n
    }

    /// Column `k` filled, and a valid code when the column holds codes.
    mutating func required(_ r: Row, _ k: Int) -> String? {
        let t = r.text(k)
        if t.isEmpty { fail(r, k, zh: "非空", en: "a value"); return nil }
        return code(r, k)
    }

    /// Column `k` as written, or nil with a located error when it should be a code (`CodeRule`) and is not one.
    mutating func code(_ r: Row, _ k: Int) -> String? {
        let t = r.text(k)
        guard ClassroomFile.columns(of: r.table)[k].format == .code, !CodeRule.isValid(t) else { return t }
        fail(r, k, zh: CodeRule.descriptionZH, en: CodeRule.descriptionEN)
        return nil
    }

    mutating func school(_ r: Row, _ k: Int) -> ClassroomSchool? {
        guard let code = code(r, k) else { return nil }
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
