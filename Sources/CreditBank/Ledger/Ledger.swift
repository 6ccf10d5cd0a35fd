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

    /// Whether the stored hash is the hash of the entry's fields.
    public var isIntact: Bool { Ledger.hash(self) == hash }

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
        let before = self
        try Ledger.check(action, learnerID: learnerID, outcome: outcome, target: target, conversionRule: conversionRule, reason: reason,
                         live: before.live(learnerID: learnerID), root: before.root(of:))
        var e = LedgerEntry(seq: entries.count + 1, action: action, learnerID: learnerID, outcome: outcome, target: target,
                            conversionRule: conversionRule, actor: actor, at: at, evidence: evidence, reason: reason,
                            previousHash: headHash, hash: "")
        e.hash = Ledger.hash(e)
        entries.append(e)
        return e
    }

    /// Why `action` cannot be appended for this learner, given their live outcomes (nil-free: throws, else fine).
    static func check(_ action: LedgerAction, learnerID: String, outcome: Outcome?, target: Int?, conversionRule: String?, reason: String,
                      live: [Int: Outcome], root: (Int) -> Int?) throws(LedgerError) {
        switch action {
        case .recognise, .accumulate:
            guard let o = outcome, o.learnerID == learnerID else { throw LedgerError(description: "\(action.rawValue) 需要该学习者的成果 / needs the learner's outcome") }
            if live.values.contains(where: { $0.id == o.id }) {
                throw LedgerError(description: "成果 \(o.id) 已在账户中 / outcome \(o.id) already recorded")
            }
        case .correct, .revoke, .convert:
            guard let t = target, let r = root(t), live[r] != nil else {
                throw LedgerError(description: "\(action.rawValue) 的目标不是该学习者的有效成果 / the target is not a live outcome of this learner")
            }
            if action == .correct {
                guard let o = outcome, o.learnerID == learnerID, o.id == live[r]?.id else {
                    throw LedgerError(description: "更正须保持成果编号 / a correction keeps the outcome id")
                }
            }
            if action == .convert && (conversionRule ?? "").isEmpty { throw LedgerError(description: "转换需要规则编号 / a conversion names its rule") }
            if action != .convert && reason.isEmpty { throw LedgerError(description: "\(action.rawValue) 需要说明原因 / needs a reason") }
        }
    }

    static func hash(_ e: LedgerEntry) -> String { CreditHash.hex(CreditHash.sha256(JCS.canonical(e.body))) }

    /// The seq of the first broken link among stored entries, or nil when they chain.
    public static func brokenLink(in entries: [LedgerEntry]) -> Int? {
        var l = Ledger()
        l.entries = entries
        return l.brokenLink()
    }

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
        Ledger.root(of: seq, steps: entries.count) { s in s >= 1 && s <= entries.count ? entries[s - 1] : nil }
    }

    /// Follows targets from `seq` to its 认证/积累 entry through `entry` (at most `steps` hops).
    static func root(of seq: Int, steps: Int, _ entry: (Int) -> LedgerEntry?) -> Int? {
        var s = seq
        for _ in 0..<max(steps, 1) {
            guard let e = entry(s) else { return nil }
            switch e.action {
            case .recognise, .accumulate: return s
            case .correct, .convert, .revoke: guard let t = e.target else { return nil }; s = t
            }
        }
        return nil
    }

    /// The live outcomes of a learner by root entry: recognised/accumulated, corrected to their latest version, minus withdrawn.
    public func live(learnerID: String) -> [Int: Outcome] {
        Ledger.live(entries.filter { $0.learnerID == learnerID }, root: root(of:))
    }

    /// The live outcomes among one learner's entries (in seq order).
    static func live(_ mine: [LedgerEntry], root: (Int) -> Int?) -> [Int: Outcome] {
        var outcomes: [Int: Outcome] = [:]
        for e in mine {
            switch e.action {
            case .recognise, .accumulate: if let o = e.outcome { outcomes[e.seq] = o }
            case .correct: if let t = e.target, let r = root(t), outcomes[r] != nil, let o = e.outcome { outcomes[r] = o }
            case .revoke: if let t = e.target, let r = root(t) { outcomes[r] = nil }
            case .convert: break
            }
        }
        return outcomes
    }

    /// Conversion rules applied by reviewers, by outcome id.
    public func conversions(learnerID: String) -> [String: String] {
        Ledger.conversions(entries.filter { $0.learnerID == learnerID }, live: live(learnerID: learnerID), root: root(of:))
    }

    static func conversions(_ mine: [LedgerEntry], live: [Int: Outcome], root: (Int) -> Int?) -> [String: String] {
        var c: [String: String] = [:]
        for e in mine where e.action == .convert {
            if let t = e.target, let r = root(t), let o = live[r], let rule = e.conversionRule { c[o.id] = rule }
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


/// One learner's entries read alone (a per-learner index of the chain): each entry's own hash is checked and its link to
/// the entry before it (`predecessors`: seq → stored hash of seq − 1's entry); appends go after the chain's head. The
/// whole chain is still verified by `Ledger(entries:)`.
public struct LearnerLedger: Sendable {
    public let learnerID: String
    /// This learner's entries in seq order.
    public private(set) var entries: [LedgerEntry]
    /// The chain's last entry (any learner's): the next entry links to it.
    public private(set) var headSeq: Int
    public private(set) var headHash: String

    /// Nil when an entry is another learner's, out of order, its hash is wrong, or it does not link to its predecessor.
    /// `head` is the chain's last entry (nil: the chain is empty); its own hash is checked too.
    public init?(learnerID: String, entries: [LedgerEntry], predecessors: [Int: String], head: LedgerEntry?) {
        let headSeq = head?.seq ?? 0
        if let head, !head.isIntact { return nil }
        var last = 0
        for e in entries {
            guard e.learnerID == learnerID, e.seq > last, e.seq <= headSeq, e.isIntact,
                  e.previousHash == (e.seq == 1 ? Ledger.genesis : predecessors[e.seq - 1]) else { return nil }
            last = e.seq
        }
        self.learnerID = learnerID
        self.entries = entries
        self.headSeq = headSeq
        self.headHash = head?.hash ?? Ledger.genesis
    }

    func entry(_ seq: Int) -> LedgerEntry? {
        var lo = 0, hi = entries.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if entries[mid].seq == seq { return entries[mid] }
            if entries[mid].seq < seq { lo = mid + 1 } else { hi = mid - 1 }
        }
        return nil
    }

    /// The 认证/积累 entry (of this learner) an entry refers to.
    public func root(of seq: Int) -> Int? { Ledger.root(of: seq, steps: entries.count, entry) }

    /// For each live outcome (by root entry), the entry of its current version: the last 认证/积累, 更正 or 转换 on it.
    /// A credential names it, so a corrected or converted outcome is issued afresh.
    public var versions: [Int: Int] {
        var v: [Int: Int] = [:]
        for e in entries {
            switch e.action {
            case .recognise, .accumulate: v[e.seq] = e.seq
            case .correct, .convert: if let t = e.target, let r = root(of: t), v[r] != nil { v[r] = e.seq }
            case .revoke: if let t = e.target, let r = root(of: t) { v[r] = nil }
            }
        }
        return v
    }

    /// The learner's live outcomes by root entry (as `Ledger.live`).
    public var live: [Int: Outcome] { Ledger.live(entries, root: root(of:)) }

    /// Conversion rules applied by reviewers, by outcome id.
    public var conversions: [String: String] { Ledger.conversions(entries, live: live, root: root(of:)) }

    /// The learner's balance: the same pure function of the entries and the rules as `Ledger.balance`.
    public func balance(rules: CreditRules) -> LearnerResult {
        RulesEngine.apply(learner: learnerID, Array(live.values), rules: rules, conversions: conversions)
    }

    /// Appends an entry of this learner after the chain's head (checked as `Ledger.append`).
    @discardableResult
    public mutating func append(_ action: LedgerAction, outcome: Outcome? = nil, target: Int? = nil, conversionRule: String? = nil,
                                actor: String, at: String, evidence: [String] = [], reason: String = "") throws(LedgerError) -> LedgerEntry {
        let before = self
        try Ledger.check(action, learnerID: learnerID, outcome: outcome, target: target, conversionRule: conversionRule, reason: reason,
                         live: before.live, root: before.root(of:))
        var e = LedgerEntry(seq: headSeq + 1, action: action, learnerID: learnerID, outcome: outcome, target: target,
                            conversionRule: conversionRule, actor: actor, at: at, evidence: evidence, reason: reason,
                            previousHash: headHash, hash: "")
        e.hash = Ledger.hash(e)
        entries.append(e)
        (headSeq, headHash) = (e.seq, e.hash)
        return e
    }
}
