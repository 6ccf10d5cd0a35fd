/// 学校类型: the kind of school a row describes.
public enum SchoolType: String, CaseIterable, Sendable, Codable, Hashable {
    case primary = "小学"
    case junior = "初中"
    case nineYear = "九年一贯制"
    case completeSecondary = "完全中学"
    case twelveYear = "十二年一贯制"
    case teachingPoint = "教学点"
    case specialEducation = "特殊教育学校"
    case vocational = "职业学校"

    /// English label.
    public var english: String {
        switch self {
        case .primary: "primary school"
        case .junior: "junior secondary school"
        case .nineYear: "nine-year school"
        case .completeSecondary: "complete secondary school"
        case .twelveYear: "twelve-year school"
        case .teachingPoint: "teaching point"
        case .specialEducation: "special-education school"
        case .vocational: "vocational school"
        }
    }

    /// Accepts the Chinese label or the English key (e.g. `nine_year`).
    public init?(label: String) {
        if let t = SchoolType(rawValue: label) { self = t; return }
        let keys: [String: SchoolType] = [
            "primary": .primary, "junior": .junior, "nine_year": .nineYear,
            "complete_secondary": .completeSecondary, "twelve_year": .twelveYear,
            "teaching_point": .teachingPoint, "special_education": .specialEducation,
            "vocational": .vocational,
        ]
        guard let t = keys[label.lowercased()] else { return nil }
        self = t
    }

    /// Compulsory sections this type of school may report as separate rows.
    public var sections: [Section] {
        switch self {
        case .primary, .teachingPoint: [.primary]
        case .junior, .completeSecondary: [.junior]
        case .nineYear, .twelveYear, .specialEducation, .vocational: [.primary, .junior]
        }
    }

    /// Whether a 合计 row (split by student-equivalent weights) makes sense for this type.
    public var allowsCombinedRow: Bool {
        self == .nineYear || self == .completeSecondary || self == .twelveYear
    }

    /// Whether a combined row must state its senior-high students to be split.
    public var hasSeniorSection: Bool { self == .completeSecondary || self == .twelveYear }
}
