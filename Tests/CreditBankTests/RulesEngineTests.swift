import Testing
@testable import CreditBank

func outcome(_ id: String, _ credits: String?, _ end: String, inst: String = "U1", kind: OutcomeKind = .degree, title: String = "课程",
             hours: String? = nil, attendance: String? = "100", score: String? = "90", learner: String = "L1") -> Outcome {
    Outcome(learnerID: learner, id: id, institution: inst, kind: kind, title: title, credits: credits.flatMap(Amount.init(text:)),
            hours: hours.flatMap(Amount.init(text:)), endDate: CivilDate(text: end)!, attendancePct: attendance.flatMap(Amount.init(text:)),
            score: score.flatMap(Amount.init(text:)))
}

let acbs = RulePresets.rules(id: "acbs")!
let card = RulePresets.rules(id: "card")!
let national = RulePresets.rules(id: "national")!

func decisions(_ outcomes: [Outcome], _ rules: CreditRules) -> [String: CreditDecision] {
    Dictionary(uniqueKeysWithValues: RulesEngine.apply(learner: "L1", outcomes, rules: rules).decisions.map { ($0.outcomeID, $0) })
}

/// ACBS caps against totals counted by hand (credit year from 1 March; term 1 March–August, term 2 September–February).
@Suite struct ACBSTests {
    @Test func presetsDecodeAndAreSound() {
        for id in RulePresets.ids {
            let r = RulePresets.rules(id: id)
            #expect(r != nil, "\(id)")
            #expect(r?.problems() == [], "\(id)")
        }
        #expect(acbs.programme?.requiredCredits == Amount(whole: 140))
        #expect(acbs.caps.map(\.limit) == [Amount(whole: 42), Amount(whole: 24), Amount(whole: 105)])
    }

    @Test func yearAndTermFromFirstOfMarch() {
        #expect(acbs.creditYear(of: CivilDate(text: "2025-02-28")!) == 2024)
        #expect(acbs.creditYear(of: CivilDate(text: "2025-03-01")!) == 2025)
        #expect(acbs.creditYear(of: CivilDate(text: "2024-02-29")!) == 2023)
        #expect(acbs.termIndex(of: CivilDate(text: "2024-08-31")!) == 0)
        #expect(acbs.termIndex(of: CivilDate(text: "2024-09-01")!) == 1)
        #expect(acbs.termIndex(of: CivilDate(text: "2024-02-29")!) == 1)
        #expect(acbs.termIndex(of: CivilDate(text: "2024-03-01")!) == 0)
    }

    /// Year 2024: term 1 gets 21 + 3 = 24 (the cap exactly), 1 more is refused by the term cap; term 2 gets 18 (year
    /// 42 exactly), 1 more on 28 Feb 2025 is refused by the year cap; 1 on 1 March 2025 starts a new year. 21+3+18+1 = 43.
    @Test func termAndYearCapsAtTheBoundary() {
        let list = [outcome("A", "21", "2024-06-30", inst: "U1"), outcome("B", "3", "2024-08-31", inst: "U2"),
                    outcome("C", "1", "2024-08-31", inst: "U3"), outcome("D", "18", "2024-12-31", inst: "U2"),
                    outcome("E", "1", "2025-02-28", inst: "U3"), outcome("F", "1", "2025-03-01", inst: "U3")]
        let r = RulesEngine.apply(learner: "L1", list.reversed(), rules: acbs)
        #expect(r.decisions.map(\.outcomeID) == ["A", "B", "C", "D", "E", "F"])
        #expect(r.decisions.map(\.credited) == [true, true, false, true, false, true])
        #expect(r.decisions.map(\.rule) == ["acbs.stated", "acbs.stated", "acbs.term", "acbs.stated", "acbs.year", "acbs.stated"])
        #expect(r.creditedTotal == Amount(whole: 43))
        #expect(r.decisions[2].credits == .zero)
        #expect(r.decisions[4].reason.contains("42"))
    }

