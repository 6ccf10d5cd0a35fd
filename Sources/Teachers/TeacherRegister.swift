import Crypto
import EquityKit
import Foundation

/// 最高学历: highest degree, ordered.
public enum Degree: Int, CaseIterable, Sendable, Comparable, Codable {
    case highSchoolOrBelow = 0, juniorCollege, bachelor, postgraduate

    /// Chinese label as written in the register.
    public var label: String { ["高中及以下", "专科", "本科", "研究生"][rawValue] }
    /// English key.
    public var key: String { ["high_school_or_below", "junior_college", "bachelor", "postgraduate"][rawValue] }
    /// Accepts the Chinese label or the English key.
    public init?(label: String) {
        guard let d = Degree.allCases.first(where: { $0.label == label || $0.key == label.lowercased() }) else { return nil }
        self = d
    }
    public static func < (a: Degree, b: Degree) -> Bool { a.rawValue < b.rawValue }
}

/// 职称: professional title, ordered.
public enum Title: Int, CaseIterable, Sendable, Comparable, Codable {
    case unranked = 0, junior, intermediate, associateSenior, senior

    /// Chinese label as written in the register.
    public var label: String { ["未定级", "初级", "中级", "副高级", "正高级"][rawValue] }
    /// English key.
    public var key: String { ["unranked", "junior", "intermediate", "associate_senior", "senior"][rawValue] }
    /// Accepts the Chinese label or the English key.
    public init?(label: String) {
        guard let t = Title.allCases.first(where: { $0.label == label || $0.key == label.lowercased() }) else { return nil }
        self = t
    }
    public static func < (a: Title, b: Title) -> Bool { a.rawValue < b.rawValue }
}

/// 骨干级别: backbone-teacher level, ordered.
public enum BackboneLevel: Int, CaseIterable, Sendable, Comparable, Codable {
    case none = 0, county, city, province

    /// Chinese label as written in the register.
    public var label: String { ["无", "县级", "市级", "省级"][rawValue] }
    /// English key.
    public var key: String { ["none", "county", "city", "province"][rawValue] }
    /// Accepts the Chinese label or the English key.
    public init?(label: String) {
        guard let b = BackboneLevel.allCases.first(where: { $0.label == label || $0.key == label.lowercased() }) else { return nil }
        self = b
    }
    public static func < (a: BackboneLevel, b: BackboneLevel) -> Bool { a.rawValue < b.rawValue }
}

/// 教师资格证学段: the stage of the teaching certificate, ordered (a higher stage covers the lower ones).
public enum CertificateStage: Int, CaseIterable, Sendable, Comparable, Codable {
    case none = 0, primary, junior, senior

    /// Chinese label as written in the register.
    public var label: String { ["无", "小学", "初中", "高中"][rawValue] }
    /// English key.
    public var key: String { ["none", "primary", "junior", "senior"][rawValue] }
    /// Accepts the Chinese label or the English key.
    public init?(label: String) {
        guard let c = CertificateStage.allCases.first(where: { $0.label == label || $0.key == label.lowercased() }) else { return nil }
        self = c
    }
    /// The stage that certifies teaching `section`.
    public static func covering(_ section: Section) -> CertificateStage { section == .primary ? .primary : .junior }
    public static func < (a: CertificateStage, b: CertificateStage) -> Bool { a.rawValue < b.rawValue }
}

/// 职务: the optional role column; 校长 and 副校长 rotate after the principals' term (10 years by default).
public enum TeacherRole: String, CaseIterable, Sendable, Codable {
    case teacher = "教师", principal = "校长", vicePrincipal = "副校长"

    /// English key.
    public var key: String {
        switch self {
        case .teacher: "teacher"
        case .principal: "principal"
        case .vicePrincipal: "vice_principal"
        }
    }
    /// True for 校长 and 副校长.
    public var isPrincipal: Bool { self != .teacher }
    /// Accepts the Chinese label or the English key; blank is 教师.
    public init?(label: String) {
        if label.isEmpty { self = .teacher; return }
        guard let r = TeacherRole.allCases.first(where: { $0.rawValue == label || $0.key == label.lowercased() }) else { return nil }
        self = r
    }
}

