import Foundation

/// 开课率 (scheduled vs held): the occurrences the published timetable schedules in a date range and what the log says.
public struct HeldRate: Codable, Sendable, Equatable {
    /// Session occurrences scheduled: each session once on every date of the range falling on its weekday.
    public var scheduled: Int
    /// Occurrences some school logged as held and none as cancelled.
    public var held: Int
    /// Occurrences some school logged as cancelled.
    public var cancelled: Int
    /// Occurrences nobody logged.
    public var unlogged: Int { scheduled - held - cancelled }
    /// held / scheduled (1 when nothing was scheduled).
    public var rate: Double { scheduled == 0 ? 1 : Double(held) / Double(scheduled) }

    /// Counts over `sessions` (optionally only those `school` sends or receives) from `from` through `to`.
    /// Records for other dates, weekdays or sessions are ignored.
    public static func compute(sessions: [PlannedSession], records: [SessionRecord], from: Date, through to: Date,
                               school: String? = nil) -> HeldRate {
        let days = SchoolCalendar.days(from: from, through: to)
        var status: [String: [String: Bool]] = [:]   // key → date → held (false wins)
        for r in records {
            let previous = status[r.sessionKey]?[r.date]
            status[r.sessionKey, default: [:]][r.date] = (previous ?? true) && r.held
        }
        var out = HeldRate(scheduled: 0, held: 0, cancelled: 0)
        for s in sessions where school.map({ s.involves(school: $0) }) ?? true {
            for d in days where d.weekday == s.day {
                out.scheduled += 1
                switch status[s.key]?[d.date] {
                case true?: out.held += 1
                case false?: out.cancelled += 1
                case nil: break
                }
            }
        }
        return out
    }
}
