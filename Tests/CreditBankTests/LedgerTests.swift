import Testing
@testable import CreditBank

@Suite struct LedgerTests {
    /// a (20, term 1) and b (10, term 2 of credit year 2024): 30 under every ACBS cap.
    func sample() throws -> Ledger {
        var l = Ledger()
        try l.append(.recognise, learnerID: "L1", outcome: outcome("a", "20", "2024-05-01"), actor: "r", at: "2024-05-02T00:00:00Z", reason: "ok")
        try l.append(.recognise, learnerID: "L1", outcome: outcome("b", "10", "2024-10-01", inst: "U2"), actor: "r", at: "2024-06-02T00:00:00Z", reason: "ok")
        return l
    }

    @Test func balanceIsRecomputedFromEntries() throws {
        var l = try sample()
        #expect(l.balance(learnerID: "L1", rules: acbs).creditedTotal == Amount(whole: 30))
        // 更正: b was 5 credits, not 10 — a new entry; the old one stays.
        try l.append(.correct, learnerID: "L1", outcome: outcome("b", "5", "2024-10-01", inst: "U2"), target: 2, actor: "r", at: "2024-07-01T00:00:00Z", reason: "typo")
        #expect(l.entries.count == 3 && l.entries[1].outcome?.credits == Amount(whole: 10))
        #expect(l.balance(learnerID: "L1", rules: acbs).creditedTotal == Amount(whole: 25))
        // 撤销 of the corrected outcome (via the correction entry) removes it.
        try l.append(.revoke, learnerID: "L1", target: 3, actor: "r", at: "2024-08-01T00:00:00Z", reason: "withdrawn")
        #expect(l.balance(learnerID: "L1", rules: acbs).creditedTotal == Amount(whole: 20))
        // A revoked outcome cannot be corrected or revoked again.
        #expect(throws: LedgerError.self) { try l.append(.revoke, learnerID: "L1", target: 2, actor: "r", at: "x", reason: "again") }
        #expect(l.brokenLink() == nil)
    }

    @Test func chainDetectsAnyEdit() throws {
        let l = try sample()
        var entries = l.entries
        entries[0].outcome?.credits = Amount(whole: 21)
        #expect(Ledger(entries: entries) == nil)
        var relinked = l.entries
        relinked.remove(at: 0)
        #expect(Ledger(entries: relinked) == nil)
        #expect(Ledger(entries: l.entries) != nil)
        #expect(l.entries[1].previousHash == l.entries[0].hash && l.entries[0].previousHash == Ledger.genesis)
    }

    /// One learner's entries read alone (the web's per-learner index) give the same live outcomes and balance as the
    /// whole ledger, append after the head, and refuse an edited entry or a missing link.
    @Test func learnerLedgerAgreesWithTheWholeChain() throws {
        var l = try sample()
        try l.append(.recognise, learnerID: "L2", outcome: outcome("x", "7", "2024-05-03", learner: "L2"), actor: "r", at: "t", reason: "ok")
        try l.append(.correct, learnerID: "L1", outcome: outcome("b", "5", "2024-10-01", inst: "U2"), target: 2, actor: "r", at: "t", reason: "typo")
        try l.append(.revoke, learnerID: "L1", target: 1, actor: "r", at: "t", reason: "withdrawn")
        let all = l.entries
        let hashes = Dictionary(uniqueKeysWithValues: all.map { ($0.seq, $0.hash) })
        for learner in ["L1", "L2"] {
            let mine = all.filter { $0.learnerID == learner }
            let slice = try #require(LearnerLedger(learnerID: learner, entries: mine, predecessors: hashes, head: all.last))
            #expect(slice.live == l.live(learnerID: learner))
            #expect(slice.balance(rules: acbs) == l.balance(learnerID: learner, rules: acbs))
        }
        // L1's live outcome b: root 2, current version 4 (the correction).
        var slice = try #require(LearnerLedger(learnerID: "L1", entries: all.filter { $0.learnerID == "L1" }, predecessors: hashes, head: all.last))
        #expect(slice.versions == [2: 4] && slice.root(of: 4) == 2)
        // Appending to the slice gives the entry the whole ledger would.
        var whole = l
        let a = try slice.append(.revoke, target: 4, actor: "r", at: "t2", reason: "again")
        let b = try whole.append(.revoke, learnerID: "L1", target: 4, actor: "r", at: "t2", reason: "again")
        #expect(a == b && Ledger(entries: whole.entries) != nil)
        // An edited entry, a wrong predecessor hash, another learner's entry, a forged head: refused.
        var edited = all.filter { $0.learnerID == "L1" }
        edited[0].reason = "changed"
        #expect(LearnerLedger(learnerID: "L1", entries: edited, predecessors: hashes, head: all.last) == nil)
        var wrong = hashes
        wrong[3] = Ledger.genesis
        #expect(LearnerLedger(learnerID: "L1", entries: all.filter { $0.learnerID == "L1" }, predecessors: wrong, head: all.last) == nil)
        #expect(LearnerLedger(learnerID: "L1", entries: all, predecessors: hashes, head: all.last) == nil)
        var head = try #require(all.last)
        head.actor = "forged"
        #expect(LearnerLedger(learnerID: "L1", entries: [], predecessors: [:], head: head) == nil)
        #expect(Ledger.brokenLink(in: edited) != nil)
    }

