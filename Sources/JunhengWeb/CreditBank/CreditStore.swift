import CreditBank
import Crypto
import Fluent
import SQLKit
import Foundation
import Teachers
import NIOConcurrencyHelpers
import Vapor

/// The credit bank's persistence: the hash-chained ledger in the database (verified on every read), the issuer key,
/// the revocation list, and signed transcripts built from the ledger and the rules.
enum CreditStore {
    /// The rules the web bank applies (`serve --credit-rules`, default `national`).
    static func rules(_ app: Application) throws -> CreditRules {
        guard let r = app.web.creditRules else { throw Abort(.internalServerError, reason: "学分银行规则未配置 / no credit rules configured") }
        return r
    }
    /// The bank's first status list (list 1 is the per-process demo of `credits demo`); lists 2, 3, … follow.
    static let firstList = 2

    /// The status list of a credential whose ledger entry (its version's, or for a CLR the learner's newest) is
    /// `seq`: `entriesPerList` entries of the ledger share a list, so a list of 131,072 bits holds at most that many
    /// credentials and as many CLRs (a quarter of it by default), and a bit drawn at random rarely collides. One list
    /// for the whole bank filled after about 6,000 learners.
    static func list(forSeq seq: Int, entriesPerList: Int) -> Int {
        firstList + max(0, seq) / max(1, entriesPerList)
    }

    /// The key, its did:key issuer, and the key hashing ID numbers, loaded once per process.
    struct Keys: Sendable {
        var issuer: Issuer
        var key: IssuerKey
        var idKey: SymmetricKey
    }

    /// Keys by key file ("" for the per-process key), so two apps of one process with different files never share one.
    private static let loaded = NIOLockedValueBox<[String: Keys]>([:])

    /// The issuer key from `--credit-key FILE` (created with mode 0600 when missing: 32 bytes of Ed25519 seed, then 32
    /// bytes kept for the file's format), else a per-process key (demo and tests: transcripts then verify offline by
    /// their did:key, but the published status list changes with each start). ID numbers are hashed with the server's
    /// one ID key (`serve --id-key` / `JUNHENG_ID_KEY`), the teacher register's, so a teacher's training reaches the
    /// same learner id.
    static func keys(_ app: Application) throws -> Keys {
        let slot = app.web.creditKeyPath ?? ""
        guard let configured = app.web.idKey else { throw Abort(.internalServerError, reason: "no ID-number key configured") }
        if let k = loaded.withLockedValue({ $0[slot] }) { return Keys(issuer: k.issuer, key: k.key, idKey: configured.key) }
        var seed = [UInt8](repeating: 0, count: 32)
        if let path = app.web.creditKeyPath {
            if let data = FileManager.default.contents(atPath: path) {
                guard data.count == 64 else { throw Abort(.internalServerError, reason: "credit key file \(path): expected 64 bytes") }
                seed = [UInt8](data.prefix(32))
            } else {
                seed = random(32)
                // The second half keeps the 64-byte format of older files; ID numbers use the server's ID key.
                guard FileManager.default.createFile(atPath: path, contents: Data(seed + random(32)), attributes: [.posixPermissions: 0o600]) else {
                    throw Abort(.internalServerError, reason: "cannot create credit key file \(path)")
                }
            }
        } else {
            seed = random(32)
        }
        let key = try IssuerKey(seed: seed)
        let keys = Keys(issuer: Issuer.didKey(name: "县学分银行 / County Credit Bank", key: key), key: key, idKey: configured.key)
        let stored = loaded.withLockedValue { d in
            if let k = d[slot] { return k }
            d[slot] = keys
            return keys
        }
        return Keys(issuer: stored.issuer, key: stored.key, idKey: configured.key)
    }

    static func random(_ n: Int) -> [UInt8] {
        var g = SystemRandomNumberGenerator()
        return (0..<n).map { _ in UInt8.random(in: 0...255, using: &g) }
    }

