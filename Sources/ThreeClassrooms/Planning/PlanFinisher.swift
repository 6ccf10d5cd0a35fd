import Foundation

/// Builds the published plan from the final state: sessions by id, open gaps with reasons, suggestions, rates.
enum PlanFinisher {
    static func finish(_ capacity: TeachingCapacity, curriculum: Curriculum, state: PlanningState,
                       sessions: [SessionModel.Session], bound: CoverageBound.Result, before: [ClassGap],
                       stages: [StageReport], status: ClassroomPlanStatus, options: PlanOptions, start: Date) -> ClassroomPlan {
        var extra: [ClassID: [Subject: Int]] = [:]
        let published = sessions.map { s -> PlannedSession in
            let classes = s.demands.map { state.classes[state.demands[$0].classIndex] }.sorted()
            for c in classes { extra[c, default: [:]][s.subject, default: 0] += 1 }
            let slot = SlotSet.slot(s.slot)
            return PlannedSession(
                teacherID: state.teachers[s.teacher].id, senderSchool: state.teachers[s.teacher].school, subject: s.subject,
                grade: s.grade, day: slot.day, period: slot.period, receivingClasses: classes,
                lowBandwidthClasses: classes.filter { state.schools[state.schoolIndex[$0.school]!].bandwidth == .low })
        }.sorted { ($0.day, $0.period, $0.teacherID) < ($1.day, $1.period, $1.teacherID) }
        let after = GapDetector.classGaps(capacity, curriculum: curriculum, extra: extra)
        let ratesBefore = GapDetector.rates(capacity, classGaps: before)
        let ratesAfter = GapDetector.rates(capacity, classGaps: after)
        let uncovered = uncoveredGaps(state, before: before)
        let suggestions = TeacherSuggestions.suggest(state, options: options,
                                                     deadline: start.addingTimeInterval(options.timeLimit * 0.95))
        return ClassroomPlan(
            status: status, sessions: published, uncovered: uncovered,
            demandPeriods: before.reduce(0) { $0 + $1.short }, coverablePeriods: bound.coverable,
            coveredPeriods: sessions.reduce(0) { $0 + $1.demands.count }, upperBoundPeriods: bound.upperBound,
            suggestions: suggestions, gaps: GapDetector.schoolGaps(capacity, classGaps: before), ratesBefore: ratesBefore.schools, ratesAfter: ratesAfter.schools,
            countyRatesBefore: ratesBefore.counties, countyRatesAfter: ratesAfter.counties, stages: stages,
            seconds: Date().timeIntervalSince(start), cap: options.cap)
    }

    /// Every shortfall left, per school, grade and subject, with the first reason that applies to its classes.
    static func uncoveredGaps(_ state: PlanningState, before: [ClassGap]) -> [UncoveredGap] {
        struct Key: Hashable { var school: String; var grade: Int; var subject: Subject }
        var periods: [Key: Int] = [:]
        var reasons: [Key: UncoveredReason] = [:]
        var order: [Key] = []
        func add(_ c: ClassID, _ j: Subject, _ n: Int, _ reason: UncoveredReason) {
            let k = Key(school: c.school, grade: c.grade, subject: j)
            if periods[k] == nil { order.append(k) }
            periods[k, default: 0] += n
            let all = UncoveredReason.allCases
            if let r = reasons[k], all.firstIndex(of: r)! <= all.firstIndex(of: reason)! { return }
            reasons[k] = reason
        }
        for g in before where g.short > 0 {
            guard let s = state.schoolIndex[g.classID.school],
                  state.localGaps.contains(PlanningState.SchoolSubject(school: s, subject: g.subject)) else { continue }
            add(g.classID, g.subject, g.short, .localTeacherAvailable)
        }
        var senders: [Subject: [Int]] = [:]
        for t in state.teachers.indices {
            for j in state.teachers[t].subjects where state.maySend(t, j) { senders[j, default: []].append(t) }
        }
        for d in state.demands where d.remaining > 0 {
            add(state.classes[d.classIndex], d.subject, d.remaining, reason(state, d, senders: senders[d.subject] ?? []))
        }
        return order.map { UncoveredGap(school: $0.school, grade: $0.grade, subject: $0.subject, periodsShort: periods[$0]!, reason: reasons[$0]!) }
    }

    /// The first reason that holds; `senders` are the teachers who may send the demand's subject.
    static func reason(_ state: PlanningState, _ d: PlanningState.Demand, senders: [Int]) -> UncoveredReason {
        if senders.isEmpty { return .noQualifiedTeacher }
        if state.classFree[d.classIndex].isEmpty { return .noFreePeriod }
        let withSpare = senders.filter { state.teacherSpare[$0] > 0 }
        if withSpare.isEmpty { return .noSpareCapacity }
        if withSpare.allSatisfy({ state.teacherFree[$0].intersection(state.classFree[d.classIndex]).isEmpty }) {
            return .noCommonPeriod
        }
        return .notScheduled
    }
}
