import Fluent
import Foundation
import ThreeClassrooms
import Vapor

/// 名师课堂 activities and 名校网络课堂 lessons from the county dashboard's forms: validated field by field (errors name
/// the field and, for lists, the entry), stored per county, and turned into `Participation` indicators.
enum ParticipationInput {
    typealias FieldError = SessionLogInput.FieldError

    /// Every field problem of one submission; nothing is stored.
    struct Invalid: Error { var errors: [FieldError] }

    /// The county's schools: the School table and the newest classroom data; 教学点 as that data marks them.
    struct Universe: Sendable { var schools: Set<String>; var teachingPoints: Set<String> }

    static func universe(countyID: UUID, on db: any Database) async throws -> Universe {
        var schools = Set(try await School.query(on: db).filter(\.$county.$id == countyID).all().map(\.code))
        var points = Set<String>()
        if let dataset = try await ClassroomStore.latest(countyID: countyID, on: db) {
            for s in try ClassroomStore.capacity(dataset).schools {
                schools.insert(s.code)
                if s.isTeachingPoint { points.insert(s.code) }
            }
        }
        return Universe(schools: schools, teachingPoints: points)
    }

    /// Splits a list typed into one field: commas (also ，、；;), newlines or spaces separate entries.
    static func entries(_ text: String) -> [String] {
        text.split { ",，、;；\n\r\t ".contains($0) }.map { String($0) }.filter { !$0.isEmpty }
    }

    static func date(_ text: String) -> FieldError? {
        SchoolCalendar.date(text) == nil
            ? FieldError(field: "date", value: text, expected_zh: "日期 yyyy-MM-dd", expected_en: "a date yyyy-MM-dd") : nil
    }

    static func school(_ field: String, _ code: String, in u: Universe) -> FieldError? {
        u.schools.contains(code) ? nil
            : FieldError(field: field, value: code, expected_zh: "本县的学校标识码", expected_en: "a school code of this county")
    }

    static func text(_ field: String, _ value: String, max: Int) -> FieldError? {
        (1...max).contains(value.count) ? nil
            : FieldError(field: field, value: String(value.prefix(20)), expected_zh: "1–\(max) 个字符", expected_en: "1–\(max) characters")
    }

    /// A 名师课堂 activity; `participants` is `code:teachers` entries (`：` also accepted), teachers a whole number ≥ 0.
    static func masterClass(date d: String, masterSchool: String, teacherID: String, topic: String, participants: String,
                            in u: Universe) -> Result<MasterClassActivity, Invalid> {
        let master = masterSchool.trimmingCharacters(in: .whitespaces), teacher = teacherID.trimmingCharacters(in: .whitespaces)
        let topic = topic.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors = [date(d), school("master_school", master, in: u), text("teacher_id", teacher, max: 64),
                      text("topic", topic, max: 200)].compactMap { $0 }
        var counts: [String: Int] = [:]
        let list = entries(participants)
        if list.isEmpty {
            errors.append(FieldError(field: "participants", value: "", expected_zh: "至少一所参与学校（学校标识码:教师人数）",
                                     expected_en: "at least one participating school (school_code:teachers)"))
        }
        for (k, entry) in list.enumerated() {
            let field = "participants[\(k + 1)]"
            let parts = entry.split { $0 == ":" || $0 == "：" }.map(String.init)
            guard parts.count == 2 else {
                errors.append(FieldError(field: field, value: entry, expected_zh: "学校标识码:教师人数", expected_en: "school_code:teachers"))
                continue
            }
            if let e = school(field, parts[0], in: u) { errors.append(e) }
            if let n = Int(parts[1]), (0...10_000).contains(n) {
                if counts.updateValue(n, forKey: parts[0]) != nil {
                    errors.append(FieldError(field: field, value: entry, expected_zh: "每所学校只列一次", expected_en: "each school listed once"))
                }
            } else {
                errors.append(FieldError(field: field, value: entry, expected_zh: "教师人数为 0–10000 的整数",
                                         expected_en: "a number of teachers, a whole number 0–10000"))
            }
        }
        guard errors.isEmpty else { return .failure(Invalid(errors: errors)) }
        return .success(MasterClassActivity(date: d, masterSchool: master, teacherID: teacher, topic: topic, participants: counts))
    }

