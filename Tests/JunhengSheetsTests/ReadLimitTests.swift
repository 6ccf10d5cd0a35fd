import Foundation
import Testing
import ZIPFoundation
@testable import JunhengSheets

/// Hostile workbooks and CSV text stop at `ReadLimits` with an error naming the part and the bound.
@Suite struct ReadLimitTests {
    static func sheet(_ body: String) -> String {
        #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="\#(FixtureWorkbook.main)"><sheetData>\#(body)</sheetData></worksheet>"#
    }

    /// Reads the fixture with sheet 学校统计 (sheet2.xml) replaced; returns the error thrown, if any.
    static func readError(sheet2: String? = nil, sharedStrings: String? = nil, limits: ReadLimits = .default) throws -> XLSXError? {
        var parts = FixtureWorkbook.parts
        if let sheet2 { parts = parts.map { $0.path == "xl/worksheets/sheet2.xml" ? ($0.path, sheet2) : $0 } }
        if let sharedStrings { parts = parts.map { $0.path == "xl/sharedStrings.xml" ? ($0.path, sharedStrings) : $0 } }
        let data = try ZipFixture.make(parts)
        do { _ = try XLSXReader.read(data: data, preferredSheet: "学校统计", limits: limits); return nil } catch { return error }
    }

    static func isReadLimit(_ error: XLSXError?, part: String, _ en: String) -> Bool {
        guard case .readLimit(let p, _, let message)? = error else { return false }
        return p == part && message.contains(en)
    }

    @Test func zipBombStopsAtThePartLimit() throws {
        // 64 MiB of zeros deflate to some 64 KiB; the part limit here is 1 MiB, so inflating stops early.
        let zeros = "<!--" + String(repeating: "0", count: 64 << 20) + "-->"
        var limits = ReadLimits()
        limits.partBytes = 1 << 20
        let error = try Self.readError(sheet2: Self.sheet("") + zeros, limits: limits)
        #expect(Self.isReadLimit(error, part: "xl/worksheets/sheet2.xml", "at most 1048576 bytes inflated per part"), "\(String(describing: error))")
        // Within the per-part limit but over the total: stops too.
        limits = ReadLimits()
        limits.totalInflatedBytes = 1 << 10
        let total = try Self.readError(limits: limits)
        guard case .readLimit(_, _, let en)? = total else { Issue.record("total: \(String(describing: total))"); return }
        #expect(en.contains("at most 1024 bytes inflated in all"))
    }