    /// The whole outcome is refused, not the part that fits: 40 in the year, then a 3-credit course gets 0 (not 2).
    @Test func anOutcomeOverACapIsNotCreditedAtAll() {
        let d = decisions([outcome("a", "20", "2024-05-01", inst: "U1"), outcome("b", "20", "2024-10-01", inst: "U2"),
                           outcome("c", "3", "2025-01-10", inst: "U3")], acbs)
        #expect(d["c"]?.credited == false && d["c"]?.credits == .zero && d["c"]?.rule == "acbs.year")
    }

    /// Same end date: applied by outcome id, so "x1" takes the last 3 credits of the term and "x2" is refused.
    @Test func tiesAreBrokenByOutcomeID() {
        let d = decisions([outcome("x0", "21", "2024-04-01", inst: "U1"), outcome("x2", "3", "2024-07-01", inst: "U2"),
                           outcome("x1", "3", "2024-07-01", inst: "U3")], acbs)
        #expect(d["x1"]?.credited == true)
        #expect(d["x2"]?.rule == "acbs.term")
    }

    /// 21 per term from one institution: after five terms 105 (the cap exactly); the sixth term's 1 credit from the same
    /// institution is refused by the institution cap; 1 from another institution in the same term is credited.
    @Test func institutionCapOf105() {
        var list: [Outcome] = []
        let ends = ["2020-06-30", "2020-12-31", "2021-06-30", "2021-12-31", "2022-06-30"]
        for (k, e) in ends.enumerated() { list.append(outcome("s\(k)", "21", e, inst: "SNU")) }
        list.append(outcome("t1", "1", "2022-12-31", inst: "SNU"))
        list.append(outcome("t2", "1", "2022-12-31", inst: "KNOU"))
        let r = RulesEngine.apply(learner: "L1", list, rules: acbs)
        let d = Dictionary(uniqueKeysWithValues: r.decisions.map { ($0.outcomeID, $0) })
        #expect(ends.indices.allSatisfy { d["s\($0)"]?.credited == true })
        #expect(d["t1"]?.rule == "acbs.institution" && d["t1"]?.credited == false)
        #expect(d["t2"]?.credited == true)
        #expect(r.creditedTotal == Amount(whole: 106))
    }

    @Test func attendanceAndScoreBoundaries() {
        let d = decisions([outcome("a80", "3", "2024-04-01", attendance: "80"), outcome("a79", "3", "2024-04-02", attendance: "79.99"),
                           outcome("aNone", "3", "2024-04-03", attendance: nil), outcome("s60", "3", "2024-04-04", score: "60"),
                           outcome("s59", "3", "2024-04-05", score: "59.99"), outcome("sNone", "3", "2024-04-06", score: nil)], acbs)
        #expect(d["a80"]?.credited == true)
        #expect(d["a79"]?.rule == "acbs.min_attendance" && d["a79"]?.credited == false)
        #expect(d["aNone"]?.rule == "acbs.min_attendance")
        #expect(d["s60"]?.credited == true)
        #expect(d["s59"]?.rule == "acbs.min_score")
        #expect(d["sNone"]?.rule == "acbs.min_score")
    }

    /// A refused outcome does not use up a cap: after a failed 24-credit course the term still has room for 24.
    @Test func refusedOutcomesDoNotCount() {
        let d = decisions([outcome("f", "24", "2024-04-01", score: "10"), outcome("g", "24", "2024-05-01")], acbs)
        #expect(d["f"]?.credited == false && d["g"]?.credited == true)
    }

    /// 140 for a bachelor: 42 a year at most means four credit years at the least (42+42+42+14).
    @Test func bachelorNeedsFourYearsAtTheCaps() {
        var list: [Outcome] = []
        for y in 2020...2023 {
            for (t, m) in ["06", "12"].enumerated() {
                for c in 0..<3 { list.append(outcome("y\(y)t\(t)c\(c)", "7", "\(y)-\(m)-1\(c)", inst: "U\(y % 2)\(c)")) }
            }
        }
        let r = RulesEngine.apply(learner: "L1", list, rules: acbs)
        // Each year: 6 courses of 7 = 42, each term 21: all credited. 4 × 42 = 168 ≥ 140.
        #expect(r.creditedTotal == Amount(whole: 168))
        #expect(r.required == Amount(whole: 140))
        // Three years only give 126 < 140.
        let three = RulesEngine.apply(learner: "L1", list.filter { !$0.id.hasPrefix("y2023") }, rules: acbs)
        #expect(three.creditedTotal == Amount(whole: 126))
    }

