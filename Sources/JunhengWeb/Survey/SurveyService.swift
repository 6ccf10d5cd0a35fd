import Crypto
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Survey
import Vapor

/// A survey as the answer path needs it, cached: its window, questionnaires, secret and invitation batches.
struct LoadedSurvey: Sendable {
    var id: UUID
    var seq: Int
    var countyID: UUID
    var name: String
    var opensAt: Date
    var closesAt: Date
    var questionnaires: [QuestionnaireKind: Questionnaire]
    var secret: SymmetricKey
    var batches: [Batch]

    /// What an invitation batch says about its respondents.
    struct Batch: Sendable {
        var first: Int
        var count: Int
        var questionnaire: QuestionnaireKind
        var group: RespondentGroup
        var schoolCode: String?
        var location: Locale3?
    }

    func batch(of serial: Int) -> Batch? { batches.first { serial >= $0.first && serial < $0.first + $0.count } }
    func isOpen(at now: Date) -> Bool { now >= opensAt && now < closesAt }
}

/// Why an answer was refused; each maps to the API's status and is counted on the survey's page.
enum AnswerRefusal: Error, Equatable {
    case unknown              // 404: no such invitation
    case replayed             // 409: this invitation has answered
    case closed(Bool)         // 410: outside the window (true: not yet open)
    case invalid(String, String)  // 422: field, message
    case throttled(Int)       // 429: retry after seconds

    var countKey: String {
        switch self {
        case .unknown: "forged"
        case .replayed: "replayed"
        case .closed: "closed"
        case .invalid: "invalid"
        case .throttled: "throttled"
        }
    }
}

/// Bounds on survey input from the public and from statisticians.
enum SurveyLimits {
    static let answers = 100
    static let keyLength = 32
    static let invitationsPerRequest = 10_000
    static let nameLength = 200
    static let windowDays = 120.0
    static let classLabelLength = 40
}

/// Creating surveys, issuing invitations, taking answers (group commit: concurrent answers share one transaction,
/// so each is durable before its 201 and the database's one writer is not the bottleneck) and tallying results.
final class SurveyService: Sendable {
    private let bySeq = TTLCache<Int, LoadedSurvey?>(lifetime: 5, staleFor: 5)
    private let intake = AnswerIntake()
    private let refusals = NIOLockedValueBox<[UUID: [String: Int]]>([:])

    // MARK: statisticians

    /// Creates a survey for `county` with the built-in questionnaires or the edited ones given.
    func create(county: Region, name: String, opensAt: Date, closesAt: Date, questionnaires: [Questionnaire]?,
                population: [Locale3: Int] = [:], by user: UUID, on db: any Database) async throws -> SurveyRecord {
        let populationJSON = String(decoding: try JSONEncoder.sorted.encode(Dictionary(uniqueKeysWithValues: population.map { ($0.key.rawValue, $0.value) })), as: UTF8.self)
        var set = BuiltInQuestionnaires.all
        for q in questionnaires ?? [] { set[q.kind] = q }
        let json = String(decoding: try JSONEncoder().encode(QuestionnaireKind.allCases.compactMap { set[$0] }), as: UTF8.self)
        let secret = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
        for attempt in 0..<5 {
            do {
                return try await db.transaction { tx in
                    let last = try await SurveyRecord.query(on: tx).max(\.$seq) ?? 0
                    guard last < InvitationCode.maxSeq else { throw Abort(.insufficientStorage, reason: "调查数量已达上限 / no survey numbers left") }
                    let s = SurveyRecord()
                    s.$county.id = try county.requireID()
                    s.seq = last + 1
                    s.name = name
                    s.opensAt = opensAt
                    s.closesAt = closesAt
                    s.questionnaires = json
                    s.secret = secret
                    s.population = populationJSON
                    s.issued = 0
                    s.refusals = "{}"
                    s.$createdBy.id = user
                    s.createdAt = Date()
                    try await s.create(on: tx)
                    return s
                }
            } catch let error as any DatabaseError where error.isConstraintFailure && attempt < 4 {
                continue   // another survey took the number meanwhile
            }
        }
        throw Abort(.conflict, reason: "请重试 / please retry")
    }