    /// "YYYY-MM-DDTHH:MM:SSZ".
    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }

    // MARK: ledger

    static func entry(_ r: CreditLedgerRow) throws -> LedgerEntry {
        let decoder = JSONDecoder()
        guard let action = LedgerAction(rawValue: r.action) else { throw Abort(.internalServerError, reason: "ledger entry \(r.seq): unknown action") }
        do {
            return LedgerEntry(seq: r.seq, action: action, learnerID: r.learnerID, outcome: try r.outcome.map { try decoder.decode(Outcome.self, from: $0) },
                               target: r.target, conversionRule: r.conversionRule, actor: r.actor, at: r.at,
                               evidence: try decoder.decode([String].self, from: r.evidence), reason: r.reason,
                               previousHash: r.previousHash, hash: r.hash)
        } catch { throw Abort(.internalServerError, reason: "ledger entry \(r.seq): unreadable (\(error))") }
    }

    /// `entry(_:)` of a row read through SQLKit (the ledger's columns by name).
    static func entry(row r: any SQLRow) throws -> LedgerEntry {
        let seq = (try? r.decode(column: "seq", as: Int.self)) ?? -1
        do {
            guard let action = LedgerAction(rawValue: try r.decode(column: "action", as: String.self)) else {
                throw Abort(.internalServerError, reason: "ledger entry \(seq): unknown action")
            }
            let decoder = JSONDecoder()
            return LedgerEntry(seq: seq, action: action, learnerID: try r.decode(column: "learner_id", as: String.self),
                               outcome: try r.decode(column: "outcome", as: Data?.self).map { try decoder.decode(Outcome.self, from: $0) },
                               target: try r.decode(column: "target", as: Int?.self), conversionRule: try r.decode(column: "conversion_rule", as: String?.self),
                               actor: try r.decode(column: "actor", as: String.self), at: try r.decode(column: "at", as: String.self),
                               evidence: try decoder.decode([String].self, from: try r.decode(column: "evidence", as: Data.self)),
                               reason: try r.decode(column: "reason", as: String.self),
                               previousHash: try r.decode(column: "previous_hash", as: String.self), hash: try r.decode(column: "hash", as: String.self))
        } catch let error as Abort { throw error } catch { throw Abort(.internalServerError, reason: "ledger entry \(seq): unreadable (\(error))") }
    }

    static let chainBroken = "学分银行账本校验失败 / the ledger's hash chain does not verify"

    /// The whole ledger, its chain verified (a broken link is an error, never a silent balance). For the full check only:
    /// pages read one learner's entries (`learnerLedger`).
    static func ledger(on db: any Database) async throws -> Ledger {
        let entries = try await CreditLedgerRow.query(on: db).sort(\.$seq).all().map(entry)
        guard let ledger = Ledger(entries: entries) else {
            throw Abort(.internalServerError, reason: "\(chainBroken) (#\(Ledger.brokenLink(in: entries) ?? 0))")
        }
        return ledger
    }

    /// One learner's entries through the per-learner index (`credit_ledger (learner_id, seq)`), each entry's hash and its
    /// link to the entry before it checked, plus the chain's head to append after.
    /// Reads rows through SQLKit, not Fluent models: decoding a model (its properties found by reflection) was a fifth
    /// of a transcript's time in bench-credits.
    static func learnerLedger(_ learnerID: String, on db: any Database) async throws -> LearnerLedger {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let columns = ["seq", "action", "learner_id", "outcome", "target", "conversion_rule", "actor", "at", "evidence", "reason",
                       "previous_hash", "hash"].map { SQLIdentifier($0) }
        let mine = try await sql.select().columns(columns).from(CreditLedgerRow.schema).where("learner_id", .equal, learnerID)
            .orderBy("seq").all().map(entry(row:))
        let head = try await sql.select().columns(columns).from(CreditLedgerRow.schema).orderBy("seq", .descending).limit(1)
            .first().map(entry(row:))
        var hashes = Dictionary(mine.map { ($0.seq, $0.hash) }, uniquingKeysWith: { x, _ in x })
        let missing = mine.map { $0.seq - 1 }.filter { $0 >= 1 && hashes[$0] == nil }
        var k = 0
        while k < missing.count {
            let chunk = Array(missing[k..<min(k + 500, missing.count)])
            for r in try await sql.select().column("seq").column("hash").from(CreditLedgerRow.schema).where("seq", .in, chunk).all() {
                hashes[try r.decode(column: "seq", as: Int.self)] = try r.decode(column: "hash", as: String.self)
            }
            k += 500
        }
        guard let l = LearnerLedger(learnerID: learnerID, entries: mine, predecessors: hashes, head: head) else {
            throw Abort(.internalServerError, reason: "\(chainBroken): learner \(learnerID)")
        }
        return l
    }

    /// Appends one entry of `learnerID` in one transaction with `then` (which records what follows from it): reads the
    /// learner's entries and the head, lets `make` append through the domain (which checks it), stores it; an append
    /// that lost the race for the seq runs again on the new head.
    @discardableResult
    static func append(on db: any Database, learnerID: String, _ make: @escaping @Sendable (inout LearnerLedger) throws -> LedgerEntry,
                       then: @escaping @Sendable (any Database, LedgerEntry, LearnerLedger) async throws -> Void = { _, _, _ in }) async throws -> LedgerEntry {
        try await VersionAllocation.transaction(on: db) { tx in
            var ledger = try await learnerLedger(learnerID, on: tx)
            let e: LedgerEntry
            do { e = try make(&ledger) } catch let error as LedgerError { throw Abort(.unprocessableEntity, reason: error.description) }
            let r = CreditLedgerRow()
            r.seq = e.seq
            r.action = e.action.rawValue
            r.learnerID = e.learnerID
            r.outcome = try e.outcome.map { try JSONEncoder().encode($0) }
            r.target = e.target
            r.conversionRule = e.conversionRule
            r.actor = e.actor
            r.at = e.at
            r.evidence = try JSONEncoder().encode(e.evidence)
            r.reason = e.reason
            r.previousHash = e.previousHash
            r.hash = e.hash
            try await r.create(on: tx)
            try await then(tx, e, ledger)
            return e
        }
    }

    // MARK: status list and transcripts

    static func statusURL(_ app: Application, list: Int) -> String {
        (app.web.publicURL ?? "https://junheng.invalid") + "/credits/status/\(list)"
    }

    /// The bank's list number of a status-list URL this server issues, or nil.
    static func list(ofURL url: String, _ app: Application) -> Int? {
        let prefix = statusURL(app, list: 0).dropLast(1)
        guard url.hasPrefix(prefix), url.utf8.count <= prefix.utf8.count + 9, let n = Int(url.dropFirst(prefix.count)), n >= firstList else { return nil }
        return n
    }

    /// Signed status list `number` with every revoked credential's bit set; nil when the bank has no entry in it.
    static func statusList(_ app: Application, number: Int, on db: any Database) async throws -> JSONValue? {
        guard number >= firstList, try await CreditStatusEntry.query(on: db).filter(\.$list == number).first() != nil else { return nil }
        let k = try keys(app)
        var list = StatusList(url: statusURL(app, list: number))
        for e in try await CreditStatusEntry.query(on: db).filter(\.$list == number).filter(\.$revoked == true).all() where e.bit >= 0 && e.bit < list.count {
            list.set(e.bit)
        }
        let at = now()
        return DataIntegrity.sign(list.credential(issuer: k.issuer.did, validFrom: at), key: k.key, verificationMethod: k.issuer.verificationMethod, created: at)
    }

    /// One credential's status entry wanted: its id, its list, and the root ledger entry it revokes with (nil: a CLR).
    struct WantedStatus { var id: String; var list: Int; var root: Int? }

    /// The status bits of these credentials: the known ones, and for the others bits drawn at random in their list,
    /// inserted in one statement that skips collisions (another credential's bit, or the same credential issued by a
    /// concurrent request); what was skipped is read back or drawn again, up to 8 rounds.
    static func statusIndices(_ wanted: [WantedStatus], learner: String, known: [String: Int], on db: any Database) async throws -> [String: Int] {
        var out = known
        var missing = wanted.filter { known[$0.id] == nil }
        guard !missing.isEmpty else { return out }
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
        var g = SystemRandomNumberGenerator()
        for _ in 0..<8 where !missing.isEmpty {
            let insert = sql.insert(into: CreditStatusEntry.schema).columns("id", "list", "bit", "credential_id", "learner_id", "ledger_seq", "revoked")
            var drawn: [String: Int] = [:]
            for m in missing {
                let bit = Int.random(in: 0..<StatusList.minimumEntries, using: &g)
                drawn[m.id] = bit
                insert.values([UUID(), m.list, bit, m.id, learner, m.root, false] as [any Encodable & Sendable])
            }
            for row in try await insert.ignoringConflicts().returning("credential_id").all() {
                let id = try row.decode(column: "credential_id", as: String.self)
                out[id] = drawn[id]
            }
            missing = missing.filter { out[$0.id] == nil }
            guard !missing.isEmpty else { break }
            for e in try await CreditStatusEntry.query(on: db).filter(\.$credentialID ~~ missing.map(\.id)).all() { out[e.credentialID] = e.bit }
            missing = missing.filter { out[$0.id] == nil }
        }
        guard missing.isEmpty else { throw Abort(.serviceUnavailable, reason: "状态列表已满 / the status list is full") }
        return out
    }

    /// The credential id of an outcome's current version (root entry, and the version entry once corrected or converted).
    static func credentialID(learnerID: String, root: Int, version: Int) -> String {
        "urn:junheng:credential:\(learnerID):\(root)" + (version == root ? "" : ".\(version)")
    }

    /// The learner's signed CLR transcript: one AchievementCredential per credited outcome (each with its status entry)
    /// inside a ClrCredential, balance recomputed from the learner's ledger entries and the rules.
    static func transcript(_ app: Application, learnerID: String, on db: any Database) async throws -> (JSONValue, LearnerResult) {
        let rules = try Self.rules(app)
        let k = try keys(app)
        let ledger = try await learnerLedger(learnerID, on: db)
        let balance = ledger.balance(rules: rules)
        let live = ledger.live, versions = ledger.versions
        let byOutcome = Dictionary(live.map { ($0.value.id, ($0.key, $0.value)) }, uniquingKeysWith: { x, y in x.0 < y.0 ? x : y })
        let entries = try await CreditStatusEntry.query(on: db).filter(\.$learnerID == learnerID).all()
        let known = Dictionary(entries.map { ($0.credentialID, $0.bit) }, uniquingKeysWith: { x, _ in x })
        var listOf = Dictionary(entries.map { ($0.credentialID, $0.list) }, uniquingKeysWith: { x, _ in x })
        let at = now(), perList = app.web.creditStatusEntriesPerList
        let salt = "junheng-\(learnerID.prefix(8))"
        var credited: [(decision: CreditDecision, outcome: Outcome, id: String)] = []
        var wanted: [WantedStatus] = []
        for d in balance.decisions where d.credited {
            guard let (seq, o) = byOutcome[d.outcomeID] else { continue }
            let version = versions[seq] ?? seq
            let id = credentialID(learnerID: learnerID, root: seq, version: version)
            credited.append((d, o, id))
            wanted.append(WantedStatus(id: id, list: list(forSeq: version, entriesPerList: perList), root: seq))
        }
        let clrID = "urn:junheng:clr:\(learnerID)"
        wanted.append(WantedStatus(id: clrID, list: list(forSeq: ledger.headSeq, entriesPerList: perList), root: nil))
        for w in wanted where listOf[w.id] == nil { listOf[w.id] = w.list }
        let bits = try await statusIndices(wanted, learner: learnerID, known: known, on: db)
        let entry = { (id: String, index: Int) in StatusList.entry(url: statusURL(app, list: listOf[id] ?? firstList), index: index) }
        var credentials: [JSONValue] = [], achievements: [JSONValue] = []
        for (d, o, id) in credited {
            guard let index = bits[id] else { throw Abort(.internalServerError, reason: "status entry of \(id) missing") }
            let ac = TranscriptBuilder.achievementCredential(id: id, outcome: o, decision: d, rulesName: rules.name, issuer: k.issuer,
                                                             validFrom: at, salt: salt, status: entry(id, index))
            achievements.append(ac["credentialSubject"]?["achievement"] ?? .null)
            credentials.append(DataIntegrity.sign(ac, key: k.key, verificationMethod: k.issuer.verificationMethod, created: at))
        }
        guard let clrIndex = bits[clrID] else { throw Abort(.internalServerError, reason: "status entry of \(clrID) missing") }
        let clr = TranscriptBuilder.clrCredential(id: clrID, learnerID: learnerID, credentials: credentials, achievements: achievements,
                                                  total: balance.creditedTotal, required: balance.required, issuer: k.issuer, validFrom: at,
                                                  salt: salt, status: entry(clrID, clrIndex))
        return (DataIntegrity.sign(clr, key: k.key, verificationMethod: k.issuer.verificationMethod, created: at), balance)
    }

    /// Sets the status bit of every credential issued for the outcome whose root entry is `root` (withdrawn, or
    /// superseded by a correction or a conversion).
    static func revokeCredentials(learnerID: String, root: Int, on db: any Database) async throws {
        try await CreditStatusEntry.query(on: db).filter(\.$learnerID == learnerID).filter(\.$ledgerSeq == root).set(\.$revoked, to: true).update()
    }

    /// Appends an entry acting on the outcome at `seq` (撤销, 更正, 转换) and, in the same transaction, marks the
    /// credentials issued for the outcome's old version in the status list.
    @discardableResult
    static func appendSuperseding(on db: any Database, learnerID: String, seq: Int,
                                  _ make: @escaping @Sendable (inout LearnerLedger) throws -> LedgerEntry) async throws -> LedgerEntry {
        try await append(on: db, learnerID: learnerID, make, then: { tx, _, ledger in
            if let root = ledger.root(of: seq) { try await revokeCredentials(learnerID: learnerID, root: root, on: tx) }
        })
    }

    /// Withdraws an outcome (撤销) and sets the status bit of every credential issued for it.
    @discardableResult
    static func revoke(learnerID: String, seq: Int, reason: String, actor: String, on db: any Database) async throws -> LedgerEntry {
        try await appendSuperseding(on: db, learnerID: learnerID, seq: seq) { ledger in
            try ledger.append(.revoke, target: seq, actor: actor, at: now(), evidence: [], reason: reason)
        }
    }
}