    @Test func refusesEntriesThatReferToNothing() throws {
        var l = try sample()
        #expect(throws: LedgerError.self) { try l.append(.recognise, learnerID: "L1", outcome: outcome("a", "1", "2024-09-01"), actor: "r", at: "x") }
        #expect(throws: LedgerError.self) { try l.append(.revoke, learnerID: "L2", target: 1, actor: "r", at: "x", reason: "not theirs") }
        #expect(throws: LedgerError.self) { try l.append(.correct, learnerID: "L1", outcome: outcome("zz", "1", "2024-09-01"), target: 1, actor: "r", at: "x", reason: "id changed") }
        #expect(throws: LedgerError.self) { try l.append(.convert, learnerID: "L1", target: 99, conversionRule: "x", actor: "r", at: "x") }
    }

    @Test func reviewerConversionTakesPrecedence() throws {
        var l = Ledger()
        try l.append(.accumulate, learnerID: "L1", outcome: outcome("c", nil, "2024-10-01", kind: .nonDegree, title: "某证书", hours: "16"),
                     actor: "i", at: "x", reason: "submitted")
        #expect(l.balance(learnerID: "L1", rules: national).decisions.first?.credits == Amount(whole: 1))
        try l.append(.convert, learnerID: "L1", target: 1, conversionRule: "national.courier", actor: "r", at: "y")
        let d = l.balance(learnerID: "L1", rules: national).decisions.first
        #expect(d?.rule == "national.courier" && d?.credits == Amount(whole: 8) && d?.exempts.count == 3)
    }

    @Test func bridgesBringLessonsAndTraining() {
        let d = CivilDate(text: "2024-04-01")!
        let lessons = Bridges.outcomes(from: [
            ClassroomAttendance(learnerID: "T1", sessionID: "s1", school: "城关小学", title: "专递课堂 美术", date: d, minutes: 90, attended: true),
            ClassroomAttendance(learnerID: "T1", sessionID: "s2", school: "城关小学", title: "专递课堂 音乐", date: d, minutes: 40, attended: false),
        ])
        #expect(lessons.count == 1 && lessons[0].hours == Amount(hundredths: 150) && lessons[0].kind == .informal)
        let training = Bridges.outcomes(from: (0..<5).map { k in
            TeacherTraining(learnerID: "T1", courseID: "c\(k)", provider: "县教师发展中心", title: "课程\(k)", hours: Amount(whole: 72),
                            endDate: CivilDate(year: 2021 + k, month: 6, day: 30)!)
        })
        // 5 × 72 = 360 within 2021-01-01..2025-12-31: met; from 2022 only 4 × 72 = 288.
        #expect(Bridges.trainingCycle(training, learnerID: "T1", cycleStart: CivilDate(text: "2021-01-01")!).met)
        #expect(Bridges.trainingCycle(training, learnerID: "T1", cycleStart: CivilDate(text: "2022-01-01")!).hours == Amount(whole: 288))
        // Lessons and training in one ledger, one card: 1 + 5 × 72 points.
        #expect(RulesEngine.apply(learner: "T1", lessons + training, rules: card).creditedTotal == Amount(whole: 361))
    }

    @Test func learnerIDsAreKeyedAndMasked() {
        let key = SymmetricKeyFixture.key
        let a = LearnerID(nationalID: "33010219900101123x", key: key)
        #expect(a?.masked == "330102********123X")
        #expect(a?.value.count == 25 && a?.value.contains("1990") == false)
        #expect(a == LearnerID(nationalID: "33010219900101123X", key: key))
        #expect(LearnerID(nationalID: "3301021990010112X3", key: key) == nil)
        #expect(LearnerID(nationalID: "33010219900101123X", key: SymmetricKeyFixture.other)?.value != a?.value)
    }
}

import Crypto
enum SymmetricKeyFixture {
    static let key = SymmetricKey(data: [UInt8](repeating: 7, count: 32))
    static let other = SymmetricKey(data: [UInt8](repeating: 8, count: 32))
}
