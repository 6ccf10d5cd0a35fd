import Fluent
import Foundation
import ThreeClassrooms
import Vapor

/// A session log or 网络巡课 observation as a form or the API sends it, validated field by field.
struct SessionLogInput {
    var session: String
    var date: String
    /// "held" or "cancelled".
    var status: String
    var reason: String
    /// Class id → students present, as typed.
    var attendance: [String: String]

    /// One field's problem.
    struct FieldError: Codable, Equatable, Sendable, Error {
        var field: String; var value: String; var expected_zh: String; var expected_en: String
    }

    /// Every field problem of one submission.
    struct Invalid: Error { var errors: [FieldError] }

    /// The session of `plan` with this key, or the error naming the field.
    static func find(_ key: String, in plan: ClassroomPlan) -> Result<PlannedSession, FieldError> {
        plan.sessions.first { $0.key == key }.map { .success($0) }
            ?? .failure(FieldError(field: "session", value: key, expected_zh: "本课表中的一节专递课堂", expected_en: "a session of this timetable"))
    }

    /// The date if it is a real `yyyy-MM-dd` on the session's weekday.
    static func date(_ text: String, for s: PlannedSession) -> FieldError? {
        guard let d = SchoolCalendar.date(text) else {
            return FieldError(field: "date", value: text, expected_zh: "日期 yyyy-MM-dd", expected_en: "a date yyyy-MM-dd")
        }
        guard SchoolCalendar.weekday(d) == s.day else {
            return FieldError(field: "date", value: text, expected_zh: "星期\(s.day)的日期（本节课排在星期\(s.day)）",
                              expected_en: "a date on weekday \(s.day), when this session is scheduled")
        }
        return nil
    }

    /// Checks every field; attendance is for the reporting school's receiving classes of this session, 0–200 each.
    func record(for s: PlannedSession, school: String) -> Result<ThreeClassrooms.SessionRecord, Invalid> {
        var errors: [FieldError] = []
        if let e = Self.date(date, for: s) { errors.append(e) }
        let held = status == "held"
        if !held && status != "cancelled" {
            errors.append(FieldError(field: "status", value: status, expected_zh: "held（已上课）或 cancelled（取消）", expected_en: "held or cancelled"))
        }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if status == "cancelled" && reason.isEmpty {
            errors.append(FieldError(field: "reason", value: "", expected_zh: "取消原因", expected_en: "the reason for cancelling"))
        }
        if reason.count > 500 {
            errors.append(FieldError(field: "reason", value: String(reason.prefix(20)) + "…", expected_zh: "不超过 500 字", expected_en: "at most 500 characters"))
        }
        let mine = Set(s.receivingClasses.filter { $0.school == school }.map(\.description))
        var counts: [String: Int] = [:]
        for (cls, text) in attendance.sorted(by: { $0.key < $1.key }) {
            let t = text.trimmingCharacters(in: .whitespaces)
            if t.isEmpty { continue }
            guard mine.contains(cls) else {
                errors.append(FieldError(field: "attendance.\(cls)", value: t, expected_zh: "本校接收本节课的班级", expected_en: "a class of your school receiving this session"))
                continue
            }
            guard let n = Int(t), (0...200).contains(n) else {
                errors.append(FieldError(field: "attendance.\(cls)", value: t, expected_zh: "0–200 的整数", expected_en: "a whole number 0–200"))
                continue
            }
            if held { counts[cls] = n }
        }
        guard errors.isEmpty else { return .failure(Invalid(errors: errors)) }
        return .success(ThreeClassrooms.SessionRecord(sessionKey: s.key, date: date, school: school, held: held,
                                      reason: held ? nil : reason, attendance: counts))
    }

    /// Saves the record, replacing the school's earlier log of the same occurrence; audited.
    static func save(_ r: ThreeClassrooms.SessionRecord, plan: ClassroomPlanRecord, on req: Request) async throws {
        let planID = try plan.requireID()
        let attendance = String(decoding: try JSONEncoder().encode(r.attendance), as: UTF8.self)
        let userID = try req.principal().userID
        let existing = try await ClassroomSessionLog.query(on: req.db).filter(\.$plan.$id == planID)
            .filter(\.$sessionKey == r.sessionKey).filter(\.$date == r.date).filter(\.$schoolCode == r.school).first()
        let log = existing ?? ClassroomSessionLog(planID: planID, sessionKey: r.sessionKey, date: r.date, schoolCode: r.school, held: r.held,
                                                  reason: r.reason, attendance: attendance, loggedBy: userID, loggedAt: Date())
        log.held = r.held
        log.reason = r.reason
        log.attendance = attendance
        log.$loggedBy.id = userID
        log.loggedAt = Date()
        try await log.save(on: req.db)
        await req.audit("classroom-log", target: "classroom-plan:\(planID)",
                        detail: "\(r.sessionKey) \(r.date) \(r.school) \(r.held ? "held" : "cancelled")\(existing == nil ? "" : " (replaced)")")
    }

    /// Every log of a plan as monitoring records.
    static func records(planID: UUID, on db: any Database) async throws -> [ThreeClassrooms.SessionRecord] {
        try await ClassroomSessionLog.query(on: db).filter(\.$plan.$id == planID).all().map { l in
            ThreeClassrooms.SessionRecord(sessionKey: l.sessionKey, date: l.date, school: l.schoolCode, held: l.held, reason: l.reason,
                          attendance: (try? JSONDecoder().decode([String: Int].self, from: Data(l.attendance.utf8))) ?? [:])
        }
    }
}
