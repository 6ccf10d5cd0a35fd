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
    /// Non-zero only on the line closing a list cut at `ReadLimits.issues`: the problems found but not listed.
    public var moreNotListed = 0

    public init(row: Int, column: String, value: String, expectedZH: String, expectedEN: String, file: String = "") {
        self.file = file
        self.row = row
        self.column = column
        self.value = value
        self.expectedZH = expectedZH
        self.expectedEN = expectedEN
    }

    /// The line closing a list of problems that was cut short: `… 另有 N 处错误未列出` / `… and N more`.
    public static func more(_ count: Int) -> ImportIssue {
        var i = ImportIssue(row: 0, column: "", value: "", expectedZH: "", expectedEN: "")
        i.moreNotListed = count
        return i
    }

    /// A file that passed a `ReadLimits` bound at `row` (and 1-based `column` when not 0); reading stopped there.
    static func readLimit(row: Int, column: Int, zh: String, en: String, file: String = "") -> ImportIssue {
        ImportIssue(row: row, column: column == 0 ? "" : "第\(column)列 / column \(column)", value: "…",
                    expectedZH: "读取限制内的文件：" + zh, expectedEN: "a file within the read limits: " + en, file: file)
    }

    /// Keeps the first `limit` of `issues` in row order and closes the list with `more` when any were left
    /// out (`alreadyOmitted` counts those dropped earlier).
    public static func capped(_ issues: [ImportIssue], limit: Int, alreadyOmitted: Int = 0) -> [ImportIssue] {
        let listed = issues.filter { $0.moreNotListed == 0 }
        let omitted = alreadyOmitted + issues.reduce(0) { $0 + $1.moreNotListed } + max(0, listed.count - limit)
        var kept = listed.count > limit ? Array(listed.sorted { $0.row < $1.row }.prefix(limit)) : listed
        if omitted > 0 { kept.append(.more(omitted)) }
        return kept
    }

    /// `第N行 列「…」: 值 '…' — 应为 …`
    public var zh: String {
        if moreNotListed > 0 { return "… 另有 \(moreNotListed) 处错误未列出" }
        let col = column.isEmpty ? "" : " 列「\(column)」"
        // Row 0: the problem concerns the file (or folder) as a whole.
        let place = row > 0 ? "第\(row)行\(col)" : col.trimmingCharacters(in: .whitespaces)
        return (file.isEmpty ? "" : file + (place.isEmpty ? "" : " ")) + "\(place): 值 '\(value)' — 应为 \(expectedZH)"
    }

    /// `row N, column "…": value '…' — expected …`
    public var en: String {
        if moreNotListed > 0 { return "… and \(moreNotListed) more" }
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
            let total = issues.problemTotal
            let head = english ? "\(total) problem(s); nothing was imported:" : "发现 \(total) 处错误，未导入任何数据："
            return [head] + issues.map { english ? $0.en : $0.zh }
        }
    }
}

extension Array where Element == ImportIssue {
    /// How many problems the list stands for: the listed ones plus those its closing "… and N more" line counts.
    public var problemTotal: Int { reduce(0) { $0 + ($1.moreNotListed > 0 ? $1.moreNotListed : 1) } }
}
