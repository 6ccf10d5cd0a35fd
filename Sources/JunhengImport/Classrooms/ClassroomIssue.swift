/// A located problem in a 三个课堂 input file: file, row, column, value, what was expected.
public struct ClassroomIssue: Sendable, Equatable {
    public var file: String
    public var issue: ImportIssue

    public init(file: String, row: Int, column: String, value: String, expectedZH: String, expectedEN: String) {
        self.file = file
        issue = ImportIssue(row: row, column: column, value: value, expectedZH: expectedZH, expectedEN: expectedEN)
    }

    /// `schools.csv 第N行 列「…」: 值 '…' — 应为 …`
    public var zh: String { file + " " + issue.zh }
    /// `schools.csv row N, column "…": value '…' — expected …`
    public var en: String { file + " " + issue.en }
}

/// Why a 三个课堂 input folder was not imported; nothing is imported when any of these occurs.
public enum ClassroomImportError: Error, Sendable, Equatable {
    /// A file could not be read (exit code 66).
    case unreadable(path: String, reason: String)
    /// The files were read but are not valid (exit code 65); every problem is listed.
    case invalid([ClassroomIssue])

    /// sysexits code: 66 EX_NOINPUT, 65 EX_DATAERR.
    public var exitCode: Int32 {
        switch self {
        case .unreadable: 66
        case .invalid: 65
        }
    }

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
