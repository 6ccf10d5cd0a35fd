import FuzzSupport
import JunhengSheets

/// Text decoding, CSV records, the parallel splitter and the writer's round trip on arbitrary bytes.
/// Oracles: the pieces of `parts` give the same records as one pass; writing records and reading them back
/// gives the same fields (formula neutralisation included).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let text = try? TextDecoding.utf8(from: FuzzDriver.bytes(data, size)) else { return 0 }
    text.bytes.withUnsafeBufferPointer { p in
        let delimiter = CSVReader.detectDelimiter(in: p)
        var whole: [[String]] = []
        guard (try? CSVReader.forEachRecord(in: p, delimiter: delimiter, limits: FuzzDriver.limits) {
            whole.append((0..<$0.count).map($0.string))
        }) != nil else { return }
        var pieces: [[String]] = []
        for part in CSVReader.parts(of: p, count: 3, minimumBytes: 1) {
            try? CSVReader.forEachRecord(in: p, range: part.range, firstRow: part.firstRow, delimiter: delimiter,
                                         limits: FuzzDriver.limits) { pieces.append((0..<$0.count).map($0.string)) }
        }
        precondition(pieces == whole, "parts disagree with one pass")
        var writer = CSVWriter()
        for r in whole { writer.append(r) }
        let written = Array(writer.text.utf8)
        var back: [[String]] = []
        written.withUnsafeBufferPointer { w in
            try? CSVReader.forEachRecord(in: w, limits: FuzzDriver.limits) { back.append((0..<$0.count).map($0.string)) }
        }
        precondition(back == whole, "CSVWriter output reads back differently")
    }
    return 0
}

@main enum Main { static func main() { FuzzDriver.run(fuzzCSV) } }
