import Foundation

/// The fields of one CSV record, as ranges into the decoded UTF-8 bytes.
public struct CSVRecord {
    /// Record number as a spreadsheet numbers rows (the first record is row 1).
    public let number: Int
    let base: UnsafeBufferPointer<UInt8>
    let ranges: [CSVFieldRange]

    /// Number of fields in the record.
    public var count: Int { ranges.count }

    /// Calls `body` with the raw UTF-8 bytes of field `i` (quotes removed; `""` unescaped; a `'` that
    /// `CSVWriter` put before a formula-like text removed); empty past the end.
    public func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard i >= 0, i < ranges.count else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        let r = ranges[i]
        let slice = UnsafeBufferPointer(rebasing: base[r.start..<r.end])
        guard r.hasEscapedQuotes else { return try body(CSVFormula.restored(slice)) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(slice.count)
        var k = slice.startIndex
        while k < slice.endIndex {
            unescaped.append(slice[k])
            k += slice[k] == UInt8(ascii: "\"") && k + 1 < slice.endIndex && slice[k + 1] == UInt8(ascii: "\"") ? 2 : 1
        }
        return try unescaped.withUnsafeBufferPointer { try body(CSVFormula.restored($0)) }
    }

    /// Field `i` as a String ("" past the end).
    public func string(_ i: Int) -> String {
        withField(i) { String(decoding: $0, as: UTF8.self) }
    }
}

struct CSVFieldRange {
    var start: Int
    var end: Int
    var hasEscapedQuotes: Bool
}

/// Why CSV text could not be split into records.
public enum CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A quoted field opened on `row` never closes.
    case unterminatedQuote(row: Int)
    /// Record `row` (or field `column`, 1-based, when not 0) goes past a `ReadLimits` bound, named in `zh`/`en`.
    case limitExceeded(row: Int, column: Int, zh: String, en: String)

    public var description: String {
        switch self {
        case .unterminatedQuote(let row): "第\(row)行: 引号未闭合 / row \(row): a quoted field is never closed"
        case .limitExceeded(let row, let column, let zh, let en):
            column == 0 ? "第\(row)行: 超出读取限制：\(zh) / row \(row): over a read limit: \(en)"
                : "第\(row)行第\(column)列: 超出读取限制：\(zh) / row \(row), column \(column): over a read limit: \(en)"
        }
    }
}

