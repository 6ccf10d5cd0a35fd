import Accreditation
import Foundation
import Vapor

/// Everything a route may ask the policy. Every route declares one (`Route.requires(_:)`), and its handler asks the
/// policy for the same ability on the resource it touches; the access-matrix test checks both against this file.
public enum Ability: String, CaseIterable, Sendable {
    /// Anyone, signed in or not (login page, API login, OpenAPI document).
    case anyone
    /// Any signed-in user: start page, county list (filtered by `readCounty`), logout, own password.
    case signedIn
    /// A county's dashboard, reports, exports, snapshot history, remedy plans and 三个课堂 data.
    case readCounty
    /// Upload a county's statistics.
    case uploadStatistics
    /// Run the remedy planner for a county.
    case runPlan
    /// Upload 三个课堂 data, run and publish the 专递课堂 plan, record 名师课堂 and 名校网络课堂.
    case manageClassrooms
    /// One school's page.
    case readSchool
    /// Any part of a 专递课堂 plan: the whole of it for county readers, their own timetable for a school's people.
    case readClassroomPlan
    /// The whole 专递课堂 plan (not only one's own timetable).
    case readWholeClassroomPlan
    /// A school's or teacher's own page of a published plan: the principal's school, the teacher's own classes.
    case readOwnTimetable
    /// Log a session of a published plan (the principal of an involved school, or the session's teacher).
    case logClassroomSession
    /// Record a 网络巡课 observation (inspectors and administrators who read the county).
    case observeClassroom
    /// Manage regions, schools, users and roles; read the audit log.
    case administer
    /// A background job's page and result: its owner, and readers of its county.
    case readJob
    /// Cancel a background job: its owner and administrators.
    case cancelJob
    /// Create a county's 社会认可度 pre-survey, issue its invitations, type in paper forms (the county's statisticians).
    case manageSurvey
    /// A county's pre-surveys: their quotas, progress and aggregate results, never single answers (county readers).
    case readSurvey
    /// A county's assessment (督导评估): dashboard, 自评报告, 申报表, frozen versions, evidence, 整改 tasks.
    case viewAssessment
    /// Change the county's working copy: upload the package and evidence, fill in 整改 tasks (the county's statistician).
    case editAssessment
    /// Freeze the working copy as a new version and send it to the city (the county's statistician).
    case submitAssessment
    /// Give item verdicts, return or pass on a submission (inspectors bound to the county's city or province);
    /// asked about no resource, whether the user reviews at all (the review queue).
    case reviewAssessment
    /// The overview of every visible county's stage in the review chain (inspectors and administrators).
    case viewAssessmentOverview
    /// A county's 学位 forecast, warnings, catchment plans and their adoption (county readers and its planning office).
    case readSeats
    /// Upload seats data, propose catchment plans, record adoption steps (the county's planning office, administrators).
    case manageSeats
    /// A community learning centre's own activities: create them, run check-in (QR and kiosk), submit completions.
    case runCreditCentre
    /// The county's credit-bank review: the completion queue, recognition, learners' ledgers, revocation.
    case reviewCredits
    /// Check in at an activity of one's own county (learners).
    case checkInCredits
    /// One's own learning record and transcript (learners).
    case readOwnCredits
    /// A county's funding data, drafts included: import budgets and projects, see the rule checks (its 财务科, administrators).
    case manageFunding
    /// Publish a fiscal year of a county's funding data on the public portal (the county's own 财务科 only).
    case publishFunding
    /// A county's teacher register (names masked unless `readTeacherNames`), derived figures, rotation plans and
    /// their history (its 人事科, administrators, county readers).
    case readTeachers
    /// Import and change the register, plan, approve and execute 交流轮岗 (the county's own 人事科, administrators).
    case manageTeachers
    /// One school's staff list, read-only: the county's readers and 人事科, and principals of the county's schools
    /// (names masked for other schools than their own).
    case readSchoolStaff
    /// Teachers' names in full on a school's (or the county's) register; everyone else sees them masked (王**).
    case readTeacherNames
    /// A teacher's own register record (role teacher).
    case readOwnTeacherRecord
}

