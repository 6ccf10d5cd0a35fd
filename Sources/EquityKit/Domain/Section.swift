/// 学段: a compulsory-education section (小学 or 初中) evaluated on its own.
public enum Section: String, CaseIterable, Sendable, Codable, Hashable, Comparable {
    case primary = "小学"
    case junior = "初中"

    /// English label.
    public var english: String { self == .primary ? "primary" : "junior" }

    /// Accepts the Chinese label or the English key.
    public init?(label: String) {
        switch label {
        case "小学", "primary": self = .primary
        case "初中", "junior": self = .junior
        default: return nil
        }
    }

    public static func < (a: Section, b: Section) -> Bool { a == .primary && b == .junior }
}

/// 学段 of one data row: a single section, or 合计 (a combined row of a multi-section school).
public enum RecordSection: Sendable, Hashable {
    case single(Section)
    case combined

    /// Accepts 小学 / 初中 / 合计 or primary / junior / combined.
    public init?(label: String) {
        if let s = Section(label: label) { self = .single(s); return }
        if label == "合计" || label == "combined" { self = .combined; return }
        return nil
    }

    /// Chinese label as written in the template.
    public var label: String {
        switch self {
        case .single(let s): return s.rawValue
        case .combined: return "合计"
        }
    }
}

/// 城乡类型: urban district, town or rural area.
public enum Location: String, CaseIterable, Sendable, Codable, Hashable {
    case urban = "城区"
    case town = "镇区"
    case rural = "乡村"

    /// English label.
    public var english: String {
        switch self {
        case .urban: "urban"
        case .town: "town"
        case .rural: "rural"
        }
    }

    /// Accepts the Chinese label or the English word.
    public init?(label: String) {
        if let l = Location(rawValue: label) { self = l; return }
        guard let l = Location.allCases.first(where: { $0.english == label.lowercased() }) else { return nil }
        self = l
    }
}
