/// The pre-survey's sample (accreditation.md §3): 1.5‰ of the resident population, parents ≥ 50%, the other groups
/// roughly equal, grade bands roughly equal, 城区 / 镇区 / 乡村 in proportion to the population, and the parent and
/// student invitations allocated to schools and grade bands by enrolment.

/// 城区 / 镇区 / 乡村.
public enum Locale3: String, Sendable, Codable, CaseIterable, Comparable {
    case urban = "城区", town = "镇区", rural = "乡村"
    public static func < (a: Self, b: Self) -> Bool { (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0) }
}

/// A band of grades whose parents (or students) get roughly equal shares.
public struct GradeBand: Sendable, Codable, Equatable, Hashable, Comparable {
    public var first: Int
    public var last: Int
    public init(_ first: Int, _ last: Int) { self.first = first; self.last = last }
    public var nameZH: String { first == last ? "\(first)年级" : "\(first)–\(last)年级" }
    public static func < (a: Self, b: Self) -> Bool { (a.first, a.last) < (b.first, b.last) }
    public func contains(_ grade: Int) -> Bool { grade >= first && grade <= last }
}

/// What the sample is drawn from: the county's population and its schools' enrolment per grade.
public struct SampleFrame: Sendable, Equatable {
    /// One school: its code, 城/镇/乡, enrolment by grade (1–9), teachers.
    public struct School: Sendable, Equatable {
        public var code: String
        public var location: Locale3
        public var enrolment: [Int: Int]
        public var teachers: Int
        public init(code: String, location: Locale3, enrolment: [Int: Int], teachers: Int) {
            self.code = code
            self.location = location
            self.enrolment = enrolment
            self.teachers = teachers
        }
    }
    public var residentPopulation: [Locale3: Int]
    public var schools: [School]
    public init(residentPopulation: [Locale3: Int], schools: [School]) {
        self.residentPopulation = residentPopulation
        self.schools = schools
    }
}

/// The rules of the sample, as data (a county may override any of them).
public struct SampleRules: Sendable, Codable, Equatable {
    /// Invitations per thousand residents (accreditation.md: 1.5‰).
    public var perMille: Double = 1.5
    /// The smallest sample, whatever the population.
    public var minimum: Int = 100
    /// The parents' share of the sample (≥ 0.5).
    public var parentShare: Double = 0.5
    /// The other groups, which share the rest equally.
    public var otherGroups: [RespondentGroup] = [.teacher, .principal, .deputy, .cppcc, .student, .resident]
    /// Parents' grade bands (grades 1–9) and students' (grade 3 and above).
    public var parentBands: [GradeBand] = [GradeBand(1, 2), GradeBand(3, 4), GradeBand(5, 6), GradeBand(7, 9)]
    public var studentBands: [GradeBand] = [GradeBand(3, 4), GradeBand(5, 6), GradeBand(7, 9)]

    public init() {}

    enum CodingKeys: String, CodingKey {
        case perMille = "per_mille", minimum, parentShare = "parent_share", otherGroups = "other_groups"
        case parentBands = "parent_bands", studentBands = "student_bands"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = SampleRules()
        perMille = try c.decodeIfPresent(Double.self, forKey: .perMille) ?? d.perMille
        minimum = try c.decodeIfPresent(Int.self, forKey: .minimum) ?? d.minimum
        parentShare = try c.decodeIfPresent(Double.self, forKey: .parentShare) ?? d.parentShare
        otherGroups = try c.decodeIfPresent([RespondentGroup].self, forKey: .otherGroups) ?? d.otherGroups
        parentBands = try c.decodeIfPresent([GradeBand].self, forKey: .parentBands) ?? d.parentBands
        studentBands = try c.decodeIfPresent([GradeBand].self, forKey: .studentBands) ?? d.studentBands
    }

    /// Refuses rules no county could mean (bounded, so a hostile override cannot ask for a billion invitations).
    public func validated() throws -> SampleRules {
        func fail(_ f: String, _ m: String) -> QuestionnaireError { QuestionnaireError(field: f, message: m) }
        guard perMille.isFinite, perMille >= 1.5, perMille <= 100 else { throw fail("per_mille", "应为 1.5–100 / 1.5 to 100") }
        guard (1...SampleLimits.invitations).contains(minimum) else { throw fail("minimum", "应为 1–\(SampleLimits.invitations)") }
        guard parentShare.isFinite, parentShare >= 0.5, parentShare <= 1 else { throw fail("parent_share", "应为 0.5–1 / 0.5 to 1") }
        guard !otherGroups.contains(.parent), Set(otherGroups).count == otherGroups.count else { throw fail("other_groups", "不得重复或含家长 / no duplicates, no parents") }
        for (name, bands, lowest) in [("parent_bands", parentBands, 1), ("student_bands", studentBands, 3)] {
            guard !bands.isEmpty, bands.count <= 9 else { throw fail(name, "1–9 段 / 1 to 9 bands") }
            for b in bands where b.first < lowest || b.last > 9 || b.first > b.last {
                throw fail(name, "年级段 \(b.first)–\(b.last) 应在 \(lowest)–9 内 / grades \(lowest)–9")
            }
        }
        return self
    }
}

/// Bounds on a sample (a county of 10 million residents at 1.5‰ is 15,000; far more is a mistake or an attack).
public enum SampleLimits {
    public static let invitations = 200_000
}

