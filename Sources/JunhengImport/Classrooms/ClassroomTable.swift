import Foundation
import JunhengSheets

/// One of the input folder's files read as rows of trimmed text (CSV in UTF-8/GB18030, or XLSX's first sheet),
/// with its columns found by header.
struct ClassroomTable {
    var file: String
    var headerRow: Int
    /// Column positions in `columns` order; nil when the file lacks the column.
    var positions: [Int?]
    var rows: [(number: Int, cells: [String])]

    /// Reads `DIR/name.csv` or `DIR/name.xlsx`; records header problems in `issues`.
    static func read(_ kind: ClassroomFile, in directory: URL, limits: ReadLimits = .default,
                     issues: inout [ImportIssue]) throws(ImportError) -> ClassroomTable {
        try read(name: kind.rawValue, columns: kind.columns, in: directory, limits: limits, issues: &issues)
    }

    /// Reads `DIR/name.csv` or `DIR/name.xlsx` with the given columns (shared by the other folder importers).
    static func read(name: String, columns: [ClassroomFile.Column], in directory: URL, limits: ReadLimits = .default,
                     issues: inout [ImportIssue]) throws(ImportError) -> ClassroomTable {
        let fm = FileManager.default
        let csv = directory.appendingPathComponent(name + ".csv"), xlsx = directory.appendingPathComponent(name + ".xlsx")
        let url = fm.fileExists(atPath: csv.path) ? csv : xlsx
        let file = url.lastPathComponent
        guard let data = fm.contents(atPath: url.path) else {
            throw .unreadable(path: directory.appendingPathComponent(name + ".csv").path,
                              reason: "缺少 \(name).csv 或 .xlsx / missing \(name).csv or .xlsx")
        }
        return parse(columns: columns, data: data, file: file, limits: limits, issues: &issues)
    }

    /// Reads the bytes of a file named `file` (CSV or XLSX by content); records every problem in `issues`.
    static func parse(_ kind: ClassroomFile, data: Data, file: String, limits: ReadLimits = .default,
                      issues: inout [ImportIssue]) -> ClassroomTable {
        parse(columns: kind.columns, data: data, file: file, limits: limits, issues: &issues)
    }

    /// Reads the bytes of a file with the given columns; records every problem in `issues`.
    static func parse(columns: [ClassroomFile.Column], data: Data, file: String, limits: ReadLimits = .default,
                      issues: inout [ImportIssue]) -> ClassroomTable {
        var raw: [(Int, [String])] = []
        if data.count > limits.fileBytes {
            issues.append(ImportIssue(row: 1, column: "", value: "(\(data.count) bytes)", expectedZH: "不超过 \(limits.fileBytes) 字节的文件",
                                      expectedEN: "a file of at most \(limits.fileBytes) bytes", file: file))
        } else if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            do { raw = try XLSXReader.read(data: data, preferredSheet: nil, limits: limits).rows.map { ($0.number, $0.cells) } } catch {
                issues.append(ImportIssue(row: 1, column: "", value: "(xlsx)", expectedZH: "可读取的 .xlsx 工作簿：\(error)",
                                             expectedEN: "a readable .xlsx workbook: \(error)", file: file))
            }
        } else {
            do {
                let text = try TextDecoding.utf8(from: [UInt8](data))
                try text.bytes.withUnsafeBufferPointer { p in
                    try CSVReader.forEachRecord(in: p, delimiter: CSVReader.detectDelimiter(in: p), limits: limits) { r in
                        raw.append((r.number, (0..<r.count).map { r.string($0) }))
                    }
                }
            } catch CSVError.limitExceeded(let row, let column, let zh, let en) {
                issues.append(.readLimit(row: row, column: column, zh: zh, en: en, file: file))
            } catch {
                issues.append(ImportIssue(row: 1, column: "", value: "", expectedZH: "UTF-8 或 GB18030 编码的 CSV：\(error)",
                                             expectedEN: "UTF-8 or GB18030 CSV text: \(error)", file: file))
            }
        }
        let rows = raw.map { (number: $0.0, cells: $0.1.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }) }
            .filter { !$0.cells.allSatisfy(\.isEmpty) }
        guard let header = rows.first else {
            issues.append(ImportIssue(row: 1, column: "", value: "", expectedZH: "表头行和数据行", expectedEN: "a header row and data rows", file: file))
            return ClassroomTable(file: file, headerRow: 1, positions: columns.map { _ in nil }, rows: [])
        }
        let positions = columns.map { c in header.cells.firstIndex { $0 == c.zh || $0.lowercased() == c.en } }
        for (c, p) in zip(columns, positions) where p == nil && c.required {
            issues.append(ImportIssue(row: header.number, column: c.zh, value: "",
                                         expectedZH: "表头中的「\(c.zh)」列", expectedEN: "a \"\(c.zh)\" (\(c.en)) column in the header", file: file))
        }
        return ClassroomTable(file: file, headerRow: header.number, positions: positions, rows: Array(rows.dropFirst()))
    }

    /// The cell of column `k` in `row` ("" when the column is absent).
    func cell(_ row: [String], _ k: Int) -> String {
        guard let p = positions[k], p < row.count else { return "" }
        return row[p]
    }
}
