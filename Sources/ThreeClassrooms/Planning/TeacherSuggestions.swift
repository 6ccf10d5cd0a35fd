import Foundation

/// What one more teacher would cover: for the counties and subjects with the most open periods, a new
/// teacher of that subject at a school that may send it, re-planned on CBC against what is still open.
enum TeacherSuggestions {
    /// Each re-plan gets at most 2 s and an equal share of the time left before `deadline`; none is tried after it.
    static func suggest(_ state: PlanningState, options: PlanOptions, deadline: Date = .distantFuture) -> [TeacherSuggestion] {
        struct Key: Hashable { var county: String; var subject: Subject }
        var open: [Key: [Int]] = [:]
        for (d, demand) in state.demands.enumerated() where demand.remaining > 0 && !state.classFree[demand.classIndex].isEmpty {
            open[Key(county: state.schools[state.classSchool[demand.classIndex]].county, subject: demand.subject), default: []].append(d)
        }
        let remaining = { (ds: [Int]) in ds.reduce(0) { $0 + state.demands[$1].remaining } }
        let ranked = open.sorted { (remaining($0.value), $1.key.county, $1.key.subject) > (remaining($1.value), $0.key.county, $0.key.subject) }
        var teachersAt: [Int: Int] = [:]
        for s in state.teacherSchool { teachersAt[s, default: 0] += 1 }
        var out: [TeacherSuggestion] = []
        let tried = Array(ranked.prefix(options.suggestionLimit))
        for (n, (key, demands)) in tried.enumerated() {
            let limit = min(2, deadline.timeIntervalSinceNow / Double(tried.count - n))
            guard limit > 0.2, options.shouldStop?() != true else { break }
            guard let school = host(state, county: key.county, subject: key.subject, demands: demands, teachersAt: teachersAt) else { continue }
            var trial = state
            let s = state.schools[school]
            trial.teachers.append(Teacher(id: "新增/new", school: s.code, subjects: [key.subject], load: 0, maxLoad: options.newTeacherLoad))
            trial.teacherSchool.append(school)
            trial.teacherFree.append(SlotSet(days: s.days, periodsPerDay: s.periodsPerDay))
            trial.teacherSpare.append(min(options.newTeacherLoad, s.weeklySlots))
            let result = SessionModel.solve(trial, demandIndices: demands, senders: [trial.teachers.count - 1], cap: options.cap,
                                            timeLimit: limit, relativeGap: 1e-4, preferences: false)
            out.append(TeacherSuggestion(school: s.code, subject: key.subject,
                                         coversPeriods: result.sessions.reduce(0) { $0 + $1.demands.count },
                                         uncoveredPeriods: remaining(demands)))
        }
        return out
    }

    /// The school for the new teacher: one that may send the subject, in the 教育集团 with the most open periods,
    /// the largest by teachers; else any such school of the county, then of the prefecture.
    static func host(_ state: PlanningState, county: String, subject: Subject, demands: [Int], teachersAt: [Int: Int]) -> Int? {
        var byGroup: [String: Int] = [:]
        for d in demands {
            if let g = state.groupKey(school: state.classSchool[state.demands[d].classIndex]) { byGroup[g, default: 0] += state.demands[d].remaining }
        }
        let mayHost = state.schools.indices.filter { !state.lacks.contains(PlanningState.SchoolSubject(school: $0, subject: subject)) }
        let largest = { (c: [Int]) in c.max { (teachersAt[$0] ?? 0, $1) < (teachersAt[$1] ?? 0, $0) } }
        let groups = byGroup.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
        for g in groups {
            if let s = largest(mayHost.filter { state.groupKey(school: $0) == g }) { return s }
        }
        if let s = largest(mayHost.filter { state.schools[$0].county == county }) { return s }
        return largest(mayHost.filter { state.schools[$0].prefecture == String(county.prefix(4)) })
    }
}