/// RFC 4180 CSV over UTF-8 bytes: quoted fields, `""` escapes, CRLF/LF/CR line ends, embedded newlines.
///
/// Written over raw bytes rather than using SwiftCSV or CSV.swift: those build a `String` per field, and
/// `scripts/bench-evaluate.sh` (250,000 rows) needs the file parsed at a fraction of pandas' time.
public enum CSVReader {
    /// Calls `body` with each record in order. Empty lines are passed as records with one empty field.
    /// `range` must start at a record boundary whose row number is `firstRow` (see `parts`).
    /// Throws `CSVError.limitExceeded` at the first record past `limits.rows`, field past `limits.columns`,
    /// field longer than `limits.cellBytes`, or cell past `limits.cells`, before anything is allocated for it.
    public static func forEachRecord(in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>? = nil, firstRow: Int = 1,
                                     delimiter: UInt8 = UInt8(ascii: ","), limits: ReadLimits = .default,
                                     _ body: (CSVRecord) throws -> Void) throws {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var ranges: [CSVFieldRange] = []
        ranges.reserveCapacity(64)
        var i = range?.lowerBound ?? 0
        let n = range?.upperBound ?? bytes.count
        var row = firstRow, cells = 0
        while i < n {
            ranges.removeAll(keepingCapacity: true)
            if row > limits.rows {
                throw CSVError.limitExceeded(row: row, column: 0, zh: "最多 \(limits.rows) 行", en: "at most \(limits.rows) rows")
            }
            // One record.
            while true {
                if ranges.count >= limits.columns {
                    throw CSVError.limitExceeded(row: row, column: ranges.count + 1, zh: "每行最多 \(limits.columns) 列",
                                                 en: "at most \(limits.columns) columns a row")
                }
                if i < n && bytes[i] == quote {
                    let start = i + 1
                    var j = start
                    var escaped = false
                    while true {
                        guard j < n else { throw CSVError.unterminatedQuote(row: row) }
                        let b = bytes[j]
                        if b == quote {
                            if j + 1 < n && bytes[j + 1] == quote { escaped = true; j += 2; continue }
                            break
                        }
                        j += 1
                    }
                    var end = j
                    i = j + 1
                    // Text after the closing quote is kept (lenient, as Excel reads it).
                    while i < n && bytes[i] != delimiter && bytes[i] != lf && bytes[i] != cr { i += 1 }
                    if i > j + 1 { end = i; escaped = true }
                    ranges.append(CSVFieldRange(start: start, end: end, hasEscapedQuotes: escaped))
                } else {
                    let start = i
                    while i < n {
                        let b = bytes[i]
                        if b == delimiter || b == lf || b == cr { break }
                        i += 1
                    }
                    ranges.append(CSVFieldRange(start: start, end: i, hasEscapedQuotes: false))
                }
                if i < n && bytes[i] == delimiter { i += 1; continue }
                break
            }
            // End of record.
            cells += ranges.count
            if cells > limits.cells {
                throw CSVError.limitExceeded(row: row, column: 0, zh: "最多 \(limits.cells) 个单元格", en: "at most \(limits.cells) cells")
            }
            if let long = ranges.firstIndex(where: { $0.end - $0.start > limits.cellBytes }) {
                throw CSVError.limitExceeded(row: row, column: long + 1, zh: "每格最多 \(limits.cellBytes) 字节",
                                             en: "at most \(limits.cellBytes) bytes a field")
            }
            if i < n && bytes[i] == cr { i += 1 }
            if i < n && bytes[i] == lf { i += 1 }
            try body(CSVRecord(number: row, base: bytes, ranges: ranges))
            row += 1
        }
    }

    /// Splits the text into about `count` pieces that start at record boundaries, for parsing in parallel:
    /// (byte range, row number of its first record). Text with any double quote is not split, since a
    /// line break may then sit inside a field; neither is text shorter than `minimumBytes` per piece.
    public static func parts(of bytes: UnsafeBufferPointer<UInt8>, count: Int, minimumBytes: Int = 1 << 20) -> [(range: Range<Int>, firstRow: Int)] {
        let n = bytes.count
        guard count > 1, n >= 2 * minimumBytes, memchr(bytes.baseAddress!, Int32(UInt8(ascii: "\"")), n) == nil else {
            return [(0..<n, 1)]
        }
        var cuts: [(Int, Int)] = [(0, 1)]
        var row = 1, i = 0
        for k in 1..<count {
            let target = n * k / count
            // Count record ends up to the first line feed at or after the target.
            while i < n {
                let b = bytes[i]
                i += 1
                if b == 0x0A || (b == 0x0D && (i >= n || bytes[i] != 0x0A)) {
                    row += 1
                    if i >= target { break }
                }
            }
            if i < n && i > cuts.last!.0 { cuts.append((i, row)) }
        }
        return cuts.enumerated().map { k, cut in (cut.0..<(k + 1 < cuts.count ? cuts[k + 1].0 : n), cut.1) }
    }

    /// Guesses the delimiter from the first line: tab or semicolon when they outnumber commas.
    /// (Excel writes a title row with its trailing delimiters, so the first line is representative.)
    public static func detectDelimiter(in bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var comma = 0, tab = 0, semicolon = 0
        for b in bytes.prefix(65536) {
            if b == UInt8(ascii: "\n") { break }
            switch b {
            case UInt8(ascii: ","): comma += 1
            case UInt8(ascii: "\t"): tab += 1
            case UInt8(ascii: ";"): semicolon += 1
            default: break
            }
        }
        if tab > comma && tab >= semicolon { return UInt8(ascii: "\t") }
        if semicolon > comma { return UInt8(ascii: ";") }
        return UInt8(ascii: ",")
    }
}
