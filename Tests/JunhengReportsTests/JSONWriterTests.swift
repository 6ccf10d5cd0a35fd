import Foundation
import Testing
@testable import JunhengReports

@Suite("JSON writer")
struct JSONWriterTests {
    /// Strings with characters that need escaping at every position of the eight-byte scan, read back by
    /// Foundation's JSON parser (an independent decoder) as the same string.
    @Test("escapes round-trip through JSONSerialization")
    func escapes() throws {
        let pool: [String] = ["a", "中", "\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", " ", "é", "/"]
        var state: UInt64 = 17
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var texts = ["", "plain ascii only here", "第1号学校", String(repeating: "x", count: 64) + "\""]
        for _ in 0..<2000 {
            // Mostly clean text, so the escape lands past the first eight-byte words too.
            texts.append((0..<next(40)).map { _ in next(4) == 0 ? pool[next(pool.count)] : "b" }.joined())
        }
        var w = JSONWriter(capacity: 16)
        w.beginArray()
        for t in texts { w.string(t) }
        w.endArray()
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String])
        #expect(parsed == texts)
    }

    @Test("the buffer grows and take() empties it for reuse")
    func growAndTake() {
        var w = JSONWriter(capacity: 1)
        for k in 0..<10_000 { w.int(k) }
        let first = w.take()
        let expected = "[" + (0..<10_000).map { String($0) }.joined(separator: ",") + "]"
        #expect(first == Array(expected.utf8.dropFirst().dropLast()))
        #expect(w.take().isEmpty)
        w.raw("[1]")
        #expect(w.bytes == Array("[1]".utf8))
    }
}
