import Foundation
import Testing
@testable import ThreeClassrooms

// Monitoring indicators on a small published plan whose numbers are counted by hand in the comments.
// Window: Monday 2025-09-01 through Sunday 2025-09-14, two school weeks.

private func session(_ teacher: String, day: Int, period: Int, grade: Int, _ classes: [String]) -> PlannedSession {
    PlannedSession(teacherID: teacher, senderSchool: "S1", subject: .english, grade: grade, day: day, period: period,
                   receivingClasses: classes.map { c in
                       let p = c.split(separator: "/")
                       return ClassID(school: String(p[0]), grade: Int(p[1])!, number: Int(p[2])!)
                   }, lowBandwidthClasses: [])
}

private func rate(_ unit: String, _ requirements: Int, _ met: Int) -> OfferingRate {
    OfferingRate(unit: unit, requirements: requirements, requirementsMet: met, requiredPeriods: 0, taughtPeriods: 0,
                 schools: 1, schoolsFullyMet: requirements == met ? 1 : 0)
}

private func gap(_ school: String, grade: Int, _ subject: Subject, required: Int, taught: Int) -> SchoolGap {
    SchoolGap(school: school, grade: grade, subject: subject, classes: 1, required: required, taught: taught, localSpare: 0)
}

/// A: T1 Monday p3 to S2/1/1 and S3/1/1; B: T2 Wednesday p2 to S2/4/1; C: T1 Friday p1 to S3/2/1.
private let a = session("T1", day: 1, period: 3, grade: 1, ["S2/1/1", "S3/1/1"])
private let b = session("T2", day: 3, period: 2, grade: 4, ["S2/4/1"])
private let c = session("T1", day: 5, period: 1, grade: 2, ["S3/2/1"])

private let plan = ClassroomPlan(
    status: .optimal, sessions: [a, b, c], uncovered: [], demandPeriods: 7, coverablePeriods: 7, coveredPeriods: 4,
    upperBoundPeriods: 4, suggestions: [],
    gaps: [gap("S2", grade: 1, .english, required: 2, taught: 0), gap("S2", grade: 4, .music, required: 2, taught: 0),
           gap("S3", grade: 1, .english, required: 2, taught: 0), gap("S3", grade: 2, .art, required: 2, taught: 1)],
    ratesBefore: [], ratesAfter: [rate("S1", 20, 20), rate("S2", 10, 9), rate("S3", 10, 10), rate("S4", 5, 5)],
    countyRatesBefore: [rate("330101", 45, 40)], countyRatesAfter: [rate("330101", 45, 44)],
    stages: [], seconds: 0, cap: 4)

private func school(_ code: String, point: Bool) -> ClassroomSchool {
    ClassroomSchool(code: code, name: code, county: "330101", group: "", bandwidth: .medium, days: 5, periodsPerDay: 6, isTeachingPoint: point)
}

private let capacity = TeachingCapacity(
    schools: [school("S1", point: false), school("S2", point: true), school("S3", point: true), school("S4", point: true)],
    classCounts: [],
    teachers: [Teacher(id: "T1", school: "S1", subjects: [.english], load: 12, maxLoad: 16),
               Teacher(id: "T2", school: "S1", subjects: [.english], load: 10, maxLoad: 12),
               Teacher(id: "T3", school: "S2", subjects: [.chinese], load: 14, maxLoad: 16)],
    lessons: [])

private let records = [
    SessionRecord(sessionKey: a.key, date: "2025-09-01", school: "S1", held: true),
    SessionRecord(sessionKey: a.key, date: "2025-09-01", school: "S2", held: true, attendance: ["S2/1/1": 9]),
    SessionRecord(sessionKey: a.key, date: "2025-09-08", school: "S1", held: true),
    SessionRecord(sessionKey: a.key, date: "2025-09-08", school: "S3", held: false, reason: "停电"),  // one cancellation wins
    SessionRecord(sessionKey: b.key, date: "2025-09-03", school: "S2", held: true),
    SessionRecord(sessionKey: c.key, date: "2025-09-05", school: "S1", held: false, reason: "教师请假"),
    SessionRecord(sessionKey: a.key, date: "2025-09-02", school: "S1", held: true),  // a Tuesday: A is not scheduled then
    SessionRecord(sessionKey: b.key, date: "2025-09-17", school: "S1", held: true),  // after the window
]

