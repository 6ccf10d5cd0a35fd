import EquityKit
import Foundation
import Funding
import JunhengSheets

/// A validated budget file: every row passed.
public struct ImportedBudget: Sendable {
    public var lines: [BudgetLine]
    public var projects: [FundingProject]
    /// Accepted but rewritten values (thousands separators, full-width digits), located like errors.
    public var warnings: [ImportIssue]
}

/// Reads a budget file (CSV in UTF-8 or GB18030, or XLSX with the sheets 预算 and optional 项目) all or nothing:
/// every problem is listed with file, row and column, at most `ReadLimits.issues` of them. Amounts are decimal text
/// turned into 分 without floating point.
public enum FundingImporter {
    /// Bounds so a hostile file cannot make the check or the database grow without limit.
    public static let maximumLines = 1_000_000, maximumProjects = 100_000, maximumExecutionPoints = 24

    /// Reads `path` (and a separate projects CSV/XLSX at `projectsPath`, if given).
    public static func importFile(atPath path: String, projectsPath: String? = nil, knownSchools: Set<String>? = nil,
                                  catalogs: [Int: ClassificationCatalog] = builtInCatalogs(),
                                  limits: ReadLimits = .default) throws(ImportError) -> ImportedBudget {
        func read(_ p: String) throws(ImportError) -> Data {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw .unreadable(path: p, reason: "文件不存在或是文件夹 / no such file, or a directory")
            }
            guard let d = FileManager.default.contents(atPath: p) else { throw .unreadable(path: p, reason: "读取失败 / read error") }
            return d
        }
        let budget = try read(path)
        let projects = try projectsPath.map { p throws(ImportError) in (name: (p as NSString).lastPathComponent, data: try read(p)) }
        return try importData(budget, name: (path as NSString).lastPathComponent, projects: projects, knownSchools: knownSchools,
                              catalogs: catalogs, limits: limits)
    }

    /// The built-in classification catalogues by fiscal year.
    public static func builtInCatalogs() -> [Int: ClassificationCatalog] {
        Dictionary(uniqueKeysWithValues: ClassificationCatalog.builtInYears.compactMap { y in ClassificationCatalog.builtIn(year: y).map { (y, $0) } })
    }

    /// The same checks on bytes (CSV or XLSX by content). An XLSX file's 项目 sheet is read when `projects` is nil.
    public static func importData(_ data: Data, name: String, projects: (name: String, data: Data)? = nil, knownSchools: Set<String>? = nil,
                                  catalogs: [Int: ClassificationCatalog] = builtInCatalogs(),
                                  limits: ReadLimits = .default) throws(ImportError) -> ImportedBudget {
        var issues: [ImportIssue] = []
        let budgetTable = table(.budget, data: data, file: name, limits: limits, issues: &issues)
        var projectTable: ClassroomTable?
        if let projects {
            projectTable = table(.projects, data: projects.data, file: projects.name, limits: limits, issues: &issues)
        } else if isXLSX(data), hasSheet(data, FundingFile.projects.sheetNames, limits: limits) {
            projectTable = table(.projects, data: data, file: name, limits: limits, issues: &issues)
        }
        var v = FundingValidation(knownSchools: knownSchools, catalogs: catalogs)
        if let budgetTable { v.readBudget(budgetTable) }
        if let projectTable { v.readProjects(projectTable) }
        let all = issues + v.issues
        guard all.isEmpty else { throw .invalid(ImportIssue.capped(all, limit: limits.issues)) }
        return ImportedBudget(lines: v.lines, projects: v.projects, warnings: v.warnings)
    }

    static func isXLSX(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    static func hasSheet(_ data: Data, _ names: [String], limits: ReadLimits) -> Bool {
        guard let r = try? XLSXReader.read(data: data, preferredSheet: names[0], limits: limits) else { return false }
        return names.contains { $0.lowercased() == r.sheetName.trimmingCharacters(in: .whitespaces).lowercased() }
    }

    /// Reads one sheet (XLSX: by name, else the first; CSV: the whole file) and maps its header.
    static func table(_ kind: FundingFile, data: Data, file: String, limits: ReadLimits, issues: inout [ImportIssue]) -> ClassroomTable? {
        guard isXLSX(data), data.count <= limits.fileBytes else {
            return ClassroomTable.parse(columns: kind.columns, data: data, file: file, limits: limits, issues: &issues)
        }
        var sheet = kind.sheetNames[0]
        if kind == .budget, !hasSheet(data, kind.sheetNames, limits: limits) { sheet = "" }
        let raw: [(Int, [String])]
        do { raw = try XLSXReader.read(data: data, preferredSheet: sheet.isEmpty ? nil : sheet, limits: limits).rows.map { ($0.number, $0.cells) } } catch {
            issues.append(ImportIssue(row: 1, column: "", value: "(xlsx)", expectedZH: "可读取的 .xlsx 工作簿：\(error)",
                                      expectedEN: "a readable .xlsx workbook: \(error)", file: file))
            return nil
        }
        let rows = raw.map { (number: $0.0, cells: $0.1.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }) }.filter { !$0.cells.allSatisfy(\.isEmpty) }
        guard let header = rows.first else {
            issues.append(ImportIssue(row: 1, column: "", value: "", expectedZH: "表头行和数据行", expectedEN: "a header row and data rows", file: file))
            return nil
        }
        let positions = kind.columns.map { c in header.cells.firstIndex { $0 == c.zh || $0.lowercased() == c.en } }
        for (c, p) in zip(kind.columns, positions) where p == nil && c.required {
            issues.append(ImportIssue(row: header.number, column: c.zh, value: "", expectedZH: "表头中的「\(c.zh)」列",
                                      expectedEN: "a \"\(c.zh)\" (\(c.en)) column in the header", file: file))
        }
        return ClassroomTable(file: file, headerRow: header.number, positions: positions, rows: Array(rows.dropFirst()))
    }
}

