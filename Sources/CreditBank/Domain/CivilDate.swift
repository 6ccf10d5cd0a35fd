/// A calendar date without time zone (an outcome's end date).
public struct CivilDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int, month: Int, day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month), (1...CivilDate.days(year, month)).contains(day) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Parses "2025-06-30" (also "2025/6/30"); nil for anything else or an impossible date.
    public init?(text: String) {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    static func days(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// "2025-06-30".
    public var description: String {
        func p(_ v: Int, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
        return "\(p(year, 4))-\(p(month, 2))-\(p(day, 2))"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let d = CivilDate(text: s) else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "日期应为 YYYY-MM-DD / date must be YYYY-MM-DD: \(s)") }
        self = d
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// A day of the year without the year ("03-01"): where a credit year or a term starts.
public struct MonthDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var month: Int, day: Int

    public init?(month: Int, day: Int) {
        guard (1...12).contains(month), (1...CivilDate.days(2000, month)).contains(day) else { return nil }
        self.month = month; self.day = day
    }

    public init?(text: String) {
        let parts = text.split(separator: "-").map(String.init)
        guard parts.count == 2, let m = Int(parts[0]), let d = Int(parts[1]) else { return nil }
        self.init(month: m, day: d)
    }

    public static func < (a: MonthDay, b: MonthDay) -> Bool { (a.month, a.day) < (b.month, b.day) }
    public var description: String { "\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)" }

    /// Whether `date` falls on or after this day within its calendar year.
    func isOnOrBefore(_ date: CivilDate) -> Bool { (month, day) <= (date.month, date.day) }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let d = MonthDay(text: s) else { throw DecodingError.dataCorruptedError(in: c, debugDescription: "应为 MM-DD / must be MM-DD: \(s)") }
        self = d
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