/// A calendar day (proleptic Gregorian), without time zone: what a register's dates mean.
public struct CalendarDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// nil unless a valid day of years 1900–2100.
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2100).contains(year), (1...12).contains(month), day >= 1, day <= CalendarDay.days(inMonth: month, year: year) else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// Parses `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD` or `YYYYMMDD` (ASCII digits only).
    public init?(text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard t.utf8.count <= 10, t.unicodeScalars.allSatisfy({ $0.isASCII }) else { return nil }
        var parts = t.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." }).map(String.init)
        if parts.count == 1, t.count == 8, t.allSatisfy(\.isNumber) {
            parts = [String(t.prefix(4)), String(t.dropFirst(4).prefix(2)), String(t.suffix(2))]
        }
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    static func days(inMonth m: Int, year y: Int) -> Int {
        switch m {
        case 2: (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Full years from `self` to `later` (0 when `later` is earlier): the anniversary counts as a full year.
    public func fullYears(until later: CalendarDay) -> Int {
        guard later >= self else { return 0 }
        let before = (later.month, later.day) < (month, day)
        return later.year - year - (before ? 1 : 0)
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ n: Int, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(n).count)) + String(n) }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

/// 身份证号 as kept: a keyed HMAC-SHA-256 of the normalised number (to match records without storing it) and a
/// masked display (`110***1234`). The number itself is never stored.
public struct ProtectedIDNumber: Sendable, Hashable, Codable {
    /// Lower-case hex HMAC-SHA-256 of the number (upper-case X) under the bureau's key.
    public var hash: String
    /// First 3 and last 4 characters around `***`.
    public var masked: String

    public init(hash: String, masked: String) { (self.hash, self.masked) = (hash, masked) }

    /// The protected form of `number` under `key`, or nil when `number` is not an ID number (`IDNumber.isValid`).
    public init?(number: String, key: IDNumberKey) {
        guard let n = IDNumber.normalised(number) else { return nil }
        let mac = HMAC<SHA256>.authenticationCode(for: Data(n.utf8), using: key.key)
        hash = mac.map { String(format: "%02x", $0) }.joined()
        masked = IDNumber.mask(n)
    }
}

/// The bureau's secret for hashing ID numbers (at least 16 bytes). The teacher register and the credit bank hash with
/// the same key, so a teacher's register hash and learner id follow from one number.
public struct IDNumberKey: Sendable {
    public let key: SymmetricKey
    /// nil when shorter than 16 bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count >= 16, bytes.count <= 1024 else { return nil }
        key = SymmetricKey(data: bytes)
    }
    /// A fresh random key (hashes then match only within one run).
    public static func random() -> IDNumberKey {
        IDNumberKey(key: SymmetricKey(size: .bits256))
    }
    private init(key: SymmetricKey) { self.key = key }

    /// Where the key came from.
    public enum Source: Sendable, Equatable { case file(String), environment, random }

    /// The operator's key: the bytes of `file` (`--id-key FILE`), else `JUNHENG_ID_KEY` in `environment`, else a random
    /// key for this process (`.random`: hashes then do not match across restarts). A missing, unreadable, short
    /// (< 16 bytes) or long (> 1024 bytes) key is an error, never a silent random one.
    public static func load(file: String?, environment: [String: String]) -> Result<(IDNumberKey, Source), IDNumberKeyError> {
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else { return .failure(.unreadable(file)) }
            guard let k = IDNumberKey(bytes: [UInt8](data)) else { return .failure(.badLength(file, data.count)) }
            return .success((k, .file(file)))
        }
        if let env = environment["JUNHENG_ID_KEY"] {
            guard let k = IDNumberKey(bytes: Array(env.utf8)) else { return .failure(.badLength("JUNHENG_ID_KEY", env.utf8.count)) }
            return .success((k, .environment))
        }
        return .success((.random(), .random))
    }
}

/// Why the ID-number key could not be loaded.
public enum IDNumberKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(String)
    case badLength(String, Int)
    public var description: String {
        switch self {
        case .unreadable(let f): "无法读取身份证号哈希密钥文件 \(f) / cannot read the ID-number key file \(f)"
        case .badLength(let f, let n): "身份证号哈希密钥 \(f) 应为 16–1024 字节（现为 \(n)）/ the ID-number key \(f) must be 16–1024 bytes (it is \(n))"
        }
    }
}

extension IDNumberKey {
    /// The warning printed when no key is configured.
    public static let ephemeralWarning = "警告：未设置 --id-key 或 JUNHENG_ID_KEY，身份证号哈希（教师名册与学分银行）重启后不再一致 / warning: no --id-key or JUNHENG_ID_KEY: ID-number hashes (teacher register and credit bank) will not match across restarts"
}

