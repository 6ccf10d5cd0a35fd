import Crypto
import EquityKit
import Fluent
import Foundation
import JunhengImport
import Teachers
import Vapor

/// The teacher register's persistence: rows ⇄ `TeacherRecord`, the all-or-nothing import, the county's statistics
/// the figures are compared with, and the ID-number key.
enum TeachersStore {
    /// The key hashing ID numbers (`serve --id-key` / `JUNHENG_ID_KEY`, else the per-process key `configure` drew):
    /// the same key the credit bank hashes learners' ID numbers with.
    static func key(_ app: Application) -> IDNumberKey {
        app.web.idKey ?? .random()
    }

    /// The credit bank's learner id of a teacher: `LearnerID` is "L" + the first 24 hex digits of the same HMAC under
    /// the same key, so it follows from the register's hash without the number.
    static func learnerID(idHash: String) -> String? {
        guard idHash.utf8.count == 64, idHash.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else { return nil }
        return "L" + idHash.prefix(24)
    }

    /// The domain record of a stored row (nil for a row the domain would not accept: never written by this code).
    static func record(_ r: TeacherRow) -> TeacherRecord? {
        guard let section = Section(label: r.section), let degree = Degree(label: r.degree), let title = Title(label: r.title),
              let backbone = BackboneLevel(label: r.backbone), let certificate = CertificateStage(label: r.certificate),
              let since = CalendarDay(text: r.schoolSince), let role = TeacherRole(label: r.role) else { return nil }
        return TeacherRecord(teacherID: r.teacherID, name: r.name, idNumber: ProtectedIDNumber(hash: r.idHash, masked: r.idMasked),
                             schoolCode: r.schoolCode, section: section, subjects: r.subjects.split(separator: "、").map(String.init),
                             degree: degree, title: title, backbone: backbone, certificate: certificate, tenured: r.tenured,
                             schoolSince: since, trainingHours: r.trainingHours, noMove: r.noMove, role: role, volunteer: r.volunteer)
    }

    /// A new row for `t` in the county.
    static func row(_ t: TeacherRecord, countyID: UUID) -> TeacherRow {
        let r = TeacherRow()
        r.$county.id = countyID
        r.teacherID = t.teacherID
        r.active = true
        fill(r, t)
        return r
    }

    /// Copies every register column of `t` into `r`.
    static func fill(_ r: TeacherRow, _ t: TeacherRecord) {
        r.name = t.name
        r.idHash = t.idNumber.hash
        r.idMasked = t.idNumber.masked
        r.schoolCode = t.schoolCode
        r.section = t.section.rawValue
        r.subjects = t.subjects.joined(separator: "、")
        r.degree = t.degree.label
        r.title = t.title.label
        r.backbone = t.backbone.label
        r.certificate = t.certificate.label
        r.tenured = t.tenured
        r.schoolSince = t.schoolSince.description
        r.trainingHours = t.trainingHours
        r.noMove = t.noMove
        r.role = t.role.rawValue
        r.volunteer = t.volunteer
        r.updatedAt = Date()
    }

    /// Every row of the county (serving and retired), by teacher id.
    static func rows(countyID: UUID, on db: any Database) async throws -> [TeacherRow] {
        try await TeacherRow.query(on: db).filter(\.$county.$id == countyID).sort(\.$schoolCode).sort(\.$teacherID).all()
    }

    /// The serving teachers as the domain's register.
    static func register(countyID: UUID, on db: any Database) async throws -> TeacherRegister {
        let rows = try await TeacherRow.query(on: db).filter(\.$county.$id == countyID).filter(\.$active == true).sort(\.$teacherID).all()
        let teachers = rows.compactMap(record)
        return TeacherRegister(teachers: teachers, hasVolunteerColumn: rows.contains { $0.volunteer != nil })
    }

    /// The cycle's recorded hours per teacher (the current cycle unless `cycle` is given): what 完成360学时 and G9
    /// count from, the register's column standing in for teachers without a record in the cycle.
    static func trainingHours(countyID: UUID, cycle: TrainingCycle? = nil, teacherID: String? = nil, on db: any Database) async throws -> TrainingHours {
        let c = cycle ?? TrainingCycle.containing(TeachersText.today()?.year ?? 2026)
        var q = TeacherTraining.query(on: db).filter(\.$county.$id == countyID)
            .filter(\.$day >= "\(c.years.lowerBound)-01-01").filter(\.$day <= "\(c.years.upperBound)-12-31")
        if let teacherID { q = q.filter(\.$teacherID == teacherID) }
        let entries = try await q.field(\.$id).field(\.$teacherID).field(\.$hours).field(\.$day).range(..<1_000_000).all().compactMap { r in
            CalendarDay(text: r.day).map { TrainingEntry(teacherID: r.teacherID, day: $0, hours: r.hours) }
        }
        return TrainingHours(cycle: c, entries: entries)
    }

    /// The county's school coordinates.
    static func points(countyID: UUID, on db: any Database) async throws -> [String: SchoolPoint] {
        var out: [String: SchoolPoint] = [:]
        for p in try await TeacherSchoolPoint.query(on: db).filter(\.$county.$id == countyID).all() { out[p.schoolCode] = SchoolPoint(lon: p.lon, lat: p.lat) }
        return out
    }

    /// Why an upload was refused; nothing was stored.
    enum Rejection: Error { case invalid([ImportIssue]) }

