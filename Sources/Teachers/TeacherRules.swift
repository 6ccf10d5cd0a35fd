import EquityKit
import Foundation

/// The teacher rules as data: how figures are derived from the register and the 交流轮岗 rules. A county overrides
/// any part with a JSON file of the same shape (`TeacherRules.load(overrides:)`).
public struct TeacherRules: Sendable, Codable, Equatable {
    public var derivation: DerivationRules
    public var rotation: RotationRules

    /// The built-in rules (the national texts where they exist, labelled practice where not).
    public static let json = #"""
    {
      "derivation": {
        "required_degree": {"primary": "专科", "junior": "本科"},
        "pe_art_subjects": ["体育", "体育与健康", "音乐", "美术"],
        "mid_senior_title": "中级",
        "backbone_level": "县级",
        "training_cycle_hours": 360
      },
      "rotation": {
        "exchange_share": 0.10,
        "backbone_share": 0.20,
        "minimum_years": 6,
        "principal_years": 10,
        "cutoff_month": 9,
        "cutoff_day": 1,
        "max_out_per_school": null,
        "keep_only_teacher_of_subject": true,
        "max_distance_km": null,
        "respect_no_move": true,
        "volunteers_first": true,
        "to_weaker_only": true,
        "term_years": 3,
        "match_subject_posts": true,
        "costs": {"move": 2.0, "receiver_strength": 1.0, "volunteer_bonus": 0.6, "shortfall_bonus": 0.3, "subject_gap_bonus": 0.2, "classroom_gap_bonus": 0.25},
        "time_limit_seconds": 60,
        "relative_gap": 0.000001
      }
    }
    """#

    /// The built-in rules.
    // The literal above is fixed and decodes (a test says so); the same values in code are the fallback.
    public static let builtIn: TeacherRules = (try? load()) ?? TeacherRules(derivation: DerivationRules(), rotation: RotationRules())

    /// The built-in rules with `overrides` (JSON of the same shape, any subset) merged in: objects merge key by key,
    /// anything else replaces the built-in value. Every value is then checked (`problems`).
    public static func load(overrides: Data? = nil) throws(TeacherRulesError) -> TeacherRules {
        guard let base = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { throw .invalid("built-in rules") }
        var merged = base
        if let overrides {
            guard overrides.count <= 1 << 20, let o = try? JSONSerialization.jsonObject(with: overrides) as? [String: Any] else {
                throw .invalid("override file: a JSON object of at most 1 MiB")
            }
            merged = merge(base, o)
        }
        guard let data = try? JSONSerialization.data(withJSONObject: merged) else { throw .invalid("override file") }
        let rules: TeacherRules
        do { rules = try JSONDecoder().decode(TeacherRules.self, from: data) } catch { throw .invalid("override file: \(error)") }
        let problems = rules.problems()
        guard problems.isEmpty else { throw .invalid(problems.joined(separator: "; ")) }
        return rules
    }

    static func merge(_ a: [String: Any], _ b: [String: Any]) -> [String: Any] {
        var out = a
        for (k, v) in b {
            if let x = out[k] as? [String: Any], let y = v as? [String: Any] { out[k] = merge(x, y) } else { out[k] = v }
        }
        return out
    }

    /// Values out of range, each as one sentence.
    public func problems() -> [String] {
        var out: [String] = []
        let r = rotation
        if !(0...1).contains(r.exchangeShare) { out.append("exchange_share must be 0…1") }
        if !(0...1).contains(r.backboneShare) { out.append("backbone_share must be 0…1") }
        if !(0...60).contains(r.minimumYears) { out.append("minimum_years must be 0…60") }
        if !(0...60).contains(r.principalYears) { out.append("principal_years must be 0…60") }
        if CalendarDay(year: 2000, month: r.cutoffMonth, day: r.cutoffDay) == nil { out.append("cutoff_month/cutoff_day must be a day of the year") }
        if !(1...10).contains(r.termYears) { out.append("term_years must be 1…10") }
        if let m = r.maxOutPerSchool, !(0...10_000).contains(m) { out.append("max_out_per_school must be 0…10000") }
        if let d = r.maxDistanceKm, !(d.isFinite && d > 0 && d <= 20_000) { out.append("max_distance_km must be > 0 and ≤ 20000") }
        let c = r.costs
        for (name, v) in [("move", c.move), ("receiver_strength", c.receiverStrength), ("volunteer_bonus", c.volunteerBonus),
                          ("shortfall_bonus", c.shortfallBonus), ("subject_gap_bonus", c.subjectGapBonus),
                          ("classroom_gap_bonus", c.classroomGapBonus)] where !(v.isFinite && v >= 0 && v <= 1000) {
            out.append("costs.\(name) must be 0…1000")
        }
        if c.move - c.volunteerBonus - 3 * c.shortfallBonus - c.subjectGapBonus - c.classroomGapBonus <= 0 {
            out.append("costs.move must exceed volunteer_bonus + 3 × shortfall_bonus + subject_gap_bonus + classroom_gap_bonus, so every move costs something")
        }
        if !(r.timeLimitSeconds.isFinite && r.timeLimitSeconds > 0 && r.timeLimitSeconds <= 86_400) { out.append("time_limit_seconds must be 0…86400") }
        if !(r.relativeGap.isFinite && r.relativeGap >= 0 && r.relativeGap <= 0.5) { out.append("relative_gap must be 0…0.5") }
        let d = derivation
        if d.peArtSubjects.count > 100 || d.peArtSubjects.contains(where: { $0.isEmpty || $0.count > 32 }) { out.append("pe_art_subjects: at most 100 names of 1–32 characters") }
        if !(d.trainingCycleHours.isFinite && d.trainingCycleHours >= 0 && d.trainingCycleHours <= 10_000) { out.append("training_cycle_hours must be 0…10000") }
        return out
    }
}

/// Why a rules override file was refused.
public enum TeacherRulesError: Error, Sendable, CustomStringConvertible {
    case invalid(String)
    public var description: String {
        switch self { case .invalid(let what): "无效的教师规则文件 / invalid teacher rules: \(what)" }
    }
}

/// How the statistics' teacher figures follow from the register.
public struct DerivationRules: Sendable, Codable, Equatable {
    /// 高于规定学历: the lowest degree that counts, per section (小学 专科, 初中 本科).
    public var requiredDegree: RequiredDegree
    /// Subjects that make a 体育艺术专任教师.
    public var peArtSubjects: [String]
    /// The lowest title counted as 中级及以上.
    public var midSeniorTitle: Title
    /// The lowest backbone level counted as 县级及以上.
    public var backboneLevel: BackboneLevel
    /// 5-year training cycle hours (360).
    public var trainingCycleHours: Double

    public init(requiredDegree: RequiredDegree = RequiredDegree(primary: .juniorCollege, junior: .bachelor),
                peArtSubjects: [String] = ["体育", "体育与健康", "音乐", "美术"], midSeniorTitle: Title = .intermediate,
                backboneLevel: BackboneLevel = .county, trainingCycleHours: Double = 360) {
        self.requiredDegree = requiredDegree
        self.peArtSubjects = peArtSubjects
        self.midSeniorTitle = midSeniorTitle
        self.backboneLevel = backboneLevel
        self.trainingCycleHours = trainingCycleHours
    }

    enum CodingKeys: String, CodingKey {
        case requiredDegree = "required_degree", peArtSubjects = "pe_art_subjects", midSeniorTitle = "mid_senior_title"
        case backboneLevel = "backbone_level", trainingCycleHours = "training_cycle_hours"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        requiredDegree = try c.decode(RequiredDegree.self, forKey: .requiredDegree)
        peArtSubjects = try c.decode([String].self, forKey: .peArtSubjects)
        let t = try c.decode(String.self, forKey: .midSeniorTitle), b = try c.decode(String.self, forKey: .backboneLevel)
        guard let title = Title(label: t) else { throw DecodingError.dataCorruptedError(forKey: .midSeniorTitle, in: c, debugDescription: "a title 未定级…正高级") }
        guard let level = BackboneLevel(label: b) else { throw DecodingError.dataCorruptedError(forKey: .backboneLevel, in: c, debugDescription: "a level 无/县级/市级/省级") }
        midSeniorTitle = title
        backboneLevel = level
        trainingCycleHours = try c.decode(Double.self, forKey: .trainingCycleHours)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(requiredDegree, forKey: .requiredDegree)
        try c.encode(peArtSubjects, forKey: .peArtSubjects)
        try c.encode(midSeniorTitle.label, forKey: .midSeniorTitle)
        try c.encode(backboneLevel.label, forKey: .backboneLevel)
        try c.encode(trainingCycleHours, forKey: .trainingCycleHours)
    }

    /// 高于规定学历 in `section`.
    public func aboveRequiredDegree(_ t: TeacherRecord) -> Bool { t.degree >= requiredDegree[t.section] }
    /// 县级及以上骨干.
    public func isBackbone(_ t: TeacherRecord) -> Bool { t.backbone >= backboneLevel }
    /// 体育艺术专任教师: some subject is 体育, 体育与健康, 音乐 or 美术.
    public func isPEArt(_ t: TeacherRecord) -> Bool { t.subjects.contains { peArtSubjects.contains($0) } }
    /// 持证: the certificate's stage is at least the section taught.
    public func isCertified(_ t: TeacherRecord) -> Bool { t.certificate >= CertificateStage.covering(t.section) }
    /// 中级及以上职称.
    public func isMidSenior(_ t: TeacherRecord) -> Bool { t.title >= midSeniorTitle }
    /// 完成360学时 (false when the hours are not given).
    public func completedTraining(_ t: TeacherRecord) -> Bool { (t.trainingHours ?? -1) >= trainingCycleHours }

    /// Whether `t` counts in the statistics quantity `q` (teacher quantities only; false for the others).
    public func counts(_ t: TeacherRecord, in q: Quantity) -> Bool {
        switch q {
        case .teachers: true
        case .degreeTeachers: aboveRequiredDegree(t)
        case .backboneTeachers: isBackbone(t)
        case .peArtTeachers: isPEArt(t)
        case .midSeniorTitleTeachers: isMidSenior(t)
        case .certifiedTeachers: isCertified(t)
        default: false
        }
    }
}

/// The lowest degree counted as above the required one, per section.
public struct RequiredDegree: Sendable, Codable, Equatable {
    public var primary: Degree
    public var junior: Degree
    public init(primary: Degree, junior: Degree) { (self.primary, self.junior) = (primary, junior) }
    public subscript(_ s: Section) -> Degree { s == .primary ? primary : junior }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let p = try c.decode(String.self, forKey: .primary), j = try c.decode(String.self, forKey: .junior)
        guard let dp = Degree(label: p), let dj = Degree(label: j) else {
            throw DecodingError.dataCorruptedError(forKey: .primary, in: c, debugDescription: "degrees 高中及以下/专科/本科/研究生")
        }
        (primary, junior) = (dp, dj)
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(primary.label, forKey: .primary)
        try c.encode(junior.label, forKey: .junior)
    }
    enum Key: String, CodingKey { case primary, junior }
}

/// 交流轮岗 rules: who is eligible, how many must move, the limits the office sets, and the objective's weights.
public struct RotationRules: Sendable, Codable, Equatable {
    /// Exchanged ≥ ⌈share × eligible⌉ (10%).
    public var exchangeShare: Double = 0.10
    /// Backbone exchanged ≥ share × exchanged (20%).
    public var backboneShare: Double = 0.20
    /// Full years at the current school by the cutoff day for a teacher (6).
    public var minimumYears: Int = 6
    /// Full years for 校长/副校长 (10).
    public var principalYears: Int = 10
    /// The cutoff day in the plan year (1 September).
    public var cutoffMonth: Int = 9
    public var cutoffDay: Int = 1
    /// At most this many teachers out of one school (nil: no limit).
    public var maxOutPerSchool: Int?
    /// Every school section keeps at least one teacher of each subject it has.
    public var keepOnlyTeacherOfSubject: Bool = true
    /// Great-circle km between the schools (nil, or no coordinates: no limit).
    public var maxDistanceKm: Double?
    /// Teachers marked 不宜交流 stay.
    public var respectNoMove: Bool = true
    /// Prefer volunteers (when the register has a volunteer column).
    public var volunteersFirst: Bool = true
    /// Teachers move only to a weaker school section (lower 资源配置 teacher score); principals are exempt.
    public var toWeakerOnly: Bool = true
    /// Years a teacher serves at the receiving school before the return falls due (3: common provincial practice — the
    /// national text sets no term; a county overrides it, and the office may set it per plan on approval).
    public var termYears: Int = 3
    /// A receiving school takes a teacher of main subject j only into a shortfall of j or a post left by its own leaver of j.
    public var matchSubjectPosts: Bool = true
    public var costs: RotationCosts = RotationCosts()
    /// CBC's time limit and relative gap.
    public var timeLimitSeconds: Double = 60
    public var relativeGap: Double = 1e-6

    public init() {}

    enum CodingKeys: String, CodingKey {
        case exchangeShare = "exchange_share", backboneShare = "backbone_share", minimumYears = "minimum_years"
        case principalYears = "principal_years", cutoffMonth = "cutoff_month", cutoffDay = "cutoff_day"
        case maxOutPerSchool = "max_out_per_school", keepOnlyTeacherOfSubject = "keep_only_teacher_of_subject"
        case maxDistanceKm = "max_distance_km", respectNoMove = "respect_no_move", volunteersFirst = "volunteers_first"
        case toWeakerOnly = "to_weaker_only", termYears = "term_years", matchSubjectPosts = "match_subject_posts", costs
        case timeLimitSeconds = "time_limit_seconds", relativeGap = "relative_gap"
    }
}

/// The objective's weights: every move costs `move`, plus `receiver_strength` × the receiving section's strength
/// (0 weakest … 1 meets every teacher indicator), less the bonuses for a volunteer, for each teacher indicator the
/// receiver is short of that the teacher counts in, for filling a subject shortfall, and `classroom_gap_bonus` × the
/// receiving school's 三个课堂 gap in the teacher's main subject (the share of its required periods not taught, 0…1).
public struct RotationCosts: Sendable, Codable, Equatable {
    public var move: Double = 2.0
    public var receiverStrength: Double = 1.0
    public var volunteerBonus: Double = 0.6
    public var shortfallBonus: Double = 0.3
    public var subjectGapBonus: Double = 0.2
    public var classroomGapBonus: Double = 0.25

    public init() {}

    enum CodingKeys: String, CodingKey {
        case move, receiverStrength = "receiver_strength", volunteerBonus = "volunteer_bonus"
        case shortfallBonus = "shortfall_bonus", subjectGapBonus = "subject_gap_bonus", classroomGapBonus = "classroom_gap_bonus"
    }
}
