import Accreditation
import EquityKit
import Foundation
import JunhengSheets

/// A validated assessment package.
public struct ImportedAssessment: Sendable {
    public var input: AssessmentInput
    /// The statistics file's warnings (rewritten numbers, teaching points without a parent…).
    public var warnings: [ImportIssue]
    /// Sheets that were not supplied (their items stay pending).
    public var absentSheets: [String]
}

/// Reads an assessment package, a folder of CSV files or one XLSX workbook, all or nothing.
public enum AssessmentImporter {
    /// Largest file accepted (each CSV file, or the workbook).
    public static let maxFileBytes = 64 << 20

    /// Reads `path`: a folder with statistics.csv (or 学校统计.csv) and the optional other sheets, or an .xlsx workbook.
    public static func importPackage(atPath path: String) throws(ImportError) -> ImportedAssessment {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(path: path, reason: "文件或文件夹不存在 / no such file or folder")
        }
        if isDirectory.boolValue { return try importFolder(path) }
        return try importWorkbook(read(path), name: (path as NSString).lastPathComponent)
    }

    static func read(_ path: String) throws(ImportError) -> [UInt8] {
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxFileBytes else { throw .unreadable(path: path, reason: "文件超过 \(maxFileBytes >> 20) MB / file larger than \(maxFileBytes >> 20) MB") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "没有读取权限或读取失败 / permission denied or read error")
        }
        return [UInt8](data)
    }

    /// A folder: one CSV file per sheet, named by the English or Chinese sheet name.
    static func importFolder(_ path: String) throws(ImportError) -> ImportedAssessment {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
            throw .unreadable(path: path, reason: "无法列出文件夹 / cannot list the folder")
        }
        var issues: [ImportIssue] = []
        var tables: [String: TextTable] = [:]
        var statisticsBytes: [UInt8]?
        var statisticsName = ""
        for sheet in AssessmentSheet.all {
            let found = names.filter { n in
                let lower = n.lowercased()
                guard lower.hasSuffix(".csv") else { return false }
                return sheet.matches(String(n.dropLast(4)))
            }.sorted()
            if found.count > 1 {
                issues.append(ImportIssue(row: 0, column: "", value: found.joined(separator: ", "), expectedZH: "「\(sheet.zh)」只有一个文件",
                                          expectedEN: "one file for sheet \(sheet.key)", file: found[0]))
                continue
            }
            guard let file = found.first else { continue }
            let bytes = try read((path as NSString).appendingPathComponent(file))
            if sheet == .statistics { statisticsBytes = bytes; statisticsName = file }
            do { tables[sheet.key] = try TextTable.csv(bytes, name: file, limit: sheet.rowLimit) } catch {
                guard case .invalid(let found) = error else { throw error }
                issues += found
            }
        }
        guard let statisticsBytes else {
            throw .invalid(issues + [ImportIssue(row: 0, column: "", value: "", expectedZH: "文件夹中的 statistics.csv（或 学校统计.csv）",
                                                 expectedEN: "statistics.csv (or 学校统计.csv) in the folder", file: path)])
        }
        let statistics: ImportedStatistics?
        do { statistics = try StatisticsImporter.importData(statisticsBytes) } catch {
            guard case .invalid(let found) = error else { throw error }
            issues += found.map { var i = $0; i.file = statisticsName; return i }
            statistics = nil
        }
        return try validate(statistics, tables, issues: issues)
    }

    /// One workbook with the sheets named in English or Chinese.
    public static func importWorkbook(_ bytes: [UInt8], name: String) throws(ImportError) -> ImportedAssessment {
        guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            throw .invalid([ImportIssue(row: 0, column: "", value: "", expectedZH: "一个 .xlsx 工作簿或一个评估数据文件夹",
                                        expectedEN: "an .xlsx workbook or an assessment folder", file: name)])
        }
        let data = Data(bytes)
        var issues: [ImportIssue] = []
        var tables: [String: TextTable] = [:]
        var statisticsSheet: String?
        for sheet in AssessmentSheet.all {
            var chosen: (sheetName: String, rows: [SheetRow])?
            for wanted in [sheet.key, sheet.zh] {
                do {
                    let r = try XLSXReader.read(data: data, preferredSheet: wanted)
                    if sheet.matches(r.sheetName) { chosen = r; break }
                } catch {
                    throw .invalid([ImportIssue(row: 0, column: "", value: "(xlsx)", expectedZH: "可读取的 .xlsx 工作簿：\(error)",
                                                expectedEN: "a readable .xlsx workbook: \(error)", file: name)])
                }
            }
            guard let chosen else { continue }
            if sheet == .statistics { statisticsSheet = chosen.sheetName }
            do { tables[sheet.key] = try TextTable.sheet(chosen.rows, name: chosen.sheetName, limit: sheet.rowLimit) } catch {
                guard case .invalid(let found) = error else { throw error }
                issues += found
            }
        }
        guard let statisticsSheet else {
            throw .invalid([ImportIssue(row: 0, column: "", value: "", expectedZH: "工作表 statistics（或 学校统计）",
                                        expectedEN: "a sheet named statistics (or 学校统计)", file: name)])
        }
        let statistics: ImportedStatistics?
        do { statistics = try StatisticsImporter.importData(bytes, options: ImportOptions(sheet: statisticsSheet)) } catch {
            guard case .invalid(let found) = error else { throw error }
            issues += found.map { var i = $0; i.file = statisticsSheet; return i }
            statistics = nil
        }
        return try validate(statistics, tables, issues: issues)
    }

    /// Validates every sheet and joins them; any issue anywhere means nothing is returned.
    static func validate(_ statistics: ImportedStatistics?, _ tables: [String: TextTable], issues: [ImportIssue]) throws(ImportError) -> ImportedAssessment {
        var issues = issues
        let records = statistics?.records ?? []
        var v = SheetValidator(codes: Set(records.map(\.schoolCode)))
        var assessed = records.map { AssessedRecord($0) }
        var facts: [String: SchoolFacts] = [:]
        if let t = tables[AssessmentSheet.statistics.key], statistics != nil {
            v.extended(t, records: &assessed, facts: &facts)
        }
        let rooms = tables[AssessmentSheet.rooms.key].map { v.rooms($0) }
        let county = tables[AssessmentSheet.county.key].map { v.county($0) } ?? [:]
        let monitoring = tables[AssessmentSheet.monitoring.key].map { v.monitoring($0) } ?? []
        let reviews = tables[AssessmentSheet.reviews.key].map { v.reviews($0) } ?? []
        let vetoes = tables[AssessmentSheet.vetoes.key].map { v.vetoes($0) } ?? []
        issues += v.issues
        guard issues.isEmpty, let statistics else { throw .invalid(issues) }
        let input = AssessmentInput(statistics: assessed, schools: facts, rooms: rooms, county: county, monitoring: monitoring,
                                    reviews: reviews, vetoes: vetoes)
        return ImportedAssessment(input: input, warnings: statistics.warnings,
                                  absentSheets: AssessmentSheet.all.filter { tables[$0.key] == nil }.map(\.key))
    }
}
