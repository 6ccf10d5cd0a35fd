import EquityKit
import Foundation
import JunhengSheets

/// Writes the statistics template, empty or filled with records, as CSV or XLSX.
public enum TemplateWriter {
    /// Chinese headers in template order.
    public static var headers: [String] { TemplateColumn.all.map(\.header) }

    /// The template as CSV text (UTF-8); with `records`, one row each.
    public static func csv(_ records: [StatisticsRecord] = []) -> String {
        var w = CSVWriter()
        w.append(headers)
        for r in records { w.append(cells(of: r)) }
        return w.text
    }

    /// The template as an XLSX workbook: sheet 学校统计 (headers and `records`) and sheet 填写说明 (column notes).
    public static func xlsx(_ records: [StatisticsRecord] = []) throws -> Data {
        var book = XLSXWorkbook()
        var rows: [[XLSXCell]] = [headers.map { .header($0) }]
        for r in records {
            rows.append(zip(TemplateColumn.all, cells(of: r)).map { col, text in
                guard !text.isEmpty else { return .empty }
                if col.kind == .count || col.kind == .amount, let v = Double(text) { return .number(v) }
                return .text(text)
            })
        }
        book.addSheet(name: "学校统计", rows: rows, columnWidths: TemplateColumn.all.map { _ in 14 })
        var notes: [[XLSXCell]] = [[.header("列名"), .header("English key"), .header("必填"), .header("说明")]]
        for c in TemplateColumn.all {
            notes.append([.text(c.header), .text(c.key), .text(c.required ? "是" : "否"), .text(c.note)])
        }
        book.addSheet(name: "填写说明", rows: notes, columnWidths: [22, 30, 8, 50])
        return try book.data()
    }

    /// The cells of one record in template order; unreported quantities stay blank.
    public static func cells(of r: StatisticsRecord) -> [String] {
        TemplateColumn.all.map { c in
            switch c.key {
            case "school_code": return r.schoolCode
            case "school_name": return r.schoolName
            case "school_type": return r.schoolType.rawValue
            case "section": return r.section.label
            case "location": return r.location.rawValue
            case "parent_school_code": return r.parentSchoolCode ?? ""
            case "students": return String(r.students)
            case "primary_students": return r.sectionStudents.map { String($0.primary) } ?? ""
            case "junior_students": return r.sectionStudents.map { String($0.junior) } ?? ""
            case "senior_students": return r.sectionStudents.flatMap { $0.senior > 0 ? String($0.senior) : nil } ?? ""
            default: return c.quantity.flatMap { r.quantities[$0] }.map(number) ?? ""
            }
        }
    }

    /// Shortest text for a number: integers without a decimal point.
    public static func number(_ v: Double) -> String {
        v.rounded() == v && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }
}
