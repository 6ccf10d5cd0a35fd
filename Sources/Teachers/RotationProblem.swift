import EquityKit
import Foundation
import SafeNumbers

/// A school's position (WGS-84 / CGCS2000 degrees).
public struct SchoolPoint: Sendable, Equatable {
    public var lon: Double
    public var lat: Double
    public init(lon: Double, lat: Double) { (self.lon, self.lat) = (lon, lat) }

    /// Haversine great-circle kilometres.
    public func km(to b: SchoolPoint) -> Double {
        let rad = Double.pi / 180, r = 6371.0088
        let dLat = (b.lat - lat) * rad, dLon = (b.lon - lon) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(lat * rad) * cos(b.lat * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * r * asin(min(1, sqrt(h)))
    }
}

/// An office decision on one teacher: must move (to `school`, or anywhere when nil), or must not (to `school`, or at all).
public struct RotationPin: Sendable, Hashable {
    public var teacherID: String
    public var schoolCode: String?
    public init(teacherID: String, schoolCode: String? = nil) { (self.teacherID, self.schoolCode) = (teacherID, schoolCode) }

    /// Parses `T001` or `T001>3301000002` (also `T001:…`).
    public init?(text: String) {
        let parts = text.split(whereSeparator: { $0 == ">" || $0 == ":" }).map { $0.trimmingCharacters(in: .whitespaces) }
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts.count == 1 || !parts[1].isEmpty else { return nil }
        teacherID = parts[0]
        schoolCode = parts.count == 2 ? parts[1] : nil
    }
}

/// What a 交流轮岗 plan is drawn for: the register, the statistics' school sections (students and the non-teacher
/// figures), the standard whose school rule must keep holding, the rules, the plan year, coordinates, pins and forbids.
public struct RotationProblem: Sendable {
    public var register: TeacherRegister
    /// School sections of the statistics, 合计 rows already split (`SectionSplitter`).
    public var sections: [SchoolSection]
    public var standard: Standard
    public var rules: TeacherRules
    public var year: Int
    public var coordinates: [String: SchoolPoint]
    public var pins: [RotationPin]
    public var forbids: [RotationPin]
    /// 三个课堂 subject gaps: per school code and subject, the share (0…1) of the school's required periods of that
    /// subject not taught (`ClassroomGaps`); a receiver gains `classroom_gap_bonus` × the share from a mover of that
    /// main subject. Empty: no 三个课堂 data.
    public var classroomGaps: [String: [String: Double]] = [:]

    public init(register: TeacherRegister, sections: [SchoolSection], standard: Standard, rules: TeacherRules = .builtIn,
                year: Int, coordinates: [String: SchoolPoint] = [:], pins: [RotationPin] = [], forbids: [RotationPin] = []) {
        self.register = register
        self.sections = sections
        self.standard = standard
        self.rules = rules
        self.year = year
        self.coordinates = coordinates
        self.pins = pins
        self.forbids = forbids
    }

    /// The problem for a statistics file's records (split here).
    public init(register: TeacherRegister, records: [StatisticsRecord], standard: Standard, rules: TeacherRules = .builtIn,
                year: Int, coordinates: [String: SchoolPoint] = [:], pins: [RotationPin] = [], forbids: [RotationPin] = []) {
        self.init(register: register, sections: SectionSplitter.split(records, weights: standard.splitWeights).sections, standard: standard,
                  rules: rules, year: year, coordinates: coordinates, pins: pins, forbids: forbids)
    }

    /// The 三个课堂 gap share of `subject` at `school`, clamped to 0…1 (0 without data or for a hostile value).
    public func classroomGap(_ school: String, _ subject: String) -> Double {
        guard let g = classroomGaps[school]?[subject], g.isFinite else { return 0 }
        return min(1, max(0, g))
    }

    /// Great-circle km between two schools, nil when either has no coordinates.
    public func km(_ a: String, _ b: String) -> Double? {
        guard let p = coordinates[a], let q = coordinates[b] else { return nil }
        return p.km(to: q)
    }
}

/// One teacher indicator of a school section (an indicator of the standard whose numerator the register derives).
struct TeacherIndicator {
    var index: Int
    var quantity: Quantity
    /// Teachers needed to meet the requirement, and to stay at or above the floor.
    var meetCount: Int
    var floorCount: Int
}

/// A school section as the planner sees it: students, the register's teachers, and its school-rule standing.
struct SectionState {
    var key: SectionKey
    var students: Int
    var location: Location
    var teachers: [Int]   // indices into the register
    var indicators: [TeacherIndicator]
    /// Register counts per indicator of `indicators`.
    var before: [Int]
    /// Indicators of the standard not driven by teachers: how many are met, how many below the floor.
    var fixedMet: Int
    var fixedBelowFloor: Int
    /// Whether the school rule holds before any move (nil without a school rule or students).
    var passesBefore: Bool?
    /// Mean of min(1, value ÷ requirement) over the teacher indicators (1 when none).
    var strength: Double
    /// Teachers per main subject, and per subject taught at all.
    var mainCount: [String: Int]
    var anyCount: [String: Int]
    /// Main-subject shortfall against the county's teachers per pupil of the section.
    var need: [String: Int]
}

/// Quantities computed once per problem and shared by the planner and its reasons.
struct RotationState {
    let problem: RotationProblem
    var sections: [SectionState] = []
    var sectionOf: [SectionKey: Int] = [:]
    /// Eligible register indices (including 不宜交流), and those the planner may move.
    var eligible: [Int] = []
    var movable: [Int] = []
    var notes: [String] = []

    static let teacherQuantities: Set<Quantity> = Set(SectionFigures.quantities)

