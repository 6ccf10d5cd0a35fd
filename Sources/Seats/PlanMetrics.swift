/// What a catchment assignment does in the plan year: pupils moved, longest trip, fill, G4, G5 and G13 per section.
public struct PlanMetrics: Sendable, Equatable {
    /// Expected pupils whose school differs from their school of record.
    public var movedPupils: Double
    /// The longest unit-to-school trip of a unit with pupils, in metres.
    public var maxTripMetres: Double
    /// Pupils and pupils ÷ seats per school.
    public var enrolment: [String: Double]
    public var fill: [String: Double]
    /// G5: the largest expected class (pupils of a grade ÷ approved classes) per school.
    public var largestClass: [String: Double]
    /// G4: schools over the school-size limit; G5: schools with a class over the class-size limit.
    public var oversizeSchools: [String]
    public var oversizeClasses: [String]
    /// G13: share of entry-grade pupils their catchment school can admit, per section.
    public var g13: [SeatSection: Double]

    /// Evaluates `assignment` (unit → section → school); units without an entry count at their school of record.
    public init(_ problem: CatchmentProblem, assignment: [String: [SeatSection: String]]) {
        let f = problem.forecast, year = problem.year
        var moved = 0.0, maxTrip = 0.0
        var load: [String: Double] = [:], grade: [String: [Int: Double]] = [:]
        for u in problem.county.units {
            for section in SeatSection.allCases {
                guard let s = assignment[u.code]?[section] ?? u.school[section] else { continue }
                let p = f.pupils(unit: u.code, section: section, year: year)
                load[s, default: 0] += p
                for g in section.grades { grade[s, default: [:]][g, default: 0] += f.pupils(unit: u.code, section: section, year: year, grade: g) }
                if let today = u.school[section], today != s { moved += p }
                if p > 0 { maxTrip = max(maxTrip, problem.distances(u.code, s)) }
            }
        }
        movedPupils = moved
        maxTripMetres = maxTrip
        enrolment = load
        var fill: [String: Double] = [:], largest: [String: Double] = [:], bigSchools: [String] = [], bigClasses: [String] = []
        var admitted: [SeatSection: Double] = [:], entrants: [SeatSection: Double] = [:]
        for s in problem.county.schools {
            let n = load[s.code] ?? 0
            fill[s.code] = s.capacity > 0 ? n / Double(s.capacity) : (n > 0 ? .infinity : 0)
            let biggest = s.section.grades.map { (grade[s.code]?[$0] ?? 0) / Double(max(1, s.approvedClasses)) }.max() ?? 0
            largest[s.code] = biggest
            if n > Double(problem.rules.schoolSizeLimit[s.section]) + 1e-6 { bigSchools.append(s.code) }
            if biggest > Double(problem.rules.classSizeLimit[s.section]) + 1e-6 { bigClasses.append(s.code) }
            let entry = grade[s.code]?[s.section.entryGrade] ?? 0
            entrants[s.section, default: 0] += entry
            admitted[s.section, default: 0] += min(entry, Double(s.approvedIntake))
        }
        self.fill = fill
        largestClass = largest
        oversizeSchools = bigSchools.sorted()
        oversizeClasses = bigClasses.sorted()
        var g13: [SeatSection: Double] = [:]
        for (section, e) in entrants { g13[section] = e > 0 ? (admitted[section] ?? 0) / e : 1 }
        self.g13 = g13
    }
}
