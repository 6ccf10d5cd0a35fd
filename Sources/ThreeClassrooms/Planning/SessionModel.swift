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
        /// Classes that joined sessions of earlier stages: (index into `existing`'s plan list, demand).
        var joins: [(session: Int, demand: Int)] = []
        /// CBC's status on the coverage model (phase 1).
        var status: MIPStatus
        /// CBC's status on the preference model (phase 2), nil when it was not run.
        var preferenceStatus: MIPStatus?
        var seconds: Double
        var variables: Int
        /// CBC's proven bound on the coverage model's class-periods (nil without one).
        var bestBound: Double? = nil
    }

    /// Builds and solves both phases over `demandIndices` (into `state.demands`) and teachers `senders`.
    /// `preferences: false` skips phase 2 (a decomposed province: its time goes to coverage).
    /// `existing` are earlier stages' sessions that classes of this scope may still join (free seats count in
    /// the cap rows).
    static func solve(_ state: PlanningState, demandIndices: [Int], senders: [Int], cap: Int, timeLimit: Double,
                      relativeGap: Double, preferences: Bool = true,
                      existing: [(index: Int, session: Session)] = []) -> Result {
        var room: [SessionKey: Int] = [:]
        for e in existing where e.session.demands.count < cap {
            room[SessionKey(subject: e.session.subject, grade: e.session.grade, slot: e.session.slot), default: 0] += cap - e.session.demands.count
        }
        let coverage = CoverageModel.solve(state, demandIndices: demandIndices, senders: senders, cap: cap,
                                           timeLimit: timeLimit, relativeGap: relativeGap, room: room)
        var seats = coverage.seats
        var preferenceStatus: MIPStatus?
        var seconds = coverage.seconds
        let limit = min(max(1, coverage.seconds), timeLimit - coverage.seconds)
        if preferences, !coverage.taken.isEmpty, limit > 0.2 {
            let preference = PreferenceModel.solve(state, taken: coverage.taken, senders: senders, cap: cap, timeLimit: limit, room: room)
            preferenceStatus = preference.status
            seconds += preference.seconds
            if let better = preference.seats { seats = better }
        }
        let assembled = SessionAssembly.sessions(state, taken: coverage.taken, seats: seats, cap: cap, existing: existing)
        return Result(sessions: assembled.sessions, joins: assembled.joins, status: coverage.status, preferenceStatus: preferenceStatus, seconds: seconds, variables: coverage.variables,
                      bestBound: coverage.bestBound)
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
struct SessionKey: Hashable, Comparable {
    var subject: Subject
    var grade: Int
    var slot: Int
    static func < (a: Self, b: Self) -> Bool { (a.slot, a.grade, a.subject) < (b.slot, b.grade, b.subject) }
}

/// (subject, slot): what a teacher teaches in a period.
struct TeachingKey: Hashable, Comparable {
    var subject: Subject
    var slot: Int
    static func < (a: Self, b: Self) -> Bool { (a.slot, a.subject) < (b.slot, b.subject) }
}

extension Dictionary where Key: Comparable {
    /// The entries in key order: models are built in the same column and row order in every run
    /// (a dictionary's own order changes with each process's hash seed, and CBC may then return another optimum).
    var inKeyOrder: [(key: Key, value: Value)] { sorted { $0.key < $1.key } }
}
