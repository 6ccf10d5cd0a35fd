import EquityKit
import Foundation
import JunhengTOML

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
            // Our own parser (JunhengTOML), not TOMLKit: toml++ 3.4.0 under it asserts (UB in release) on malformed
            // input, found by FuzzStandardFile (upstream tomlplusplus PR #301).
            do { json = Data(try TOMLParser.json(text)) } catch {
                throw StandardLoadError(description: error.message(source: source), exitCode: 65)
            }
        }
        do { return try JSONDecoder().decode(type, from: json) } catch let e as DecodingError {
            throw StandardLoadError(description: "\(source): \(describe(e))", exitCode: 65)
        } catch {
            throw StandardLoadError(description: "\(source): \(error)", exitCode: 65)
        }
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
