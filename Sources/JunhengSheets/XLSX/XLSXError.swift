import Foundation

/// What went wrong reading or writing an XLSX file; `description` says where, in Chinese then English.
public enum XLSXError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The bytes are not a zip archive (legacy .xls, encrypted workbook, or not a spreadsheet at all).
    case notAZipArchive
    /// A required part of the package is absent, e.g. "xl/workbook.xml".
    case missingPart(String)
    /// A part is not well-formed XML, or holds a value this reader cannot interpret.
    case malformedXML(part: String, line: Int, message: String)
    /// The workbook lists no worksheet (or, when writing, no sheet was added).
    case noWorksheet
    /// The file or a zip entry could not be read.
    case unreadable(String)
    /// The output could not be written.
    case unwritable(String)
    /// A sheet exceeds an Excel limit (rows or columns).
    case limitExceeded(String)
    /// Reading `part` would go past a `ReadLimits` bound (zip bomb, padded reference, huge string table).
    case readLimit(part: String, zh: String, en: String)

    public var description: String {
        switch self {
        case .notAZipArchive:
            return "不是 XLSX 文件（不是 ZIP 压缩包；旧版 .xls 或加密文件请另存为 .xlsx）"
                + " / Not an XLSX file (not a zip archive; save legacy .xls or encrypted files as .xlsx)"
        case .missingPart(let part):
            return "XLSX 文件缺少部件 \(part) / The XLSX file has no part \(part)"
        case .malformedXML(let part, let line, let message):
            return "\(part) 第 \(line) 行 XML 格式错误：\(message) / Malformed XML in \(part) at line \(line): \(message)"
        case .noWorksheet:
            return "工作簿中没有工作表 / The workbook has no worksheet"
        case .unreadable(let detail):
            return "无法读取：\(detail) / Cannot read: \(detail)"
        case .unwritable(let detail):
            return "无法写入：\(detail) / Cannot write: \(detail)"
        case .limitExceeded(let detail):
            return "超出 Excel 限制：\(detail) / Exceeds an Excel limit: \(detail)"
        case .readLimit(let part, let zh, let en):
            return "\(part) 超出读取限制：\(zh) / \(part) is over a read limit: \(en)"
        }
    }
}
