import Foundation
import Testing
@testable import JunhengImport

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
        #expect(StandardLoader.firstBareNonASCII("a = \"中\" # 注释\n'键' = '''多\n行'''\nb = 1\n") == nil)
        #expect(StandardLoader.firstBareNonASCII("a = 1\n中 = 2\n")! == (2, 1))
        #expect(StandardLoader.firstBareNonASCII("a = \"x\\\"中\"\n[b.中]\n")! == (2, 4))
        #expect(StandardLoader.firstBareNonASCII("[,a]\n")! == (1, 2))
        #expect(StandardLoader.firstBareNonASCII("[[ ,a]]\n")! == (1, 4))
        #expect(StandardLoader.firstBareNonASCII("a = [\n  [1, 2],\n]\n[\"中\".b]\n[c]\n") == nil)
    }
}
