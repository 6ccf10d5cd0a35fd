/// The five things a credit-bank ledger records.
public enum LedgerAction: String, Sendable, Hashable, Codable, CaseIterable {
    /// 认证: a reviewer recognises an outcome with evidence.
    case recognise = "认证"
    /// 积累: a learning record accumulated as it happened (card check-ins, 三个课堂 lessons, training hours).
    case accumulate = "积累"
    /// 转换: a reviewer applies a conversion rule to a recognised outcome.
    case convert = "转换"
    /// 更正: a corrected version of an earlier outcome (a new entry, never an edit).
    case correct = "更正"
    /// 撤销: an earlier outcome withdrawn.
    case revoke = "撤销"
}

/// One append-only ledger entry, chained to the one before by SHA-256.
public struct LedgerEntry: Sendable, Hashable {
    public var seq: Int
    public var action: LedgerAction
    public var learnerID: String
    /// The outcome recognised, accumulated or corrected to.
    public var outcome: Outcome?
    /// The entry a 转换, 更正 or 撤销 acts on.
    public var target: Int?
    /// The conversion rule a 转换 applies.
    public var conversionRule: String?
    public var actor: String
    /// "YYYY-MM-DDTHH:MM:SSZ".
    public var at: String
    public var evidence: [String]
    public var reason: String
    public var previousHash: String
    public var hash: String

    /// An entry as stored (the web app's table); `Ledger(entries:)` verifies the chain when they are read back.
    public init(seq: Int, action: LedgerAction, learnerID: String, outcome: Outcome?, target: Int?, conversionRule: String?,
                actor: String, at: String, evidence: [String], reason: String, previousHash: String, hash: String) {
        (self.seq, self.action, self.learnerID, self.outcome, self.target, self.conversionRule) = (seq, action, learnerID, outcome, target, conversionRule)
        (self.actor, self.at, self.evidence, self.reason, self.previousHash, self.hash) = (actor, at, evidence, reason, previousHash, hash)
    }

    /// The entry as JSON without `hash` (what the hash covers, canonicalised with JCS).
    public var body: JSONValue {
        var o: JSONValue = ["seq": .number(Double(seq)), "action": .string(action.rawValue), "learner_id": .string(learnerID),
                            "actor": .string(actor), "at": .string(at), "evidence": .array(evidence.map { .string($0) }),
                            "reason": .string(reason), "previous_hash": .string(previousHash)]
        if let t = target { o = o.setting("target", .number(Double(t))) }
        if let c = conversionRule { o = o.setting("conversion_rule", .string(c)) }
        if let x = outcome { o = o.setting("outcome", LedgerEntry.json(x)) }
        return o
    }

    /// The entry as JSON with its hash.
    public var json: JSONValue { body.setting("hash", .string(hash)) }

    static func json(_ o: Outcome) -> JSONValue {
        var v: JSONValue = ["id": .string(o.id), "learner_id": .string(o.learnerID), "institution": .string(o.institution),
                            "kind": .string(o.kind.rawValue), "title": .string(o.title), "end_date": .string(o.endDate.description)]
        if let c = o.credits { v = v.setting("credits", .string(c.description)) }
        if let h = o.hours { v = v.setting("hours", .string(h.description)) }
        if let a = o.attendancePct { v = v.setting("attendance_pct", .string(a.description)) }
        if let s = o.score { v = v.setting("score", .string(s.description)) }
        if let c = o.catalogueID { v = v.setting("catalogue_id", .string(c)) }
        return v
    }
}

/// Why an entry cannot be appended.
public struct LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
}

/// The append-only, hash-chained ledger. Balances are recomputed from it (`balance`), never stored.
public struct Ledger: Sendable {
    public static let genesis = String(repeating: "0", count: 64)
    public private(set) var entries: [LedgerEntry] = []

    public init() {}

    /// Rebuilds a ledger from stored entries; nil if the chain does not verify.
    public init?(entries: [LedgerEntry]) {
        self.entries = entries
        if brokenLink() != nil { return nil }
    }

    public var headHash: String { entries.last?.hash ?? Ledger.genesis }

