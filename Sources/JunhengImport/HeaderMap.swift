/// Where each template column sits in a file, found from its header row.
struct HeaderMap {
    /// File column of each template column (index as in `TemplateColumn.all`), nil when absent.
    var fileColumn: [Int?]
    /// Header text as written in the file, per template column.
    var written: [String]
    /// Headers of columns that are not part of the template (kept, ignored).
    var ignored: [String]
    /// The header's row number.
    var row: Int

    /// Looks for the header among the first rows: the first with 学校标识码/school_code and at least three template headers.
    static func find<R: TableRow>(in row: R) -> Bool {
        var matches = 0, hasCode = false
        for c in 0..<row.cellCount {
            guard let col = TemplateColumn.matching(row.text(c)) else { continue }
            matches += 1
            if col.key == "school_code" { hasCode = true }
        }
        return hasCode && matches >= 3
    }

    /// Maps the header row; duplicated template columns and missing required ones are reported as issues.
    init<R: TableRow>(header: R, issues: inout [ImportIssue]) {
        let columns = TemplateColumn.all
        fileColumn = Array(repeating: nil, count: columns.count)
        written = columns.map(\.header)
        ignored = []
        row = header.number
        for c in 0..<header.cellCount {
            let name = header.text(c)
            guard !name.isEmpty else { continue }
            guard let col = TemplateColumn.matching(name) else { ignored.append(name); continue }
            let k = TemplateColumn.index(col.key)
            if let first = fileColumn[k] {
                issues.append(ImportIssue(row: row, column: name, value: name,
                    expectedZH: "每列只出现一次（与第\(first + 1)列「\(written[k])」重复）",
                    expectedEN: "each column once (repeats column \(first + 1) \"\(written[k])\")"))
                continue
            }
            fileColumn[k] = c
            written[k] = name
        }
        for (k, col) in columns.enumerated() where col.required && fileColumn[k] == nil {
            issues.append(ImportIssue(row: row, column: col.header, value: "",
                expectedZH: "必填列「\(col.header)」（或 \(col.key)），表头中没有此列",
                expectedEN: "required column \"\(col.header)\" (or \(col.key)), missing from the header"))
        }
    }
}