/// The policy's answer: allowed; refused with the resource acknowledged (403); or refused as if it did not exist (404).
public enum Decision: Sendable, Equatable {
    case allow, forbid, hide

    var status: HTTPResponseStatus? {
        switch self { case .allow: nil; case .forbid: .forbidden; case .hide: .notFound }
    }
}

/// What an ability is asked about.
public enum Resource: Sendable {
    case none
    /// A county (a region at county level), by its tree path.
    case county(id: UUID, path: String)
    /// A school of a county.
    case school(id: UUID, code: String, countyID: UUID, countyPath: String)
    /// A 专递课堂 plan of a county, published or not.
    case classroomPlan(published: Bool, countyID: UUID, countyPath: String)
    /// One school's or one teacher's part of a published plan, and for a session, whether the teacher is the sender.
    case timetable(published: Bool, countyID: UUID, countyPath: String, school: String?, teacher: String?)
    /// A background job started by `owner` for a county.
    case job(owner: UUID, countyID: UUID, countyPath: String)
    /// A credit-bank activity: the centre account that runs it and its county.
    case creditActivity(owner: UUID, countyID: UUID, countyPath: String)
}

/// The one authorization policy: every decision about who may do what on which resource is made here.
public enum Policy {
    public static func decide(_ p: Principal?, _ ability: Ability, _ resource: Resource = .none) -> Decision {
        if ability == .anyone { return .allow }
        guard let p else { return .hide }
        switch (ability, resource) {
        case (.signedIn, _):
            return .allow
        case (.administer, _):
            return p.role == .admin ? .allow : .forbid
        case (.readCounty, .county(let id, let path)), (.readSurvey, .county(let id, let path)),
             (.viewAssessment, .county(let id, let path)):
            return reads(p, path) ? .allow : knows(p, id, path) ? .forbid : .hide
        case (.uploadStatistics, .county(let id, let path)):
            return p.role == .statistician && reads(p, path) ? .allow : knows(p, id, path) ? .forbid : .hide
        case (.runPlan, .county(let id, let path)), (.manageClassrooms, .county(let id, let path)),
             (.manageSurvey, .county(let id, let path)):
            return manages(p, path) ? .allow : knows(p, id, path) ? .forbid : .hide
        case (.readSchool, .school(let id, _, _, let countyPath)):
            return (p.role == .principal && p.school?.id == id) || reads(p, countyPath) ? .allow : .hide
        case (.readClassroomPlan, .classroomPlan(let published, let countyID, let path)):
            return reads(p, path) || (published && p.school?.countyID == countyID) ? .allow : .hide
        case (.readWholeClassroomPlan, .classroomPlan(let published, let countyID, let path)):
            return reads(p, path) ? .allow : published && p.school?.countyID == countyID ? .forbid : .hide
        case (.manageClassrooms, .classroomPlan(_, let countyID, let path)):
            return manages(p, path) ? .allow : knows(p, countyID, path) ? .forbid : .hide
        case (.readOwnTimetable, .timetable(let published, let countyID, let path, let school, let teacher)):
            if reads(p, path) { return .allow }
            return published && ownsTimetable(p, countyID, school: school, teacher: teacher) ? .allow : .hide
        case (.logClassroomSession, .timetable(let published, let countyID, let path, let school, let teacher)):
            guard published else { return knows(p, countyID, path) ? .forbid : .hide }
            let mine = switch p.role {
            case .principal: p.school?.countyID == countyID && school != nil && p.school?.code == school
            case .teacher: p.school?.countyID == countyID && teacher != nil && p.teacherID == teacher && p.school?.code == school
            default: false
            }
            return mine ? .allow : knows(p, countyID, path) ? .forbid : .hide
        case (.observeClassroom, .classroomPlan(let published, let countyID, let path)):
            let may = published && reads(p, path) && (p.role == .inspector || p.role == .admin)
            return may ? .allow : knows(p, countyID, path) ? .forbid : .hide
        case (.readJob, .job(let owner, _, let path)):
            return p.userID == owner || reads(p, path) ? .allow : .hide
        case (.cancelJob, .job(let owner, _, let path)):
            return p.userID == owner || p.role == .admin ? .allow : reads(p, path) ? .forbid : .hide
        case (.editAssessment, .county(let id, let path)), (.submitAssessment, .county(let id, let path)):
            // Only the county's own statistician: a statistician bound to a city does not self-assess its counties.
            return p.role == .statistician && p.region?.path == path ? .allow : knows(p, id, path) ? .forbid : .hide
        case (.reviewAssessment, .county(let id, let path)):
            return reviewLevel(p) != nil && reads(p, path) ? .allow : knows(p, id, path) ? .forbid : .hide
        case (.reviewAssessment, .none):
            return reviewLevel(p) != nil ? .allow : .forbid
        case (.viewAssessmentOverview, .none):
            return p.role == .admin || p.role == .inspector ? .allow : .forbid
        case (.runCreditCentre, .county(let id, let path)):
            return p.role == .admin || (p.role == .centre && p.region?.path == path) ? .allow : credits(p, path) || knows(p, id, path) ? .forbid : .hide
        case (.runCreditCentre, .creditActivity(let owner, let countyID, let path)):
            return p.role == .admin || (p.role == .centre && p.userID == owner) ? .allow : credits(p, path) || knows(p, countyID, path) ? .forbid : .hide
        case (.reviewCredits, .county(let id, let path)), (.reviewCredits, .creditActivity(_, let id, let path)):
            return p.role == .admin || (p.role == .creditReviewer && p.region?.path == path) ? .allow : credits(p, path) || knows(p, id, path) ? .forbid : .hide
        case (.checkInCredits, .creditActivity(_, let countyID, let path)):
            return p.role == .learner && p.region?.path == path ? .allow : credits(p, path) || knows(p, countyID, path) ? .forbid : .hide
        case (.readOwnCredits, .none):
            return p.role == .learner ? .allow : .forbid
        case (.readSeats, .county(let id, let path)):
            return reads(p, path) || plans(p, path) ? .allow : knows(p, id, path) ? .forbid : .hide
        case (.manageSeats, .county(let id, let path)):
            return p.role == .admin || plans(p, path) ? .allow : knows(p, id, path) ? .forbid : .hide
        case (.manageFunding, .county(let id, let path)):
            let may = p.role == .admin || (p.role == .finance && p.region?.path == path)
            return may ? .allow : knows(p, id, path) ? .forbid : .hide
        case (.publishFunding, .county(let id, let path)):
            return p.role == .finance && p.region?.path == path ? .allow : knows(p, id, path) || p.role == .admin ? .forbid : .hide
        case (.readTeachers, .county(let id, let path)):
            return reads(p, path) || personnel(p, path) ? .allow : knows(p, id, path) ? .forbid : .hide
        case (.manageTeachers, .county(let id, let path)):
            return p.role == .admin || personnel(p, path) ? .allow : knows(p, id, path) ? .forbid : .hide
        case (.readSchoolStaff, .school(_, _, let countyID, let countyPath)):
            let may = reads(p, countyPath) || personnel(p, countyPath) || (p.role == .principal && p.school?.countyID == countyID)
            return may ? .allow : knows(p, countyID, countyPath) ? .forbid : .hide
        case (.readTeacherNames, .school(let id, _, _, let countyPath)):
            // The office that keeps the register, and the school's own principal; inspectors, statisticians and other
            // principals do not need names.
            return p.role == .admin || personnel(p, countyPath) || (p.role == .principal && p.school?.id == id) ? .allow : .forbid
        case (.readTeacherNames, .county(_, let path)):
            return p.role == .admin || personnel(p, path) ? .allow : .forbid
        case (.readOwnTeacherRecord, .none):
            return p.role == .teacher && p.teacherID != nil && p.school != nil ? .allow : .forbid
        default:
            // An ability asked about a resource it does not apply to is a programming error: refuse.
            return .hide
        }
    }

