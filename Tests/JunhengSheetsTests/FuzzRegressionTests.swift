import Foundation
import Testing
@testable import JunhengSheets

/// Inputs on which the fuzzers (scripts/fuzz.sh) crashed the readers, kept in Fuzz/crashes/.
@Suite struct FuzzRegressionTests {
    static func crash(_ name: String) throws -> Data {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/crashes/\(name)")
        return try Data(contentsOf: url)
    }

    static func records(_ bytes: [UInt8]) -> [[String]] {
        var out: [[String]] = []
        bytes.withUnsafeBufferPointer { p in try? CSVReader.forEachRecord(in: p) { r in out.append((0..<r.count).map(r.string)) } }
        return out
    }

    @Test func csvWrittenBackReadsTheSame() throws {
        let input = try Self.crash("csv-roundtrip-quote-after-field.csv")
        let records = Self.records([UInt8](input))
        var w = CSVWriter()
        for r in records { w.append(r) }
        #expect(Self.records(Array(w.text.utf8)) == records)
    }

    @Test("a zip whose directory points past its end is an error, not a trap in ZIPFoundation",
          arguments: ["xlsx-seek-past-end.xlsx", "statistics-seek-past-end.bin"])
    func zipPointingPastTheEnd(name: String) throws {
        let data = try Self.crash(name)
        #expect(throws: XLSXError.self) { try XLSXReader.read(data: data, preferredSheet: nil) }
    }

    @Test func deflateStreamCutShortIsAnErrorNotAnEndlessLoop() throws {
        // Before: ZIPFoundation's inflate loop asked for more bytes forever once the entry's data ran out.
        var data = try ZipFixture.make(FixtureWorkbook.parts)
        let name = Data("xl/worksheets/sheet2.xml".utf8)
        let signature = Data([0x50, 0x4B, 0x01, 0x02])
        var from = data.startIndex, patched = false
        while let r = data[from...].firstRange(of: signature) {
            let nameAt = r.lowerBound + 46
            if data.count >= nameAt + name.count, data[nameAt..<(nameAt + name.count)] == name {
                data.replaceSubrange((r.lowerBound + 20)..<(r.lowerBound + 24), with: [10, 0, 0, 0])  // compressed size 10
                patched = true
            }
            from = r.upperBound
        }
        #expect(patched)
        #expect(throws: XLSXError.self) { try XLSXReader.read(data: data, preferredSheet: "学校统计") }
        // The input FuzzXLSX hung on.
        #expect(throws: XLSXError.self) { try XLSXReader.read(data: try Self.crash("xlsx-cut-deflate-stream.xlsx"), preferredSheet: nil) }
    }
}