    @Test func creditsFromHours() {
        // ACBS preset: 15 hours per credit: 45 h → 3; national: 16 h per credit: 40 h → 2.5.
        #expect(decisions([outcome("h", nil, "2024-04-01", hours: "45")], acbs)["h"]?.credits == Amount(whole: 3))
        #expect(decisions([outcome("h", nil, "2024-04-01", hours: "40")], national)["h"]?.credits == Amount(hundredths: 250))
        #expect(decisions([outcome("h", nil, "2024-04-01", hours: nil)], acbs)["h"]?.credited == false)
    }
}

@Suite struct CardAndNationalTests {
    /// 1 point per FULL hour: 2.75 h → 2, 1 h → 1, 0.5 h → nothing.
    @Test func cardPointsPerFullHour() {
        let d = decisions([outcome("a", nil, "2024-01-01", hours: "2.75", attendance: nil, score: nil),
                           outcome("b", nil, "2024-01-02", hours: "1", attendance: nil, score: nil),
                           outcome("c", nil, "2024-01-03", hours: "0.5", attendance: nil, score: nil)], card)
        #expect(d["a"]?.credits == Amount(whole: 2) && d["a"]?.rule == "card.points")
        #expect(d["b"]?.credits == Amount(whole: 1))
        #expect(d["c"]?.credited == false)
    }

    @Test func conversionRulesAndKindCaps() {
        let d = decisions([
            outcome("ncre", nil, "2024-10-01", kind: .nonDegree, title: "全国计算机等级考试一级（MS Office）"),
            outcome("i1", nil, "2024-10-02", kind: .informal, title: "社区摄影课", hours: "96"),   // 96/16 = 6
            outcome("i2", nil, "2024-10-03", kind: .informal, title: "社区书法课", hours: "80"),   // 5: 6+5 = 11 > 10
            outcome("i3", nil, "2024-10-04", kind: .informal, title: "社区茶艺课", hours: "64"),   // 4: 6+4 = 10
        ], national)
        #expect(d["ncre"]?.rule == "national.ncre1" && d["ncre"]?.credits == Amount(whole: 4) && d["ncre"]?.exempts == ["计算机应用基础"])
        #expect(d["i1"]?.credits == Amount(whole: 6))
        #expect(d["i2"]?.rule == "national.informal")
        #expect(d["i3"]?.credited == true)
    }

    /// 非学历 + 无定式 at most 50% of 120 = 60: courier conversions of 8 each: 7 give 56, the 8th (64) does not.
    @Test func programmeShare() {
        let list = (1...8).map { outcome("c\($0)", nil, "2024-10-0\($0)", kind: .nonDegree, title: "快递员职业技能等级\($0)") }
        let d = decisions(list, national)
        #expect((1...7).allSatisfy { d["c\($0)"]?.credited == true })
        #expect(d["c8"]?.rule == "national.converted_share")
        // 学历 outcomes are outside the share.
        #expect(decisions(list + [outcome("deg", "30", "2024-12-01")], national)["deg"]?.credited == true)
    }

    @Test func rulesProblemsAreFound() {
        var r = acbs
        r.terms = [CreditRules.Term(name: "b", start: MonthDay(text: "09-01")!), CreditRules.Term(name: "a", start: MonthDay(text: "03-01")!)]
        r.caps.append(r.caps[0])
        #expect(r.problems().count == 2)
    }

    @Test func amountsParseWithoutDoubles() {
        #expect(Amount(text: "2.5")?.hundredths == 250)
        #expect(Amount(text: "0.05")?.hundredths == 5)
        #expect(Amount(text: "2.555") == nil && Amount(text: "-1") == nil && Amount(text: "1e3") == nil && Amount(text: "") == nil)
        #expect(Amount(hundredths: 250).description == "2.5" && Amount(hundredths: 205).description == "2.05")
    }
}
