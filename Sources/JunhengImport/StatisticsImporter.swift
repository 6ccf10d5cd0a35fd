import EquityKit
import Foundation
import JunhengSheets

/// Where imported rows came from.
public enum SourceFormat: Sendable, Equatable {
    case csv(TextEncoding)
    case xlsx(sheet: String)
}

/// Options for reading a statistics file.
public struct ImportOptions: Sendable {
    /// Text encoding of a CSV file; nil detects UTF-8 (with or without BOM), UTF-16 (BOM) or GB18030.
    public var encoding: TextEncoding?
    /// Sheet of an XLSX file; by default 学校统计, else the first sheet.
    public var sheet: String?
    /// Sizes and counts past which the file is rejected, and how many problems are listed.
    public var limits: ReadLimits

    public init(encoding: TextEncoding? = nil, sheet: String? = nil, limits: ReadLimits = .default) {
        self.encoding = encoding
        self.sheet = sheet
        self.limits = limits
    }
}

/// A validated statistics file: every row passed, so all of it may be used.
public struct ImportedStatistics: Sendable {
    public var records: [StatisticsRecord]
    /// Accepted but rewritten values and other notices, located like errors.
    public var warnings: [ImportIssue]
    public var format: SourceFormat
    public var headerRow: Int
    /// Headers of extra columns, kept in the file and ignored.
    public var ignoredColumns: [String]
}

/// Reads and validates the school statistics file (CSV or XLSX), all or nothing.
public enum StatisticsImporter {
    /// Reads the file at `path`; `ImportError.unreadable` (exit 66) when it cannot be read.
    public static func importFile(atPath path: String, options: ImportOptions = ImportOptions()) throws(ImportError) -> ImportedStatistics {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(path: path, reason: "文件不存在 / no such file")
        }
        guard !isDirectory.boolValue else { throw .unreadable(path: path, reason: "这是一个文件夹 / is a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "没有读取权限或读取失败 / permission denied or read error")
        }
        return try importData([UInt8](data), options: options)
    }