/// Row checks of budget files.
struct FundingValidation {
    var knownSchools: Set<String>?
    var catalogs: [Int: ClassificationCatalog]
    var issues: [ImportIssue] = [], warnings: [ImportIssue] = []
    var lines: [BudgetLine] = [], projects: [FundingProject] = []

    struct Row {
        var table: ClassroomTable, kind: FundingFile, number: Int, cells: [String]
        func text(_ k: Int) -> String { table.cell(cells, k) }
        func header(_ k: Int) -> String { kind.columns[k].zh }
    }

    mutating func fail(_ r: Row, _ k: Int, zh: String, en: String) {
        issues.append(ImportIssue(row: r.number, column: r.header(k), value: String(r.text(k).prefix(80)), expectedZH: zh, expectedEN: en, file: r.table.file))
    }

    mutating func code(_ r: Row, _ k: Int) -> String? {
        let t = r.text(k)
        guard CodeRule.isValid(t) else { fail(r, k, zh: CodeRule.descriptionZH, en: CodeRule.descriptionEN); return nil }
        return t
    }

    mutating func school(_ r: Row, _ k: Int) -> String? {
        guard let c = code(r, k) else { return nil }
        if let known = knownSchools, !known.contains(c) { fail(r, k, zh: "统计表中的学校标识码", en: "a school code of the statistics file"); return nil }
        return c
    }

    mutating func year(_ r: Row, _ k: Int) -> Int? {
        guard let y = Int(r.text(k)), (2000...2100).contains(y) else { fail(r, k, zh: "2000–2100 之间的年份", en: "a year from 2000 to 2100"); return nil }
        return y
    }

