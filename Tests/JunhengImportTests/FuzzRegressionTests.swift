import Foundation
import Testing
@testable import JunhengImport
import JunhengTOML

/// Inputs on which FuzzStandardFile crashed the process, kept in Fuzz/crashes/.
@Suite struct StandardFileFuzzRegressionTests {
    @Test(arguments: ["standard-toml-nonascii-key.bin", "standard-toml-header-comma.bin"])
    func badTableHeaderIsALocatedErrorNotAnAbortInTomlPlusPlus(name: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/crashes/\(name)")
        let bytes = try [UInt8](Data(contentsOf: url))
        // The harness's first byte chose "curriculum, TOML"; the rest is the file. Before: toml++ hit an assertion
        // in parse_key and aborted.
        let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
        do {
            _ = try CurriculumFile.parse(text, isTOML: true, source: "fuzz.toml")
            Issue.record("accepted")
        } catch {
            #expect(error.exitCode == 65)
            #expect(error.description.contains("fuzz.toml 第2行第2列"), "\(error.description)")
        }
        // These used to be refused by a pre-scan before toml++; JunhengTOML locates them itself.
        func at(_ text: String) -> (Int, Int)? {
            do { _ = try TOMLParser.json(text); return nil } catch { return (error.line, error.column) }
        }
        #expect(at("a = \"中\" # 注释\n'键' = '''多\n行'''\nb = 1\n") == nil)
        #expect(at("a = 1\n中 = 2\n")! == (2, 1))
        #expect(at("a = \"x\\\"中\"\n[b.中]\n")! == (2, 4))
        #expect(at("[,a]\n")! == (1, 2))
        #expect(at("[[ ,a]]\n")! == (1, 4))
        #expect(at("a = [\n  [1, 2],\n]\n[\"中\".b]\n[c]\n") == nil)
    }

    @Test func braceClosingAnArrayIsALocatedErrorNotAnAssertInParseValue() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/crashes/standard-toml-array-brace.bin")
        let bytes = try [UInt8](Data(contentsOf: url))
        // First byte 0x01: "standard, TOML". Before: toml++ asserted in parse_value called from parse_array.
        #expect(bytes.first == 1)
        let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
        do {
            _ = try StandardLoader.variant(text: text, isTOML: true, source: "fuzz.toml")
            Issue.record("accepted")
        } catch {
            #expect(error.exitCode == 65)
            #expect(error.description.contains("fuzz.toml 第3行第14列"), "\(error.description)")
            #expect(error.description.contains("fuzz.toml line 3, column 14"), "\(error.description)")
        }
    }
}
