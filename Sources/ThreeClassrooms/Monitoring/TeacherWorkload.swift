/// 教师工作量: a sending teacher's own weekly periods plus the 专递课堂 sessions they give, against their maximum.
public struct TeacherWorkload: Codable, Sendable, Equatable {
    public var teacherID: String
    public var school: String
    /// 周课时 before the plan.
    public var load: Int
    /// Remote sessions a week in the plan.
    public var remote: Int
    public var maxLoad: Int
    /// Remote occurrences logged as held (by any school) in the monitoring window.
    public var heldRemote: Int

    /// Weekly periods counting remote lessons.
    public var total: Int { load + remote }
    /// Whether the total passes the maximum (a published plan never does; a hand-edited one might).
    public var overMaximum: Bool { total > maxLoad }

    /// Every teacher who sends at least one session, by school and id; `records` adds the held counts (a date counts
    /// once, and not when some school logged it cancelled).
    public static func report(_ capacity: TeachingCapacity, plan: ClassroomPlan, records: [SessionRecord] = []) -> [TeacherWorkload] {
        var remote: [String: Int] = [:]
        var keys: [String: PlannedSession] = [:]
        for s in plan.sessions {
            remote[s.teacherID, default: 0] += 1
            keys[s.key] = s
        }
        var heldDates: [String: Set<String>] = [:]
        var cancelled: Set<String> = []
        // Only records on the session's own weekday are occurrences of it.
        for r in records where SchoolCalendar.date(r.date).map(SchoolCalendar.weekday) == keys[r.sessionKey]?.day {
            if r.held { heldDates[r.sessionKey, default: []].insert(r.date) } else { cancelled.insert(r.sessionKey + "|" + r.date) }
        }
        var held: [String: Int] = [:]
        for (key, dates) in heldDates {
            guard let t = keys[key]?.teacherID else { continue }
            held[t, default: 0] += dates.filter { !cancelled.contains(key + "|" + $0) }.count
        }
        return capacity.teachers.filter { remote[$0.id] != nil }
            .map { TeacherWorkload(teacherID: $0.id, school: $0.school, load: $0.load, remote: remote[$0.id]!, maxLoad: $0.maxLoad,
                                   heldRemote: held[$0.id] ?? 0) }
            .sorted { ($0.school, $0.teacherID) < ($1.school, $1.teacherID) }
    }
}
