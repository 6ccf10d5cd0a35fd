import Accreditation
import Fluent
import Foundation
import Vapor

/// One frozen submission as a reviewer sees it: its verdicts, evidence, the reviewers' item verdicts and what changed.
struct AssessmentVersionModel {
    var county: Region
    var year: Int
    var number: Int
    var latest: Int
    var stage: ReviewStage
    var submittedAt: Int64
    var submittedBy: String
    var payload: AssessmentPayload
    var loaded: AssessmentStore.Loaded?
    var reviews: [ItemReview]
    /// Changes from the previous version's data (nil for the first version).
    var changes: [InputChange]?
    var history: [ReviewEvent]
    /// The viewer's level when it is theirs to act on this version.
    var reviewLevel: ReviewLevel?

    static func load(_ req: Request, county: Region, year: Int, state: AssessmentStore.State, number: Int) async throws -> AssessmentVersionModel {
        let countyID = try county.requireID()
        let v = state.chain.versions[number - 1]
        func loaded(_ sha: String?) async throws -> AssessmentStore.Loaded? {
            guard let sha else { return nil }
            return try await AssessmentStore.loaded(sha, countyID: countyID, year: year, app: req.application, on: req.db)
        }
        let this = try await loaded(v.payload.package)
        var changes: [InputChange]?
        if number > 1, let previous = try await loaded(state.chain.versions[number - 2].payload.package), let this {
            changes = InputDiff.between(previous.input, this.input)
        }
        let p = try req.principal()
        let level = Policy.reviewLevel(p)
        let acting = number == state.chain.versions.count && level != nil && state.stage.actor == level
            && req.may(.reviewAssessment, county.resource)
        return AssessmentVersionModel(county: county, year: year, number: number, latest: state.chain.versions.count, stage: state.stage,
                                      submittedAt: v.submittedAt, submittedBy: v.submittedBy, payload: v.payload, loaded: this,
                                      reviews: v.reviews, changes: changes,
                                      history: state.chain.history.filter { $0.version == number },
                                      reviewLevel: acting ? level : nil)
    }
}