    /// Issues `count` new invitations and returns their codes (shown once; they can be printed again from the batch).
    func issue(_ survey: SurveyRecord, questionnaire: QuestionnaireKind, group: RespondentGroup, schoolCode: String?,
               location: Locale3?, classLabel: String? = nil, count: Int, by user: UUID, on db: any Database) async throws -> (InvitationBatch, [String]) {
        let id = try survey.requireID()
        let batch = try await db.transaction { tx -> InvitationBatch in
            guard let fresh = try await SurveyRecord.find(id, on: tx) else { throw Abort(.notFound) }
            guard fresh.issued + count - 1 <= InvitationCode.maxSerial else {
                throw Abort(.unprocessableEntity, reason: "每次调查至多 \(InvitationCode.maxSerial + 1) 份邀请 / too many invitations for one survey")
            }
            let b = InvitationBatch()
            b.$survey.id = id
            b.questionnaire = questionnaire.rawValue
            b.group = group.rawValue
            b.schoolCode = schoolCode
            b.location = location?.rawValue
            b.classLabel = classLabel
            b.firstSerial = fresh.issued
            b.count = count
            b.$createdBy.id = user
            b.createdAt = Date()
            try await b.create(on: tx)
            // Conditional on the count read, so two concurrent issues never share serials.
            try await SurveyRecord.query(on: tx).filter(\.$id == id).filter(\.$issued == fresh.issued)
                .set(\.$issued, to: fresh.issued + count).update()
            guard let check = try await SurveyRecord.find(id, on: tx), check.issued == fresh.issued + count else {
                throw Abort(.conflict, reason: "请重试 / please retry")
            }
            return b
        }
        bySeq.invalidate(survey.seq)
        return (batch, codes(of: batch, survey: survey))
    }

    /// The codes of a batch (for printing slips again).
    func codes(of batch: InvitationBatch, survey: SurveyRecord) -> [String] {
        let key = Self.key(survey.secret)
        return (batch.firstSerial..<(batch.firstSerial + batch.count)).map { InvitationCode(seq: survey.seq, serial: $0).text(secret: key) }
    }

    static func key(_ secret: String) -> SymmetricKey { SymmetricKey(data: Data(base64Encoded: secret) ?? Data()) }

    // MARK: the public answer path

    /// The survey and batch an invitation code belongs to, or why not.
    func resolve(_ text: String, on db: any Database) async throws -> (LoadedSurvey, LoadedSurvey.Batch, String) {
        guard let (code, canonical, tag) = InvitationCode.parse(text) else { throw AnswerRefusal.unknown }
        guard let survey = try await loaded(seq: code.seq, on: db) else { throw AnswerRefusal.unknown }
        guard code.verifies(tag, secret: survey.secret), let batch = survey.batch(of: code.serial) else {
            count(.unknown, survey.id)
            throw AnswerRefusal.unknown
        }
        return (survey, batch, canonical)
    }

    func loaded(seq: Int, on db: any Database) async throws -> LoadedSurvey? {
        try await bySeq.value(seq) { try await Self.load(seq: seq, on: db) }
    }

    private static func load(seq: Int, on db: any Database) async throws -> LoadedSurvey? {
        guard let s = try await SurveyRecord.query(on: db).filter(\.$seq == seq).first(), let id = s.id else { return nil }
        let batches = try await InvitationBatch.query(on: db).filter(\.$survey.$id == id).all().compactMap { b -> LoadedSurvey.Batch? in
            guard let q = QuestionnaireKind(rawValue: b.questionnaire), let g = RespondentGroup(rawValue: b.group) else { return nil }
            return .init(first: b.firstSerial, count: b.count, questionnaire: q, group: g, schoolCode: b.schoolCode,
                         location: b.location.flatMap(Locale3.init(rawValue:)))
        }
        return LoadedSurvey(id: id, seq: s.seq, countyID: s.$county.id, name: s.name, opensAt: s.opensAt, closesAt: s.closesAt,
                            questionnaires: try questionnaires(of: s), secret: key(s.secret), batches: batches)
    }

