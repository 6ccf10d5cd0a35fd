import Fluent
import FluentSQL
import Foundation

/// A learner of the county's credit bank: the keyed hash of the ID number (never the number), the masked number, the
/// lifelong-learning card and, once they sign in, their account.
public final class CreditLearnerRecord: Model, @unchecked Sendable {
    public static let schema = "credit_learners"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "county_id") public var county: Region
    /// `LearnerID.value`: "L" + 24 hex digits of HMAC-SHA-256.
    @Field(key: "learner_id") public var learnerID: String
    @Field(key: "masked_id") public var maskedID: String
    @Field(key: "name") public var name: String
    /// 市民终身学习卡 number (typed or scanned at a kiosk).
    @Field(key: "card_number") public var cardNumber: String
    @OptionalParent(key: "user_id") public var user: User?

    public init() {}
}

/// An activity a community learning centre runs (a class, a course): its outcome template and its check-in code.
public final class CreditActivity: Model, @unchecked Sendable {
    public static let schema = "credit_activities"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "county_id") public var county: Region
    @Parent(key: "centre_id") public var centre: User
    @Field(key: "institution") public var institution: String
    @Field(key: "title") public var title: String
    /// `OutcomeKind` raw value (学历 / 非学历 / 无定式).
    @Field(key: "kind") public var kind: String
    /// Hours and credits in hundredths (`Amount`), credits optional.
    @Field(key: "hours") public var hours: Int
    @OptionalField(key: "credits") public var credits: Int?
    @Field(key: "end_date") public var endDate: String
    @OptionalField(key: "catalogue_id") public var catalogueID: String?
    /// Random check-in code the QR code and the link carry.
    @Field(key: "checkin_code") public var checkinCode: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

/// A learner checked in at an activity (by the QR link or the kiosk), once.
public final class CreditCheckin: Model, @unchecked Sendable {
    public static let schema = "credit_checkins"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "activity_id") public var activity: CreditActivity
    @Field(key: "learner_id") public var learnerID: String
    /// `qr` or `kiosk`.
    @Field(key: "via") public var via: String
    @Field(key: "at") public var at: Date

    public init() {}
}

/// A completion the centre submitted for review: attendance and score of one checked-in learner.
public final class CreditCompletion: Model, @unchecked Sendable {
    public static let schema = "credit_completions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "activity_id") public var activity: CreditActivity
    @Field(key: "learner_id") public var learnerID: String
    /// Hundredths.
    @Field(key: "attendance") public var attendance: Int
    @OptionalField(key: "score") public var score: Int?
    /// `submitted`, `recognised` or `rejected`.
    @Field(key: "status") public var status: String
    @OptionalField(key: "ledger_seq") public var ledgerSeq: Int?
    @OptionalField(key: "decision_note") public var decisionNote: String?
    @Field(key: "submitted_at") public var submittedAt: Date

    public init() {}
}

/// One ledger entry as stored: its fields, its link and its hash (the chain is verified whenever it is read).
public final class CreditLedgerRow: Model, @unchecked Sendable {
    public static let schema = "credit_ledger"

    @ID(key: .id) public var id: UUID?
    /// 1, 2, 3 …: unique, so two concurrent appends cannot take the same place in the chain.
    @Field(key: "seq") public var seq: Int
    @Field(key: "action") public var action: String
    @Field(key: "learner_id") public var learnerID: String
    /// The outcome, JSON (`Outcome`), for 认证 / 积累 / 更正.
    @OptionalField(key: "outcome") public var outcome: Data?
    @OptionalField(key: "target") public var target: Int?
    @OptionalField(key: "conversion_rule") public var conversionRule: String?
    @Field(key: "actor") public var actor: String
    @Field(key: "at") public var at: String
    /// JSON array of strings.
    @Field(key: "evidence") public var evidence: Data
    @Field(key: "reason") public var reason: String
    @Field(key: "previous_hash") public var previousHash: String
    @Field(key: "hash") public var hash: String

    public init() {}
}

/// A credential's place in the published revocation list: a random index, set when the credential is revoked.
public final class CreditStatusEntry: Model, @unchecked Sendable {
    public static let schema = "credit_status"

    @ID(key: .id) public var id: UUID?
    @Field(key: "list") public var list: Int
    @Field(key: "bit") public var bit: Int
    @Field(key: "credential_id") public var credentialID: String
    @Field(key: "learner_id") public var learnerID: String
    /// The ledger entry (认证/积累) the credential stands for; nil for a whole transcript.
    @OptionalField(key: "ledger_seq") public var ledgerSeq: Int?
    @Field(key: "revoked") public var revoked: Bool

    public init() {}
}

