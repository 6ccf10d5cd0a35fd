import Foundation
import Testing
@testable import JunhengWeb

/// A lint over the web module's source: a Plot attribute call (`.href(…)`, `.value(…)`, …) may take only a plain string
/// literal; anything built from data must go through `.attr(_:_:)`, which escapes. `.raw(…)` only takes the SVG charts
/// (which escape their text) and the layout's own marker.
@Suite struct HTMLLintTests {
    static let attributeCalls = ["href", "action", "value", "name", "id", "for", "class", "title", "placeholder", "content",
                                 "src", "alt", "label", "style", "data", "ariaLabel", "attribute"]

    static var webSources: [URL] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dir = root.appendingPathComponent("Sources/JunhengWeb")
        let files = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return files.filter { $0.pathExtension == "swift" && $0.lastPathComponent != "HTMLEscape.swift" }
    }

    /// Offending calls in a piece of source: `file:line: .name(arg)`.
    static func violations(in source: String, file: String) -> [String] {
        let chars = Array(source)
        var found: [String] = []
        var i = 0
        func lineNumber(_ at: Int) -> Int { chars[..<at].reduce(1) { $0 + ($1 == "\n" ? 1 : 0) } }
        while i < chars.count {
            guard chars[i] == ".", i > 0, " \t\n(,{".contains(chars[i - 1]) else { i += 1; continue }
            var j = i + 1
            while j < chars.count, chars[j].isLetter { j += 1 }
            let name = String(chars[(i + 1)..<j])
            guard j < chars.count, chars[j] == "(", attributeCalls.contains(name) || name == "raw" else { i += 1; continue }
            guard let end = matchingParen(chars, j + 1) else { i = j; continue }
            let arg = String(chars[(j + 1)..<end]).trimmingCharacters(in: .whitespacesAndNewlines)
            let lineEnd = chars[end...].firstIndex(of: "\n") ?? chars.count
            let line = String(chars[(chars[..<i].lastIndex(of: "\n") ?? 0)..<lineEnd])
            if !allowed(name: name, arg: arg, line: line) { found.append("\(file):\(lineNumber(i)): .\(name)(\(arg.prefix(60)))") }
            i = end
        }
        return found
    }

    static func allowed(name: String, arg: String, line: String) -> Bool {
        if arg.isEmpty || arg.hasPrefix(".") { return true }                    // enum-typed: .type(.hidden)
        if arg.hasPrefix("let ") || arg.hasPrefix("var ") { return true }       // a `case .value(let v)` pattern
        if name == "raw" { return arg.hasPrefix("SVGChart.") }
        if name == "style" { return arg == "Stylesheet.css" }                   // the one constant stylesheet
        if name == "attribute" {
            return arg.range(of: #"^named: "[^"\\]*", value: "[^"\\]*"$"#, options: .regularExpression) != nil
        }
        return isPlainLiteral(arg)
    }

    static func isPlainLiteral(_ s: String) -> Bool {
        s.range(of: #"^"([^"\\]|\\[^(])*"$"#, options: .regularExpression) != nil
    }

    /// Index of the `)` closing the call whose arguments start at `start`, skipping strings and interpolations.
    static func matchingParen(_ c: [Character], _ start: Int) -> Int? {
        var depth = 1, i = start, inString = false
        var interpolation: [Int] = []
        while i < c.count {
            let ch = c[i]
            if inString {
                if ch == "\\", i + 1 < c.count, c[i + 1] == "(" { interpolation.append(depth); depth = 1; inString = false; i += 2; continue }
                if ch == "\\" { i += 2; continue }
                if ch == "\"" { inString = false }
                i += 1; continue
            }
            if ch == "\"" { inString = true } else if ch == "(" { depth += 1 } else if ch == ")" {
                depth -= 1
                if depth == 0 {
                    if let d = interpolation.popLast() { depth = d; inString = true } else { return i }
                }
            }
            i += 1
        }
        return nil
    }

    @Test func noRawAttributeFromData() throws {
        let files = Self.webSources
        #expect(files.count > 20, "found the web sources")
        var all: [String] = []
        for f in files { all += Self.violations(in: try String(contentsOf: f, encoding: .utf8), file: f.lastPathComponent) }
        #expect(all.isEmpty, "attributes built from data must use .attr(_:_:):\n\(all.joined(separator: "\n"))")
    }

    @Test func lintCatchesInterpolationAndVariables() {
        let bad = #"""
        .a(.href("/schools/\(code)"), .text(name))
        .input(.value(v))
        .attribute(named: "title", value: t)
        .raw(html)
        .title(title + " · Junheng")
        """#
        #expect(Self.violations(in: bad, file: "x").count == 5)
        let good = #"""
        .a(.href("/counties"), .attr(.href, "/schools/\(code)"), .class("x"), .type(.hidden))
        .attribute(named: "min", value: "1")
        .raw(SVGChart.cvBars(bars))
        """#
        #expect(Self.violations(in: good, file: "x").isEmpty)
    }

    @Test func escapesEveryMetacharacter() {
        #expect(HTMLEscape.attribute(#"x"><img src=x onerror='a'>&"#) == "x&quot;&gt;&lt;img src=x onerror=&#39;a&#39;&gt;&amp;")
        #expect(HTMLEscape.attribute("学校 ok") == "学校 ok")
    }
}
