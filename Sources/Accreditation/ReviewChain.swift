/// 县 → 市 → 省 审核环节: where a county's submission stands.
public enum ReviewStage: String, Sendable, Codable, CaseIterable {
    /// 县 自评: the county edits its data.
    case draft
    /// 市 复核: frozen, with the city.
    case submittedToCity = "submitted_to_city"
    /// Returned by the city with comments; the county edits and resubmits a new version.
    case returnedByCity = "returned_by_city"
    /// 省 督导评估: passed on by the city.
    case passedToProvince = "passed_to_province"
    /// Returned by the province with comments.
    case returnedByProvince = "returned_by_province"
    /// Passed on by the province: applied to the national level.
    case passedToNation = "passed_to_nation"

    public var zh: String {
        switch self {
        case .draft: "县自评（草稿）"
        case .submittedToCity: "已报市复核"
        case .returnedByCity: "市退回修改"
        case .passedToProvince: "已报省督导评估"
        case .returnedByProvince: "省退回修改"
        case .passedToNation: "已申报国家认定"
        }
    }

    /// Whether the county may edit its working data.
    public var countyMayEdit: Bool { self == .draft || self == .returnedByCity || self == .returnedByProvince }

    /// The level that acts next.
    public var actor: ReviewLevel? {
        switch self {
        case .draft, .returnedByCity, .returnedByProvince: .county
        case .submittedToCity: .city
        case .passedToProvince: .province
        case .passedToNation: nil
        }
    }
}

/// Who acts in the chain.
public enum ReviewLevel: String, Sendable, Codable, CaseIterable {
    case county, city, province
}

/// What an actor does.
public enum ReviewAction: String, Sendable, Codable {
    case edit, submit
    case returnSubmission = "return"
    case passOn = "pass_on"
    case itemVerdict = "item_verdict"
}

/// A reviewer's verdict and comment on one item of a frozen version.
public struct ItemReview: Sendable, Equatable, Codable {
    public var key: String
    public var schoolCode: String?
    public var passed: Bool
    public var comment: String
    public var level: ReviewLevel
    public var reviewer: String

    public init(key: String, schoolCode: String? = nil, passed: Bool, comment: String, level: ReviewLevel, reviewer: String) {
        self.key = key
        self.schoolCode = schoolCode
        self.passed = passed
        self.comment = comment
        self.level = level
        self.reviewer = reviewer
    }
}

/// One frozen submission: never changes once sent.
public struct SubmittedVersion<Payload: Sendable & Equatable>: Sendable, Equatable {
    /// 1, 2, … in order of submission.
    public let number: Int
    public let payload: Payload
    public let submittedAt: Int64
    public let submittedBy: String
    /// Item verdicts given on this version, in order.
    public internal(set) var reviews: [ItemReview]
}

/// One step of the chain, for the audit log.
public struct ReviewEvent: Sendable, Equatable, Codable {
    public var action: ReviewAction
    public var level: ReviewLevel
    public var actor: String
    public var from: ReviewStage
    public var to: ReviewStage
    /// The version concerned (0 for edits of the working copy before a first submission).
    public var version: Int
    public var comment: String
    public var at: Int64
}

/// Why a step of the chain is refused.
public enum ReviewError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `level` may not do `action` while the submission is at `stage`.
    case notAllowed(action: ReviewAction, level: ReviewLevel, stage: ReviewStage)
    /// Returning a submission or failing an item needs a comment.
    case commentRequired
    /// Nothing to submit yet.
    case noDraft
    /// The resubmission is identical to the version already sent.
    case unchanged
    /// Comment longer than the limit.
    case commentTooLong(limit: Int)

    public var description: String {
        switch self {
        case .notAllowed(let a, let l, let s): "\(l.rawValue) 在「\(s.zh)」阶段不能执行 \(a.rawValue) / \(l.rawValue) may not \(a.rawValue) at stage \(s.rawValue)"
        case .commentRequired: "退回或判定不达标必须填写意见 / a comment is required"
        case .noDraft: "没有可提交的数据 / nothing to submit"
        case .unchanged: "与上一版本相同，无需重新提交 / identical to the version already submitted"
        case .commentTooLong(let n): "意见超过 \(n) 字 / comment longer than \(n) characters"
        }
    }
}