    /// Parses the register (and the optional coordinates file) all or nothing: every problem of both files, located.
    static func validate(register: (name: String, bytes: Data), points: (name: String, bytes: Data)?, key: IDNumberKey)
        -> Result<(TeacherRegister, [String: SchoolPoint]), Rejection> {
        var issues: [ImportIssue] = []
        var parsed: TeacherRegister?, coordinates: [String: SchoolPoint] = [:]
        do { parsed = try TeacherRegisterImporter.parse(data: register.bytes, file: register.name, key: key) } catch {
            issues += error.issues(file: register.name)
        }
        if let points {
            do { coordinates = try SchoolPointsImporter.parse(data: points.bytes, file: points.name) } catch { issues += error.issues(file: points.name) }
        }
        guard issues.isEmpty, let parsed else { return .failure(.invalid(issues)) }
        return .success((parsed, coordinates))
    }

    /// The audit detail of a register import: file, SHA-256, teachers, and the coordinates file.
    static func uploadDetail(_ register: (name: String, bytes: Data), parsed: TeacherRegister, points: (name: String, bytes: Data)?,
                             coordinates: [String: SchoolPoint]) -> String {
        "\(register.name), sha256 \(SHA256.hex([UInt8](register.bytes))), \(parsed.teachers.count) teachers\(points.map { ", coordinates \($0.name) (\(coordinates.count))" } ?? "")"
    }

    /// Replaces the county's register (and its coordinates when given) in one transaction, recording the import.
    static func replace(_ register: TeacherRegister, points: [String: SchoolPoint]?, fileName: String, countyID: UUID, by username: String,
                        on db: any Database) async throws {
        try await db.transaction { tx in
            try await TeacherRow.query(on: tx).filter(\.$county.$id == countyID).delete()
            let rows = register.teachers.map { row($0, countyID: countyID) }
            var start = 0
            while start < rows.count {
                let end = min(rows.count, start + 500)
                try await Array(rows[start..<end]).create(on: tx)
                start = end
            }
            if let points {
                try await TeacherSchoolPoint.query(on: tx).filter(\.$county.$id == countyID).delete()
                for (code, p) in points.sorted(by: { $0.key < $1.key }) {
                    let r = TeacherSchoolPoint()
                    r.$county.id = countyID
                    (r.schoolCode, r.lon, r.lat) = (code, p.lon, p.lat)
                    try await r.create(on: tx)
                }
            }
            try await event(countyID: countyID, teacherID: "*", kind: .imported, field: "file", old: "", new: "\(String(fileName.prefix(120))): \(register.teachers.count)",
                            day: TeachersText.todayText, by: username, on: tx)
        }
    }

    /// Appends one register event.
    static func event(countyID: UUID, teacherID: String, kind: TeacherChangeKind, from: String? = nil, to: String? = nil, field: String = "",
                      old: String = "", new: String = "", day: String, planID: UUID? = nil, by username: String, on db: any Database) async throws {
        let e = TeacherEvent()
        e.$county.id = countyID
        e.teacherID = teacherID
        e.kind = kind.rawValue
        (e.fromSchool, e.toSchool) = (from, to)
        (e.field, e.oldValue, e.newValue) = (field, String(old.prefix(200)), String(new.prefix(200)))
        e.day = day
        e.planID = planID
        e.recordedBy = username
        e.recordedAt = Date()
        try await e.create(on: db)
    }

    /// The county's newest statistics snapshot (newest school year, newest version): its year, version and records.
    static func statistics(countyID: UUID, on db: any Database) async throws -> (year: Int, version: Int, records: [StatisticsRecord])? {
        guard let info = try await SnapshotStore.history(countyID: countyID, on: db).first else { return nil }
        let bytes = try await SnapshotStore.content(of: info.id, on: db)
        guard let records = try? StatisticsImporter.importData(bytes).records else { return nil }
        return (info.schoolYear, info.version, records)
    }

    /// The school names of the county, by code.
    static func schoolNames(countyID: UUID, on db: any Database) async throws -> [String: String] {
        Dictionary(try await School.query(on: db).filter(\.$county.$id == countyID).all().map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
    }
}

extension ImportError {
    /// The located issues of the error (an unreadable file as one issue).
    func issues(file: String) -> [ImportIssue] {
        switch self {
        case .invalid(let issues): issues
        case .unreadable(_, let reason): [ImportIssue(row: 0, column: "", value: "", expectedZH: "可读取的 CSV 或 XLSX 文件：\(reason)", expectedEN: "a readable CSV or XLSX file: \(reason)", file: file)]
        }
    }
}

/// Shared wording and formatting of the teacher pages.
enum TeachersText {
    /// Today in Asia/Shanghai, the bureau's calendar.
    static func today(_ now: Date = Date()) -> CalendarDay? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day], from: now)
        guard let y = c.year, let m = c.month, let d = c.day else { return nil }
        return CalendarDay(year: y, month: m, day: d)
    }

    /// Today as YYYY-MM-DD ("" outside 1900–2100).
    static var todayText: String { today()?.description ?? "" }

    /// 王** : the first character and one star per other character.
    static func maskedName(_ name: String) -> String {
        guard let first = name.first else { return "" }
        return String(first) + String(repeating: "*", count: max(1, name.count - 1))
    }

    /// A school's name and code.
    static func school(_ code: String, _ names: [String: String]) -> String {
        names[code].map { "\($0)（\(code)）" } ?? code
    }

    static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
}