    /// Full-width digits, '．' and '，' become ASCII (with a warning); amounts are then parsed exactly.
    mutating func amount(_ r: Row, _ k: Int, wan: Bool) -> Fen? {
        var t = r.text(k)
        let normalised = String(String.UnicodeScalarView(t.unicodeScalars.map { s -> Unicode.Scalar in
            if (0xFF10...0xFF19).contains(s.value) { return Unicode.Scalar(s.value - 0xFF10 + 48) ?? s }
            if s == "．" { return "." }
            if s == "，" { return "," }
            return s
        }))
        if normalised != t || normalised.contains(",") {
            warnings.append(ImportIssue(row: r.number, column: r.header(k), value: String(t.prefix(80)), expectedZH: "已按 \(normalised.replacingOccurrences(of: ",", with: "")) 读取",
                                        expectedEN: "read as \(normalised.replacingOccurrences(of: ",", with: ""))", file: r.table.file))
        }
        t = normalised
        guard let f = wan ? Fen.parse(wanYuan: t) : Fen.parse(yuan: t), f.fen >= 0 else {
            fail(r, k, zh: wan ? "不小于 0、至多 6 位小数的万元金额（不超过 1000 亿万元）" : "不小于 0、至多 2 位小数的金额（元，不超过 10 万亿）",
                 en: wan ? "an amount in 万元 ≥ 0 with at most 6 decimals" : "an amount in yuan ≥ 0 with at most 2 decimals (≤ 10^13 yuan)")
            return nil
        }
        return f
    }

    mutating func date(_ r: Row, _ k: Int) -> CivilDate?? {
        let t = r.text(k)
        if t.isEmpty { return .some(nil) }
        guard let d = CivilDate(t) else { fail(r, k, zh: "YYYY-MM-DD 格式的日期", en: "a date as YYYY-MM-DD"); return nil }
        return .some(d)
    }

    func rows(_ t: ClassroomTable, _ kind: FundingFile) -> [Row] { t.rows.map { Row(table: t, kind: kind, number: $0.number, cells: $0.cells) } }

    mutating func readBudget(_ t: ClassroomTable) {
        let wan = t.positions[7] == nil && t.positions[8] != nil
        if t.positions[7] == nil && t.positions[8] == nil {
            issues.append(ImportIssue(row: t.headerRow, column: "金额（元）", value: "", expectedZH: "表头中的「金额（元）」或「金额（万元）」列",
                                      expectedEN: "an \"amount_yuan\" or \"amount_wan_yuan\" column in the header", file: t.file))
            return
        }
        var seen: [String: Int] = [:]
        for r in rows(t, .budget) {
            if lines.count >= FundingImporter.maximumLines {
                fail(r, 0, zh: "不超过 \(FundingImporter.maximumLines) 行预算明细", en: "at most \(FundingImporter.maximumLines) budget lines"); break
            }
            let school = school(r, 0), year = year(r, 1)
            let phase = BudgetPhase(label: r.text(2))
            if phase == nil { fail(r, 2, zh: "年初预算、调整预算、执行 或 决算", en: "initial, adjusted, executed or final") }
            let catalog = year.flatMap { catalogs[$0] }
            if year != nil && catalog == nil { fail(r, 1, zh: "有分类科目表的年度（内置 2025、2026，或提供覆盖文件）", en: "a fiscal year with a classification list (built in: 2025, 2026)") }
            var functional: String? = r.text(3), economic: String? = r.text(4)
            if let c = catalog {
                if c.functionalName(r.text(3)) == nil { fail(r, 3, zh: "\(c.fiscalYear) 年支出功能分类科目表中的编码", en: "a functional code of the \(c.fiscalYear) list"); functional = nil }
                if c.economicName(r.text(4)) == nil { fail(r, 4, zh: "\(c.fiscalYear) 年支出经济分类科目表中的编码", en: "an economic code of the \(c.fiscalYear) list"); economic = nil }
            }
            let programme = r.text(6)
            if programme.count > 100 { fail(r, 6, zh: "至多 100 个字符", en: "at most 100 characters") }
            let source = FundSource(label: r.text(5), programme: programme)
            if source == nil {
                if ["上级转移支付", "转移支付", "transfer"].contains(r.text(5).lowercased()) {
                    fail(r, 6, zh: "上级转移支付须填写转移支付项目", en: "the transfer programme (required for a transfer)")
                } else { fail(r, 5, zh: "本级、上级转移支付 或 社会捐赠", en: "own, transfer or donation") }
            }
            let amount = amount(r, wan ? 8 : 7, wan: wan)
            guard let school, let year, let phase, let functional, let economic, let source, let amount, catalog != nil, programme.count <= 100 else { continue }
            let key = [school, "\(year)", phase.key, functional, economic, source.key, source.programme].joined(separator: "\u{1F}")
            if let first = seen[key] {
                fail(r, 0, zh: "不重复的预算明细（与第\(first)行相同的学校、年度、阶段、科目和资金来源）", en: "a line not given before (same as row \(first))"); continue
            }
            seen[key] = r.number
            lines.append(BudgetLine(schoolCode: school, fiscalYear: year, phase: phase, functionalCode: functional, economicCode: economic,
                                    source: source, amount: amount, row: r.number))
        }
        if lines.isEmpty && issues.isEmpty {
            issues.append(ImportIssue(row: 0, column: "", value: "", expectedZH: "至少一行预算明细", expectedEN: "at least one budget line", file: t.file))
        }
    }

