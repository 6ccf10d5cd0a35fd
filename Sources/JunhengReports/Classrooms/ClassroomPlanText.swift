import ThreeClassrooms

/// The 专递课堂 plan for the terminal (Chinese first; English with `.en`), and the status in words.
public enum ClassroomPlanText {
    static func status(_ s: ClassroomPlanStatus, _ L: ReportLanguage) -> String {
        switch s {
        case .optimal: L.t("已证明覆盖最优", "coverage proven optimal")
        case .decomposed: L.t("分解求解（按县、市、省逐级），整体未证明最优", "solved in parts (county, prefecture, province); not proven optimal as a whole")
        case .timeLimit: L.t("时间用尽，部分子问题未证明最优", "time limit: some parts not proven optimal")
        }
    }

    static func day(_ d: Int, _ L: ReportLanguage) -> String {
        L.t("周" + (["一", "二", "三", "四", "五", "六", "日"][min(max(d, 1), 7) - 1]), "day \(d)")
    }

    public static func text(_ p: ClassroomPlan, language L: ReportLanguage = .zh) -> String {
        var out = L.t("专递课堂排课方案", "专递课堂 (live remote lessons) plan") + "\n"
        out += L.t("状态：", "Status: ") + status(p.status, L) + "\n"
        out += L.t("缺课需求 \(p.demandPeriods) 班·课时/周；专递课堂可覆盖 \(p.coverablePeriods)；已覆盖 \(p.coveredPeriods)",
                   "Shortfall \(p.demandPeriods) class-periods a week; coverable remotely \(p.coverablePeriods); covered \(p.coveredPeriods)")
        out += L.t("（覆盖率 ", " (coverage ") + NumberFormatting.percent(p.coverage) + L.t("，上界 ", ", upper bound ")
            + NumberFormatting.percent(p.upperBound) + L.t("）\n", ")\n")
        out += L.t("每节接收班级上限 \(p.cap)，专递课堂 \(p.sessions.count) 节/周，用时 ", "At most \(p.cap) receiving classes a session; \(p.sessions.count) sessions a week; ")
            + NumberFormatting.fixed(p.seconds, 1) + L.t(" 秒\n", " s\n")
        var rates = TextTable(header: [L.t("区县", "County"), L.t("学校数", "Schools"), L.t("开齐开足学校(前→后)", "Fully met (before→after)"),
                                       L.t("课时开足率(前→后)", "Periods taught (before→after)")], numeric: [1])
        for (b, a) in zip(p.countyRatesBefore, p.countyRatesAfter) {
            rates.rows.append([b.unit, "\(b.schools)", "\(b.schoolsFullyMet) → \(a.schoolsFullyMet)",
                               NumberFormatting.percent(b.periodRate) + " → " + NumberFormatting.percent(a.periodRate)])
        }
        out += "\n" + L.t("开齐开足", "Offering every required period (开齐开足)") + "\n" + rates.render()
        var gaps = TextTable(header: [L.t("学校", "School"), L.t("年级", "Grade"), L.t("学科", "Subject"), L.t("班级数", "Classes"),
                                      L.t("应开", "Required"), L.t("已开", "Taught"), L.t("缺", "Short"), L.t("本校合格教师余量", "Own spare")],
                             numeric: [1, 3, 4, 5, 6, 7])
        for g in p.gaps {
            gaps.rows.append([g.school, "\(g.grade)", L.t(g.subject.zh, g.subject.rawValue), "\(g.classes)", "\(g.required)", "\(g.taught)",
                              "\(g.short)", "\(g.localSpare)"])
        }
        out += "\n" + L.t("排课前缺口（每周课时）", "Gaps before the plan (periods a week)") + "\n" + (p.gaps.isEmpty ? L.t("无\n", "none\n") : gaps.render())
        var sessions = TextTable(header: [L.t("时间", "When"), L.t("教师", "Teacher"), L.t("派出学校", "Sender"), L.t("学科", "Subject"),
                                          L.t("年级", "Grade"), L.t("接收班级", "Receiving classes"), L.t("低带宽（音频优先/录播）", "Low bandwidth (audio/recorded)")], numeric: [4])
        for s in p.sessions {
            sessions.rows.append([day(s.day, L) + L.t("第\(s.period)节", " period \(s.period)"), s.teacherID, s.senderSchool,
                                  L.t(s.subject.zh, s.subject.rawValue), "\(s.grade)", s.receivingClasses.map(\.description).joined(separator: " "),
                                  s.lowBandwidthClasses.map(\.description).joined(separator: " ")])
        }
        out += "\n" + L.t("专递课堂课表", "Sessions") + "\n" + (p.sessions.isEmpty ? L.t("无\n", "none\n") : sessions.render())
        var open = TextTable(header: [L.t("学校", "School"), L.t("年级", "Grade"), L.t("学科", "Subject"), L.t("仍缺课时", "Periods short"),
                                      L.t("原因", "Reason")], numeric: [1, 3])
        for u in p.uncovered {
            open.rows.append([u.school, "\(u.grade)", L.t(u.subject.zh, u.subject.rawValue), "\(u.periodsShort)", L.t(u.reason.zh, u.reason.rawValue)])
        }
        out += "\n" + L.t("未覆盖的缺口", "Gaps left open") + "\n" + (p.uncovered.isEmpty ? L.t("无\n", "none\n") : open.render())
        if !p.suggestions.isEmpty {
            var more = TextTable(header: [L.t("学校", "School"), L.t("学科", "Subject"), L.t("可覆盖课时", "Would cover"),
                                          L.t("该县该科未覆盖", "Open in county")], numeric: [2, 3])
            for s in p.suggestions {
                more.rows.append([s.school, L.t(s.subject.zh, s.subject.rawValue), "\(s.coversPeriods)", "\(s.uncoveredPeriods)"])
            }
            out += "\n" + L.t("增加一名教师的效果", "One more teacher would cover") + "\n" + more.render()
        }
        return out
    }
}