    /// Appends an entry after checking it refers to a live outcome of the same learner; returns it.
    @discardableResult
    public mutating func append(_ action: LedgerAction, learnerID: String, outcome: Outcome? = nil, target: Int? = nil,
                                conversionRule: String? = nil, actor: String, at: String, evidence: [String] = [],
                                reason: String = "") throws(LedgerError) -> LedgerEntry {
        switch action {
        case .recognise, .accumulate:
            guard let o = outcome, o.learnerID == learnerID else { throw LedgerError(description: "\(action.rawValue) 需要该学习者的成果 / needs the learner's outcome") }
            if live(learnerID: learnerID).values.contains(where: { $0.id == o.id }) {
                throw LedgerError(description: "成果 \(o.id) 已在账户中 / outcome \(o.id) already recorded")
            }
        case .correct, .revoke, .convert:
            guard let t = target, let root = root(of: t), live(learnerID: learnerID)[root] != nil else {
                throw LedgerError(description: "\(action.rawValue) 的目标不是该学习者的有效成果 / the target is not a live outcome of this learner")
            }
            if action == .correct {
                guard let o = outcome, o.learnerID == learnerID, o.id == live(learnerID: learnerID)[root]?.id else {
                    throw LedgerError(description: "更正须保持成果编号 / a correction keeps the outcome id")
                }
            }
            if action == .convert && (conversionRule ?? "").isEmpty { throw LedgerError(description: "转换需要规则编号 / a conversion names its rule") }
            if action != .convert && reason.isEmpty { throw LedgerError(description: "\(action.rawValue) 需要说明原因 / needs a reason") }
        }
        var e = LedgerEntry(seq: entries.count + 1, action: action, learnerID: learnerID, outcome: outcome, target: target,
                            conversionRule: conversionRule, actor: actor, at: at, evidence: evidence, reason: reason,
                            previousHash: headHash, hash: "")
        e.hash = Ledger.hash(e)
        entries.append(e)
        return e
    }

    static func hash(_ e: LedgerEntry) -> String { CreditHash.hex(CreditHash.sha256(JCS.canonical(e.body))) }

    /// The seq of the first entry whose link or hash is wrong, or nil when the chain is whole.
    public func brokenLink() -> Int? {
        var previous = Ledger.genesis
        for (k, e) in entries.enumerated() {
            if e.seq != k + 1 || e.previousHash != previous || Ledger.hash(e) != e.hash { return e.seq }
            previous = e.hash
        }
        return nil
    }

    /// The 认证/积累 entry an entry ultimately refers to.
    func root(of seq: Int) -> Int? {
        var s = seq
        for _ in 0..<entries.count {
            guard s >= 1, s <= entries.count else { return nil }
            let e = entries[s - 1]
            switch e.action {
            case .recognise, .accumulate: return s
            case .correct, .convert, .revoke: guard let t = e.target else { return nil }; s = t
            }
        }
        return nil
    }

    /// The live outcomes of a learner by root entry: recognised/accumulated, corrected to their latest version, minus withdrawn.
    public func live(learnerID: String) -> [Int: Outcome] {
        var outcomes: [Int: Outcome] = [:]
        for e in entries where e.learnerID == learnerID {
            switch e.action {
            case .recognise, .accumulate: if let o = e.outcome { outcomes[e.seq] = o }
            case .correct: if let t = e.target, let r = root(of: t), outcomes[r] != nil, let o = e.outcome { outcomes[r] = o }
            case .revoke: if let t = e.target, let r = root(of: t) { outcomes[r] = nil }
            case .convert: break
            }
        }
        return outcomes
    }

    /// Conversion rules applied by reviewers, by outcome id.
    public func conversions(learnerID: String) -> [String: String] {
        var c: [String: String] = [:]
        let outcomes = live(learnerID: learnerID)
        for e in entries where e.learnerID == learnerID && e.action == .convert {
            if let t = e.target, let r = root(of: t), let o = outcomes[r], let rule = e.conversionRule { c[o.id] = rule }
        }
        return c
    }

    /// Learners in the ledger, sorted.
    public var learners: [String] { Array(Set(entries.map(\.learnerID))).sorted() }

    /// A learner's balance: a pure function of the ledger and the rules.
    public func balance(learnerID: String, rules: CreditRules) -> LearnerResult {
        RulesEngine.apply(learner: learnerID, Array(live(learnerID: learnerID).values), rules: rules,
                          conversions: conversions(learnerID: learnerID))
    }
}

