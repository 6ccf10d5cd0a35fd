import Foundation

/// A compulsory-education subject (课程科目) of the 2022 义务教育课程方案.
public enum Subject: String, CaseIterable, Codable, Sendable, Comparable {
    case morality, chinese, math, english, science, physics, chemistry, biology, history, geography
    case it, pe, music, art, labour, practice

    /// The Chinese name used in the input files and reports.
    public var zh: String {
        switch self {
        case .morality: "道德与法治"
        case .chinese: "语文"
        case .math: "数学"
        case .english: "英语"
        case .science: "科学"
        case .physics: "物理"
        case .chemistry: "化学"
        case .biology: "生物学"
        case .history: "历史"
        case .geography: "地理"
        case .it: "信息科技"
        case .pe: "体育与健康"
        case .music: "音乐"
        case .art: "美术"
        case .labour: "劳动"
        case .practice: "综合实践活动"
        }
    }

    /// Other names accepted in input files.
    var aliases: [String] {
        switch self {
        case .morality: ["道法", "思想品德"]
        case .english: ["外语"]
        case .biology: ["生物"]
        case .it: ["信息技术"]
        case .pe: ["体育"]
        case .practice: ["综合实践", "地方课程", "校本课程"]
        default: []
        }
    }

    /// Parses a Chinese name, an alias or the English key.
    public init?(name: String) {
        let t = name.trimmingCharacters(in: .whitespaces)
        guard let found = Subject.allCases.first(where: { $0.zh == t || $0.rawValue == t.lowercased() || $0.aliases.contains(t) })
        else { return nil }
        self = found
    }

    public static func < (a: Subject, b: Subject) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
