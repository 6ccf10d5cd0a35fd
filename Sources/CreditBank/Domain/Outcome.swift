/// The three kinds of learning a credit bank recognises.
public enum OutcomeKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// 学历教育: degree courses.
    case degree = "学历"
    /// 非学历教育: certificates and training.
    case nonDegree = "非学历"
    /// 无定式: informal learning (community classes, 三个课堂 lessons, teacher training).
    case informal = "无定式"

    /// Accepts 学历/非学历/无定式 (also with 教育/学习) and degree/non_degree/informal.
    public init?(label: String) {
        switch label.trimmingCharacters(in: .whitespaces).lowercased() {
        case "学历", "学历教育", "degree": self = .degree
        case "非学历", "非学历教育", "non_degree", "non-degree", "nondegree": self = .nonDegree
        case "无定式", "无定式学习", "informal": self = .informal
        default: return nil
        }
    }

    /// The English key.
    public var en: String {
        switch self {
        case .degree: "degree"
        case .nonDegree: "non_degree"
        case .informal: "informal"
        }
    }
}

/// One learning outcome a learner achieved: a course, certificate, class or training with its result.
public struct Outcome: Sendable, Hashable, Codable {
    /// The learner's id (the keyed hash, see `LearnerID`).
    public var learnerID: String
    /// Unique per learner.
    public var id: String
    public var institution: String
    public var kind: OutcomeKind
    public var title: String
    /// Credits stated by the institution (nil: derived from hours by the rules).
    public var credits: Amount?
    /// Study hours (学时).
    public var hours: Amount?
    /// Credits are dated by the end date.
    public var endDate: CivilDate
    /// Attendance in percent (nil: not recorded).
    public var attendancePct: Amount?
    /// Score out of 100 (nil: not recorded).
    public var score: Amount?
    /// The catalogue entry it instantiates, if any.
    public var catalogueID: String?

    public init(learnerID: String, id: String, institution: String, kind: OutcomeKind, title: String, credits: Amount?, hours: Amount?,
                endDate: CivilDate, attendancePct: Amount? = nil, score: Amount? = nil, catalogueID: String? = nil) {
        self.learnerID = learnerID; self.id = id; self.institution = institution; self.kind = kind; self.title = title
        self.credits = credits; self.hours = hours; self.endDate = endDate; self.attendancePct = attendancePct; self.score = score
        self.catalogueID = catalogueID
    }
}

/// An entry of the outcome catalogue (学习成果名录): what an institution may register and what it is worth.
public struct CatalogueEntry: Sendable, Hashable, Codable {
    public var id: String
    public var title: String
    public var kind: OutcomeKind
    /// 层次: e.g. 本科, 专科, 职业技能等级, 社区教育.
    public var level: String
    public var hours: Amount
    public var credits: Amount?
    /// The evidence a reviewer must see (成绩单, 证书, 签到记录 …).
    public var evidenceRequired: [String]

    public init(id: String, title: String, kind: OutcomeKind, level: String, hours: Amount, credits: Amount?, evidenceRequired: [String]) {
        self.id = id; self.title = title; self.kind = kind; self.level = level; self.hours = hours; self.credits = credits
        self.evidenceRequired = evidenceRequired
    }
}

/// An institution (community learning centre, college, training body) that submits outcomes.
public struct Institution: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// 社区学院 / 社区学校 / 教学点 / 高校 / 培训机构.
    public var level: String

    public init(id: String, name: String, level: String) { self.id = id; self.name = name; self.level = level }
}
