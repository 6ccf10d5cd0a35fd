import Fluent
import Foundation

/// What a user may do; the scope (region or school) says where.
public enum Role: String, Codable, Sendable, CaseIterable {
    /// 县教育局统计员: reads and uploads the statistics of one county.
    case statistician
    /// 督学 / 省市督导: reads every county under a region.
    case inspector
    /// 校长: reads their own school only.
    case principal
    /// 系统管理员: manages regions, schools, users and roles.
    case admin
    /// 教师: bound to a school and a 教师编号; sees only their own 专递课堂 classes.
    case teacher
    /// 规划科 (planning office): the county's 学位 forecasts and catchment plans.
    case planner
    /// 学习者 (resident, teacher, student): their own credit-bank record, bound to a county.
    case learner
    /// 社区学习中心 / institution: runs activities, check-in and completions in its county.
    case centre
    /// 学分银行审核员 (county 社区教育 office): recognition, corrections, revocation.
    case creditReviewer = "credit_reviewer"
    /// 财务科: the county bureau's finance office; imports budgets and projects and publishes a fiscal year.
    case finance
    /// 人事科: the county bureau's personnel office; keeps the teacher register and plans 交流轮岗.
    case personnel

    var zh: String {
        switch self { case .statistician: "统计员"; case .inspector: "督学"; case .principal: "校长"; case .admin: "系统管理员"; case .teacher: "教师"; case .planner: "规划科"; case .learner: "学习者"; case .centre: "学习中心"; case .creditReviewer: "学分银行审核员"; case .finance: "财务科"; case .personnel: "人事科" }
    }
    var en: String {
        switch self { case .statistician: "statistician"; case .inspector: "inspector"; case .principal: "principal"; case .admin: "administrator"; case .teacher: "teacher"; case .planner: "planning office"; case .learner: "learner"; case .centre: "learning centre"; case .creditReviewer: "credit-bank reviewer"; case .finance: "finance office"; case .personnel: "personnel office" }
    }
}

/// An account: Bcrypt password hash, one role, bound to a region or a school.
public final class User: Model, @unchecked Sendable {
    public static let schema = "users"

    @ID(key: .id) public var id: UUID?
    @Field(key: "username") public var username: String
    /// Real name; masked for roles that do not need it.
    @Field(key: "display_name") public var displayName: String
    @Field(key: "password_hash") public var passwordHash: String
    @Enum(key: "role") public var role: Role
    @OptionalParent(key: "region_id") public var region: Region?
    @OptionalParent(key: "school_id") public var school: School?
    /// 教师编号 in the school's 三个课堂 data (teachers only).
    @OptionalField(key: "teacher_id") public var teacherID: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    /// False once deactivated: the account cannot log in, but its history keeps pointing at it.
    @Field(key: "active") public var active: Bool
    /// Seeded by `--demo`: usable only while the server runs in demo mode.
    @Field(key: "demo") public var demo: Bool
    /// Base32 TOTP secret once a second factor is confirmed (RFC 6238).
    @OptionalField(key: "totp_secret") public var totpSecret: String?
    /// When the password was last set.
    @OptionalField(key: "password_changed_at") public var passwordChangedAt: Date?

    public init() {}

    public init(id: UUID? = nil, username: String, displayName: String, passwordHash: String, role: Role,
                regionID: UUID?, schoolID: UUID?, teacherID: String? = nil, demo: Bool = false) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.role = role
        self.$region.id = regionID
        self.$school.id = schoolID
        self.teacherID = teacherID
        self.active = true
        self.demo = demo
    }
}

/// A bearer token for the JSON API; only its SHA-256 is stored.
public final class APIToken: Model, @unchecked Sendable {
    public static let schema = "api_tokens"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "user_id") public var user: User
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "expires_at") public var expiresAt: Date

    public init() {}

    public init(userID: UUID, tokenHash: String, expiresAt: Date) {
        self.$user.id = userID
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
    }
}
