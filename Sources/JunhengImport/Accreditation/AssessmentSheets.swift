import Foundation
import JunhengSheets

/// A column of one of the assessment package's sheets: English key, Chinese header, other accepted headers.
public struct AssessmentColumn: Sendable, Equatable {
    public var key: String
    public var header: String
    public var aliases: [String]
    public var required: Bool
    public var note: String

    init(_ key: String, _ header: String, aliases: [String] = [], required: Bool = true, note: String = "") {
        self.key = key
        self.header = header
        self.aliases = aliases
        self.required = required
        self.note = note
    }

    func matches(_ name: String) -> Bool {
        let n = TemplateColumn.normalisedHeader(name)
        return n.lowercased() == key || n == header || aliases.contains(n)
    }
}

/// One sheet of the assessment package (a CSV file in a folder, or a sheet of one workbook).
public struct AssessmentSheet: Sendable, Equatable {
    /// English name: the CSV file's stem and the sheet name.
    public var key: String
    /// Chinese name, accepted instead.
    public var zh: String
    public var columns: [AssessmentColumn]
    /// Most data rows accepted.
    public var rowLimit: Int

    public static let statistics = AssessmentSheet(key: "statistics", zh: "学校统计", columns: AssessmentSheet.extendedStatistics, rowLimit: 300_000)
    public static let rooms = AssessmentSheet(key: "rooms", zh: "专用教室", columns: [
        .init("school_code", "学校标识码"), .init("kind", "类型", aliases: ["教室类型"], note: "音乐/美术"),
        .init("area_m2", "面积", aliases: ["使用面积"], note: "平方米"),
    ], rowLimit: 200_000)
    public static let county = AssessmentSheet(key: "county", zh: "县级数据", columns: [
        .init("key", "项目", aliases: ["指标"], note: "英文键或中文名称"), .init("value", "数值", aliases: ["值"]),
    ], rowLimit: 1_000)
    public static let monitoring = AssessmentSheet(key: "monitoring", zh: "质量监测", columns: [
        .init("subject", "科目"), .init("level", "等级", aliases: ["学业水平等级"], note: "Ⅰ–Ⅳ 或 1–4"),
        .init("between_school_rate", "校际差异率", note: "按监测报告原值"),
    ], rowLimit: 200)
    public static let reviews = AssessmentSheet(key: "reviews", zh: "评审意见", columns: [
        .init("key", "项目", aliases: ["指标"], note: "G1、G2 …"), .init("school_code", "学校标识码", required: false, note: "按校评审的项目"),
        .init("verdict", "结论", aliases: ["评审结论"], note: "达标/不达标"), .init("reviewer", "评审人", required: false),
        .init("comment", "意见", aliases: ["评审意见"], required: false),
    ], rowLimit: 100_000)
    public static let vetoes = AssessmentSheet(key: "vetoes", zh: "否决事项", columns: [
        .init("key", "项目", aliases: ["事项"], note: "V1–V7"), .init("value", "是否存在", aliases: ["结论"], note: "是/否"),
        .init("explanation", "说明", required: false),
    ], rowLimit: 100)

    /// Every sheet in package order.
    public static let all: [AssessmentSheet] = [statistics, rooms, county, monitoring, reviews, vetoes]

    /// The columns the assessment adds to the statistics template (all optional).
    public static let extendedStatistics: [AssessmentColumn] = [
        .init("boarding", "是否寄宿制", required: false, note: "是/否，空为否；学校级"),
        .init("public_school", "是否公办", required: false, note: "是/否，空为是；学校级"),
        .init("new_entrants", "招生数", required: false, note: "本学段本年招生数"),
        .init("new_entrants_in_catchment", "划片内招生数", required: false),
        .init("approved_public_funds_yuan", "核定公用经费", required: false, note: "元；学校级"),
        .init("teachers_360h", "完成5年360学时培训教师数", required: false),
        .init("public_funds_budget_yuan", "公用经费预算总额", required: false, note: "元；学校级"),
        .init("training_budget_yuan", "教师培训经费预算", required: false, note: "元；学校级"),
        .init("moral_education_rating", "德育与校园文化评定", required: false, note: "优秀/良好/合格/不合格；学校级"),
        .init("planned_by_2016", "2016年前规划建设", required: false, note: "是/否，空为否；学校级；省定专用教室面积放宽"),
        .init("built_by_2010", "2010年前建成", required: false, note: "是/否，空为否；学校级；省定规模放宽"),
    ]

    func matches(_ name: String) -> Bool {
        let n = name.trimmingCharacters(in: .whitespaces)
        return n.lowercased() == key || n == zh
    }
}

/// A sheet's rows as trimmed text, from a CSV file or a workbook sheet.
struct TextTable {
    /// The file name or sheet name, for error locations.
    var name: String
    var rows: [(number: Int, cells: [String])]

