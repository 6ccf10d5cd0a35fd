import Foundation

/// Dates as the session log writes them (`yyyy-MM-dd`) and their weekday in the timetable's numbering (Monday = 1).
public enum SchoolCalendar {
    private static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    /// Parses `yyyy-MM-dd` strictly (real calendar dates only).
    public static func date(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              let date = calendar.date(from: DateComponents(year: y, month: m, day: d)),
              calendar.component(.month, from: date) == m, calendar.component(.day, from: date) == d
        else { return nil }
        return date
    }

    /// `yyyy-MM-dd` of a date.
    public static func text(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// Timetable weekday: Monday 1 … Sunday 7.
    public static func weekday(_ date: Date) -> Int {
        (calendar.component(.weekday, from: date) + 5) % 7 + 1
    }

    /// Every date from `from` through `to` (inclusive) with its weekday; empty when `to` is before `from`.
    public static func days(from: Date, through to: Date) -> [(date: String, weekday: Int)] {
        var out: [(String, Int)] = []
        var d = from
        while d <= to, out.count < 3660 {
            out.append((text(d), weekday(d)))
            d = calendar.date(byAdding: .day, value: 1, to: d)!
        }
        return out
    }
}
