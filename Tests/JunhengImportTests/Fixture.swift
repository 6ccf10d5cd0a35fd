import EquityKit
import Foundation
import JunhengImport
import Testing

/// Small readable inputs and helpers shared by the importer tests.
enum Fixture {
    /// The 15 required columns (school-statistics-template.md), Chinese headers, template order.
    static let header = "学校标识码,学校名称,学校类型,学段,城乡类型,在校生数,班级数,专任教师数,高于规定学历教师数,县级及以上骨干教师数,体育艺术专任教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数"

    /// `header` plus the two per-section student columns used on 合计 rows.
    static let combinedHeader = header + ",小学在校生数,初中在校生数"

    /// A valid 小学 row for `header`: 600 students, 12 classes, 30 teachers (29 degree, 5 backbone, 4 PE/art),
    /// 3000 m² teaching area, 5000 m² sports area, 1,500,000 yuan equipment, 12 multimedia rooms.
    static func primaryRow(_ code: String = "3301020001", name: String = "城关小学") -> String {
        "\(code),\(name),小学,小学,城区,600,12,30,29,5,4,3000,5000,1500000,12"
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Imports CSV text given as UTF-8.
    static func importCSV(_ text: String, options: ImportOptions = ImportOptions()) throws(ImportError) -> ImportedStatistics {
        try StatisticsImporter.importData(bytes(text), options: options)
    }

    /// The issues of a rejected input; records a test issue when the input is accepted or unreadable.
    static func issues(_ bytes: [UInt8], options: ImportOptions = ImportOptions(),
                       sourceLocation: SourceLocation = #_sourceLocation) -> [ImportIssue] {
        do {
            let imported = try StatisticsImporter.importData(bytes, options: options)
            Issue.record("expected the input to be rejected, but \(imported.records.count) record(s) were imported",
                         sourceLocation: sourceLocation)
            return []
        } catch {
            guard case .invalid(let list) = error else {
                Issue.record("expected ImportError.invalid, got \(error)", sourceLocation: sourceLocation)
                return []
            }
            #expect(error.exitCode == 65, sourceLocation: sourceLocation)
            return list
        }
    }

    static func issues(_ text: String, options: ImportOptions = ImportOptions(),
                       sourceLocation: SourceLocation = #_sourceLocation) -> [ImportIssue] {
        issues(bytes(text), options: options, sourceLocation: sourceLocation)
    }

    /// Checks a located issue: its fields, and both messages in the form the spec and ImportIssue document:
    /// `第N行 列「…」: 值 '…' — 应为 …` and `row N, column "…": value '…' — expected …`,
    /// with the "expected" part mentioning `zh` / `en`.
    static func expect(_ issue: ImportIssue?, row: Int, column: String, value: String, zh: String, en: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        guard let issue else {
            Issue.record("no issue found (wanted row \(row), column \(column))", sourceLocation: sourceLocation)
            return
        }
        #expect(issue.row == row, sourceLocation: sourceLocation)
        #expect(issue.column == column, sourceLocation: sourceLocation)
        #expect(issue.value == value, sourceLocation: sourceLocation)
        let zhHead = column.isEmpty ? "第\(row)行: 值 '\(value)' — 应为 " : "第\(row)行 列「\(column)」: 值 '\(value)' — 应为 "
        let enHead = column.isEmpty ? "row \(row): value '\(value)' — expected " : "row \(row), column \"\(column)\": value '\(value)' — expected "
        #expect(issue.zh.hasPrefix(zhHead), "\(issue.zh)", sourceLocation: sourceLocation)
        #expect(issue.en.hasPrefix(enHead), "\(issue.en)", sourceLocation: sourceLocation)
        #expect(issue.zh.count > zhHead.count && issue.en.count > enHead.count, sourceLocation: sourceLocation)
        #expect(issue.expectedZH.contains(zh), "\(issue.expectedZH)", sourceLocation: sourceLocation)
        #expect(issue.expectedEN.contains(en), "\(issue.expectedEN)", sourceLocation: sourceLocation)
    }

    /// A fresh temporary directory, removed by the caller with `removeItem`.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("junheng-import-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// UTF-16 little-endian bytes with a BOM.
    static func utf16LE(_ text: String) -> [UInt8] {
        [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }
}

extension Array where Element == ImportIssue {
    /// The issues on `row`.
    func on(row: Int) -> [ImportIssue] { filter { $0.row == row } }
    /// The single issue on `row` in `column`, or nil.
    func at(row: Int, column: String) -> ImportIssue? {
        let found = filter { $0.row == row && $0.column == column }
        return found.count == 1 ? found[0] : nil
    }
}

extension StatisticsRecord {
    /// The record as if it had not come from a file (row 0), for comparisons.
    var withoutRow: StatisticsRecord {
        var copy = self
        copy.row = 0
        return copy
    }
}
