import Foundation
import ThreeClassrooms

/// A province or county curriculum override (JSON, or TOML when the name ends in .toml):
///
/// ```toml
/// name = "某省义务教育课时表"
/// [grades.7]
/// "英语" = 5
/// "综合实践活动" = 3
/// ```
/// Each listed grade and subject replaces the default weekly periods; 0 removes the subject.
public enum CurriculumFile {
    public static func load(path: String, base: Curriculum = .default2022) throws(StandardLoadError) -> Curriculum {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StandardLoadError(description: "无法读取课时表 \(path) / cannot read \(path)", exitCode: 66)
        }
        return try parse(String(decoding: data, as: UTF8.self), isTOML: path.lowercased().hasSuffix(".toml"), source: path, base: base)
    }

    struct Override: Decodable {
        var name: String?
        var grades: [String: [String: Int]]
    }

    public static func parse(_ text: String, isTOML: Bool, source: String, base: Curriculum = .default2022) throws(StandardLoadError) -> Curriculum {
        let o = try StandardLoader.decode(Override.self, text: text, isTOML: isTOML, source: source)
        var c = base
        c.name = o.name ?? "\(base.name) + \(source)"
        for (g, subjects) in o.grades.sorted(by: { $0.key < $1.key }) {
            guard let grade = Int(g), (1...9).contains(grade) else {
                throw StandardLoadError(description: "\(source): 年级 \(g) 应为 1–9 / grade \(g) must be 1–9", exitCode: 65)
            }
            for (name, periods) in subjects.sorted(by: { $0.key < $1.key }) {
                guard let s = Subject(name: name) else {
                    throw StandardLoadError(description: "\(source): grades.\(g): 未知学科「\(name)」/ unknown subject '\(name)'", exitCode: 65)
                }
                guard (0...20).contains(periods) else {
                    throw StandardLoadError(description: "\(source): grades.\(g).\(name) = \(periods)，应为 0–20 / must be 0–20", exitCode: 65)
                }
                c.set(grade: grade, subject: s, periods: periods)
            }
        }
        return c
    }
}