    @Test func lyingDeclaredSizeStillStopsAtTheLimit() throws {
        // The zip's headers claim 100 bytes for a part that inflates to 8 MiB.
        let big = Self.sheet("") + "<!--" + String(repeating: "0", count: 8 << 20) + "-->"
        var data = try ZipFixture.make(FixtureWorkbook.parts(replacing: "xl/worksheets/sheet2.xml", with: big))
        let size = UInt32(big.utf8.count)
        let le = withUnsafeBytes(of: size.littleEndian, Array.init)
        let fake = withUnsafeBytes(of: UInt32(100).littleEndian, Array.init)
        var patched = 0
        var i = data.startIndex
        while let r = data[i...].firstRange(of: Data(le)) {
            data.replaceSubrange(r, with: fake)
            patched += 1
            i = r.upperBound
        }
        #expect(patched >= 2)  // local header and central directory
        var limits = ReadLimits()
        limits.partBytes = 1 << 20
        // ZIPFoundation may stop at the declared size (then the XML or the CRC fails) or inflate on; either way
        // reading ends with an error and never inflates past the limit.
        do {
            _ = try XLSXReader.read(data: data, preferredSheet: "学校统计", limits: limits)
            Issue.record("a part whose header lies was read")
        } catch {
            switch error {
            case .readLimit, .unreadable, .malformedXML, .notAZipArchive: break
            default: Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func cellAtColumnXFDIsALimitNotAnAllocation() throws {
        // Before: each such cell padded its row with 16,383 empty strings; a million rows of them exhausted memory.
        let error = try Self.readError(sheet2: Self.sheet(#"<row r="1"><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row>"#))
        #expect(Self.isReadLimit(error, part: "xl/worksheets/sheet2.xml", "at most 1024 columns (row 1, column 16384)"), "\(String(describing: error))")
    }

    @Test func lastExcelRowIsReadWithoutPadding() throws {
        let data = try ZipFixture.make(FixtureWorkbook.parts(replacing: "xl/worksheets/sheet2.xml",
            with: Self.sheet(#"<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>底</t></is></c></row>"#)))
        let read = try XLSXReader.read(data: data, preferredSheet: "学校统计")
        #expect(read.rows == [SheetRow(number: 1_048_576, cells: ["底"])])
        var limits = ReadLimits()
        limits.rows = 1000
        let error = try Self.readError(sheet2: Self.sheet(#"<row r="1001"><c r="A1001"><v>1</v></c></row>"#), limits: limits)
        #expect(Self.isReadLimit(error, part: "xl/worksheets/sheet2.xml", "at most 1000 rows (row 1001)"), "\(String(describing: error))")
    }

    @Test func sharedStringCountLengthAndCellTextAreBounded() throws {
        let sst = { (items: [String]) in
            #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="\#(FixtureWorkbook.main)">"# + items.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>"
        }
        var limits = ReadLimits()
        limits.sharedStrings = 3
        #expect(Self.isReadLimit(try Self.readError(sharedStrings: sst(["a", "b", "c", "d"]), limits: limits),
                                 part: "xl/sharedStrings.xml", "at most 3 shared strings"))
        limits = ReadLimits()
        limits.sharedStringBytes = 10
        #expect(Self.isReadLimit(try Self.readError(sharedStrings: sst(["aaaaaa", "bbbbbb"]), limits: limits),
                                 part: "xl/sharedStrings.xml", "at most 10 bytes of shared strings"))
        limits = ReadLimits()
        limits.cellBytes = 8
        #expect(Self.isReadLimit(try Self.readError(sharedStrings: sst([String(repeating: "z", count: 9)]), limits: limits),
                                 part: "xl/sharedStrings.xml", "at most 8 bytes a string"))
        let inline = Self.sheet(#"<row r="1"><c r="A1" t="inlineStr"><is><t>123456789</t></is></c></row>"#)
        #expect(Self.isReadLimit(try Self.readError(sheet2: inline, sharedStrings: sst([]), limits: limits), part: "xl/worksheets/sheet2.xml",
                                 "at most 8 bytes of text a cell"))
    }

    @Test func zipEntriesAndFileSizeAreBounded() throws {
        var limits = ReadLimits()
        limits.zipEntries = 3
        #expect(Self.isReadLimit(try Self.readError(limits: limits), part: "(zip)", "at most 3 zip entries"))
        limits = ReadLimits()
        limits.fileBytes = 100
        guard case .readLimit(_, _, let en)? = try Self.readError(limits: limits) else { Issue.record("no limit"); return }
        #expect(en.hasPrefix("a file of at most 100 bytes"))
    }

    @Test func csvReaderLimits() throws {
        func error(_ text: String, _ limits: ReadLimits) -> CSVError? {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { p in
                do { try CSVReader.forEachRecord(in: p, limits: limits) { _ in }; return nil } catch { return error as? CSVError }
            }
        }
        var limits = ReadLimits()
        limits.rows = 2
        #expect(error("a\nb\nc\n", limits) == .limitExceeded(row: 3, column: 0, zh: "最多 2 行", en: "at most 2 rows"))
        limits = ReadLimits()
        limits.columns = 3
        #expect(error("a,b,c\nd,e,f,g\n", limits) == .limitExceeded(row: 2, column: 4, zh: "每行最多 3 列", en: "at most 3 columns a row"))
        limits = ReadLimits()
        limits.cellBytes = 4
        #expect(error("abcd,\"ab\"\"cd\"\n", limits) == .limitExceeded(row: 1, column: 2, zh: "每格最多 4 字节", en: "at most 4 bytes a field"))
        limits = ReadLimits()
        limits.cells = 5
        #expect(error("a,b\nc,d\ne,f\n", limits) == .limitExceeded(row: 3, column: 0, zh: "最多 5 个单元格", en: "at most 5 cells"))
        #expect(error("a,b\nc,d\ne,f\n", ReadLimits()) == nil)
    }
}

/// CSV formula neutralisation (CWE-1236): what `CSVWriter` writes and that `CSVReader` reads it back.
@Suite struct CSVFormulaTests {
    static func readBack(_ fields: [String]) -> [String] {
        var w = CSVWriter()
        w.append(fields)
        let bytes = Array(w.text.utf8)
        var out: [String] = []
        bytes.withUnsafeBufferPointer { p in
            try? CSVReader.forEachRecord(in: p) { r in out = (0..<r.count).map(r.string) }
        }
        return out
    }

    @Test func formulaLeadingCellsAreNeutralised() {
        #expect(CSVFormula.neutralised("=1+1") == "'=1+1")
        #expect(CSVFormula.neutralised(#"=HYPERLINK("http://evil","x")"#) == #"'=HYPERLINK("http://evil","x")"#)
        #expect(CSVFormula.neutralised("+cmd|' /C calc'!A0") == "'+cmd|' /C calc'!A0")
        #expect(CSVFormula.neutralised("-2+3") == "'-2+3")
        #expect(CSVFormula.neutralised("@SUM(A1:A9)") == "'@SUM(A1:A9)")
        #expect(CSVFormula.neutralised("\t=1") == "'\t=1")
        #expect(CSVFormula.neutralised("\r=1") == "'\r=1")
        #expect(CSVFormula.neutralised("'=1") == "''=1")
        var w = CSVWriter()
        w.append(["=1+1", "a,b", "-5"])
        #expect(w.text == "'=1+1,\"a,b\",-5\r\n")
    }

    @Test func plainNumbersAndOrdinaryTextAreLeftAlone() {
        for text in ["-5", "+3", "-1.5", "+1.5e3", "-2E-7", ".5", "-.5", "城关小学", "", "a=b", "'plain", "0"] {
            #expect(CSVFormula.neutralised(text) == text, "\(text)")
        }
        for text in ["-", "+", "-e5", "-1e", "1-2", "--5"] where text.first.map({ "=+-@".contains($0) }) == true {
            #expect(CSVFormula.neutralised(text) == "'" + text, "\(text)")
        }
    }

    @Test func readerRestoresWhatTheWriterWrote() {
        let fields = [#"=HYPERLINK("x")"#, "+86 571", "-x", "@a", "\tz", "\r=1", "'=1", "''@", "-5", "'plain", "x"]
        #expect(Self.readBack(fields) == fields)
    }
}
