import Accreditation
import Foundation

/// Finds the assessment rules by built-in id, or loads a province's override file (JSON or TOML) deriving from one.
public enum RulesLoader {
    /// Largest override file accepted.
    static let maxBytes = 1 << 20

    /// `youzhi-2017`, or the path of an override file.
    public static func rules(_ idOrPath: String) throws(StandardLoadError) -> AccreditationRules {
        if let r = AccreditationRules.builtIn.first(where: { $0.id == idOrPath }) { return r }
        guard FileManager.default.fileExists(atPath: idOrPath) else {
            throw StandardLoadError(description: "未知评估规则「\(idOrPath)」：应为 youzhi-2017 或规则文件路径 / unknown rules '\(idOrPath)': expected youzhi-2017 or the path of a rules file",
                                    exitCode: 66)
        }
        let size = ((try? FileManager.default.attributesOfItem(atPath: idOrPath))?[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxBytes, let data = FileManager.default.contents(atPath: idOrPath), let text = String(data: data, encoding: .utf8) else {
            throw StandardLoadError(description: "无法读取规则文件 \(idOrPath)（UTF-8，不超过1 MB）/ cannot read rules file \(idOrPath) (UTF-8, ≤ 1 MB)", exitCode: 66)
        }
        return try variant(text: text, isTOML: idOrPath.lowercased().hasSuffix(".toml"), source: idOrPath)
    }

    /// Parses override text and applies it to its base (exit code 65 on any error).
    public static func variant(text: String, isTOML: Bool, source: String = "rules") throws(StandardLoadError) -> AccreditationRules {
        let v = try StandardLoader.decode(RulesVariant.self, text: text, isTOML: isTOML, source: source)
        do { return try v.resolved() } catch { throw StandardLoadError(description: "\(source): \(error)", exitCode: 65) }
    }
}