/// The review state machine of one county's application: draft → submitted_to_city → returned / passed_to_province → ….
/// Transitions are validated; a submitted version is frozen; a resubmission is a new version.
public struct ReviewChain<Payload: Sendable & Equatable>: Sendable, Equatable {
    public static var commentLimit: Int { 4000 }

    public private(set) var stage: ReviewStage = .draft
    /// The county's working copy (editable only while `stage.countyMayEdit`).
    public private(set) var draft: Payload?
    public private(set) var versions: [SubmittedVersion<Payload>] = []
    public private(set) var history: [ReviewEvent] = []

    public init(draft: Payload? = nil) { self.draft = draft }

    /// The version under review or last sent.
    public var current: SubmittedVersion<Payload>? { versions.last }

    private func check(_ action: ReviewAction, _ level: ReviewLevel, _ comment: String) throws(ReviewError) {
        guard comment.count <= Self.commentLimit else { throw .commentTooLong(limit: Self.commentLimit) }
        let allowed: Bool
        switch action {
        case .edit, .submit: allowed = level == .county && stage.countyMayEdit
        case .returnSubmission, .passOn, .itemVerdict: allowed = level != .county && stage.actor == level
        }
        guard allowed else { throw .notAllowed(action: action, level: level, stage: stage) }
    }

    private mutating func log(_ action: ReviewAction, _ level: ReviewLevel, _ actor: String, to: ReviewStage, comment: String, at: Int64) {
        history.append(ReviewEvent(action: action, level: level, actor: actor, from: stage, to: to, version: versions.count,
                                   comment: comment, at: at))
        stage = to
    }

    /// The county replaces its working copy.
    public mutating func edit(_ payload: Payload, level: ReviewLevel, actor: String, at: Int64) throws(ReviewError) {
        try check(.edit, level, "")
        draft = payload
        log(.edit, level, actor, to: stage, comment: "", at: at)
    }

    /// The county freezes its working copy as a new version and sends it to the city.
    public mutating func submit(level: ReviewLevel, actor: String, comment: String = "", at: Int64) throws(ReviewError) {
        try check(.submit, level, comment)
        guard let draft else { throw .noDraft }
        if let last = versions.last, last.payload == draft { throw .unchanged }
        versions.append(SubmittedVersion(number: versions.count + 1, payload: draft, submittedAt: at, submittedBy: actor, reviews: []))
        log(.submit, level, actor, to: .submittedToCity, comment: comment, at: at)
    }

    /// The reviewing level gives a verdict and comment on one item of the version under review.
    public mutating func review(_ item: ItemReview, at: Int64) throws(ReviewError) {
        try check(.itemVerdict, item.level, item.comment)
        if !item.passed && item.comment.trimmingCharacters(in: " \n\t") .isEmpty { throw .commentRequired }
        versions[versions.count - 1].reviews.append(item)
        log(.itemVerdict, item.level, item.reviewer, to: stage, comment: "\(item.key)\(item.schoolCode.map { "@" + $0 } ?? ""): \(item.passed ? "达标" : "不达标") \(item.comment)", at: at)
    }

    /// The reviewing level returns the submission to the county with comments.
    public mutating func returnSubmission(level: ReviewLevel, actor: String, comment: String, at: Int64) throws(ReviewError) {
        try check(.returnSubmission, level, comment)
        guard !comment.trimmingCharacters(in: " \n\t").isEmpty else { throw .commentRequired }
        log(.returnSubmission, level, actor, to: level == .city ? .returnedByCity : .returnedByProvince, comment: comment, at: at)
    }

    /// The reviewing level passes the submission on (city → province, province → nation).
    public mutating func passOn(level: ReviewLevel, actor: String, comment: String = "", at: Int64) throws(ReviewError) {
        try check(.passOn, level, comment)
        log(.passOn, level, actor, to: level == .city ? .passedToProvince : .passedToNation, comment: comment, at: at)
    }
}

/// Stored as JSON by the web layer: the frozen versions and the history survive a restart unchanged.
extension SubmittedVersion: Codable where Payload: Codable {}
extension ReviewChain: Codable where Payload: Codable {}

extension String {
    /// Trims the given characters at both ends (no Foundation).
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
