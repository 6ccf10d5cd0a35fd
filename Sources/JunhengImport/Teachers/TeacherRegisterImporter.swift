import EquityKit
import Foundation
import JunhengSheets
import Teachers

/// Reads a teacher register (教师名册) as CSV (UTF-8 or GB18030) or XLSX, with English or Chinese headers, all or
/// nothing: every problem is listed with row and column, at most `ReadLimits.issues` of them. ID numbers are hashed
/// with the bureau's key and masked on the way in; the number itself is kept nowhere.
public enum TeacherRegisterImporter {
    /// At most this many teachers in one register.
    public static let maximumTeachers = 200_000
    /// At most this many subjects per teacher, and characters per subject, name.
    public static let maximumSubjects = 8, maximumSubjectLength = 16, maximumNameLength = 40

    static let columns: [ClassroomFile.Column] = RegisterColumn.allCases.map { c in
        ClassroomFile.Column(zh: c.zh, en: c.rawValue, required: c.required, help: c.help, format: c == .teacherID || c == .schoolCode ? .code : .text)
    }

    public static func importFile(atPath path: String, key: IDNumberKey, limits: ReadLimits = .default) throws(ImportError) -> TeacherRegister {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path, reason: "无法读取文件 / cannot read the file") }
        return try parse(data: data, file: URL(fileURLWithPath: path).lastPathComponent, key: key, limits: limits)
    }

    /// The register in `data` (CSV or XLSX by content); `file` names it in error locations.
    public static func parse(data: Data, file: String, key: IDNumberKey, limits: ReadLimits = .default) throws(ImportError) -> TeacherRegister {
        var issues: [ImportIssue] = []
        let table = ClassroomTable.parse(columns: columns, data: data, file: file, limits: limits, issues: &issues)
        if !issues.isEmpty { throw .invalid(ImportIssue.capped(issues, limit: limits.issues)) }
        func k(_ c: RegisterColumn) -> Int { RegisterColumn.allCases.firstIndex(of: c) ?? 0 }
        func fail(_ row: Int, _ c: RegisterColumn, _ value: String, _ zh: String, _ en: String) {
            issues.append(ImportIssue(row: row, column: c.zh, value: String(value.prefix(80)), expectedZH: zh, expectedEN: en, file: file))
        }
        let hasVolunteer = table.positions[k(.volunteer)] != nil
        var teachers: [TeacherRecord] = []
        var seenID: [String: Int] = [:], seenHash: [String: Int] = [:]
        if table.rows.count > maximumTeachers {
            fail(table.rows[maximumTeachers].number, .teacherID, "", "不超过 \(maximumTeachers) 名教师", "at most \(maximumTeachers) teachers")
            throw .invalid(issues)
        }
        for (number, cells) in table.rows {
            func cell(_ c: RegisterColumn) -> String { table.cell(cells, k(c)) }
            func code(_ c: RegisterColumn) -> String? {
                let v = cell(c)
                guard CodeRule.isValid(v) else { fail(number, c, v, CodeRule.descriptionZH, CodeRule.descriptionEN); return nil }
                return v
            }
            func yesNo(_ c: RegisterColumn, blank: Bool?) -> Bool? {
                switch cell(c).lowercased() {
                case "是", "yes", "y", "true", "1": return true
                case "否", "no", "n", "false", "0": return false
                case "" where blank != nil: return blank
                default: fail(number, c, cell(c), blank == nil ? "是 或 否" : "是、否或留空", blank == nil ? "是 or 否 (yes/no)" : "是, 否 (yes/no) or blank"); return nil
                }
            }
            func choice<T>(_ c: RegisterColumn, _ parse: (String) -> T?, _ zh: String, _ en: String) -> T? {
                guard let v = parse(cell(c)) else { fail(number, c, cell(c), zh, en); return nil }
                return v
            }
            let id = code(.teacherID), school = code(.schoolCode)
            let name = cell(.name)
            if name.isEmpty || name.count > maximumNameLength { fail(number, .name, name, "1–\(maximumNameLength) 个字符的姓名", "a name of 1–\(maximumNameLength) characters") }
            let idText = cell(.idNumber)
            let protected = ProtectedIDNumber(number: idText, key: key)
            // The value is never echoed in full: only its masked form, when it has enough characters.
            if protected == nil {
                fail(number, .idNumber, idText.count >= 7 ? IDNumber.mask(idText) : "***", "18 位身份证号（校验位正确）或 15 位旧号", "an 18-digit resident ID number with a valid check character, or a 15-digit one")
            }
            let section = choice(.section, Section.init(label:), "小学 或 初中", "小学 or 初中 (primary/junior)")
            let subjectText = cell(.subjects)
            let subjects = subjectText.split(whereSeparator: { "、,，;；/".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let subjectsOK = !subjects.isEmpty && subjects.count <= maximumSubjects && subjects.allSatisfy { $0.count <= maximumSubjectLength }
            if !subjectsOK {
                fail(number, .subjects, subjectText, "1–\(maximumSubjects) 门学科，用「、」分隔，每门不超过 \(maximumSubjectLength) 字",
                     "1–\(maximumSubjects) subjects separated by 、, each at most \(maximumSubjectLength) characters")
            }
            let degree = choice(.degree, Degree.init(label:), "高中及以下、专科、本科或研究生", "高中及以下, 专科, 本科 or 研究生")
            let title = choice(.title, Title.init(label:), "未定级、初级、中级、副高级或正高级", "未定级, 初级, 中级, 副高级 or 正高级")
            let backbone = choice(.backbone, BackboneLevel.init(label:), "无、县级、市级或省级", "无, 县级, 市级 or 省级")
            let certificate = choice(.certificate, CertificateStage.init(label:), "无、小学、初中或高中", "无, 小学, 初中 or 高中")
            let tenured = yesNo(.tenured, blank: nil)
            let since = choice(.schoolSince, CalendarDay.init(text:), "日期 YYYY-MM-DD（1900–2100）", "a date YYYY-MM-DD (1900–2100)")
            var hours: Double?, hoursOK = true
            let h = cell(.trainingHours)
            if !h.isEmpty {
                if let x = Double(h), x.isFinite, (0...10_000).contains(x), h.utf8.count <= 12 { hours = x } else {
                    hoursOK = false
                    fail(number, .trainingHours, h, "0–10000 的学时或留空", "hours from 0 to 10,000, or blank")
                }
            }
            let noMove = yesNo(.noMove, blank: false)
            let role = choice(.role, TeacherRole.init(label:), "教师、校长、副校长或留空", "教师, 校长, 副校长 or blank")
            let volunteer = hasVolunteer ? yesNo(.volunteer, blank: false) : nil
            if let id {
                if let first = seenID[id] {
                    fail(number, .teacherID, id, "不重复的教师编号（第\(first)行已有）", "a teacher id not used before (row \(first))")
                } else { seenID[id] = number }
            }
            if let protected {
                if let first = seenHash[protected.hash] {
                    fail(number, .idNumber, protected.masked, "不重复的身份证号（第\(first)行已有）", "an ID number not used before (row \(first))")
                } else { seenHash[protected.hash] = number }
            }
            guard let id, let school, !name.isEmpty, name.count <= maximumNameLength, let protected, let section, subjectsOK,
                  let degree, let title, let backbone, let certificate, let tenured, let since, hoursOK, let noMove, let role,
                  !hasVolunteer || volunteer != nil else { continue }
            teachers.append(TeacherRecord(row: number, teacherID: id, name: name, idNumber: protected, schoolCode: school, section: section,
                                          subjects: subjects, degree: degree, title: title, backbone: backbone, certificate: certificate,
                                          tenured: tenured, schoolSince: since, trainingHours: hours, noMove: noMove, role: role, volunteer: volunteer))
        }
        if teachers.isEmpty && issues.isEmpty {
            issues.append(ImportIssue(row: table.headerRow, column: "", value: "", expectedZH: "至少一名教师", expectedEN: "at least one teacher", file: file))
        }
        if !issues.isEmpty { throw .invalid(ImportIssue.capped(issues, limit: limits.issues)) }
        return TeacherRegister(teachers: teachers, hasVolunteerColumn: hasVolunteer)
    }

    /// The header row of an empty register template (Chinese headers).
    public static var templateHeader: [String] { RegisterColumn.allCases.map(\.zh) }
}

/// Reads a school coordinates file (`school_code` 学校标识码, `lon` 经度, `lat` 纬度), for the rotation's distance limit.
public enum SchoolPointsImporter {
    public static let maximumSchools = 20_000
    static let columns: [ClassroomFile.Column] = [
        ClassroomFile.Column(zh: "学校标识码", en: "school_code", required: true, help: "school", format: .code),
        ClassroomFile.Column(zh: "经度", en: "lon", required: true, help: "longitude"),
        ClassroomFile.Column(zh: "纬度", en: "lat", required: true, help: "latitude"),
    ]

    public static func importFile(atPath path: String, limits: ReadLimits = .default) throws(ImportError) -> [String: SchoolPoint] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path, reason: "无法读取文件 / cannot read the file") }
        return try parse(data: data, file: URL(fileURLWithPath: path).lastPathComponent, limits: limits)
    }

    /// The coordinates in `data` (CSV or XLSX by content); `file` names it in error locations.
    public static func parse(data: Data, file: String, limits: ReadLimits = .default) throws(ImportError) -> [String: SchoolPoint] {
        var issues: [ImportIssue] = []
        let table = ClassroomTable.parse(columns: columns, data: data, file: file, limits: limits, issues: &issues)
        var out: [String: SchoolPoint] = [:]
        for (number, cells) in table.rows {
            func fail(_ k: Int, _ zh: String, _ en: String) {
                issues.append(ImportIssue(row: number, column: columns[k].zh, value: String(table.cell(cells, k).prefix(80)), expectedZH: zh, expectedEN: en, file: file))
            }
            let code = table.cell(cells, 0)
            if !CodeRule.isValid(code) { fail(0, CodeRule.descriptionZH, CodeRule.descriptionEN) } else if out[code] != nil { fail(0, "不重复的学校标识码", "a school code not used before") }
            let lon = Double(table.cell(cells, 1)).flatMap { $0.isFinite && abs($0) <= 180 ? $0 : nil }
            let lat = Double(table.cell(cells, 2)).flatMap { $0.isFinite && abs($0) <= 90 ? $0 : nil }
            if lon == nil { fail(1, "−180…180 之间的经度", "a longitude from −180 to 180") }
            if lat == nil { fail(2, "−90…90 之间的纬度", "a latitude from −90 to 90") }
            if out.count >= maximumSchools { fail(0, "不超过 \(maximumSchools) 所学校", "at most \(maximumSchools) schools"); break }
            if let lon, let lat, CodeRule.isValid(code), out[code] == nil { out[code] = SchoolPoint(lon: lon, lat: lat) }
        }
        if !issues.isEmpty { throw .invalid(ImportIssue.capped(issues, limit: limits.issues)) }
        return out
    }
}
