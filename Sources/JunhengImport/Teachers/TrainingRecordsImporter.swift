import EquityKit
import Foundation
import JunhengSheets
import Teachers

/// Reads a training records file (培训记录: `teacher_id` 教师编号, `course` 课程, `level` 级别, `hours` 学时, `day` 日期)
/// as CSV (UTF-8 or GB18030) or XLSX, English or Chinese headers, all or nothing with every problem located.
public enum TrainingRecordsImporter {
    /// At most this many records in one file; hours per record; characters per course.
    public static let maximumRecords = 200_000, maximumHours = 1_000.0, maximumCourseLength = 100

    static let columns: [ClassroomFile.Column] = [
        ClassroomFile.Column(zh: "教师编号", en: "teacher_id", required: true, help: "the register's teacher id", format: .code),
        ClassroomFile.Column(zh: "课程", en: "course", required: true, help: "course, 1–100 characters"),
        ClassroomFile.Column(zh: "级别", en: "level", required: true, help: "国家级/省级/县级/校本研修/三个课堂·名师课堂 (or national/provincial/county/school/classroom)"),
        ClassroomFile.Column(zh: "学时", en: "hours", required: true, help: "hours, more than 0 and at most 1000"),
        ClassroomFile.Column(zh: "日期", en: "day", required: true, help: "YYYY-MM-DD"),
    ]

    public static func importFile(atPath path: String, limits: ReadLimits = .default) throws(ImportError) -> [TrainingRecord] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path, reason: "无法读取文件 / cannot read the file") }
        return try parse(data: data, file: URL(fileURLWithPath: path).lastPathComponent, limits: limits)
    }

    /// The records in `data` (CSV or XLSX by content); `file` names it in error locations. A record repeated in the file
    /// is a problem (its row names the first).
    public static func parse(data: Data, file: String, limits: ReadLimits = .default) throws(ImportError) -> [TrainingRecord] {
        var issues: [ImportIssue] = []
        let table = ClassroomTable.parse(columns: columns, data: data, file: file, limits: limits, issues: &issues)
        if !issues.isEmpty { throw .invalid(ImportIssue.capped(issues, limit: limits.issues)) }
        var out: [TrainingRecord] = []
        var seen: [String: Int] = [:]
        for (number, cells) in table.rows {
            func fail(_ k: Int, _ zh: String, _ en: String) {
                issues.append(ImportIssue(row: number, column: columns[k].zh, value: String(table.cell(cells, k).prefix(80)), expectedZH: zh, expectedEN: en, file: file))
            }
            if out.count >= maximumRecords { fail(0, "不超过 \(maximumRecords) 条记录", "at most \(maximumRecords) records"); break }
            let id = table.cell(cells, 0), course = table.cell(cells, 1), hoursText = table.cell(cells, 3)
            let idOK = CodeRule.isValid(id)
            if !idOK { fail(0, CodeRule.descriptionZH, CodeRule.descriptionEN) }
            let courseOK = (1...maximumCourseLength).contains(course.count)
            if !courseOK { fail(1, "1–\(maximumCourseLength) 个字符的课程名", "a course name of 1–\(maximumCourseLength) characters") }
            let level = TrainingLevel(label: table.cell(cells, 2))
            if level == nil { fail(2, "国家级、省级、县级、校本研修或三个课堂·名师课堂", "国家级, 省级, 县级, 校本研修 or 三个课堂·名师课堂 (national/provincial/county/school/classroom)") }
            let hours = hoursText.utf8.count <= 12 ? Double(hoursText).flatMap { $0.isFinite && $0 > 0 && $0 <= maximumHours ? $0 : nil } : nil
            if hours == nil { fail(3, "大于 0、不超过 \(Int(maximumHours)) 的学时", "hours more than 0 and at most \(Int(maximumHours))") }
            let day = CalendarDay(text: table.cell(cells, 4))
            if day == nil { fail(4, "日期 YYYY-MM-DD（1900–2100）", "a date YYYY-MM-DD (1900–2100)") }
            guard idOK, courseOK, let level, let hours, let day else { continue }
            let r = TrainingRecord(row: number, teacherID: id, course: course, level: level, hours: hours, day: day)
            if let first = seen[r.key] {
                fail(0, "不重复的培训记录（第\(first)行已有）", "a record not listed before (row \(first))")
                continue
            }
            seen[r.key] = number
            out.append(r)
        }
        if out.isEmpty && issues.isEmpty {
            issues.append(ImportIssue(row: table.headerRow, column: "", value: "", expectedZH: "至少一条培训记录", expectedEN: "at least one training record", file: file))
        }
        if !issues.isEmpty { throw .invalid(ImportIssue.capped(issues, limit: limits.issues)) }
        return out
    }

    /// The header row of an empty template (Chinese headers).
    public static var templateHeader: [String] { columns.map(\.zh) }
}