    /// A 名校网络课堂 lesson; `receivers` is a list of school codes other than the source school.
    static func openLesson(date d: String, sourceSchool: String, subject: String, grade: String, receivers: String,
                           in u: Universe) -> Result<OpenLesson, Invalid> {
        let source = sourceSchool.trimmingCharacters(in: .whitespaces)
        var errors = [date(d), school("source_school", source, in: u)].compactMap { $0 }
        let subj = Subject(name: subject)
        if subj == nil { errors.append(FieldError(field: "subject", value: subject, expected_zh: "课程方案中的学科", expected_en: "a subject of the curriculum")) }
        let g = Int(grade.trimmingCharacters(in: .whitespaces))
        if g == nil || !(1...9).contains(g!) {
            errors.append(FieldError(field: "grade", value: grade, expected_zh: "1–9 的整数", expected_en: "a whole number 1–9"))
        }
        let list = entries(receivers)
        if list.isEmpty {
            errors.append(FieldError(field: "receivers", value: "", expected_zh: "至少一所接收学校", expected_en: "at least one receiving school"))
        }
        var seen = Set<String>()
        for (k, code) in list.enumerated() {
            let field = "receivers[\(k + 1)]"
            if let e = school(field, code, in: u) {
                errors.append(e)
            } else if code == source {
                errors.append(FieldError(field: field, value: code, expected_zh: "开课学校以外的学校", expected_en: "a school other than the source school"))
            } else if !seen.insert(code).inserted {
                errors.append(FieldError(field: field, value: code, expected_zh: "每所学校只列一次", expected_en: "each school listed once"))
            }
        }
        guard errors.isEmpty, let subj, let g else { return .failure(Invalid(errors: errors)) }
        return .success(OpenLesson(date: d, sourceSchool: source, subject: subj, grade: g, receivers: list))
    }

    static func save(_ a: MasterClassActivity, countyID: UUID, by userID: UUID, on db: any Database) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(a.participants), as: UTF8.self)
        try await MasterClassRecord(countyID: countyID, date: a.date, masterSchool: a.masterSchool, teacherID: a.teacherID,
                                    topic: a.topic, participants: json, recordedBy: userID, recordedAt: Date()).create(on: db)
    }

    static func save(_ l: OpenLesson, countyID: UUID, by userID: UUID, on db: any Database) async throws {
        let json = String(decoding: try JSONEncoder().encode(l.receivers), as: UTF8.self)
        try await OpenLessonRecord(countyID: countyID, date: l.date, sourceSchool: l.sourceSchool, subject: l.subject.rawValue,
                                   grade: l.grade, receivers: json, recordedBy: userID, recordedAt: Date()).create(on: db)
    }

    /// The county's indicators over `from` … `to` (inclusive, `yyyy-MM-dd`) from the stored records.
    static func indicators(countyID: UUID, from: String, to: String, on db: any Database) async throws -> Participation {
        let u = try await universe(countyID: countyID, on: db)
        let decoder = JSONDecoder()
        let activities = try await MasterClassRecord.query(on: db).filter(\.$county.$id == countyID)
            .filter(\.$date >= from).filter(\.$date <= to).all().map { r in
                MasterClassActivity(date: r.date, masterSchool: r.masterSchool, teacherID: r.teacherID, topic: r.topic,
                                    participants: try decoder.decode([String: Int].self, from: Data(r.participants.utf8)))
            }
        let lessons = try await OpenLessonRecord.query(on: db).filter(\.$county.$id == countyID)
            .filter(\.$date >= from).filter(\.$date <= to).all().compactMap { r -> OpenLesson? in
                guard let s = Subject(rawValue: r.subject) else { return nil }
                return OpenLesson(date: r.date, sourceSchool: r.sourceSchool, subject: s, grade: r.grade,
                                  receivers: try decoder.decode([String].self, from: Data(r.receivers.utf8)))
            }
        return Participation.compute(schools: u.schools, teachingPoints: u.teachingPoints, activities: activities, lessons: lessons,
                                     from: from, through: to)
    }
}
