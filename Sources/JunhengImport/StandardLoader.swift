import EquityKit
import Foundation
import TOMLKit

/// Why a standard could not be chosen or loaded.
public struct StandardLoadError: Error, Sendable, CustomStringConvertible {
    public var description: String
    /// 66 when the file cannot be read, 65 when its content is wrong.
    public var exitCode: Int32
}

/// Finds a standard by built-in id, or loads a local variant from a JSON or TOML file.
public enum StandardLoader {
    /// `youzhi-2017`, `jiben-2012`, or the path of a variant file deriving from one of them.
    public static func standard(_ idOrPath: String) throws(StandardLoadError) -> Standard {
        if let s = BuiltInStandards.standard(id: idOrPath) { return s }
        guard FileManager.default.fileExists(atPath: idOrPath) else {
            throw StandardLoadError(description: "未知标准「\(idOrPath)」：应为 \(BuiltInStandards.all.map(\.id).joined(separator: " / ")) 或标准文件路径"
                + " / unknown standard '\(idOrPath)': expected \(BuiltInStandards.all.map(\.id).joined(separator: ", ")) or the path of a standard file",
                exitCode: 66)
        }
        guard let data = FileManager.default.contents(atPath: idOrPath), let text = String(data: data, encoding: .utf8) else {
            throw StandardLoadError(description: "无法读取标准文件 \(idOrPath) / cannot read standard file \(idOrPath)", exitCode: 66)
        }
        return try variant(text: text, isTOML: idOrPath.lowercased().hasSuffix(".toml"), source: idOrPath)
    }

    /// Parses variant text (JSON, or TOML when `isTOML`) and applies it to its base.
    public static func variant(text: String, isTOML: Bool, source: String = "standard") throws(StandardLoadError) -> Standard {
        let v = try decode(StandardVariant.self, text: text, isTOML: isTOML, source: source)
        do { return try v.resolved() } catch {
            throw StandardLoadError(description: "\(source): \(error)", exitCode: 65)
        }
    }

    /// Decodes JSON text, or TOML text converted to JSON, with located errors (exit code 65).
    static func decode<T: Decodable>(_ type: T.Type, text: String, isTOML: Bool, source: String) throws(StandardLoadError) -> T {
        var json = Data(text.utf8)
        if isTOML {
            if let (line, column) = firstBareNonASCII(text) {
                throw StandardLoadError(description: "\(source) 第\(line)行第\(column)列: TOML 格式错误：键名只能用 ASCII 字母、数字、- 和 _（中文键名请加引号）"
                    + " / \(source) line \(line), column \(column): invalid TOML: a bare key is ASCII letters, digits, - and _ (quote Chinese keys)",
                    exitCode: 65)
            }
            do { json = Data(try TOMLTable(string: text).convert(to: .json).utf8) } catch let e as TOMLParseError {
                throw StandardLoadError(description: "\(source) 第\(e.source.begin.line)行第\(e.source.begin.column)列: TOML 格式错误：\(e.description)"
                    + " / \(source) line \(e.source.begin.line), column \(e.source.begin.column): invalid TOML: \(e.description)", exitCode: 65)
            } catch {
                throw StandardLoadError(description: "\(source): TOML 格式错误 / invalid TOML: \(error)", exitCode: 65)
            }
        }
        do { return try JSONDecoder().decode(type, from: json) } catch let e as DecodingError {
            throw StandardLoadError(description: "\(source): \(describe(e))", exitCode: 65)
        } catch {
            throw StandardLoadError(description: "\(source): \(error)", exitCode: 65)
        }
    }

    /// Line and column (1-based, in bytes) of the first byte toml++ (under TOMLKit) must not see: a non-ASCII byte
    /// outside strings and comments, or a table header (`[`, `[[`) not followed by a key. TOML allows neither, and
    /// toml++ aborts the process on them (an assertion in parse_key; undefined behaviour with NDEBUG) instead of
    /// reporting an error (found by FuzzStandardFile), so they are refused before it sees the text.
    static func firstBareNonASCII(_ text: String) -> (line: Int, column: Int)? {
        let b = Array(text.utf8)
        var i = 0, line = 1, lineStart = 0, depth = 0, onlyBlanksSoFar = true
        func starts(_ s: String) -> Bool { b[i...].starts(with: s.utf8) }
        func isKeyStart(_ c: UInt8) -> Bool {
            (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c)
                || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'")
                || c == UInt8(ascii: "]")
        }
        func skipString(_ close: String, multiline: Bool, escapes: Bool) {
            i += close.utf8.count
            while i < b.count {
                if escapes && b[i] == UInt8(ascii: "\\") { i += 2; continue }
                if starts(close) { i += close.utf8.count; return }
                if b[i] == 0x0A { if !multiline { return }; line += 1; lineStart = i + 1 }
                i += 1
            }
        }
        while i < b.count {
            let c = b[i]
            let blanksBefore = onlyBlanksSoFar
            onlyBlanksSoFar = onlyBlanksSoFar && (c == 0x20 || c == 0x09)
            switch c {
            case 0x0A: line += 1; i += 1; lineStart = i; onlyBlanksSoFar = true
            case UInt8(ascii: "#"): while i < b.count && b[i] != 0x0A { i += 1 }
            case UInt8(ascii: "\""): starts("\"\"\"") ? skipString("\"\"\"", multiline: true, escapes: true) : skipString("\"", multiline: false, escapes: true)
            case UInt8(ascii: "'"): starts("'''") ? skipString("'''", multiline: true, escapes: false) : skipString("'", multiline: false, escapes: false)
            case UInt8(ascii: "[") where depth == 0 && blanksBefore:
                // A table header: after `[` or `[[` and blanks comes a key (or the `]` toml++ reports itself).
                i += 1
                if i < b.count && b[i] == UInt8(ascii: "[") { i += 1 }
                while i < b.count && (b[i] == 0x20 || b[i] == 0x09) { i += 1 }
                if i < b.count && !isKeyStart(b[i]) { return (line, i - lineStart + 1) }
                while i < b.count && b[i] != 0x0A && b[i] != UInt8(ascii: "]") && b[i] != UInt8(ascii: "\"") && b[i] != UInt8(ascii: "'") {
                    if b[i] >= 0x80 { return (line, i - lineStart + 1) }
                    i += 1
                }
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1; i += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1); i += 1
            case 0x80...: return (line, i - lineStart + 1)
            default: i += 1
            }
        }
        return nil
    }

    static func describe(_ e: DecodingError) -> String {
        func path(_ c: [any CodingKey]) -> String { c.map(\.stringValue).joined(separator: ".") }
        switch e {
        case .keyNotFound(let k, let ctx): return "缺少字段 \(path(ctx.codingPath + [k])) / missing field \(path(ctx.codingPath + [k]))"
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx):
            return "字段 \(path(ctx.codingPath)) 类型不对 / wrong type at \(path(ctx.codingPath)): \(ctx.debugDescription)"
        case .dataCorrupted(let ctx):
            return "内容无效 \(path(ctx.codingPath)) / invalid content at \(path(ctx.codingPath)): \(ctx.debugDescription)"
        @unknown default: return "\(e)"
        }
    }
}
