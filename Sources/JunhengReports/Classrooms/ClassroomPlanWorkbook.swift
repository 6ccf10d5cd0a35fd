import Foundation
import JunhengSheets
import ThreeClassrooms

/// The 专递课堂 plan as a workbook to hand on: sessions, open gaps, gaps, rates, suggestions.
public struct ClassroomPlanWorkbook {
    public var language: ReportLanguage

    public init(language: ReportLanguage = .zh) { self.language = language }

    public func data(_ p: ClassroomPlan) throws -> Data {
        let L = language
        var book = XLSXWorkbook()
        func header(_ pairs: [(String, String)]) -> [XLSXCell] { pairs.map { .header(L.t($0.0, $0.1)) } }
        book.addSheet(name: L.t("专递课堂课表", "Sessions"), rows: [header([("星期", "Day"), ("节次", "Period"), ("教师编号", "Teacher"),
            ("派出学校", "Sender"), ("学科", "Subject"), ("年级", "Grade"), ("接收班级", "Receiving classes"), ("低带宽班级", "Low bandwidth")])]
            + p.sessions.map { s in [.number(Double(s.day)), .number(Double(s.period)), .text(s.teacherID), .text(s.senderSchool),
                                     .text(L.t(s.subject.zh, s.subject.rawValue)), .number(Double(s.grade)),
                                     .text(s.receivingClasses.map(\.description).joined(separator: " ")),
                                     .text(s.lowBandwidthClasses.map(\.description).joined(separator: " "))] })
        book.addSheet(name: L.t("未覆盖", "Open gaps"), rows: [header([("学校", "School"), ("年级", "Grade"), ("学科", "Subject"),
            ("仍缺课时", "Periods short"), ("原因", "Reason")])]
            + p.uncovered.map { u in [.text(u.school), .number(Double(u.grade)), .text(L.t(u.subject.zh, u.subject.rawValue)),
                                      .number(Double(u.periodsShort)), .text(L.t(u.reason.zh, u.reason.rawValue))] })
        book.addSheet(name: L.t("缺口", "Gaps"), rows: [header([("学校", "School"), ("年级", "Grade"), ("学科", "Subject"), ("班级数", "Classes"),
            ("应开课时", "Required"), ("已开课时", "Taught"), ("缺课时", "Short"), ("本校合格教师余量", "Own spare")])]
            + p.gaps.map { g in [.text(g.school), .number(Double(g.grade)), .text(L.t(g.subject.zh, g.subject.rawValue)),
                                 .number(Double(g.classes)), .number(Double(g.required)), .number(Double(g.taught)),
                                 .number(Double(g.short)), .number(Double(g.localSpare))] })
        book.addSheet(name: L.t("开齐开足", "Rates"), rows: [header([("学校", "School"), ("应开课时", "Required"), ("排课前", "Before"),
            ("排课后", "After"), ("开足率前", "Rate before"), ("开足率后", "Rate after")])]
            + zip(p.ratesBefore, p.ratesAfter).map { b, a in [.text(b.unit), .number(Double(b.requiredPeriods)), .number(Double(b.taughtPeriods)),
                                                             .number(Double(a.taughtPeriods)), .number(b.periodRate), .number(a.periodRate)] })
        book.addSheet(name: L.t("增加教师建议", "Suggestions"), rows: [header([("学校", "School"), ("学科", "Subject"),
            ("可覆盖课时", "Would cover"), ("该县该科未覆盖", "Open in county")])]
            + p.suggestions.map { s in [.text(s.school), .text(L.t(s.subject.zh, s.subject.rawValue)),
                                        .number(Double(s.coversPeriods)), .number(Double(s.uncoveredPeriods))] })
        return try book.data()
    }
}