    /// Whether the user reads a county with this path (administrators everything; statisticians and inspectors below
    /// their region).
    static func reads(_ p: Principal, _ countyPath: String) -> Bool {
        switch p.role {
        case .admin: true
        case .statistician, .inspector: p.region.map { countyPath.hasPrefix($0.path) } ?? false
        case .principal, .teacher, .planner, .learner, .centre, .creditReviewer, .finance, .personnel: false
        }
    }

    /// A credit-bank account (learner, centre, reviewer) of the county.
    static func credits(_ p: Principal, _ countyPath: String) -> Bool {
        [.learner, .centre, .creditReviewer].contains(p.role) && p.region?.path == countyPath
    }

    /// The planning office (规划科) of the county, or of a region above it.
    static func plans(_ p: Principal, _ countyPath: String) -> Bool {
        p.role == .planner && (p.region.map { countyPath.hasPrefix($0.path) } ?? false)
    }

    /// The personnel office (人事科) of the county.
    static func personnel(_ p: Principal, _ countyPath: String) -> Bool {
        p.role == .personnel && p.region?.path == countyPath
    }

    /// The review level of an inspector bound to a city (市 复核) or a province (省 督导评估); nil for everyone else.
    static func reviewLevel(_ p: Principal) -> ReviewLevel? {
        guard p.role == .inspector, let region = p.region else { return nil }
        switch region.level {
        case .city: return .city
        case .province: return .province
        case .county: return nil
        }
    }