    mutating func readProjects(_ t: ClassroomTable) {
        var seen = Set<String>()
        let stageColumns: [(ProcurementStage, Int)] = [(.intent, 7), (.tender, 8), (.award, 9), (.contract, 10), (.acceptance, 11), (.payment, 12)]
        for r in rows(t, .projects) {
            if projects.count >= FundingImporter.maximumProjects {
                fail(r, 0, zh: "不超过 \(FundingImporter.maximumProjects) 个项目", en: "at most \(FundingImporter.maximumProjects) projects"); break
            }
            let code = code(r, 0), name = r.text(1), school = school(r, 2), year = year(r, 3), indicator = r.text(4)
            if name.isEmpty || name.count > 100 { fail(r, 1, zh: "1–100 个字符的项目名称", en: "a name of 1–100 characters") }
            let indicatorOK = indicator.isEmpty || (indicator.utf8.count <= 4 && indicator.first.map { "RGQSEV".contains($0) } == true
                && indicator.dropFirst().allSatisfy { $0.isASCII && $0.isNumber } && indicator.count >= 2)
            if !indicatorOK { fail(r, 4, zh: "优质均衡指标编号（如 R4、G3、Q4）或留空", en: "an indicator key such as R4, G3, Q4, or blank") }
            let budget = amount(r, 5, wan: false)
            let planned = date(r, 6)
            var stages: [ProcurementStage: CivilDate] = [:], datesOK = true
            var last: (ProcurementStage, CivilDate)?
            for (stage, k) in stageColumns {
                guard let d = date(r, k) else { datesOK = false; continue }
                guard let d else { continue }
                if let (ls, ld) = last, d < ld {
                    fail(r, k, zh: "不早于\(ls.rawValue)日期 \(ld)", en: "a date not before the \(ls.key) date \(ld)"); datesOK = false
                }
                stages[stage] = d
                last = (stage, d)
            }
            let execution = executionPoints(r, 13)
            if let code, !seen.insert(code).inserted { fail(r, 0, zh: "不重复的项目编码", en: "a project code not used before"); continue }
            guard let code, !name.isEmpty, name.count <= 100, let school, let year, indicatorOK, let budget, let planned, datesOK, let execution else { continue }
            projects.append(FundingProject(code: code, name: name, schoolCode: school, fiscalYear: year, indicatorKey: indicator, budget: budget,
                                           plannedTender: planned, stages: stages, execution: execution, row: r.number))
        }
    }

    /// `2026-03-31:20;2026-06-30:55`: dates ascending, percents 0–100 and not falling.
    mutating func executionPoints(_ r: Row, _ k: Int) -> [ExecutionPoint]? {
        let t = r.text(k)
        if t.isEmpty { return [] }
        let parts = t.split(separator: ";", omittingEmptySubsequences: true)
        var out: [ExecutionPoint] = []
        for p in parts {
            let kv = p.split(separator: ":")
            guard out.count < FundingImporter.maximumExecutionPoints, kv.count == 2, let d = CivilDate(String(kv[0]).trimmingCharacters(in: .whitespaces)),
                  let pct = Int(kv[1].trimmingCharacters(in: .whitespaces)), (0...100).contains(pct),
                  out.last.map({ $0.date < d && $0.percent <= pct }) ?? true else {
                fail(r, k, zh: "「日期:百分比」列表（分号分隔，日期递增，百分比 0–100 不减，至多 \(FundingImporter.maximumExecutionPoints) 项）",
                     en: "date:percent pairs separated by ';' (dates ascending, percent 0–100 not falling, at most \(FundingImporter.maximumExecutionPoints))")
                return nil
            }
            out.append(ExecutionPoint(date: d, percent: pct))
        }
        return out
    }
}

