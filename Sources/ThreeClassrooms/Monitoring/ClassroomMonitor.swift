import Foundation

/// The monitoring indicators of a published 专递课堂 plan for a county (三个课堂监测): 开课率, 开齐开足 before/after,
/// 教学点 coverage and the sending teachers' workload.
public struct ClassroomMonitor: Codable, Sendable, Equatable {
    public var held: HeldRate
    /// Held rate per school that sends or receives, by school code.
    public var schoolHeld: [String: HeldRate]
    /// County 开齐开足 before and after the plan (as planned).
    public var before: OfferingRate?
    public var after: OfferingRate?
    public var teachingPoints: TeachingPointCoverage
    public var workload: [TeacherWorkload]

    public static func compute(_ capacity: TeachingCapacity, plan: ClassroomPlan, records: [SessionRecord],
                               from: Date, through to: Date) -> ClassroomMonitor {
        var schoolHeld: [String: HeldRate] = [:]
        let involved = Set(plan.sessions.flatMap { [$0.senderSchool] + $0.receivingClasses.map(\.school) })
        for code in involved {
            schoolHeld[code] = HeldRate.compute(sessions: plan.sessions, records: records, from: from, through: to, school: code)
        }
        let window = Set(SchoolCalendar.days(from: from, through: to).map(\.date))
        return ClassroomMonitor(
            held: HeldRate.compute(sessions: plan.sessions, records: records, from: from, through: to),
            schoolHeld: schoolHeld,
            before: plan.countyRatesBefore.first, after: plan.countyRatesAfter.first,
            teachingPoints: TeachingPointCoverage.compute(capacity, plan: plan),
            workload: TeacherWorkload.report(capacity, plan: plan, records: records.filter { window.contains($0.date) }))
    }
}
