import CreditBank
import Fluent
import Foundation
import JunhengDemo
import Vapor

/// Seeds the first demo county's credit bank: a community learning centre (`demo-centre`), a reviewer (`demo-credit`),
/// a resident learner (`demo-learner`, learning card 3301-0042) and one open activity to check in at.
enum CreditDemoSeed {
    /// The demo resident's (fictitious) ID number: stored only as its keyed hash and masked.
    static let residentID = "330102199001011234"
    static let residentCard = "3301-0042"

    static func seed(_ app: Application) async throws {
        let db = app.db
        guard let county = try await Region.query(on: db).filter(\.$code == DemoCounty.regionCode(county: 1)).first(),
              try await CreditLearnerRecord.query(on: db).count() == 0 else { return }
        let keys = try CreditStore.keys(app)
        guard let id = LearnerID(nationalID: residentID, key: keys.idKey) else { return }
        let hash = try await app.password.async.hash(DemoSeeder.password)
        let countyID = try county.requireID()
        try await db.transaction { tx in
            let centre = User(username: "demo-centre", displayName: "城关社区学院", passwordHash: hash, role: .centre, regionID: countyID, schoolID: nil, demo: true)
            let reviewer = User(username: "demo-credit", displayName: "社区教育办", passwordHash: hash, role: .creditReviewer, regionID: countyID, schoolID: nil, demo: true)
            let learner = User(username: "demo-learner", displayName: "林晓", passwordHash: hash, role: .learner, regionID: countyID, schoolID: nil, demo: true)
            for u in [centre, reviewer, learner] { try await u.create(on: tx) }
            let r = CreditLearnerRecord()
            r.$county.id = countyID
            r.learnerID = id.value
            r.maskedID = id.masked
            r.name = "林晓"
            r.cardNumber = residentCard
            r.$user.id = try learner.requireID()
            try await r.create(on: tx)
            let a = CreditActivity()
            a.$county.id = countyID
            a.$centre.id = try centre.requireID()
            a.institution = centre.displayName
            a.title = "社区老年智能手机课程"
            a.kind = OutcomeKind.informal.rawValue
            a.hours = 3200
            a.credits = 200
            a.endDate = "2026-06-20"
            a.catalogueID = "CAT-INF-031"
            a.checkinCode = CreditStore.random(10).map { String(format: "%02x", $0) }.joined()
            a.createdAt = Date()
            try await a.create(on: tx)
        }
        try await app.auditLog.append(on: db, actor: "-", action: "demo-seed", target: "county:\(county.code)/credits",
                                      detail: "demo-centre, demo-credit, demo-learner (card \(residentCard)), one activity")
    }
}