/// A link a learner shares so someone without an account opens their transcript: only the token's SHA-256 is kept;
/// the learner withdraws it whenever they like.
public final class CreditShare: Model, @unchecked Sendable {
    public static let schema = "credit_shares"

    @ID(key: .id) public var id: UUID?
    @Field(key: "learner_id") public var learnerID: String
    /// Hex SHA-256 of the token in the link.
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "withdrawn_at") public var withdrawnAt: Date?

    public init() {}
}

/// The credit bank's tables.
struct CreateCreditBankTables: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(CreditLearnerRecord.schema)
            .id()
            .field("county_id", .uuid, .required, .references(Region.schema, "id"))
            .field("learner_id", .string, .required)
            .field("masked_id", .string, .required)
            .field("name", .string, .required)
            .field("card_number", .string, .required)
            .field("user_id", .uuid, .references(User.schema, "id"))
            .unique(on: "learner_id").unique(on: "card_number")
            .create()
        try await db.schema(CreditActivity.schema)
            .id()
            .field("county_id", .uuid, .required, .references(Region.schema, "id"))
            .field("centre_id", .uuid, .required, .references(User.schema, "id"))
            .field("institution", .string, .required)
            .field("title", .string, .required)
            .field("kind", .string, .required)
            .field("hours", .int, .required)
            .field("credits", .int)
            .field("end_date", .string, .required)
            .field("catalogue_id", .string)
            .field("checkin_code", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "checkin_code")
            .create()
        try await db.schema(CreditCheckin.schema)
            .id()
            .field("activity_id", .uuid, .required, .references(CreditActivity.schema, "id"))
            .field("learner_id", .string, .required)
            .field("via", .string, .required)
            .field("at", .datetime, .required)
            .unique(on: "activity_id", "learner_id")
            .create()
        try await db.schema(CreditCompletion.schema)
            .id()
            .field("activity_id", .uuid, .required, .references(CreditActivity.schema, "id"))
            .field("learner_id", .string, .required)
            .field("attendance", .int, .required)
            .field("score", .int)
            .field("status", .string, .required)
            .field("ledger_seq", .int)
            .field("decision_note", .string)
            .field("submitted_at", .datetime, .required)
            .unique(on: "activity_id", "learner_id")
            .create()
        try await db.schema(CreditLedgerRow.schema)
            .id()
            .field("seq", .int, .required)
            .field("action", .string, .required)
            .field("learner_id", .string, .required)
            .field("outcome", .data)
            .field("target", .int)
            .field("conversion_rule", .string)
            .field("actor", .string, .required)
            .field("at", .string, .required)
            .field("evidence", .data, .required)
            .field("reason", .string, .required)
            .field("previous_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "seq")
            .create()
        try await db.schema(CreditStatusEntry.schema)
            .id()
            .field("list", .int, .required)
            .field("bit", .int, .required)
            .field("credential_id", .string, .required)
            .field("learner_id", .string, .required)
            .field("ledger_seq", .int)
            .field("revoked", .bool, .required)
            .unique(on: "list", "bit").unique(on: "credential_id")
            .create()
    }

    func revert(on db: any Database) async throws {
        for s in [CreditStatusEntry.schema, CreditLedgerRow.schema, CreditCompletion.schema, CreditCheckin.schema, CreditActivity.schema,
                  CreditLearnerRecord.schema] {
            try await db.schema(s).delete()
        }
    }
}

/// The ledger's per-learner index (a learner's record and transcript read only their entries), the indexes the centre
/// and review pages read through, and the share links.
struct AddCreditBankIndexesAndShares: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(CreditShare.schema)
            .id()
            .field("learner_id", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("withdrawn_at", .datetime)
            .unique(on: "token_hash")
            .create()
        if let sql = db as? any SQLDatabase {
            for (name, table, columns) in [("credit_ledger_learner", CreditLedgerRow.schema, "learner_id, seq"),
                                           ("credit_status_learner", CreditStatusEntry.schema, "learner_id"),
                                           ("credit_completions_status", CreditCompletion.schema, "status, activity_id"),
                                           ("credit_activities_centre", CreditActivity.schema, "centre_id, created_at"),
                                           ("credit_shares_learner", CreditShare.schema, "learner_id")] {
                try await sql.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: name) ON \(unsafeRaw: table) (\(unsafeRaw: columns))").run()
            }
        }
    }

    func revert(on db: any Database) async throws {
        if let sql = db as? any SQLDatabase {
            for name in ["credit_ledger_learner", "credit_status_learner", "credit_completions_status", "credit_activities_centre"] {
                try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: name)").run()
            }
        }
        try await db.schema(CreditShare.schema).delete()
    }
}
