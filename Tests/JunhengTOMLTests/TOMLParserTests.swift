import Foundation
import Testing
import JunhengTOML

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
private let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private func json(_ text: String) throws -> String { String(decoding: try TOMLParser.json(text), as: UTF8.self) }
private func where_(_ text: String) -> (Int, Int)? {
    do { _ = try TOMLParser.json(text); return nil } catch { return (error.line, error.column) }
}
private func files(_ dir: String) throws -> [URL] {
    try FileManager.default.contentsOfDirectory(at: fixtures.appendingPathComponent(dir), includingPropertiesForKeys: nil)
        .filter { $0.pathExtension == "toml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
}
private let python3: String? = ["/usr/bin/python3", "/usr/local/bin/python3", "/opt/homebrew/bin/python3"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// JunhengTOML against hand-written facts and against Python's tomllib.
@Suite struct TOMLParserTests {
    @Test func scalarsBecomeJSON() throws {
        #expect(try json("a = 1\nb = -0\n") == #"{"a":1,"b":0}"#)
        #expect(try json("a = 0xff\nb = 0o17\nc = 0b101\nd = 1_000") == #"{"a":255,"b":15,"c":5,"d":1000}"#)
        #expect(try json("a = -9223372036854775808") == #"{"a":-9223372036854775808}"#)
        #expect(try json("a = 1.5\nb = -2e-2\nc = 1e3") == #"{"a":1.5,"b":-0.02,"c":1000.0}"#)
        #expect(try json("t = true\nf = false") == #"{"t":true,"f":false}"#)
        #expect(try json("d = 1979-05-27 07:32:00Z\nl = 07:32:00.5\ne = 2000-02-29") == #"{"d":"1979-05-27 07:32:00Z","l":"07:32:00.5","e":"2000-02-29"}"#)
    }

    @Test func stringsAndEscapes() throws {
        #expect(try json(#"a = "\u00e9\U0001F600\t\"\\""#) == "{\"a\":\"é😀\\t\\\"\\\\\"}")
        #expect(try json("a = 'C:\\x'") == #"{"a":"C:\\x"}"#)
        #expect(try json("a = \"\"\"\nx\\\n   y\"\"\"") == #"{"a":"xy"}"#)
        #expect(try json("a = '''\nl1\r\nl2''''") == #"{"a":"l1\nl2'"}"#)
        #expect(try json("a = \"\\u0001\"") == #"{"a":"\u0001"}"#)
    }

    @Test func tablesKeysAndArrays() throws {
        #expect(try json("a.b = 1\n\"x.y\" = 2\n[t]\nc = [1, 'a', {d = []}]\n") == #"{"a":{"b":1},"x.y":2,"t":{"c":[1,"a",{"d":[]}]}}"#)
        #expect(try json("[[p]]\nn = 1\n[p.q]\n[[p]]\nn = 2\n") == #"{"p":[{"n":1,"q":{}},{"n":2}]}"#)
        #expect(try json("[x.y]\n[x]\nz = 1\n") == #"{"x":{"y":{},"z":1}}"#)
        #expect(try json("") == "{}")
    }

    /// Every error class, at the line and column counted by hand (columns in characters).
    @Test(arguments: [
        ("base = \"jiben-2011\"\nid = \"ll\"\ncv_limit = [ }\n", 3, 14),
        ("[[[1]]]\n", 1, 3), ("[[=\n", 1, 3), ("[]", 1, 2), ("[a\n", 1, 3), ("[a] b = 1", 1, 5),
        ("a = 1\n中 = 2\n", 2, 1), ("key = # x\n", 1, 7), ("a = 1 b = 2", 1, 7), ("= 1", 1, 1),
        ("a = 1\na = 2", 2, 1), ("[f]\n[f]", 2, 2), ("[f]\nx.y = 1\n[f.x]", 3, 4), ("a.b = 1\n[a]", 2, 2),
        ("[a.b]\n[a]\nb.y = 2", 3, 1), ("t = {n = 1}\nt.e = 2", 2, 1), ("t = {n = 1}\n[t.u]", 2, 2),
        ("a = { b = 1,\n c = 2 }", 1, 13), ("a = {b = 1,}", 1, 12), ("a = {b = 1, b = 2}", 1, 13),
        ("f = []\n[[f]]", 2, 3), ("[a]\n[[a]]", 2, 3), ("[[a]]\n[a]", 2, 2),
        ("a = [1 2]", 1, 8), ("a = [1,,2]", 1, 8), ("a = [1", 1, 5), ("a = \"x", 1, 5), ("a = \"\"\"x", 1, 5),
        ("a = \"\\x\"", 1, 6), ("a = \"\\uD800\"", 1, 6), ("a = \"\\U00110000\"", 1, 6), ("a = \"\\u12\"", 1, 6),
        ("a = \"\u{1}\"", 1, 6), ("a = 1 # \u{7F}", 1, 9), ("a = 1\rb", 1, 6),
        ("a = 012", 1, 5), ("a = 1__2", 1, 5), ("a = +0x1", 1, 5), ("a = 0o8", 1, 5), ("a = 9223372036854775808", 1, 5),
        ("a = .5", 1, 5), ("a = 1.", 1, 5), ("a = 1e", 1, 5), ("a = inf", 1, 5), ("a = -nan", 1, 5), ("a = 1e400", 1, 5),
        ("a = True", 1, 5), ("a = 1979-02-29", 1, 5), ("a = 24:00:00", 1, 5), ("a = 07:32", 1, 5),
        ("a = 1979-05-27T07:32:00+8", 1, 24), ("a = 07:32:00Z", 1, 13), ("\n\n  x = \"均衡\" y", 3, 12),
    ])
    func errorsAreLocated(text: String, line: Int, column: Int) {
        do {
            let out = try TOMLParser.json(text)
            Issue.record("accepted: \(String(decoding: out, as: UTF8.self))")
        } catch {
            #expect((error.line, error.column) == (line, column), "\(error)")
            #expect(error.description.contains("第\(error.line)行第\(error.column)列: TOML 格式错误："))
            #expect(error.description.contains("line \(error.line), column \(error.column): invalid TOML: "))
        }
    }

    @Test func hostileSizesAndDepthsAreErrorsNotCrashes() {
        #expect(where_(String(repeating: "#", count: TOMLParser.maxBytes + 1)).map { $0 == (1, 1) } == true)
        #expect(where_("a = " + String(repeating: "[", count: 100_000)) != nil)
        #expect(where_("a = " + String(repeating: "{b=", count: 100_000)) != nil)
        #expect(where_(String(repeating: "a.", count: 100_000) + "a = 1") != nil)
        #expect(where_("[" + String(repeating: "a.", count: 100_000) + "a]") != nil)
        #expect(where_("a = " + String(repeating: "[", count: 65) + String(repeating: "]", count: 65)) != nil)
        #expect(where_("a = " + String(repeating: "[", count: 64) + String(repeating: "]", count: 64)) == nil)
        // Every prefix of a real document either parses or fails with a location, never traps.
        let doc = "a.b = \"\"\"x\\\n y\"\"\"\n[[t]]\nc = [1, {d = 1979-05-27T07:32:00Z}, 0x1f, 1e5, '''q''']\n"
        for n in 0...doc.utf8.count {
            let prefix = String(decoding: Array(doc.utf8.prefix(n)), as: UTF8.self)
            if let (l, c) = where_(prefix) { #expect(l >= 1 && c >= 1) }
        }
    }

    @Test func fixturesAreAcceptedOrRefusedAsClassified() throws {
        let valid = try files("valid"), invalid = try files("invalid"), limits = try files("limits")
        #expect(valid.count >= 60 && invalid.count >= 60)
        for f in valid {
            let out = try TOMLParser.json(String(decoding: try Data(contentsOf: f), as: UTF8.self))
            #expect((try? JSONSerialization.jsonObject(with: Data(out))) != nil, "\(f.lastPathComponent)")
        }
        for f in invalid + limits {
            #expect(throws: TOMLError.self, "\(f.lastPathComponent)") { try TOMLParser.json(String(decoding: try Data(contentsOf: f), as: UTF8.self)) }
        }
    }

    /// tomllib (Python 3.11+) is the independent oracle: same accept/refuse decision, same values, on every fixture.
    /// (Fixtures/limits holds documents TOML allows but we refuse on purpose: depth > 64, integers beyond 64 bits.)
    @Test(.enabled(if: python3 != nil, "python3 not found: the tomllib comparison is skipped"))
    func agreesWithTomllib() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("junheng-toml-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        for dir in ["valid", "invalid"] {
            let mine = out.appendingPathComponent(dir)
            try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
            for f in try files(dir) {
                let name = f.deletingPathExtension().lastPathComponent
                do {
                    let j = try TOMLParser.json(String(decoding: try Data(contentsOf: f), as: UTF8.self))
                    try Data(j).write(to: mine.appendingPathComponent(name + ".json"))
                } catch {
                    try Data("\(error)".utf8).write(to: mine.appendingPathComponent(name + ".error"))
                }
            }
            let p = Process()
            p.executableURL = URL(fileURLWithPath: python3 ?? "python3")
            p.arguments = [repo.appendingPathComponent("scripts/check-toml.py").path, fixtures.appendingPathComponent(dir).path, mine.path]
            let pipe = Pipe()
            p.standardOutput = pipe
            try p.run()
            let report = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "\(dir): \(report)")
            #expect(report.contains(" 0 disagreements"), "\(report)")
        }
    }
}
