import EquityKit
import Foundation
import JunhengImport
import Testing

/// Choosing a built-in standard by id, or loading a local variant from JSON or TOML.
@Suite struct StandardLoaderTests {
    @Test func builtInIds() throws {
        #expect(try StandardLoader.standard("youzhi-2017") == BuiltInStandards.youzhi2017)
        #expect(try StandardLoader.standard("jiben-2012") == BuiltInStandards.jiben2012)
        #expect(BuiltInStandards.youzhi2017.countyRule.cvLimit == PerSection(primary: 0.50, junior: 0.45))
    }

    /// Writes `text` to a file named `name` in a fresh temporary folder and loads it.
    func load(_ text: String, name: String) throws -> Standard {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return try StandardLoader.standard(path)
    }

    /// The error of loading `text` from a file named `name`.
    func loadError(_ text: String, name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> StandardLoadError? {
        do {
            let s = try load(text, name: name)
            Issue.record("loaded \(s.id)", sourceLocation: sourceLocation)
            return nil
        } catch let e as StandardLoadError {
            return e
        }
    }

    func expectZhejiangVariant(_ s: Standard, sourceLocation: SourceLocation = #_sourceLocation) {
        let base = BuiltInStandards.youzhi2017
        #expect(s.id == "zj-2025", sourceLocation: sourceLocation)
        #expect(s.derivedFrom == "youzhi-2017", sourceLocation: sourceLocation)
        #expect(s.countyRule.cvLimit == PerSection(primary: 0.30, junior: 0.30), sourceLocation: sourceLocation)
        #expect(s.countyRule.strictlyBelow, sourceLocation: sourceLocation)
        #expect(s.countyRule.kind == base.countyRule.kind, sourceLocation: sourceLocation)
        #expect(s.cvLimit(in: .primary) == 0.30 && s.cvLimit(in: .junior) == 0.30, sourceLocation: sourceLocation)
        // Strictly below: 0.30 itself no longer passes, 0.2999 does.
        #expect(!s.countyRule.accepts(0.30, in: .primary), sourceLocation: sourceLocation)
        #expect(s.countyRule.accepts(0.2999, in: .junior), sourceLocation: sourceLocation)
        // Everything else is the base's.
        #expect(s.indicators == base.indicators, sourceLocation: sourceLocation)
        #expect(s.schoolRule == base.schoolRule, sourceLocation: sourceLocation)
        #expect(s.scope == base.scope, sourceLocation: sourceLocation)
        #expect(s.nameZH == base.nameZH, sourceLocation: sourceLocation)
    }

    @Test func jsonVariant() throws {
        let s = try load("""
        {"base": "youzhi-2017", "id": "zj-2025", "cv_limit": {"小学": 0.30, "初中": 0.30}, "strictly_below": true}
        """, name: "zj.json")
        expectZhejiangVariant(s)
    }

    @Test func tomlVariant() throws {
        let s = try load("""
        # 浙江省本地标准
        base = "youzhi-2017"
        id = "zj-2025"
        strictly_below = true

        [cv_limit]
        "小学" = 0.30
        "初中" = 0.30
        """, name: "zj.toml")
        expectZhejiangVariant(s)
    }

    @Test func tomlVariantWithEnglishSectionKeysAndUpperCaseExtension() throws {
        let s = try load("""
        base = "youzhi-2017"
        id = "zj-2025"
        strictly_below = true
        cv_limit = { primary = 0.30, junior = 0.30 }
        """, name: "ZJ.TOML")
        expectZhejiangVariant(s)
    }

    @Test func partialOverrideKeepsTheOtherSection() throws {
        let s = try load(#"{"base": "youzhi-2017", "id": "local", "cv_limit": {"初中": 0.40}}"#, name: "local.json")
        #expect(s.countyRule.cvLimit == PerSection(primary: 0.50, junior: 0.40))
        #expect(!s.countyRule.strictlyBelow)
    }

    @Test func malformedTOMLNamesTheLine() throws {
        // Line 4 has a value that is not TOML.
        let e = try #require(try loadError("""
        base = "youzhi-2017"
        id = "zj-2025"

        strictly_below = tru
        """, name: "bad.toml"))
        #expect(e.exitCode == 65)
        #expect(e.description.contains("第4行"), "\(e.description)")
        #expect(e.description.contains("line 4"), "\(e.description)")
        #expect(e.description.contains("bad.toml"))
    }

    @Test func malformedJSONIsAContentError() throws {
        let e = try #require(try loadError(#"{"base": "youzhi-2017", "id": }"#, name: "bad.json"))
        #expect(e.exitCode == 65)
    }

    @Test func missingFieldIsNamed() throws {
        let e = try #require(try loadError(#"{"base": "youzhi-2017"}"#, name: "noid.json"))
        #expect(e.exitCode == 65)
        #expect(e.description.contains("missing field id"), "\(e.description)")
    }

    @Test func unknownBase() throws {
        let e = try #require(try loadError(#"{"base": "youzhi-2099", "id": "x"}"#, name: "base.json"))
        #expect(e.exitCode == 65)
        #expect(e.description.contains("youzhi-2099"), "\(e.description)")
        #expect(e.description.contains("youzhi-2017"), "the known bases are listed: \(e.description)")
    }

    @Test("infinite and NaN numbers (TOML has them) are rejected, not applied", arguments: [
        "cv_limit = { \"小学\" = inf }", "cv_limit = { \"初中\" = nan }",
        "[requirements.teaching_area_per_student]\n\"小学\" = inf",
        "[split_weights]\nnine_year = { primary = 1.0, junior = inf, senior = 1.2 }\n"
            + "complete_secondary = { primary = 1.0, junior = 1.1, senior = 1.2 }\ntwelve_year = { primary = 1.0, junior = 1.1, senior = 1.2 }",
    ])
    func nonFiniteNumbersAreRejected(line: String) throws {
        let e = try #require(try loadError("base = \"youzhi-2017\"\nid = \"x\"\n" + line + "\n", name: "inf.toml"))
        #expect(e.exitCode == 65)
        #expect(e.description.contains("无效") || e.description.contains("类型不对") || e.description.contains("invalid"), "\(e.description)")
    }

    @Test func nonPositiveCVLimitIsRejected() throws {
        let e = try #require(try loadError("""
        base = "youzhi-2017"
        id = "x"
        cv_limit = { "小学" = 0 }
        """, name: "zero.toml"))
        #expect(e.exitCode == 65)
        #expect(e.description.contains("cv_limit"))
    }

    @Test func missingFile() throws {
        let dir = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for idOrPath in [dir.appendingPathComponent("没有.toml").path, "youzhi-2018"] {
            do {
                let s = try StandardLoader.standard(idOrPath)
                Issue.record("loaded \(s.id) from \(idOrPath)")
            } catch {
                #expect(error.exitCode == 66)
                #expect(error.description.contains(idOrPath))
                #expect(error.description.contains("youzhi-2017"), "the built-in ids are suggested")
            }
        }
    }
}