    /// The smallest count n with n ÷ students × per ≥ bound − tolerance, as the evaluator compares.
    /// A requirement no register could reach (a hostile standard file) gives `unreachable`, never an overflow.
    static func count(reaching bound: Double, requirement: Double, students: Int, per: Double) -> Int {
        guard students > 0, bound > 0 else { return 0 }
        let unreachable = 10_000_000
        let estimate = bound * Double(students) / per
        guard per > 0, estimate.isFinite, estimate < Double(unreachable) else { return unreachable }
        let tol = requirement * Evaluator.requirementTolerance
        var n = max(0, Checked.int(rounding: estimate.rounded(.up)) - 1)
        while n < unreachable && Double(n) / Double(students) * per < bound - tol { n += 1 }
        while n > 0 && Double(n - 1) / Double(students) * per >= bound - tol { n -= 1 }
        return n
    }

    init(_ problem: RotationProblem) {
        self.problem = problem
        let rules = problem.rules
        let teachers = problem.register.teachers
        let byKey = Dictionary(grouping: teachers.indices) { SectionKey(teachers[$0].schoolCode, teachers[$0].section) }
        let std = problem.standard
        for s in problem.sections {
            let key = SectionKey(s.schoolCode, s.section)
            guard sectionOf[key] == nil else { continue }
            let members = byKey[key] ?? []
            var indicators: [TeacherIndicator] = [], before: [Int] = []
            var fixedMet = 0, fixedBelow = 0, strengthSum = 0.0, strengthN = 0
            for (k, ind) in std.indicators.enumerated() {
                guard let req = ind.requirement?[s.section] else { continue }
                let floorRatio = std.schoolRule?.floorRatio ?? 0
                if RotationState.teacherQuantities.contains(ind.numerator) {
                    let n = members.reduce(0) { $0 + (rules.derivation.counts(teachers[$1], in: ind.numerator) ? 1 : 0) }
                    indicators.append(TeacherIndicator(index: k, quantity: ind.numerator,
                                                       meetCount: Self.count(reaching: req, requirement: req, students: s.students, per: ind.perStudents),
                                                       floorCount: Self.count(reaching: req * floorRatio, requirement: req, students: s.students, per: ind.perStudents)))
                    before.append(n)
                    if let v = ind.value(numerator: Double(n), students: s.students), req > 0 { strengthSum += min(1, v / req); strengthN += 1 }
                } else {
                    let tol = req * Evaluator.requirementTolerance
                    let v = ind.value(numerator: s.quantities[ind.numerator], students: s.students)
                    if let v, v >= req - tol { fixedMet += 1 } else if v.map({ $0 < req * floorRatio - tol }) ?? true { fixedBelow += 1 }
                }
            }
            var main: [String: Int] = [:], any: [String: Int] = [:]
            for i in members {
                main[teachers[i].mainSubject, default: 0] += 1
                for j in Set(teachers[i].subjects) { any[j, default: 0] += 1 }
            }
            var state = SectionState(key: key, students: s.students, location: s.location, teachers: members, indicators: indicators,
                                     before: before, fixedMet: fixedMet, fixedBelowFloor: fixedBelow, passesBefore: nil,
                                     strength: strengthN == 0 ? 1 : strengthSum / Double(strengthN), mainCount: main, anyCount: any, need: [:])
            state.passesBefore = RotationState.passes(state, counts: before, rule: std.schoolRule)
            sectionOf[key] = sections.count
            sections.append(state)
        }
        // County teachers per pupil of each main subject, per section.
        for section in Section.allCases {
            let idx = sections.indices.filter { sections[$0].key.section == section && sections[$0].students > 0 }
            let pupils = idx.reduce(0) { $0 + sections[$1].students }
            guard pupils > 0 else { continue }
            var total: [String: Int] = [:]
            for i in idx { for (j, n) in sections[i].mainCount { total[j, default: 0] += n } }
            for i in idx {
                for (j, n) in total {
                    let fair = Checked.int(rounding: (Double(n) * Double(sections[i].students) / Double(pupils) - 1e-9).rounded(.up))
                    let short = fair - (sections[i].mainCount[j] ?? 0)
                    if short > 0 { sections[i].need[j] = short }
                }
            }
        }
        var unknown = Set<String>()
        for (i, t) in teachers.enumerated() where Eligibility.isEligible(t, year: problem.year, rules: rules.rotation) {
            eligible.append(i)
            guard sectionOf[SectionKey(t.schoolCode, t.section)] != nil else { unknown.insert(t.schoolCode); continue }
            if rules.rotation.respectNoMove && t.noMove { continue }
            movable.append(i)
        }
        if !unknown.isEmpty {
            notes.append("学校不在统计表中，其教师不参与调配 / schools not in the statistics, their teachers are not moved: " + unknown.sorted().joined(separator: ", "))
        }
    }

    /// The school rule on the section with teacher counts `counts` (per `indicators`); nil without a rule or students.
    static func passes(_ s: SectionState, counts: [Int], rule: SchoolRule?) -> Bool? {
        guard let rule, s.students > 0 else { return nil }
        var met = s.fixedMet, below = s.fixedBelowFloor
        for (k, ind) in s.indicators.enumerated() {
            if counts[k] >= ind.meetCount { met += 1 } else if counts[k] < ind.floorCount { below += 1 }
        }
        return met >= rule.minimumMet && below == 0
    }

    /// 2 met, 1 unmet but at or above the floor, 0 below the floor.
    static func level(_ ind: TeacherIndicator, _ count: Int) -> Int { count >= ind.meetCount ? 2 : (count >= ind.floorCount ? 1 : 0) }
}
