import Foundation
import JunhengSheets
import ThreeClassrooms

/// Writes a 三个课堂 input in the folder format: one table per file, as CSV text or an XLSX workbook.
public enum ClassroomWriter {
    /// The rows (header first) of each file.
    public static func tables(_ c: TeachingCapacity) -> [(file: ClassroomFile, rows: [[String]])] {
        [
            (.schools, [ClassroomFile.schools.headers] + c.schools.map {
                [$0.code, $0.name, $0.county, $0.group, $0.bandwidth.zh, "\($0.days)", "\($0.periodsPerDay)", $0.isTeachingPoint ? "是" : "否"]
            }),
            (.classes, [ClassroomFile.classes.headers] + c.classCounts.map { [$0.school, "\($0.grade)", "\($0.classes)"] }),
            (.teachers, [ClassroomFile.teachers.headers] + c.teachers.map {
                [$0.id, $0.school, $0.subjects.map(\.zh).joined(separator: "、"), "\($0.load)", "\($0.maxLoad)"]
            }),
            (.lessons, [ClassroomFile.lessons.headers] + c.lessons.map {
                [$0.classID.school, "\($0.classID.grade)", "\($0.classID.number)", "\($0.slot.day)", "\($0.slot.period)", $0.subject.zh,
                 $0.teacher ?? ""]
            }),
        ]
    }

    /// CSV text of one table.
    public static func csv(_ rows: [[String]]) -> String {
        var w = CSVWriter()
        for r in rows { w.append(r) }
        return w.text
    }

    /// An XLSX workbook of one table.
    public static func xlsx(_ rows: [[String]], sheet: String) throws -> Data {
        var book = XLSXWorkbook()
        book.addSheet(name: sheet, rows: rows.enumerated().map { i, r in r.map { i == 0 ? .header($0) : .text($0) } })
        return try book.data()
    }
}