    /// Longest cell text accepted (comments and explanations included).
    static let cellLimit = 4_000

    /// Header row (the first non-blank row) and each column's position, or issues for missing/duplicate columns.
    func header(_ sheet: AssessmentSheet, issues: inout [ImportIssue]) -> (row: Int, columns: [String: Int], written: [String: String])? {
        guard let first = rows.first(where: { !$0.cells.allSatisfy(\.isEmpty) }) else {
            issues.append(ImportIssue(row: 1, column: "", value: "", expectedZH: "表头行（\(sheet.columns.map(\.header).joined(separator: "、"))）",
                                      expectedEN: "a header row (\(sheet.columns.map(\.key).joined(separator: ", ")))", file: name))
            return nil
        }
        var columns: [String: Int] = [:], written: [String: String] = [:]
        var ok = true
        for (c, text) in first.cells.enumerated() {
            guard let col = sheet.columns.first(where: { $0.matches(text) }) else { continue }
            if columns[col.key] != nil {
                issues.append(ImportIssue(row: first.number, column: text, value: text, expectedZH: "每列只出现一次", expectedEN: "each column once", file: name))
                ok = false
            }
            columns[col.key] = c
            written[col.key] = text
        }
        for col in sheet.columns where col.required && columns[col.key] == nil {
            issues.append(ImportIssue(row: first.number, column: col.header, value: "", expectedZH: "必填列「\(col.header)」（或 \(col.key)）",
                                      expectedEN: "required column \"\(col.header)\" (or \(col.key))", file: name))
            ok = false
        }
        return ok ? (first.number, columns, written) : nil
    }

    /// Reads CSV bytes (UTF-8, UTF-8 with BOM, UTF-16 or GB18030), at most `limit` rows.
    static func csv(_ bytes: [UInt8], name: String, limit: Int) throws(ImportError) -> TextTable {
        let text: [UInt8]
        do { text = try TextDecoding.utf8(from: bytes).bytes } catch {
            guard case .invalidBytes(_, _, let row) = error else { throw .invalid([]) }
            throw .invalid([ImportIssue(row: row, column: "", value: "", expectedZH: "UTF-8 或 GB18030 编码的文本",
                                        expectedEN: "UTF-8 or GB18030 text", file: name)])
        }
        var rows: [(Int, [String])] = []
        var tooMany = false, tooLong: Int?
        do {
            try text.withUnsafeBufferPointer { p in
                try CSVReader.forEachRecord(in: p, delimiter: CSVReader.detectDelimiter(in: p)) { record in
                    guard rows.count <= limit else { tooMany = true; return }
                    var cells: [String] = []
                    for i in 0..<min(record.count, 200) {
                        let s = record.withField(i) { CellParsing.text($0) }
                        if s.count > cellLimit { tooLong = tooLong ?? record.number }
                        cells.append(s)
                    }
                    rows.append((record.number, cells))
                }
            }
        } catch let error as CSVError {
            guard case .unterminatedQuote(let row) = error else { throw .invalid([]) }
            throw .invalid([ImportIssue(row: row, column: "", value: "\"…", expectedZH: "成对的双引号（引号未闭合）", expectedEN: "a closing double quote", file: name)])
        } catch { throw .invalid([]) }
        try check(name: name, limit: limit, tooMany: tooMany, tooLong: tooLong)
        return TextTable(name: name, rows: rows)
    }

    /// Rows of a workbook sheet.
    static func sheet(_ rows: [SheetRow], name: String, limit: Int) throws(ImportError) -> TextTable {
        var out: [(Int, [String])] = []
        var tooLong: Int?
        for r in rows.prefix(limit + 1) {
            let cells = r.cells.prefix(200).map { s -> String in
                var s = s
                let t = s.withUTF8 { CellParsing.text($0) }
                if t.count > cellLimit { tooLong = tooLong ?? r.number }
                return t
            }
            out.append((r.number, cells))
        }
        try check(name: name, limit: limit, tooMany: rows.count > limit + 1, tooLong: tooLong)
        return TextTable(name: name, rows: out)
    }

    private static func check(name: String, limit: Int, tooMany: Bool, tooLong: Int?) throws(ImportError) {
        if tooMany {
            throw .invalid([ImportIssue(row: limit + 2, column: "", value: "", expectedZH: "不超过 \(limit) 行数据", expectedEN: "at most \(limit) data rows", file: name)])
        }
        if let tooLong {
            throw .invalid([ImportIssue(row: tooLong, column: "", value: "", expectedZH: "每个单元格不超过 \(cellLimit) 个字符",
                                        expectedEN: "cells of at most \(cellLimit) characters", file: name)])
        }
    }
}
