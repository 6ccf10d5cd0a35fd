/// A class (教学班) named `school_code/grade/class`, as in the plan's `receiving_classes`.
public struct ClassID: Hashable, Codable, Sendable, Comparable, CustomStringConvertible {
    public var school: String
    public var grade: Int
    public var number: Int

    public init(school: String, grade: Int, number: Int) {
        self.school = school
        self.grade = grade
        self.number = number
    }

    /// `school_code/grade/class`.
    public var description: String { "\(school)/\(grade)/\(number)" }

    public static func < (a: ClassID, b: ClassID) -> Bool {
        (a.school, a.grade, a.number) < (b.school, b.grade, b.number)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        let parts = text.split(separator: "/")
        guard parts.count == 3, let g = Int(parts[1]), let n = Int(parts[2]) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "school/grade/class"))
        }
        self.init(school: String(parts[0]), grade: g, number: n)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// A weekly time slot: day 1… and period 1….
public struct Slot: Hashable, Codable, Sendable, Comparable {
    public var day: Int
    public var period: Int

    public init(day: Int, period: Int) {
        self.day = day
        self.period = period
    }

    public static func < (a: Slot, b: Slot) -> Bool { (a.day, a.period) < (b.day, b.period) }
}