    /// The survey's sample rules: the statistician's adjustments, else the built-in ones.
    static func rules(of s: SurveyRecord) -> SampleRules {
        guard let raw = s.sampleRules, let r = try? JSONDecoder().decode(SampleRules.self, from: Data(raw.utf8)) else { return SampleRules() }
        return (try? r.validated()) ?? SampleRules()
    }

    static func population(of s: SurveyRecord) -> [Locale3: Int] {
        let raw = (try? JSONDecoder().decode([String: Int].self, from: Data(s.population.utf8))) ?? [:]
        return Dictionary(raw.compactMap { k, v in Locale3(rawValue: k).map { ($0, v) } }, uniquingKeysWith: { a, _ in a })
    }

    /// Replaces one questionnaire of a survey that has not opened (checked again inside the transaction).
    func replace(_ q: Questionnaire, in survey: SurveyRecord, on db: any Database) async throws {
        let id = try survey.requireID()
        try await db.transaction { tx in
            guard let fresh = try await SurveyRecord.find(id, on: tx) else { throw Abort(.notFound) }
            guard Date() < fresh.opensAt else { throw Abort(.conflict, reason: "调查已开始，问卷不能再修改 / the survey has opened; its questionnaires are fixed") }
            var set = try Self.questionnaires(of: fresh)
            set[q.kind] = q
            fresh.questionnaires = String(decoding: try JSONEncoder().encode(QuestionnaireKind.allCases.compactMap { set[$0] }), as: UTF8.self)
            try await fresh.save(on: tx)
        }
        bySeq.invalidate(survey.seq)
    }

    /// Ends the window now (a statistician closing early); results show from then on.
    func close(_ s: SurveyRecord, on db: any Database) async throws {
        guard s.closesAt > Date() else { return }
        s.closesAt = max(s.opensAt, Date())
        try await s.save(on: db)
        bySeq.invalidate(s.seq)
    }