private let from = SchoolCalendar.date("2025-09-01")!, to = SchoolCalendar.date("2025-09-14")!

@Suite("三个课堂 monitoring indicators, counted by hand")
struct MonitoringTests {
    @Test("calendar: strict dates, Monday is 1")
    func calendar() {
        #expect(SchoolCalendar.date("2025-02-29") == nil)
        #expect(SchoolCalendar.date("2024-02-29") != nil)
        #expect(SchoolCalendar.date("2025-9-1") == nil)
        #expect(SchoolCalendar.weekday(from) == 1 && SchoolCalendar.weekday(to) == 7)
        #expect(SchoolCalendar.days(from: from, through: to).count == 14)
    }

    @Test("held rate: 6 scheduled (3 sessions × 2 weeks), 2 held, 2 cancelled, 2 unlogged")
    func heldRate() {
        let county = HeldRate.compute(sessions: plan.sessions, records: records, from: from, through: to)
        #expect(county == HeldRate(scheduled: 6, held: 2, cancelled: 2))
        #expect(county.unlogged == 2)
        #expect(abs(county.rate - 1.0 / 3.0) < 1e-12)
        // S2 receives A and B: A 09-01 held, A 09-08 cancelled, B 09-03 held, B 09-10 unlogged.
        let s2 = HeldRate.compute(sessions: plan.sessions, records: records, from: from, through: to, school: "S2")
        #expect(s2 == HeldRate(scheduled: 4, held: 2, cancelled: 1) && s2.rate == 0.5)
        // S3 receives A and C: A held once, cancelled once; C cancelled 09-05, unlogged 09-12.
        let s3 = HeldRate.compute(sessions: plan.sessions, records: records, from: from, through: to, school: "S3")
        #expect(s3 == HeldRate(scheduled: 4, held: 1, cancelled: 2))
        #expect(HeldRate.compute(sessions: [], records: records, from: from, through: to).rate == 1)
    }

    @Test("教学点 coverage: S2 and S3 short 4 + 3 = 7 periods, sessions give each 2; S3 and S4 fully met after")
    func teachingPoints() {
        let t = TeachingPointCoverage.compute(capacity, plan: plan)
        #expect(t == TeachingPointCoverage(teachingPoints: 3, withGaps: 2, reached: 2, fullyMetAfter: 2, shortPeriods: 7, coveredPeriods: 4))
        #expect(abs(t.periodShare - 4.0 / 7.0) < 1e-12)
    }

    @Test("workload: T1 12 + 2 remote of 16, T2 10 + 1 of 12; held in the window 1 each; T3 sends nothing")
    func workload() {
        let m = ClassroomMonitor.compute(capacity, plan: plan, records: records, from: from, through: to)
        #expect(m.workload == [TeacherWorkload(teacherID: "T1", school: "S1", load: 12, remote: 2, maxLoad: 16, heldRemote: 1),
                               TeacherWorkload(teacherID: "T2", school: "S1", load: 10, remote: 1, maxLoad: 12, heldRemote: 1)])
        #expect(m.workload.map(\.total) == [14, 11] && !m.workload.contains { $0.overMaximum })
        #expect(m.held.held == 2 && m.schoolHeld["S1"]?.scheduled == 6 && m.schoolHeld["S4"] == nil)
        #expect(m.before?.requirementsMet == 40 && m.after?.requirementsMet == 44)
        // Without the window filter the 09-17 record of B counts as a held occurrence for T2.
        #expect(TeacherWorkload.report(capacity, plan: plan, records: records).map(\.heldRemote) == [1, 2])
    }
}
