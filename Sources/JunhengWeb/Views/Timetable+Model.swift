import Foundation
import ThreeClassrooms
import Vapor

/// A days × periods timetable of one school, teacher or class in a plan: existing lessons and 专递课堂 sessions.
struct TimetableModel {
    /// What a cell entry is.
    enum Kind: String { case lesson, sending, receiving }
    /// One entry of a cell; sessions link to their record page.
    struct Entry { var kind: Kind; var zh: String; var en: String; var sessionKey: String? }

    var planID: UUID
    var published: Bool
    var titleZH: String
    var titleEN: String
    var days: Int
    var periods: Int
    var cells: [Slot: [Entry]]
    /// Sessions on the timetable, for the list under the grid.
    var sessions: [PlannedSession]

    /// Sessions `code` sends or receives; nil when the school is not in the plan's input.
    static func school(_ code: String, _ a: Request.ClassroomPlanAccess, capacity: TeachingCapacity, names: [String: String]) -> TimetableModel? {
        guard let s = capacity.schools.first(where: { $0.code == code }) else { return nil }
        var m = TimetableModel(planID: a.record.id!, published: a.record.published, titleZH: "\(s.name) 专递课堂课表",
                               titleEN: "\(s.name): remote-classroom timetable", days: s.days, periods: s.periodsPerDay, cells: [:], sessions: [])
        for x in a.plan.sessions where x.involves(school: code) {
            m.sessions.append(x)
            if x.senderSchool == code { m.add(x, sending(x, names)) }
            for c in x.receivingClasses where c.school == code { m.add(x, receiving(x, c, names)) }
        }
        return m
    }

    /// A teacher's own lessons and the sessions they send.
    static func teacher(_ id: String, _ a: Request.ClassroomPlanAccess, capacity: TeachingCapacity, names: [String: String]) -> TimetableModel? {
        guard let t = capacity.teachers.first(where: { $0.id == id }), let s = capacity.schools.first(where: { $0.code == t.school }) else { return nil }
        var m = TimetableModel(planID: a.record.id!, published: a.record.published, titleZH: "教师 \(id)（\(s.name)）课表",
                               titleEN: "Teacher \(id) (\(s.name))", days: s.days, periods: s.periodsPerDay, cells: [:], sessions: [])
        for l in capacity.lessons where l.teacher == id {
            m.cells[l.slot, default: []].append(Entry(kind: .lesson, zh: "\(l.subject.zh) \(l.classID.grade)年级\(l.classID.number)班",
                                                      en: "\(l.subject.rawValue) g\(l.classID.grade) c\(l.classID.number)", sessionKey: nil))
        }
        for x in a.plan.sessions where x.teacherID == id {
            m.sessions.append(x)
            m.add(x, sending(x, names))
        }
        return m
    }

    /// A class's lessons and the sessions it receives.
    static func classroom(_ c: ClassID, _ a: Request.ClassroomPlanAccess, capacity: TeachingCapacity, names: [String: String]) -> TimetableModel? {
        guard let s = capacity.schools.first(where: { $0.code == c.school }), capacity.classes.contains(c) else { return nil }
        var m = TimetableModel(planID: a.record.id!, published: a.record.published, titleZH: "\(s.name) \(c.grade)年级\(c.number)班课表",
                               titleEN: "\(s.name) grade \(c.grade) class \(c.number)", days: s.days, periods: s.periodsPerDay, cells: [:], sessions: [])
        for l in capacity.lessons where l.classID == c {
            m.cells[l.slot, default: []].append(Entry(kind: .lesson, zh: l.subject.zh, en: l.subject.rawValue, sessionKey: nil))
        }
        for x in a.plan.sessions where x.receivingClasses.contains(c) {
            m.sessions.append(x)
            m.add(x, receiving(x, c, names))
        }
        return m
    }

    private mutating func add(_ x: PlannedSession, _ e: Entry) {
        cells[Slot(day: x.day, period: x.period), default: []].append(e)
    }

    private static func sending(_ x: PlannedSession, _ names: [String: String]) -> Entry {
        Entry(kind: .sending, zh: "专递 \(x.subject.zh) \(x.grade)年级 · \(x.teacherID) → \(x.receivingClasses.count) 个班",
              en: "sends \(x.subject.rawValue) g\(x.grade) · \(x.teacherID) → \(x.receivingClasses.count) classes", sessionKey: x.key)
    }

    private static func receiving(_ x: PlannedSession, _ c: ClassID, _ names: [String: String]) -> Entry {
        let low = x.lowBandwidthClasses.contains(c)
        return Entry(kind: .receiving, zh: "接收 \(x.subject.zh) \(c.grade)年级\(c.number)班 ← \(names[x.senderSchool] ?? x.senderSchool)\(low ? "（低带宽：音频优先/录播）" : "")",
                     en: "receives \(x.subject.rawValue) g\(c.grade) c\(c.number) ← \(names[x.senderSchool] ?? x.senderSchool)\(low ? " (low bandwidth: audio first / recording)" : "")",
                     sessionKey: x.key)
    }
}