    static func questionnaires(of s: SurveyRecord) throws -> [QuestionnaireKind: Questionnaire] {
        let list = try JSONDecoder().decode([Questionnaire].self, from: Data(s.questionnaires.utf8))
        return Dictionary(list.map { ($0.kind, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Checks `answers` against the invitation's questionnaire: every key an item, every value one of its options.
    static func check(_ answers: [String: String], _ q: Questionnaire) throws {
        guard answers.count <= SurveyLimits.answers else { throw AnswerRefusal.invalid("answers", "至多 \(SurveyLimits.answers) 题 / too many answers") }
        for (key, value) in answers.sorted(by: { $0.key < $1.key }) {
            guard let item = q.item(key) else { throw AnswerRefusal.invalid("answers.\(String(key.prefix(SurveyLimits.keyLength)))", "没有这道题 / no such item") }
            guard item.option(value) != nil else { throw AnswerRefusal.invalid("answers.\(key)", "没有这个选项 / no such option") }
        }
    }

    /// Takes one answer sheet: durable (committed) when this returns.
    func submit(code text: String, answers: [String: String], paper: Bool, on db: any Database) async throws {
        let (survey, batch, canonical) = try await resolve(text, on: db)
        let now = Date()
        guard survey.isOpen(at: now) else { count(.closed(now < survey.opensAt), survey.id); throw AnswerRefusal.closed(now < survey.opensAt) }
        guard let q = survey.questionnaires[batch.questionnaire] else { throw AnswerRefusal.unknown }
        do { try Self.check(answers, q) } catch let r as AnswerRefusal { count(r, survey.id); throw r }
        let hour = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
        let sheet = AnswerIntake.Sheet(
            surveyID: survey.id, usedHash: InvitationCode.usedHash(canonical, secret: survey.secret),
            questionnaire: batch.questionnaire.rawValue, group: batch.group.rawValue, schoolCode: batch.schoolCode,
            location: batch.location?.rawValue, answers: String(decoding: try JSONEncoder.sorted.encode(answers), as: UTF8.self),
            paper: paper, hour: hour)
        let accepted = try await intake.submit(sheet, db: db, flushRefusals: { self.takeRefusals() })
        guard accepted else { count(.replayed, survey.id); throw AnswerRefusal.replayed }
    }

    /// Counts a refusal against the survey (written with the next commit).
    func count(_ refusal: AnswerRefusal, _ survey: UUID) {
        refusals.withLockedValue { $0[survey, default: [:]][refusal.countKey, default: 0] += 1 }
    }

    private func takeRefusals() -> [UUID: [String: Int]] {
        refusals.withLockedValue { r in defer { r = [:] }; return r }
    }

    /// Writes refusal counts not yet written (the survey page calls it before reading them).
    func flushRefusals(on db: any Database) async throws {
        let pending = takeRefusals()
        guard !pending.isEmpty else { return }
        try await db.transaction { tx in try await AnswerIntake.addRefusals(pending, on: tx) }
    }

    // MARK: results

    /// Every accepted sheet of a survey, as the domain tallies them.
    static func sheets(of survey: UUID, on db: any Database) async throws -> [AnswerSheet] {
        try await SurveyAnswerRecord.query(on: db).filter(\.$survey.$id == survey).all().compactMap { a in
            guard let q = QuestionnaireKind(rawValue: a.questionnaire), let g = RespondentGroup(rawValue: a.group),
                  let answers = try? JSONDecoder().decode([String: String].self, from: Data(a.answers.utf8)) else { return nil }
            return AnswerSheet(questionnaire: q, group: g, location: a.location.flatMap(Locale3.init(rawValue:)),
                               schoolCode: a.schoolCode, answers: answers)
        }
    }
}

extension JSONEncoder {
    /// Keys sorted, so equal values encode to equal bytes.
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}

/// Group commit of answer sheets: while a transaction is being written, arriving sheets queue; the next
/// transaction takes all of them (up to `batchLimit`). A sheet's submitter resumes only after its transaction
/// committed, with whether it was new (its code not used before). SQLite has one writer, so one transaction at a
/// time; PostgreSQL commits several at once (its WAL flush serves them together), so up to `postgresWriters` run
/// side by side — a code in two of them is inserted by one, and the other waits on the unique index and sees it used.
actor AnswerIntake {
    /// What is written for one accepted answer.
    struct Sheet: Sendable {
        var surveyID: UUID
        var usedHash: String
        var questionnaire: String
        var group: String
        var schoolCode: String?
        var location: String?
        var answers: String
        var paper: Bool
        var hour: Date
    }
    private struct Pending { var sheet: Sheet; var done: CheckedContinuation<Bool, any Error> }
    private var pending: [Pending] = []
    private var writers = 0
    static let batchLimit = 256
    /// Transactions written at once on PostgreSQL (bench-survey.sh with durable commits: 1 gave 1,378 accepted/s).
    static let postgresWriters = 4

    func submit(_ sheet: Sheet, db: any Database, flushRefusals: @escaping @Sendable () -> [UUID: [String: Int]]) async throws -> Bool {
        let most = (db as? any SQLDatabase)?.dialect.name == "postgresql" ? Self.postgresWriters : 1
        return try await withCheckedThrowingContinuation { c in
            pending.append(Pending(sheet: sheet, done: c))
            if writers < most {
                writers += 1
                Task { await self.drain(db: db, flushRefusals: flushRefusals) }
            }
        }
    }

    private func drain(db: any Database, flushRefusals: @escaping @Sendable () -> [UUID: [String: Int]]) async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(Self.batchLimit))
            pending.removeFirst(batch.count)
            let refusals = flushRefusals()
            do {
                let accepted = try await Self.write(batch.map(\.sheet), refusals: refusals, on: db)
                for (p, ok) in zip(batch, accepted) { p.done.resume(returning: ok) }
            } catch {
                for p in batch { p.done.resume(throwing: error) }
            }
        }
        writers -= 1
    }

    /// One transaction of two statements: the sheets' used-code hashes are inserted unless present (one multi-row
    /// insert that returns the hashes it inserted), then the answers of exactly those sheets (one multi-row insert).
    /// Row by row through Fluent this was two statements and two thread hops per answer, the answer path's cost.
    private static func write(_ sheets: [Sheet], refusals: [UUID: [String: Int]], on db: any Database) async throws -> [Bool] {
        try await db.transaction { tx in
            guard let sql = tx as? any SQLDatabase else { throw Abort(.internalServerError) }
            var seen = Set<String>()
            let firsts = sheets.map { seen.insert($0.usedHash).inserted }   // a hash twice in one batch: the second is a replay
            var inserted = Set<String>()
            if firsts.contains(true) {
                let codes = sql.insert(into: "survey_used_codes").columns("hash", "survey_id")
                for (s, first) in zip(sheets, firsts) where first { codes.values([s.usedHash, s.surveyID.uuidString]) }
                let rows = try await codes.ignoringConflicts(with: ["hash"]).returning("hash").all()
                for row in rows { inserted.insert(try row.decode(column: "hash", as: String.self)) }
            }
            let accepted = zip(sheets, firsts).map { s, first in first && inserted.contains(s.usedHash) }
            if accepted.contains(true) {
                let answers = sql.insert(into: SurveyAnswerRecord.schema)
                    .columns("id", "survey_id", "questionnaire", "respondent_group", "school_code", "location", "answers", "paper", "hour")
                for (s, ok) in zip(sheets, accepted) where ok {
                    answers.values([UUID(), s.surveyID, s.questionnaire, s.group, s.schoolCode, s.location, s.answers, s.paper, s.hour])
                }
                try await answers.run()
            }
            try await addRefusals(refusals, on: tx)
            return accepted
        }
    }

    /// Adds refusal counts to the surveys' `refusals` JSON. Concurrent writers (several intake transactions on
    /// PostgreSQL, the survey page's flush) must not overwrite each other's counts, so the row is locked by a write
    /// before it is read (PostgreSQL: the row lock; SQLite: the write lock, taken before the read's snapshot).
    static func addRefusals(_ refusals: [UUID: [String: Int]], on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        for (id, counts) in refusals.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {   // one lock order
            try await sql.update(SurveyRecord.schema).set(SQLIdentifier("refusals"), to: SQLIdentifier("refusals")).where("id", .equal, id).run()
            guard let s = try await SurveyRecord.find(id, on: db) else { continue }
            var current = (try? JSONDecoder().decode([String: Int].self, from: Data(s.refusals.utf8))) ?? [:]
            for (k, n) in counts { current[k] = (current[k] ?? 0) &+ n }
            s.refusals = String(decoding: try JSONEncoder.sorted.encode(current), as: UTF8.self)
            try await s.save(on: db)
        }
    }
}

/// A county's latest closed pre-survey as the assessment's S item shows it beside the official figure.
struct PreSurveyLine: Sendable {
    var id: UUID
    var name: String
    var share: Double?
    var respondents: Int

    static func latest(countyID: UUID, on db: any Database) async throws -> PreSurveyLine? {
        guard let s = try await SurveyRecord.query(on: db).filter(\.$county.$id == countyID).filter(\.$closesAt <= Date())
            .sort(\.$closesAt, .descending).first(), let id = s.id else { return nil }
        let r = try await SurveyInput.results(s, on: db)
        return PreSurveyLine(id: id, name: s.name, share: r.overall.share, respondents: r.overall.respondents)
    }
}
