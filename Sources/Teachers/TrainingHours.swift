import Crypto
import Foundation
import EquityKit

/// One training a teacher completed (培训学时记录): the hours credited on a day.
public struct TrainingEntry: Sendable, Equatable {
    public var teacherID: String
    public var day: CalendarDay
    public var hours: Double
    public init(teacherID: String, day: CalendarDay, hours: Double) { (self.teacherID, self.day, self.hours) = (teacherID, day, hours) }
}

/// A 5-year training cycle (2021–2025, 2026–2030, …), first and last year inclusive.
public struct TrainingCycle: Sendable, Equatable {
    public var years: ClosedRange<Int>

    public init(years: ClosedRange<Int>) { self.years = years }

    /// The national cycle holding `year` (cycles since 2021), or the 5 years from `start` when a county counts from another year.
    public static func containing(_ year: Int, start: Int? = nil) -> TrainingCycle {
        if let start, (2000...2100).contains(start) { return TrainingCycle(years: start...(start + 4)) }
        let first = 2021 + 5 * Int((Double(year - 2021) / 5).rounded(.down))
        return TrainingCycle(years: first...(first + 4))
    }

    /// Whether `day` falls in the cycle (1 January of the first year … 31 December of the last).
    public func contains(_ day: CalendarDay) -> Bool { years.contains(day.year) }
}

/// Where a teacher's cycle hours come from.
public enum TrainingSource: String, Sendable {
    /// The county's training records in the cycle (the teacher has at least one).
    case records
    /// The register's `training_hours_cycle` column (no record of the teacher in the cycle).
    case register
    /// Neither: the teacher is not counted as reported.
    case none
}

/// Each teacher's hours in one cycle: from the training records where the county keeps them for that teacher in the
/// cycle, else the register's `training_hours_cycle` (the fallback the issue allows).
public struct TrainingHours: Sendable {
    public var cycle: TrainingCycle?
    /// Recorded hours in the cycle, by teacher id (only teachers with a record in it).
    public var recorded: [String: Double]

    /// Hours from the register column only (no records kept).
    public static let registerOnly = TrainingHours(cycle: nil, recorded: [:])

    public init(cycle: TrainingCycle?, recorded: [String: Double]) { (self.cycle, self.recorded) = (cycle, recorded) }

    /// Sums the entries dated in `cycle` per teacher; entries outside it are ignored.
    public init(cycle: TrainingCycle, entries: [TrainingEntry]) {
        var sums: [String: Double] = [:]
        for e in entries where cycle.contains(e.day) && e.hours.isFinite { sums[e.teacherID, default: 0] += e.hours }
        self.init(cycle: cycle, recorded: sums)
    }

    /// `t`'s hours and where they came from (nil hours with `.none`).
    public func hours(_ t: TeacherRecord) -> (hours: Double?, source: TrainingSource) {
        if let h = recorded[t.teacherID] { return (h, .records) }
        if let h = t.trainingHours { return (h, .register) }
        return (nil, .none)
    }

    /// Whether `t` completed `required` hours (exactly `required` counts).
    public func completed(_ t: TeacherRecord, required: Double) -> Bool { (hours(t).hours ?? -1) >= required }

    /// How many hours `t` is short of `required` (0 when complete; all of it when nothing is known).
    public func shortfall(_ t: TeacherRecord, required: Double) -> Double { max(0, required - (hours(t).hours ?? 0)) }
}

/// A training's level (the list: national, provincial, county, school-based 校本研修, 三个课堂 名师课堂).
public enum TrainingLevel: String, CaseIterable, Sendable {
    case national, provincial, county, school, classroom

    public var zh: String {
        switch self {
        case .national: "国家级"
        case .provincial: "省级"
        case .county: "县级"
        case .school: "校本研修"
        case .classroom: "三个课堂·名师课堂"
        }
    }

    /// Accepts the key or the Chinese label.
    public init?(label: String) {
        guard let l = TrainingLevel.allCases.first(where: { $0.rawValue == label || $0.zh == label }) else { return nil }
        self = l
    }
}

/// One row of a training records file (培训记录): who, which course at which level, the hours and the day.
public struct TrainingRecord: Sendable, Equatable {
    /// Row of the file (header = 1); 0 when not from a file.
    public var row: Int
    public var teacherID: String
    public var course: String
    public var level: TrainingLevel
    public var hours: Double
    public var day: CalendarDay

    public init(row: Int = 0, teacherID: String, course: String, level: TrainingLevel, hours: Double, day: CalendarDay) {
        (self.row, self.teacherID, self.course, self.level, self.hours, self.day) = (row, teacherID, course, level, hours, day)
    }

    /// The record's identity: SHA-256 (hex) of teacher, course, level, hours and day, so the same record imported twice
    /// is recognised (its hours and its credit-bank outcome count once).
    public var key: String {
        let text = [teacherID, course, level.rawValue, String(hours), day.description].joined(separator: "\u{1F}")
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The entry counted in the cycle hours.
    public var entry: TrainingEntry { TrainingEntry(teacherID: teacherID, day: day, hours: hours) }
}
