/// The largest value each numeric column of the statistics template accepts (by English key), and the rule for
/// codes. A value beyond its bound is a located error naming the bound, so no later conversion or sum can trap.
public struct ImportBounds: Sendable, Equatable {
    /// Most per column key; a numeric column without an entry takes `defaultMaximum`.
    public var maximum: [String: Double]
    public var defaultMaximum: Double

    public init(maximum: [String: Double], defaultMaximum: Double) {
        self.maximum = maximum
        self.defaultMaximum = defaultMaximum
    }

    /// Generous for the largest real school (a 10,000-student school has some 600 teachers and 200 classes).
    public static let statistics = ImportBounds(maximum: [
        "students": 100_000, "primary_students": 100_000, "junior_students": 100_000, "senior_students": 100_000,
        "migrant_students": 100_000,
        "classes": 2_000, "max_class_size": 500,
        "teachers": 20_000, "teachers_above_required_degree": 20_000, "backbone_teachers": 20_000,
        "pe_art_teachers": 20_000, "mid_senior_title_teachers": 20_000, "certified_teachers": 20_000,
        "teaching_aux_area_m2": 10_000_000, "sports_area_m2": 10_000_000,
        "equipment_value_yuan": 100_000_000_000, "public_funds_per_student_yuan": 10_000_000,
        "multimedia_classrooms": 10_000, "computers": 1_000_000, "books": 100_000_000,
        "music_rooms": 10_000, "art_rooms": 10_000,
    ], defaultMaximum: 1_000_000_000)

    /// The bound of the column with `key`.
    public func maximum(of key: String) -> Double { maximum[key] ?? defaultMaximum }
}

/// School codes, teacher ids and other identifiers read from files: `^[0-9A-Za-z_-]{1,32}$`
/// (the 10-digit 学校标识码 fits; the template also allows any other unique code of that shape).
public enum CodeRule {
    public static let maximumLength = 32
    public static let descriptionZH = "1–32 位字母、数字、- 或 _"
    public static let descriptionEN = "1–32 letters, digits, - or _"

    /// True when `code` is 1–32 ASCII letters, digits, `-` or `_`.
    public static func isValid(_ code: String) -> Bool {
        let u = code.utf8
        guard !u.isEmpty, u.count <= maximumLength else { return false }
        return u.allSatisfy { b in
            (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == 0x2D || b == 0x5F
        }
    }
}