/// Checks and masks mainland resident ID numbers (GB 11643: 17 digits and an ISO 7064 MOD 11-2 check character; the
/// old 15-digit form is accepted as is).
public enum IDNumber {
    /// The number with a lower-case x made upper-case, or nil when it is not a valid ID number.
    public static func normalised(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        let u = Array(t.utf8)
        let digit: (UInt8) -> Bool = { $0 >= 48 && $0 <= 57 }
        if u.count == 15 { return u.allSatisfy(digit) ? t : nil }
        guard u.count == 18, u.prefix(17).allSatisfy(digit), let last = u.last, digit(last) || last == 88 else { return nil }
        guard checkCharacter(String(decoding: u.prefix(17), as: UTF8.self)) == Character(UnicodeScalar(last)) else { return nil }
        return t
    }

    /// True when `text` is a valid 18-digit (checked) or 15-digit ID number.
    public static func isValid(_ text: String) -> Bool { normalised(text) != nil }

    /// The ISO 7064 MOD 11-2 check character of 17 digits.
    public static func checkCharacter(_ first17: String) -> Character? {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let digits = first17.utf8.map { Int($0) - 48 }
        guard digits.count == 17, digits.allSatisfy({ (0...9).contains($0) }) else { return nil }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return Array("10X98765432")[sum % 11]
    }

    /// `110***1234`: the first 3 and last 4 characters.
    public static func mask(_ n: String) -> String { String(n.prefix(3)) + "***" + String(n.suffix(4)) }
}

/// One teacher of the register (教师名册): a row of the file, in the columns.
public struct TeacherRecord: Sendable, Equatable {
    /// Row of the file (header = 1); 0 when not from a file.
    public var row: Int
    /// 教师编号.
    public var teacherID: String
    /// 姓名.
    public var name: String
    /// 身份证号, hashed and masked.
    public var idNumber: ProtectedIDNumber
    /// 学校标识码.
    public var schoolCode: String
    /// 任教学段.
    public var section: Section
    /// 任教学科, in the order written; the first is the teacher's main subject (the post they fill).
    public var subjects: [String]
    /// 最高学历.
    public var degree: Degree
    /// 职称.
    public var title: Title
    /// 骨干级别.
    public var backbone: BackboneLevel
    /// 教师资格证学段.
    public var certificate: CertificateStage
    /// 在编.
    public var tenured: Bool
    /// 现校任教起始日期.
    public var schoolSince: CalendarDay
    /// 本周期培训学时 (nil when not given).
    public var trainingHours: Double?
    /// 不宜交流.
    public var noMove: Bool
    /// 职务 (optional column; 教师 when absent).
    public var role: TeacherRole
    /// 自愿交流 (optional column; nil when the register has no such column).
    public var volunteer: Bool?

    public init(row: Int = 0, teacherID: String, name: String, idNumber: ProtectedIDNumber, schoolCode: String, section: Section,
                subjects: [String], degree: Degree, title: Title, backbone: BackboneLevel, certificate: CertificateStage,
                tenured: Bool, schoolSince: CalendarDay, trainingHours: Double? = nil, noMove: Bool = false,
                role: TeacherRole = .teacher, volunteer: Bool? = nil) {
        self.row = row
        self.teacherID = teacherID
        self.name = name
        self.idNumber = idNumber
        self.schoolCode = schoolCode
        self.section = section
        self.subjects = subjects
        self.degree = degree
        self.title = title
        self.backbone = backbone
        self.certificate = certificate
        self.tenured = tenured
        self.schoolSince = schoolSince
        self.trainingHours = trainingHours
        self.noMove = noMove
        self.role = role
        self.volunteer = volunteer
    }

    /// The main subject (the first listed), or "" when none.
    public var mainSubject: String { subjects.first ?? "" }
}

/// A school section's key: 学校标识码 and 学段.
public struct SectionKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var schoolCode: String
    public var section: Section
    public init(_ schoolCode: String, _ section: Section) { (self.schoolCode, self.section) = (schoolCode, section) }
    public static func < (a: SectionKey, b: SectionKey) -> Bool { (a.schoolCode, a.section.rawValue) < (b.schoolCode, b.section.rawValue) }
    public var description: String { "\(schoolCode)/\(section.rawValue)" }
}

/// 教师名册: every teacher of a county, the one source the teacher figures come from.
public struct TeacherRegister: Sendable, Equatable {
    public var teachers: [TeacherRecord]
    /// Whether the file had a `volunteer` column (volunteers are preferred only then).
    public var hasVolunteerColumn: Bool

    public init(teachers: [TeacherRecord], hasVolunteerColumn: Bool = false) {
        self.teachers = teachers
        self.hasVolunteerColumn = hasVolunteerColumn
    }

    /// Teachers grouped by school section.
    public var bySection: [SectionKey: [TeacherRecord]] {
        Dictionary(grouping: teachers) { SectionKey($0.schoolCode, $0.section) }
    }
}
