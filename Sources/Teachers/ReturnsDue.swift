import EquityKit

/// A teacher out on 交流轮岗: where they came from, where they serve, from which day, for how many years.
public struct RotationTerm: Sendable, Equatable {
    public var teacherID: String
    public var from: String
    public var to: String
    /// The day the move took effect.
    public var start: CalendarDay
    /// The plan's term in years.
    public var years: Int

    public init(teacherID: String, from: String, to: String, start: CalendarDay, years: Int) {
        (self.teacherID, self.from, self.to, self.start, self.years) = (teacherID, from, to, start, years)
    }

    /// The term's last day: the `years`-th anniversary of `start` (29 February → 28 February), nil past 2100.
    public var end: CalendarDay? {
        let y = start.year + years
        return CalendarDay(year: y, month: start.month, day: start.day) ?? CalendarDay(year: y, month: start.month, day: start.day - 1)
    }
}

/// The returns due: teachers on exchange whose term ends on or before a day.
public enum ReturnsDue {
    /// The terms of `terms` still running (the teacher serves at `to` and has not returned since `start`: the caller
    /// passes only those) whose end is on or before `by`, soonest first, then by teacher id.
    public static func list(_ terms: [RotationTerm], by: CalendarDay) -> [RotationTerm] {
        terms.filter { t in t.end.map { $0 <= by } ?? false }
            .sorted { a, b in ((a.end ?? a.start), a.teacherID) < ((b.end ?? b.start), b.teacherID) }
    }
}
