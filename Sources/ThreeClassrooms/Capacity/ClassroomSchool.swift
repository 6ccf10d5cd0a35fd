/// A school as 三个课堂 sees it: where it is, its 教育集团, its network and its bell schedule.
public struct ClassroomSchool: Codable, Sendable, Equatable {
    /// 学校标识码.
    public var code: String
    public var name: String
    /// County (区县) code; the prefecture is its first four characters.
    public var county: String
    /// 教育集团/共同体 name ("" when none).
    public var group: String
    public var bandwidth: Bandwidth
    /// School days a week (bell schedule rows).
    public var days: Int
    /// Periods a day (bell schedule columns).
    public var periodsPerDay: Int
    /// 教学点 (a teaching point rather than a full school).
    public var isTeachingPoint: Bool

    public init(code: String, name: String, county: String, group: String, bandwidth: Bandwidth, days: Int,
                periodsPerDay: Int, isTeachingPoint: Bool) {
        self.code = code
        self.name = name
        self.county = county
        self.group = group
        self.bandwidth = bandwidth
        self.days = days
        self.periodsPerDay = periodsPerDay
        self.isTeachingPoint = isTeachingPoint
    }

    /// Weekly periods in the bell schedule.
    public var weeklySlots: Int { days * periodsPerDay }

    /// The first four characters of the county code (地市).
    public var prefecture: String { String(county.prefix(4)) }
}

/// Network quality class (网络带宽等级): low receivers get an audio-first / recorded-lesson fallback.
public enum Bandwidth: String, Codable, Sendable, CaseIterable {
    case high, medium, low

    /// 高 / 中 / 低.
    public var zh: String {
        switch self {
        case .high: "高"
        case .medium: "中"
        case .low: "低"
        }
    }

    /// Parses 高/中/低 or high/medium/low.
    public init?(name: String) {
        guard let b = Bandwidth.allCases.first(where: { $0.zh == name || $0.rawValue == name.lowercased() }) else { return nil }
        self = b
    }
}