    /// Whether the user reviews assessments at all (the header's queue link).
    static func isReviewer(_ p: Principal) -> Bool { reviewLevel(p) != nil }

    /// Statisticians of the county and administrators run plans and manage 三个课堂.
    static func manages(_ p: Principal, _ countyPath: String) -> Bool {
        p.role == .admin || (p.role == .statistician && reads(p, countyPath))
    }

    /// Whether the county is known to the user at all (so a refusal is 403, not 404): readers, and its schools' people.
    static func knows(_ p: Principal, _ countyID: UUID, _ countyPath: String) -> Bool {
        reads(p, countyPath) || plans(p, countyPath) || p.school?.countyID == countyID || (p.role == .finance && p.region?.path == countyPath)
            || personnel(p, countyPath)
    }

    /// A principal's own school, or a teacher's own classes, in the county.
    static func ownsTimetable(_ p: Principal, _ countyID: UUID, school: String?, teacher: String?) -> Bool {
        guard let mine = p.school, mine.countyID == countyID else { return false }
        switch p.role {
        case .principal: return school != nil && school == mine.code
        case .teacher: return teacher != nil && teacher == p.teacherID && school == mine.code
        default: return false
        }
    }
}

extension Region {
    /// This county as a policy resource.
    var resource: Resource { .county(id: id ?? UUID(), path: path) }
}

extension Request {
    /// Asks the policy; on refusal audits it (target, ability, route, status) and throws 403 or 404.
    func authorize(_ ability: Ability, _ resource: Resource, target: String) async throws {
        let decision = Policy.decide(optionalPrincipal, ability, resource)
        guard let status = decision.status else { return }
        throw await denial(target, ability.rawValue, status: status)
    }

    /// Whether the policy allows it (no audit: for showing or hiding links and buttons).
    func may(_ ability: Ability, _ resource: Resource) -> Bool {
        Policy.decide(optionalPrincipal, ability, resource) == .allow
    }
}

/// The ability a route declares, kept in the route's user info for the access-matrix test and the route lint.
struct RouteAbilityKey: Hashable, Sendable {}

extension Route {
    /// Declares the ability this route's handler asks the policy for.
    @discardableResult
    func requires(_ ability: Ability) -> Route {
        userInfo[AnySendableHashable(RouteAbilityKey())] = ability
        return self
    }

    /// The declared ability, if any.
    var ability: Ability? { userInfo[AnySendableHashable(RouteAbilityKey())] as? Ability }
}
