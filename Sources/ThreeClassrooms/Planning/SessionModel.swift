import JunhengSolver

/// The 专递课堂 plan of one scope (a county, a prefecture or the province), solved on CBC in two phases.
///
/// Phase 1 (`CoverageModel`) maximises the class-periods covered and is proven optimal. Phase 2
/// (`PreferenceModel`) keeps every class in the slots phase 1 gave it and chooses the senders: same 教育集团
/// (weight 3 a class), same county (2), one teacher period a session (1), within a time limit. Phase 2 runs on
/// single-scope plans only; in a decomposed province the classes are still seated same 教育集团 first.
enum SessionModel {
    /// One live session: its teacher, subject, grade, slot and receiving demands (indices into the state).
    struct Session {
        var teacher: Int
        var subject: Subject
        var grade: Int
        var slot: Int
        var demands: [Int]
    }

    struct Result {
        var sessions: [Session]
        /// CBC's status on the coverage model (phase 1).
        var status: MIPStatus
        /// CBC's status on the preference model (phase 2), nil when it was not run.
        var preferenceStatus: MIPStatus?
        var seconds: Double
        var variables: Int
    }

    /// Builds and solves both phases over `demandIndices` (into `state.demands`) and teachers `senders`.
    /// `preferences: false` skips phase 2 (a decomposed province: its time goes to coverage).
    static func solve(_ state: PlanningState, demandIndices: [Int], senders: [Int], cap: Int, timeLimit: Double,
                      relativeGap: Double, preferences: Bool = true) -> Result {
        let coverage = CoverageModel.solve(state, demandIndices: demandIndices, senders: senders, cap: cap,
                                           timeLimit: timeLimit, relativeGap: relativeGap)
        var seats = coverage.seats
        var preferenceStatus: MIPStatus?
        var seconds = coverage.seconds
        let limit = min(max(1, coverage.seconds), timeLimit - coverage.seconds)
        if preferences, !coverage.taken.isEmpty, limit > 0.2 {
            let preference = PreferenceModel.solve(state, taken: coverage.taken, senders: senders, cap: cap, timeLimit: limit)
            preferenceStatus = preference.status
            seconds += preference.seconds
            if let better = preference.seats { seats = better }
        }
        return Result(sessions: SessionAssembly.sessions(state, taken: coverage.taken, seats: seats, cap: cap),
                      status: coverage.status, preferenceStatus: preferenceStatus, seconds: seconds, variables: coverage.variables)
    }
}

/// A session before its classes are chosen: teacher, subject, grade, slot.
struct Seat {
    var teacher: Int
    var subject: Subject
    var grade: Int
    var slot: Int
}

/// (subject, grade, slot): the classes that may share a session.
struct SessionKey: Hashable {
    var subject: Subject
    var grade: Int
    var slot: Int
}

/// (subject, slot): what a teacher teaches in a period.
struct TeachingKey: Hashable {
    var subject: Subject
    var slot: Int
}
