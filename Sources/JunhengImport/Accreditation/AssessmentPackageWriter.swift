import Accreditation
import EquityKit
import Foundation
import JunhengSheets

/// Writes an assessment package (empty, or filled from an input) as a folder of CSV files or one XLSX workbook.
public enum AssessmentPackageWriter {
    /// The sheets' header rows and data rows, in package order (Chinese headers).
    public static func sheets(_ input: AssessmentInput? = nil) -> [(sheet: AssessmentSheet, rows: [[String]])] {
        var out: [(AssessmentSheet, [[String]])] = []
        let statisticsHeader = TemplateColumn.all.map(\.header) + AssessmentSheet.extendedStatistics.map(\.header)
        var statistics = [statisticsHeader]
        for r in input?.statistics ?? [] {
            var cells = TemplateWriter.cells(of: r.record)
            if r.record.schoolType == .specialEducation, let k = TemplateColumn.all.firstIndex(where: { $0.key == "section" }) { cells[k] = "特教" }
            let f = input?.facts(r.record.schoolCode) ?? SchoolFacts()
            func n(_ v: Double?) -> String { v.map(TemplateWriter.number) ?? "" }
            cells += [f.boarding ? "是" : "否", f.publicSchool ? "是" : "否", n(r.newEntrants.map(Double.init)),
                      n(r.newEntrantsInCatchment.map(Double.init)), n(f.approvedPublicFunds), n(r.teachers360h.map(Double.init)),
                      n(f.publicFundsBudget), n(f.trainingBudget), f.moralRating?.rawValue ?? "",
                      f.plannedBy2016 ? "是" : "否", f.builtBy2010 ? "是" : "否"]
            statistics.append(cells)
        }
        out.append((.statistics, statistics))
        func header(_ s: AssessmentSheet) -> [String] { s.columns.map(\.header) }
        out.append((.rooms, [header(.rooms)] + (input?.rooms ?? []).map { [$0.schoolCode, $0.kind.rawValue, TemplateWriter.number($0.areaM2)] }))
        var county = [header(.county)]
        for k in CountyKey.allCases {
            let v = input?.county[k]
            if input != nil && v == nil { continue }
            let text = v.map { k.kind == .yesNo ? ($0 >= 1 ? "是" : "否") : TemplateWriter.number($0) } ?? ""
            county.append([k.rawValue, text])
        }
        out.append((.county, county))
        let levels = ["", "Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ"]
        out.append((.monitoring, [header(.monitoring)] + (input?.monitoring ?? []).map {
            [$0.subject, levels[max(0, min(4, $0.level))], TemplateWriter.number($0.betweenSchoolRate)]
        }))
        out.append((.reviews, [header(.reviews)] + (input?.reviews ?? []).map {
            [$0.key, $0.schoolCode ?? "", $0.passed ? "达标" : "不达标", $0.reviewer, $0.comment]
        }))
        let vetoes = input?.vetoes.map { [$0.key, $0.present ? "是" : "否", $0.explanation] }
            ?? AssessmentItems.vetoKeys.map { [$0, "", ""] }
        out.append((.vetoes, [header(.vetoes)] + vetoes))
        return out
    }

    /// One CSV file per sheet (UTF-8 with BOM, named by the English sheet key) in `folder`, created if needed.
    /// Files are written to temporary names first and renamed, so a failure leaves no half-written file.
    public static func writeFolder(_ input: AssessmentInput?, to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var written: [(String, String)] = []
        do {
            for (sheet, rows) in sheets(input) {
                var w = CSVWriter()
                rows.forEach { w.append($0) }
                let final = (folder as NSString).appendingPathComponent(sheet.key + ".csv")
                let temporary = (folder as NSString).appendingPathComponent(".\(sheet.key).csv.\(ProcessInfo.processInfo.processIdentifier).tmp")
                try Data([0xEF, 0xBB, 0xBF] + Array(w.text.utf8)).write(to: URL(fileURLWithPath: temporary))
                written.append((temporary, final))
            }
            for (temporary, final) in written {
                guard rename(temporary, final) == 0 else { throw CocoaError(.fileWriteUnknown) }
            }
        } catch {
            for (temporary, _) in written { try? FileManager.default.removeItem(atPath: temporary) }
            throw error
        }
    }

    /// The package as one workbook with the English sheet names and a 填写说明 sheet.
    public static func xlsx(_ input: AssessmentInput?) throws -> Data {
        var book = XLSXWorkbook()
        for (sheet, rows) in sheets(input) {
            let cells: [[XLSXCell]] = rows.enumerated().map { k, row in
                row.map { text in
                    if k == 0 { return .header(text) }
                    guard !text.isEmpty else { return .empty }
                    return .text(text)
                }
            }
            book.addSheet(name: sheet.key, rows: cells, columnWidths: rows.first.map { $0.map { _ in 16 } })
        }
        var notes: [[XLSXCell]] = [[.header("工作表"), .header("列名"), .header("English key"), .header("必填"), .header("说明")]]
        for sheet in AssessmentSheet.all {
            let columns = sheet == .statistics ? AssessmentSheet.extendedStatistics : sheet.columns
            if sheet == .statistics { notes.append([.text("statistics 学校统计"), .text("（学校统计模板各列）"), .empty, .empty, .text("见 junheng template")]) }
            for c in columns {
                notes.append([.text("\(sheet.key) \(sheet.zh)"), .text(c.header), .text(c.key), .text(c.required ? "是" : "否"), .text(c.note)])
            }
        }
        for k in CountyKey.allCases {
            notes.append([.text("county 县级数据"), .text(k.zh), .text(k.rawValue), .text(k.optional ? "否" : "是"), .text("")])
        }
        book.addSheet(name: "填写说明", rows: notes, columnWidths: [20, 30, 34, 6, 40])
        return try book.data()
    }
}
