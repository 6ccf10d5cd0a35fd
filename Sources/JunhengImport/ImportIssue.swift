import Foundation

/// A located problem (or warning) in an imported file: file (when several), row, column header as written, value,
/// what was expected.
public struct ImportIssue: Sendable, Equatable, CustomStringConvertible {
    /// The file's name when an import reads several files ("" for the single statistics file).
    public var file: String
    /// Row as the spreadsheet numbers it (header = 1).
    public var row: Int
    /// The column header as written in the file ("" when the problem concerns a whole row).
    public var column: String
    public var value: String
    public var expectedZH: String
    public var expectedEN: String

    public init(row: Int, column: String, value: String, expectedZH: String, expectedEN: String, file: String = "") {
        self.file = file
        self.row = row
        self.column = column
        self.value = value
        self.expectedZH = expectedZH
        self.expectedEN = expectedEN
    }

    /// `第N行 列「…」: 值 '…' — 应为 …`
    public var zh: String {
        let col = column.isEmpty ? "" : " 列「\(column)」"
        // Row 0: the problem concerns the file (or folder) as a whole.
        let place = row > 0 ? "第\(row)行\(col)" : col.trimmingCharacters(in: .whitespaces)
        return (file.isEmpty ? "" : file + (place.isEmpty ? "" : " ")) + "\(place): 值 '\(value)' — 应为 \(expectedZH)"
    }

    /// `row N, column "…": value '…' — expected …`
    public var en: String {
        let col = column.isEmpty ? "" : ", column \"\(column)\""
        let place = row > 0 ? "row \(row)\(col)" : String(col.dropFirst(2))
        return (file.isEmpty ? "" : file + (place.isEmpty ? "" : " ")) + "\(place): value '\(value)' — expected \(expectedEN)"
    }

    public var description: String { zh }
}

/// Why a statistics file (or a 三个课堂 input folder) was not imported. Nothing is imported when any of these occurs.
public enum ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened or read (exit code 66).
    case unreadable(path: String, reason: String)
    /// The file was read but its content is not valid (exit code 65); every problem is listed.
    case invalid([ImportIssue])

    /// sysexits code: 66 EX_NOINPUT, 65 EX_DATAERR.
    public var exitCode: Int32 {
        switch self {
        case .unreadable: 66
        case .invalid: 65
        }
    }

    public var description: String { lines(english: false).joined(separator: "\n") }

    /// One line per problem, in Chinese or English.
    public func lines(english: Bool) -> [String] {
        switch self {
        case .unreadable(let path, let reason):
            return [english ? "cannot read \(path): \(reason)" : "无法读取文件 \(path)：\(reason)"]
        case .invalid(let issues):
            let head = english ? "\(issues.count) problem(s); nothing was imported:" : "发现 \(issues.count) 处错误，未导入任何数据："
            return [head] + issues.map { english ? $0.en : $0.zh }
        }
    }
}
