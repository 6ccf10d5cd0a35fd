import Foundation
import JunhengSheets
import Testing

/// CSVReader field splitting, splitting into parts for parallel parsing, and TextDecoding's UTF-8 check.
@Suite struct CSVReaderTests {
    /// One record as plain values.
    struct Record: Equatable, CustomStringConvertible {
        var number: Int
        var fields: [String]
        var description: String { "\(number): \(fields)" }
    }

    static func records(_ bytes: [UInt8], range: Range<Int>? = nil, firstRow: Int = 1,
                        delimiter: UInt8 = UInt8(ascii: ",")) throws -> [Record] {
        var out: [Record] = []
        try bytes.withUnsafeBufferPointer { p in
            try CSVReader.forEachRecord(in: p, range: range, firstRow: firstRow, delimiter: delimiter) { r in
                out.append(Record(number: r.number, fields: (0..<r.count).map { r.string($0) }))
            }
        }
        return out
    }

    static func records(_ text: String, delimiter: UInt8 = UInt8(ascii: ",")) throws -> [Record] {
        try records(Array(text.utf8), delimiter: delimiter)
    }

    // MARK: Field splitting

    @Test func plainRecords() throws {
        #expect(try Self.records("a,b,c\n1,2,3\n") == [Record(number: 1, fields: ["a", "b", "c"]),
                                                       Record(number: 2, fields: ["1", "2", "3"])])
    }

    @Test func emptyFields() throws {
        #expect(try Self.records(",a,,b,\n") == [Record(number: 1, fields: ["", "a", "", "b", ""])])
        #expect(try Self.records(",,\n") == [Record(number: 1, fields: ["", "", ""])])
    }

    @Test func trailingDelimiterGivesAnEmptyLastField() throws {
        #expect(try Self.records("a,b,\nc,d,\n") == [Record(number: 1, fields: ["a", "b", ""]),
                                                     Record(number: 2, fields: ["c", "d", ""])])
    }

    @Test func emptyLinesAreRecordsWithOneEmptyField() throws {
        #expect(try Self.records("a\n\nb\n") == [Record(number: 1, fields: ["a"]), Record(number: 2, fields: [""]),
                                                 Record(number: 3, fields: ["b"])])
    }

    @Test func emptyInputHasNoRecords() throws {
        #expect(try Self.records("") == [])
    }

    @Test func finalLineWithoutNewline() throws {
        #expect(try Self.records("a,b\nc,d") == [Record(number: 1, fields: ["a", "b"]), Record(number: 2, fields: ["c", "d"])])
        #expect(try Self.records("a,b\nc,") == [Record(number: 1, fields: ["a", "b"]), Record(number: 2, fields: ["c", ""])])
    }

    @Test func quotedFields() throws {
        let text = #""a,b","say ""hi""","",x"# + "\n" + "\"\"\"\",\"\"\"\"\"\"" + "\n"
        #expect(try Self.records(text) == [
            Record(number: 1, fields: ["a,b", "say \"hi\"", "", "x"]),
            Record(number: 2, fields: ["\"", "\"\""]),
        ])
    }

    @Test func quotedFieldAtEndOfInputWithoutNewline() throws {
        #expect(try Self.records(#"a,"b""c""#) == [Record(number: 1, fields: ["a", "b\"c"])])
    }

    @Test func quotedFieldWithLineBreaksKeepsThemAndRecordsAreNumberedAsASpreadsheetShowsThem() throws {
        let text = "name,n\n\"two\nlines\",1\n\"three\r\nline\rbreaks\",2\nlast,3\n"
        let records = try Self.records(text)
        #expect(records.map(\.fields) == [["name", "n"], ["two\nlines", "1"], ["three\r\nline\rbreaks", "2"], ["last", "3"]])
        // A spreadsheet shows each record on one row: 1, 2, 3, 4.
        #expect(records.map(\.number) == [1, 2, 3, 4])
    }

    @Test func crOnlyLineEnds() throws {
        #expect(try Self.records("a,b\rc,d\r\re\r") == [Record(number: 1, fields: ["a", "b"]), Record(number: 2, fields: ["c", "d"]),
                                                       Record(number: 3, fields: [""]), Record(number: 4, fields: ["e"])])
    }

    @Test func crlfLineEnds() throws {
        #expect(try Self.records("a,b\r\nc,d\r\n\r\ne") == [Record(number: 1, fields: ["a", "b"]), Record(number: 2, fields: ["c", "d"]),
                                                          Record(number: 3, fields: [""]), Record(number: 4, fields: ["e"])])
    }

    @Test func otherDelimiters() throws {
        #expect(try Self.records("a\tb,c\t\"d\te\"\n", delimiter: UInt8(ascii: "\t")) == [Record(number: 1, fields: ["a", "b,c", "d\te"])])
        #expect(try Self.records("a;b,c\n", delimiter: UInt8(ascii: ";")) == [Record(number: 1, fields: ["a", "b,c"])])
    }

    @Test func multiByteText() throws {
        #expect(try Self.records("学校,人数\n\"城关小学，东校区\",６００\n") == [Record(number: 1, fields: ["学校", "人数"]),
                                                                  Record(number: 2, fields: ["城关小学，东校区", "６００"])])
    }

    @Test func unterminatedQuoteNamesTheRowWhereItOpens() throws {
        #expect(throws: CSVError.unterminatedQuote(row: 2)) { try Self.records("a,b\nc,\"d\ne,f\n") }
        #expect(throws: CSVError.unterminatedQuote(row: 1)) { try Self.records("\"") }
    }

    @Test func fieldsPastTheEndAreEmpty() throws {
        let bytes = Array("a,b\n".utf8)
        try bytes.withUnsafeBufferPointer { p in
            try CSVReader.forEachRecord(in: p) { r in
                #expect(r.count == 2)
                #expect(r.string(5) == "")
                r.withField(7) { #expect($0.isEmpty) }
            }
        }
    }

    @Test func delimiterDetection() {
        func detect(_ s: String) -> UInt8 { Array(s.utf8).withUnsafeBufferPointer { CSVReader.detectDelimiter(in: $0) } }
        #expect(detect("a,b,c\n1\t2\t3\t4\n") == UInt8(ascii: ","))
        #expect(detect("a\tb\tc,d\n") == UInt8(ascii: "\t"))
        #expect(detect("a;b;c,d\n") == UInt8(ascii: ";"))
        #expect(detect("标题\n") == UInt8(ascii: ","))
    }

    // MARK: Parts

    /// Multi-MB text without quotes: varied field counts, empty fields and lines, LF, CRLF and CR line ends,
    /// multi-byte text, no newline at the end.
    static func generatedText(lines: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(lines * 40)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let words = ["城关小学", "42", "", "3301020001", "x", "乡村", "1500000.5", " spaced "]
        var endedWithCR = false
        for line in 0..<lines {
            let start = bytes.count
            if next() % 17 == 0 {
                // Empty line.
            } else {
                let fields = 1 + Int(next() % 7)
                for f in 0..<fields {
                    if f > 0 { bytes.append(UInt8(ascii: ",")) }
                    bytes += Array(words[Int(next() % UInt64(words.count))].utf8)
                    if next() % 5 == 0 { bytes += Array(String(line).utf8) }
                }
            }
            // An empty line after a CR-only line end would make "\r\n", one line end instead of two;
            // an empty last line would be no record at all.
            if bytes.count == start && (endedWithCR || line == lines - 1) { bytes += Array("x".utf8) }
            guard line < lines - 1 else { break }
            endedWithCR = false
            switch next() % 10 {
            case 0: bytes += [0x0D]; endedWithCR = true
            case 1, 2, 3: bytes += [0x0D, 0x0A]
            default: bytes += [0x0A]
            }
        }
        return bytes
    }

    @Test func partsParseToTheSameRecordsAsOnePass() throws {
        let text = Self.generatedText(lines: 150_000)
        #expect(text.count > 2_000_000)
        let whole = try Self.records(text)
        #expect(whole.count == 150_000)
        #expect(whole.last?.number == 150_000)

        for count in [2, 3, 8, 61] {
            let parts = text.withUnsafeBufferPointer { CSVReader.parts(of: $0, count: count, minimumBytes: 4096) }
            #expect(parts.count == count, "count \(count)")
            // Contiguous, in order, covering the text.
            #expect(parts.first?.range.lowerBound == 0)
            #expect(parts.last?.range.upperBound == text.count)
            for (a, b) in zip(parts, parts.dropFirst()) { #expect(a.range.upperBound == b.range.lowerBound) }
            #expect(parts.first?.firstRow == 1)

            var joined: [Record] = []
            for part in parts {
                joined += try Self.records(text, range: part.range, firstRow: part.firstRow)
            }
            #expect(joined.count == whole.count, "count \(count)")
            #expect(joined == whole, "count \(count)")
        }
    }

    @Test func partsCutAfterCRLFNotBetweenCRAndLF() throws {
        // Every line ends in CRLF, so a cut between CR and LF would give an extra empty record.
        var text: [UInt8] = []
        for i in 0..<20_000 { text += Array("row\(i),value\r\n".utf8) }
        let parts = text.withUnsafeBufferPointer { CSVReader.parts(of: $0, count: 7, minimumBytes: 1000) }
        #expect(parts.count == 7)
        for part in parts.dropFirst() {
            #expect(text[part.range.lowerBound - 1] == 0x0A)
        }
        var joined: [Record] = []
        for part in parts { joined += try Self.records(text, range: part.range, firstRow: part.firstRow) }
        #expect(joined == (try Self.records(text)))
    }

    @Test func aQuoteAnywhereMeansOnePart() {
        var text = Self.generatedText(lines: 60_000)
        text[text.count * 2 / 3] = UInt8(ascii: "\"")
        let parts = text.withUnsafeBufferPointer { CSVReader.parts(of: $0, count: 4, minimumBytes: 1024) }
        #expect(parts.count == 1)
        #expect(parts.first?.range == 0..<text.count)
        #expect(parts.first?.firstRow == 1)
    }

    @Test func shortTextIsOnePart() {
        let text = Array("a,b\nc,d\n".utf8)
        let parts = text.withUnsafeBufferPointer { CSVReader.parts(of: $0, count: 4) }
        #expect(parts.count == 1)
        #expect(parts.first?.range == 0..<text.count)
    }

    // MARK: TextDecoding.firstInvalidUTF8

    @Test func validUTF8() {
        #expect(TextDecoding.firstInvalidUTF8([]) == nil)
        #expect(TextDecoding.firstInvalidUTF8(Array("plain ascii text, longer than eight bytes".utf8)) == nil)
        #expect(TextDecoding.firstInvalidUTF8(Array("学校 é 😀".utf8)) == nil)
        // Boundaries: U+0080, U+07FF, U+0800, U+FFFF, U+10000, U+10FFFF.
        #expect(TextDecoding.firstInvalidUTF8([0xC2, 0x80, 0xDF, 0xBF, 0xE0, 0xA0, 0x80, 0xEF, 0xBF, 0xBF,
                                               0xF0, 0x90, 0x80, 0x80, 0xF4, 0x8F, 0xBF, 0xBF]) == nil)
    }

    @Test func overlongEncodings() {
        #expect(TextDecoding.firstInvalidUTF8([0x41, 0xC0, 0x80]) == 1) // "/0" as 2 bytes
        #expect(TextDecoding.firstInvalidUTF8([0xC1, 0xBF]) == 0)
        #expect(TextDecoding.firstInvalidUTF8([0x41, 0x42, 0xE0, 0x80, 0xAF]) == 2) // "/" as 3 bytes
        #expect(TextDecoding.firstInvalidUTF8([0xE0, 0x9F, 0xBF]) == 0) // U+07FF as 3 bytes
        #expect(TextDecoding.firstInvalidUTF8([0xF0, 0x8F, 0xBF, 0xBF]) == 0) // U+FFFF as 4 bytes
    }

    @Test func surrogates() {
        #expect(TextDecoding.firstInvalidUTF8(Array("ab".utf8) + [0xED, 0xA0, 0x80]) == 2) // U+D800
        #expect(TextDecoding.firstInvalidUTF8([0xED, 0xBF, 0xBF]) == 0) // U+DFFF
        #expect(TextDecoding.firstInvalidUTF8([0xED, 0x9F, 0xBF]) == nil) // U+D7FF is fine
    }

    @Test func truncatedSequences() {
        let xue = Array("学".utf8) // E5 AD A6
        #expect(TextDecoding.firstInvalidUTF8(Array("abc".utf8) + xue.prefix(2)) == 3) // cut at the end
        #expect(TextDecoding.firstInvalidUTF8(Array(xue.prefix(1)) + Array("x".utf8)) == 0) // continuation missing
        #expect(TextDecoding.firstInvalidUTF8([0xF0, 0x9F, 0x98]) == 0)
        #expect(TextDecoding.firstInvalidUTF8([0xC3]) == 0)
    }

    @Test func strayAndImpossibleBytes() {
        #expect(TextDecoding.firstInvalidUTF8([0x80]) == 0) // lone continuation
        #expect(TextDecoding.firstInvalidUTF8([0xFF]) == 0)
        #expect(TextDecoding.firstInvalidUTF8([0xF5, 0x80, 0x80, 0x80]) == 0)
        #expect(TextDecoding.firstInvalidUTF8([0xF4, 0x90, 0x80, 0x80]) == 0) // above U+10FFFF
    }

    @Test func offsetAfterALongASCIIRun() {
        // Past the 8-bytes-at-a-time fast path, at and off word boundaries.
        for n in [7, 8, 9, 16, 17, 100] {
            let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: n) + [0xFF] + Array("tail".utf8)
            #expect(TextDecoding.firstInvalidUTF8(bytes) == n)
        }
        let mixed = Array("abcdefgh学校ijklmnop".utf8)
        #expect(TextDecoding.firstInvalidUTF8(mixed + [0xE5, 0xAD]) == mixed.count)
    }
}