    /// Validates file bytes (format detected from content).
    public static func importData(_ bytes: [UInt8], options: ImportOptions = ImportOptions()) throws(ImportError) -> ImportedStatistics {
        let limits = options.limits
        guard bytes.count <= limits.fileBytes else {
            throw .invalid([ImportIssue(row: 1, column: "", value: "(\(bytes.count) bytes)", expectedZH: "不超过 \(limits.fileBytes) 字节的文件",
                                        expectedEN: "a file of at most \(limits.fileBytes) bytes")])
        }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return try importXLSX(bytes, options: options) }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            throw .invalid([ImportIssue(row: 1, column: "", value: "(.xls)", expectedZH: "CSV 或 .xlsx 文件（旧版 .xls 请在 Excel 中另存为 .xlsx）",
                                        expectedEN: "a CSV or .xlsx file (save the old .xls as .xlsx in Excel)")])
        }
        let text: (bytes: [UInt8], encoding: TextEncoding)
        do { text = try TextDecoding.utf8(from: bytes, declared: options.encoding) } catch {
            guard case .invalidBytes(let e, _, let row) = error else { throw .invalid([]) }
            throw .invalid([ImportIssue(row: row, column: "", value: "(\(e.rawValue))",
                                        expectedZH: "UTF-8 或 GB18030 编码的文本（可用 --encoding 指定）",
                                        expectedEN: "UTF-8 or GB18030 text (set --encoding)")])
        }
        var collector = Collector(limits: limits)
        do {
            try text.bytes.withUnsafeBufferPointer { p in
                let delimiter = CSVReader.detectDelimiter(in: p)
                // Four pieces per core, so a core slowed by other work on the machine does not hold up the rest.
                let parts = CSVReader.parts(of: p, count: 4 * max(1, ProcessInfo.processInfo.activeProcessorCount))
                guard parts.count > 1 else {
                    try CSVReader.forEachRecord(in: p, delimiter: delimiter, limits: limits) { collector.take($0) }
                    return
                }
                // Find the header first, then validate the pieces on all cores and join them in order.
                do {
                    try CSVReader.forEachRecord(in: p, range: parts[0].range, delimiter: delimiter, limits: limits) { record in
                        collector.take(record)
                        if collector.validator != nil || collector.gaveUpLookingForHeader { throw StopScanning() }
                    }
                } catch is StopScanning {}
                guard collector.validator != nil else { return }
                let shared = SharedBytes(buffer: p)
                let header = collector
                let pieces = Parallel.map(count: parts.count, chunk: 1) { k in
                    var piece = Collector(sharingHeaderOf: header)
                    var failure: CSVError?
                    do {
                        try CSVReader.forEachRecord(in: shared.buffer, range: parts[k].range, firstRow: parts[k].firstRow,
                                                    delimiter: delimiter, limits: limits) { piece.take($0) }
                    } catch { failure = error as? CSVError }
                    return (piece, failure)
                }
                // Room for every piece at once, so joining them does not grow (and briefly double) the arrays.
                collector.records.reserveCapacity(collector.records.count + pieces.reduce(0) { $0 + $1.0.records.count })
                collector.identities.reserveCapacity(collector.identities.count + pieces.reduce(0) { $0 + $1.0.identities.count })
                for (piece, failure) in pieces {
                    collector.absorb(piece)
                    if let failure { throw failure }
                }
            }
        } catch let error as CSVError {
            switch error {
            case .unterminatedQuote(let row):
                collector.issues.append(ImportIssue(row: row, column: "", value: "\"…", expectedZH: "成对的双引号（引号未闭合）",
                                                    expectedEN: "a closing double quote"))
            case .limitExceeded(let row, let column, let zh, let en):
                // Past a size limit nothing more is read, so this is the only problem reported.
                throw .invalid([.readLimit(row: row, column: column, zh: zh, en: en)])
            }
        } catch { throw .invalid([]) }
        return try collector.finish(format: .csv(text.encoding))
    }

    static func importXLSX(_ bytes: [UInt8], options: ImportOptions) throws(ImportError) -> ImportedStatistics {
        let sheet: (sheetName: String, rows: [SheetRow])
        do { sheet = try XLSXReader.read(data: Data(bytes), preferredSheet: options.sheet ?? "学校统计", limits: options.limits) } catch {
            throw .invalid([ImportIssue(row: 1, column: "", value: "(xlsx)", expectedZH: "可读取的 .xlsx 工作簿：\(error)",
                                        expectedEN: "a readable .xlsx workbook: \(error)")])
        }
        var collector = Collector(limits: options.limits)
        for row in sheet.rows { collector.take(row) }
        return try collector.finish(format: .xlsx(sheet: sheet.sheetName))
    }

    private struct StopScanning: Error {}

    /// The decoded text shared read-only by the workers that validate its pieces.
    private struct SharedBytes: @unchecked Sendable {
        let buffer: UnsafeBufferPointer<UInt8>
    }

    /// Gathers records and issues row by row, then applies the checks that span rows.
    struct Collector {
        /// Rows searched for the header before giving up.
        static let headerSearchRows = 20
        var validator: RowValidator?
        var headerRow = 0
        var records: [StatisticsRecord] = []
        var identities: [RowIdentity] = []
        var issues: [ImportIssue] = []
        var warnings: [ImportIssue] = []
        var rowsBeforeHeader = 0
        /// Issues and warnings found but not kept (past `limits.issues`).
        var omittedIssues = 0, omittedWarnings = 0
        var limits = ReadLimits.default
        /// The header lacks required columns, so rows are not checked one by one.
        var headerIsUnusable = false

        init(limits: ReadLimits) { self.limits = limits }

        /// An empty collector for a later piece of the same file: same header, no rows yet.
        init(sharingHeaderOf other: Collector) {
            limits = other.limits
            validator = other.validator
            headerRow = other.headerRow
            headerIsUnusable = other.headerIsUnusable
        }

        var gaveUpLookingForHeader: Bool { validator == nil && rowsBeforeHeader >= Self.headerSearchRows }

        mutating func take<R: TableRow>(_ row: R) {
            guard let validator else {
                guard rowsBeforeHeader < Self.headerSearchRows else { return }
                rowsBeforeHeader += 1
                if HeaderMap.find(in: row) {
                    let map = HeaderMap(header: row, issues: &issues)
                    validator = RowValidator(map: map)
                    headerRow = row.number
                    headerIsUnusable = !issues.isEmpty
                }
                return
            }
            // Without the required columns every row would repeat the same complaint.
            if headerIsUnusable || row.number <= headerRow || row.isBlank { return }
            if let r = validator.record(row, issues: &issues, warnings: &warnings, identities: &identities) { records.append(r) }
            // Rows come in order, so the first issues kept are the earliest; the rest are only counted.
            if issues.count > limits.issues { omittedIssues += issues.count - limits.issues; issues.removeLast(issues.count - limits.issues) }
            if warnings.count > limits.issues {
                omittedWarnings += warnings.count - limits.issues
                warnings.removeLast(warnings.count - limits.issues)
            }
        }

        /// Appends a later piece's rows, issues and warnings.
        mutating func absorb(_ piece: Collector) {
            records += piece.records
            identities += piece.identities
            issues += piece.issues
            warnings += piece.warnings
            omittedIssues += piece.omittedIssues
            omittedWarnings += piece.omittedWarnings
        }

        func finish(format: SourceFormat) throws(ImportError) -> ImportedStatistics {
            guard let validator else {
                throw .invalid([ImportIssue(row: 1, column: "", value: "", expectedZH: "表头行，包含「学校标识码」等模板列（前\(max(rowsBeforeHeader, 1))行中未找到）",
                                            expectedEN: "a header row with 学校标识码 (school_code) and the other template columns (none in the first \(max(rowsBeforeHeader, 1)) rows)")])
            }
            var cross: [ImportIssue] = [], crossWarnings: [ImportIssue] = []
            var omitted = omittedIssues, omittedW = omittedWarnings
            crossRowChecks(validator.map, issues: &cross, warnings: &crossWarnings, omitted: &omitted, omittedWarnings: &omittedW)
            var all = issues + cross
            let allWarnings = warnings + crossWarnings
            if records.isEmpty && all.isEmpty {
                all.append(ImportIssue(row: validator.map.row + 1, column: "", value: "", expectedZH: "至少一行学校数据",
                                       expectedEN: "at least one school row"))
            }
            guard all.isEmpty else {
                throw .invalid(ImportIssue.capped(all.sorted { $0.row < $1.row }, limit: limits.issues, alreadyOmitted: omitted))
            }
            return ImportedStatistics(records: records,
                                      warnings: ImportIssue.capped(allWarnings, limit: limits.issues, alreadyOmitted: omittedW),
                                      format: format, headerRow: validator.map.row,
                                      ignoredColumns: validator.map.ignored)
        }

        /// Duplicate (school, section) rows, one code with two types, unknown parent schools; past `limits.issues`
        /// each list only counts what it leaves out.
        func crossRowChecks(_ map: HeaderMap, issues: inout [ImportIssue], warnings: inout [ImportIssue],
                            omitted: inout Int, omittedWarnings: inout Int) {
            let limit = limits.issues
            func add(_ i: ImportIssue, to list: inout [ImportIssue], omitted: inout Int) {
                if list.count < limit { list.append(i) } else { omitted += 1 }
            }
            let sectionColumn = map.written[TemplateColumn.index("section")]
            let typeColumn = map.written[TemplateColumn.index("school_type")]
            /// First row of each school, with the first row of each of its sections (小学, 初中, 合计).
            struct Seen {
                var type: SchoolType
                var row: Int
                /// First rows of the school's 小学, 初中 and 合计 rows (0: none yet).
                var sectionRows: (Int, Int, Int) = (0, 0, 0)
                /// (A switch, not a key path: this runs once per row of a national file.)
                subscript(slot: Int) -> Int {
                    get { slot == 0 ? sectionRows.0 : slot == 1 ? sectionRows.1 : sectionRows.2 }
                    set { if slot == 0 { sectionRows.0 = newValue } else if slot == 1 { sectionRows.1 = newValue } else { sectionRows.2 = newValue } }
                }
            }
            var schools: [String: Seen] = [:]
            schools.reserveCapacity(identities.count)
            for id in identities {
                let (code, section, type, row) = (id.code, id.section, id.type, id.row)
                let slot: Int
                switch section {
                case .single(.primary): slot = 0
                case .single(.junior): slot = 1
                case .combined: slot = 2
                }
                func check(_ seen: inout Seen) {
                    if seen[slot] != 0 {
                        add(ImportIssue(row: row, column: sectionColumn, value: section.label,
                            expectedZH: "每所学校每个学段只有一行（学校 \(code) 的\(section.label)已在第\(seen[slot])行）",
                            expectedEN: "one row per school and section (school \(code) \(section.label) is already on row \(seen[slot]))"),
                            to: &issues, omitted: &omitted)
                    } else {
                        seen[slot] = row
                    }
                    if seen.type != type {
                        add(ImportIssue(row: row, column: typeColumn, value: type.rawValue,
                            expectedZH: "与第\(seen.row)行相同的学校类型（\(seen.type.rawValue)）",
                            expectedEN: "the same school type as row \(seen.row) (\(seen.type.rawValue))"), to: &issues, omitted: &omitted)
                    }
                }
                check(&schools[code, default: Seen(type: type, row: row)])
            }
            let parentColumn = map.written[TemplateColumn.index("parent_school_code")]
            for r in identities where r.type == .teachingPoint {
                guard let parent = r.parentCode else {
                    add(ImportIssue(row: r.row, column: parentColumn, value: "", expectedZH: "教学点应填写所属学校标识码",
                                    expectedEN: "the parent school code of a teaching point"), to: &warnings, omitted: &omittedWarnings)
                    continue
                }
                if schools[parent] == nil {
                    add(ImportIssue(row: r.row, column: parentColumn, value: parent,
                        expectedZH: "本文件中某所学校的标识码（未找到该学校）", expectedEN: "the code of a school in this file (not found)"),
                        to: &warnings, omitted: &omittedWarnings)
                }
            }
        }
    }
}