/// The rules' view of the statistics file's schools: kind, location and pupils per section.
public enum FundingSchools {
    public static func from(_ records: [StatisticsRecord]) -> [FundingSchool] {
        var order: [String] = []
        var by: [String: FundingSchool] = [:]
        for r in records {
            if by[r.schoolCode] == nil {
                order.append(r.schoolCode)
                let kind: FundingSchool.Kind = switch r.schoolType {
                case .primary: .primary
                case .junior, .completeSecondary: .junior
                case .nineYear, .twelveYear: .nineYear
                case .teachingPoint: .teachingPoint
                case .specialEducation: .special
                case .vocational: .other
                }
                let location: FundingSchool.Location = switch r.location { case .urban: .urban; case .town: .town; case .rural: .rural }
                by[r.schoolCode] = FundingSchool(code: r.schoolCode, name: r.schoolName, kind: kind, location: location, primaryPupils: 0, juniorPupils: 0)
            }
            switch r.section {
            case .single(.primary): by[r.schoolCode]?.primaryPupils += r.students
            case .single(.junior): by[r.schoolCode]?.juniorPupils += r.students
            default:
                by[r.schoolCode]?.primaryPupils += r.sectionStudents?.primary ?? r.students
                by[r.schoolCode]?.juniorPupils += r.sectionStudents?.junior ?? 0
            }
        }
        return order.compactMap { by[$0] }
    }
}

extension FundingImporter {
    /// Checks one budget line given as form fields (keys as the budget file's English column keys) with exactly the
    /// checks of a file row; each problem names its field (the column) and `file`.
    public static func validateLine(_ fields: [String: String], knownSchools: Set<String>?, catalogs: [Int: ClassificationCatalog] = builtInCatalogs(),
                                    file: String = "form") -> Result<BudgetLine, ImportError> {
        var v = FundingValidation(knownSchools: knownSchools, catalogs: catalogs)
        v.readBudget(formTable(.budget, fields, file: file))
        guard v.issues.isEmpty, let line = v.lines.first, v.lines.count == 1 else { return .failure(.invalid(v.issues)) }
        return .success(line)
    }

    /// Checks one project given as form fields (the projects file's keys) with the checks of a file row.
    public static func validateProject(_ fields: [String: String], knownSchools: Set<String>?, catalogs: [Int: ClassificationCatalog] = builtInCatalogs(),
                                       file: String = "form") -> Result<FundingProject, ImportError> {
        var v = FundingValidation(knownSchools: knownSchools, catalogs: catalogs)
        v.readProjects(formTable(.projects, fields, file: file))
        guard v.issues.isEmpty, let project = v.projects.first, v.projects.count == 1 else { return .failure(.invalid(v.issues)) }
        return .success(project)
    }

    /// A one-row table (row 2 under a header on row 1) of the fields, trimmed and cut at 200 characters each.
    static func formTable(_ kind: FundingFile, _ fields: [String: String], file: String) -> ClassroomTable {
        let cells = kind.columns.map { String(($0.en == "amount_wan_yuan" ? "" : fields[$0.en] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(200)) }
        var positions: [Int?] = Array(kind.columns.indices)
        if kind == .budget, let k = kind.columns.firstIndex(where: { $0.en == "amount_wan_yuan" }) { positions[k] = nil }
        return ClassroomTable(file: file, headerRow: 1, positions: positions, rows: [(number: 2, cells: cells)])
    }
}
