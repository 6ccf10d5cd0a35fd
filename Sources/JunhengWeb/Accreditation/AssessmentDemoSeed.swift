import Accreditation
import EquityKit
import Fluent
import Foundation
import JunhengDemo
import Vapor

/// The demo's applications: the first county not yet eligible (version 1 returned by the city with open 整改 tasks, a
/// corrected working copy ready to resubmit), the second eligible and waiting for the city's review.
enum AssessmentDemoSeed {
    static var year: Int { DemoSeeder.years.last ?? 2025 }

    static func seed(_ app: Application, schools: Int) async throws {
        let db = app.db
        guard let statistician = try await User.query(on: db).filter(\.$username == "demo-county").first(),
              let other = try await User.query(on: db).filter(\.$username == "demo-other-county").first(),
              let reviewer = try await User.query(on: db).filter(\.$username == "demo-city").first(),
              let first = try await Region.query(on: db).filter(\.$code == DemoCounty.regionCode(county: 1)).first(),
              let second = try await Region.query(on: db).filter(\.$code == DemoCounty.regionCode(county: 2)).first() else { return }
        let county = AssessmentStore.Actor(username: statistician.username, userID: try statistician.requireID(), level: .county)
        let otherCounty = AssessmentStore.Actor(username: other.username, userID: try other.requireID(), level: .county)
        let city = AssessmentStore.Actor(username: reviewer.username, userID: try reviewer.requireID(), level: .city)

        // First county: version 1 as generated (several items fail), returned by the city.
        let v1 = DemoAssessment.input(county: 1, schools: schools, eligible: false)
        _ = try await AssessmentStore.setPackage(v1, source: "demo", county: first, year: year, by: county, app: app, on: db)
        try await submit(first, by: county, app: app)
        try await AssessmentStore.change(first, year: year, app: app, on: db) { state in
            try state.chain.returnSubmission(level: .city, actor: city.username,
                                             comment: "G11 交流轮岗比例不足、G12 有教师未持证，请整改后补充材料重新报送。", at: AssessmentStore.now)
        }
        try await app.auditLog.append(on: db, actor: city.username, action: "assessment-return", target: AssessmentStore.target(first, year),
                                      detail: "v1 city → returned_by_city (demo)")
        // The county has since certified its teachers (G12): the working copy differs, ready to resubmit.
        var v2 = v1
        for k in v2.statistics.indices { v2.statistics[k].record.quantities[.certifiedTeachers] = v2.statistics[k].record.quantities[.teachers] }
        _ = try await AssessmentStore.setPackage(v2, source: "demo", county: first, year: year, by: county, app: app, on: db)

        // Second county: eligible, submitted to the city.
        let eligible = DemoAssessment.input(county: 2, schools: schools, eligible: true)
        _ = try await AssessmentStore.setPackage(eligible, source: "demo", county: second, year: year, by: otherCounty, app: app, on: db)
        try await submit(second, by: otherCounty, app: app)
    }

    private static func submit(_ county: Region, by actor: AssessmentStore.Actor, app: Application) async throws {
        let countyID = try county.requireID()
        try await AssessmentStore.change(county, year: year, app: app, on: app.db) { state in
            try state.chain.submit(level: .county, actor: actor.username, at: AssessmentStore.now)
            if let sha = state.chain.current?.payload.package,
               let loaded = try await AssessmentStore.loaded(sha, countyID: countyID, year: year, app: app, on: app.db) {
                AssessmentStore.updateTasks(&state.book, with: loaded.assessment, version: state.chain.versions.count, actor: actor.username)
            }
        }
        try await app.auditLog.append(on: app.db, actor: actor.username, action: "assessment-submit", target: AssessmentStore.target(county, year),
                                      detail: "demo → submitted_to_city")
    }
}
