import Accreditation
import Fluent
import Foundation
import Vapor

/// What the assessment dashboard shows: the working copy's verdicts, the chain's stage and history, evidence, tasks.
struct AssessmentDashboardModel {
    var county: Region
    var year: Int
    var stage: ReviewStage
    var loaded: AssessmentStore.Loaded?
    var packageSHA: String?
    var evidence: [EvidenceRef]
    var versions: [(number: Int, at: Int64, by: String)]
    var history: [ReviewEvent]
    var openTasks: Int
    var closedTasks: Int
    var mayEdit: Bool
    var maySubmit: Bool
    var mayReview: Bool
    var pdfAvailable: Bool
    /// The county's latest closed pre-survey run on this platform, shown beside the S item (never in its place).
    var preSurvey: PreSurveyLine? = nil

    /// The comment of the last return, while the county is to act on it.
    var returnComment: ReviewEvent? {
        guard stage == .returnedByCity || stage == .returnedByProvince else { return nil }
        return history.last { $0.action == .returnSubmission }
    }

    static func load(_ req: Request, county: Region, year: Int) async throws -> AssessmentDashboardModel {
        let countyID = try county.requireID()
        let state = try await AssessmentStore.load(countyID: countyID, year: year, on: req.db)
        let chain = state?.chain ?? AssessmentStore.Chain()
        let sha = chain.draft?.package
        let loaded = try await sha.asyncMap { try await AssessmentStore.loaded($0, countyID: countyID, year: year, app: req.application, on: req.db) } ?? nil
        let tasks = state?.book.tasks ?? []
        return AssessmentDashboardModel(
            county: county, year: year, stage: chain.stage, loaded: loaded, packageSHA: sha, evidence: chain.draft?.evidence ?? [],
            versions: chain.versions.map { ($0.number, $0.submittedAt, $0.submittedBy) }, history: chain.history,
            openTasks: tasks.filter { $0.status == .open }.count, closedTasks: tasks.filter { $0.status == .closed }.count,
            mayEdit: req.may(.editAssessment, county.resource), maySubmit: req.may(.submitAssessment, county.resource),
            mayReview: req.may(.reviewAssessment, county.resource), pdfAvailable: req.application.web.chromiumPath != nil,
            preSurvey: req.may(.readSurvey, county.resource) ? try await PreSurveyLine.latest(countyID: countyID, on: req.db) : nil)
    }
}

extension Optional {
    /// `map` with an async transform.
    func asyncMap<U>(_ f: (Wrapped) async throws -> U) async rethrows -> U? {
        guard let v = self else { return nil }
        return try await f(v)
    }
}

/// A time of the chain (seconds since 1970) as the pages show it, in UTC+8.
func assessmentTime(_ t: Int64) -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
    f.dateFormat = "yyyy-MM-dd HH:mm"
    return f.string(from: Date(timeIntervalSince1970: TimeInterval(t)))
}