/// One line of the quota table: how many invitations of a group, in one place, band and school (nil when not per school).
public struct Quota: Sendable, Equatable, Hashable {
    public var group: RespondentGroup
    public var location: Locale3
    public var band: GradeBand?
    public var schoolCode: String?
    public var count: Int
    public init(group: RespondentGroup, location: Locale3, band: GradeBand?, schoolCode: String?, count: Int) {
        self.group = group
        self.location = location
        self.band = band
        self.schoolCode = schoolCode
        self.count = count
    }
}

/// The proposed sample: its size and quota lines (the statistician may adjust them).
public struct SamplePlan: Sendable, Equatable {
    public var total: Int
    public var quotas: [Quota]

    /// Invitations of one group.
    public func count(_ group: RespondentGroup) -> Int { quotas.filter { $0.group == group }.reduce(0) { $0 + $1.count } }
    /// Invitations in one place.
    public func count(_ location: Locale3) -> Int { quotas.filter { $0.location == location }.reduce(0) { $0 + $1.count } }

    /// The sample for `frame` under `rules`.
    public static func propose(_ frame: SampleFrame, rules: SampleRules = SampleRules()) -> SamplePlan {
        let population = Locale3.allCases.map { max(0, frame.residentPopulation[$0] ?? 0) }
        let residents = population.reduce(0) { $0.addingReportingOverflow($1).overflow ? .max : $0 + $1 }
        let wanted = (Double(residents) * rules.perMille / 1000).rounded(.up)
        let total = min(SampleLimits.invitations, max(rules.minimum, wanted.isFinite && wanted < 1e9 ? Int(wanted) : SampleLimits.invitations))
        let parents = min(total, Int((Double(total) * rules.parentShare).rounded(.up)))
        let others = apportion(total - parents, weights: rules.otherGroups.map { _ in 1 })
        var perGroup: [(RespondentGroup, Int)] = [(.parent, parents)]
        perGroup += zip(rules.otherGroups, others).map { ($0, $1) }

        var quotas: [Quota] = []
        for (group, count) in perGroup where count > 0 {
            let perPlace = apportion(count, weights: population)
            for (place, n) in zip(Locale3.allCases, perPlace) where n > 0 {
                quotas += allocate(group, n, in: place, frame: frame, rules: rules)
            }
        }
        return SamplePlan(total: quotas.reduce(0) { $0 + $1.count }, quotas: quotas)
    }

    /// `count` invitations of `group` in `place`: parents and students by band (equal) and then by the band's enrolment
    /// per school; teachers by teachers per school; principals one per school in turn; the others county-wide.
    private static func allocate(_ group: RespondentGroup, _ count: Int, in place: Locale3, frame: SampleFrame,
                                 rules: SampleRules) -> [Quota] {
        let schools = frame.schools.filter { $0.location == place }.sorted { $0.code < $1.code }
        switch group {
        case .parent, .student:
            let bands = group == .parent ? rules.parentBands : rules.studentBands
            let enrolled = { (s: SampleFrame.School, b: GradeBand) in
                s.enrolment.filter { b.contains($0.key) }.reduce(0) { $0 + max(0, min($1.value, 1_000_000)) }
            }
            // Only bands somebody is enrolled in here get invitations.
            let live = bands.filter { b in schools.contains { enrolled($0, b) > 0 } }
            guard !live.isEmpty else { return [Quota(group: group, location: place, band: nil, schoolCode: nil, count: count)] }
            var out: [Quota] = []
            for (band, n) in zip(live, apportion(count, weights: live.map { _ in 1 })) where n > 0 {
                for (school, k) in zip(schools, apportion(n, weights: schools.map { enrolled($0, band) })) where k > 0 {
                    out.append(Quota(group: group, location: place, band: band, schoolCode: school.code, count: k))
                }
            }
            return out
        case .teacher:
            let weights = schools.map { max(0, min($0.teachers, 100_000)) }
            guard weights.contains(where: { $0 > 0 }) else { return [Quota(group: group, location: place, band: nil, schoolCode: nil, count: count)] }
            return zip(schools, apportion(count, weights: weights)).compactMap { s, k in
                k > 0 ? Quota(group: group, location: place, band: nil, schoolCode: s.code, count: k) : nil
            }
        case .principal:
            guard !schools.isEmpty else { return [Quota(group: group, location: place, band: nil, schoolCode: nil, count: count)] }
            return zip(schools, apportion(count, weights: schools.map { _ in 1 })).compactMap { s, k in
                k > 0 ? Quota(group: group, location: place, band: nil, schoolCode: s.code, count: k) : nil
            }
        case .deputy, .cppcc, .resident:
            return [Quota(group: group, location: place, band: nil, schoolCode: nil, count: count)]
        }
    }
}

/// Splits `total` in proportion to `weights` by largest remainders (Hamilton); ties go to the earlier index. All
/// zero weights split equally. The parts always sum to `total`.
public func apportion(_ total: Int, weights: [Int]) -> [Int] {
    guard total > 0, !weights.isEmpty else { return weights.map { _ in 0 } }
    let w = weights.map { Double(max(0, $0)) }
    let sum = w.reduce(0, +)
    let shares = sum > 0 ? w.map { $0 / sum * Double(total) } : w.map { _ in Double(total) / Double(w.count) }
    var parts = shares.map { Int($0.rounded(.down)) }
    var left = total - parts.reduce(0, +)
    let order = shares.indices.sorted { a, b in
        let ra = shares[a] - Double(parts[a]), rb = shares[b] - Double(parts[b])
        return ra != rb ? ra > rb : a < b
    }
    for i in order where left > 0 {
        if sum > 0 && w[i] == 0 { continue }
        parts[i] += 1
        left -= 1
    }
    return parts
}
