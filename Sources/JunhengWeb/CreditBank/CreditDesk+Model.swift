import CreditBank
import Fluent
import FluentSQL
import Foundation
import Vapor

/// What the credit-bank pages show, loaded per page: a centre's activities, one activity, the review queue, a learner.
enum CreditDeskModel {
    /// A centre's activity in a list.
    struct ActivityRow { var id: UUID; var title: String; var kind: OutcomeKind?; var hours: Amount; var endDate: String; var checkins: Int; var submitted: Int }
    /// A checked-in learner of an activity, with what the centre submitted for them.
    struct Attendee { var learnerID: String; var masked: String; var name: String; var via: String; var completion: CreditCompletion? }
    /// A completion waiting for the reviewer.
    struct QueueRow { var id: UUID; var activity: String; var institution: String; var learnerMasked: String; var attendance: Amount; var score: Amount?; var hours: Amount; var submitted: Date }
    /// A live outcome of a learner, with the ledger entry it stands on.
    struct LiveOutcome { var seq: Int; var outcome: Outcome; var decision: CreditDecision? }

    struct Centre { var countyName: String; var activities: [ActivityRow] }
    struct Activity { var activity: CreditActivity; var attendees: [Attendee]; var checkinURL: String; var canRun: Bool; var message: String? }
    struct Review { var countyName: String; var queue: [QueueRow]; var message: String? }
    struct LearnerPage {
        var learner: CreditLearnerRecord; var outcomes: [LiveOutcome]; var balance: LearnerResult?; var entries: [LedgerEntry]; var canRevoke: Bool
        /// The rules' conversion rules a reviewer may apply: id and what it gives.
        var conversions: [(id: String, gives: String)] = []
        /// The learner's live share links (own page only).
        var shares: [CreditShare] = []
        var message: String?
        /// A link just created (shown once: only its hash is kept).
        var newShareLink: String?
    }

    /// A learner's display (masked ID, name masked for the centre: first character kept).
    static func learners(_ ids: [String], on db: any Database) async throws -> [String: CreditLearnerRecord] {
        guard !ids.isEmpty else { return [:] }
        var out: [String: CreditLearnerRecord] = [:]
        for r in try await CreditLearnerRecord.query(on: db).filter(\.$learnerID ~~ ids).all() { out[r.learnerID] = r }
        return out
    }

    /// Rows per activity of `table` (one grouped query, not one per activity).
    static func counts(_ table: String, activities ids: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !ids.isEmpty, let sql = db as? any SQLDatabase else { return [:] }
        let rows = try await sql.select().column("activity_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(table).where("activity_id", .in, ids).groupBy("activity_id").all()
        var out: [UUID: Int] = [:]
        for r in rows { out[try r.decode(column: "activity_id", as: UUID.self)] = try r.decode(column: "n", as: Int.self) }
        return out
    }

    static func centre(_ req: Request, county: Region) async throws -> Centre {
        let p = try req.principal()
        let rows = try await CreditActivity.query(on: req.db).filter(\.$centre.$id == p.userID).sort(\.$createdAt, .descending).range(..<500).all()
        let ids = rows.compactMap(\.id)
        let checkins = try await counts(CreditCheckin.schema, activities: ids, on: req.db)
        let submitted = try await counts(CreditCompletion.schema, activities: ids, on: req.db)
        let list = rows.compactMap { a -> ActivityRow? in
            guard let id = a.id else { return nil }
            return ActivityRow(id: id, title: a.title, kind: OutcomeKind(rawValue: a.kind), hours: Amount(hundredths: a.hours), endDate: a.endDate,
                               checkins: checkins[id] ?? 0, submitted: submitted[id] ?? 0)
        }
        return Centre(countyName: county.name, activities: list)
    }

    static func activity(_ req: Request, _ a: CreditActivity, county: Region, message: String? = nil) async throws -> Activity {
        let id = try a.requireID()
        let checkins = try await CreditCheckin.query(on: req.db).filter(\.$activity.$id == id).sort(\.$at).all()
        let completions = Dictionary(try await CreditCompletion.query(on: req.db).filter(\.$activity.$id == id).all().map { ($0.learnerID, $0) },
                                     uniquingKeysWith: { x, _ in x })
        let people = try await learners(checkins.map(\.learnerID), on: req.db)
        let attendees = checkins.map { c in
            Attendee(learnerID: c.learnerID, masked: people[c.learnerID]?.maskedID ?? "—", name: Masking.name(people[c.learnerID]?.name ?? ""),
                     via: c.via, completion: completions[c.learnerID])
        }
        let base = req.application.web.publicURL ?? ""
        return Activity(activity: a, attendees: attendees, checkinURL: "\(base)/credits/checkin/\(a.checkinCode)",
                        canRun: req.may(.runCreditCentre, a.resource(in: county)), message: message)
    }

    /// The county's submitted completions, oldest first (at most 500), with their activities in the same query.
    static func review(_ req: Request, county: Region, message: String? = nil) async throws -> Review {
        let countyID = try county.requireID()
        let pending = try await CreditCompletion.query(on: req.db)
            .join(CreditActivity.self, on: \CreditCompletion.$activity.$id == \CreditActivity.$id)
            .filter(CreditActivity.self, \.$county.$id == countyID)
            .filter(\.$status == "submitted").sort(\.$submittedAt).range(..<500).all()
        let people = try await learners(pending.map(\.learnerID), on: req.db)
        let queue = try pending.compactMap { c -> QueueRow? in
            guard let id = c.id else { return nil }
            let a = try c.joined(CreditActivity.self)
            return QueueRow(id: id, activity: a.title, institution: a.institution, learnerMasked: people[c.learnerID]?.maskedID ?? "—",
                            attendance: Amount(hundredths: c.attendance), score: c.score.map(Amount.init(hundredths:)), hours: Amount(hundredths: a.hours),
                            submitted: c.submittedAt)
        }
        return Review(countyName: county.name, queue: queue, message: message)
    }

    /// A learner's record from their own ledger entries only (the per-learner index), balance recomputed.
    static func learner(_ req: Request, _ learner: CreditLearnerRecord, canRevoke: Bool, message: String? = nil) async throws -> LearnerPage {
        let rules = try CreditStore.rules(req.application)
        let ledger = try await CreditStore.learnerLedger(learner.learnerID, on: req.db)
        let balance = ledger.balance(rules: rules)
        let decisions = Dictionary(balance.decisions.map { ($0.outcomeID, $0) }, uniquingKeysWith: { x, _ in x })
        let live = ledger.live.sorted { $0.key < $1.key }
            .map { LiveOutcome(seq: $0.key, outcome: $0.value, decision: decisions[$0.value.id]) }
        let shares = canRevoke ? [] : try await CreditShare.query(on: req.db).filter(\.$learnerID == learner.learnerID).filter(\.$withdrawnAt == nil)
            .sort(\.$createdAt).range(..<50).all()
        return LearnerPage(learner: learner, outcomes: live, balance: balance, entries: ledger.entries, canRevoke: canRevoke,
                           conversions: rules.conversions.map { c in (c.id, (c.exempts.map { "免修 " + $0.joined(separator: "、") + "，" } ?? "") + "\(c.credits) 学分") },
                           shares: shares, message: message)
    }
}

extension CreditActivity: CountyOwned {
    static let targetKind = "credit-activity"
    var countyID: UUID { $county.id }
    /// This activity as a policy resource (its centre narrows the county).
    func resource(in county: Region) -> Resource { .creditActivity(owner: $centre.id, countyID: county.id ?? UUID(), countyPath: county.path) }
}
