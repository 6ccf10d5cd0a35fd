import EquityKit
import Teachers

/// A generated teacher register as file rows (raw ID numbers, as a bureau's file would hold them), the differences
/// planted against the statistics, and school coordinates for the distance limit.
public struct DemoRegister: Sendable {
    /// English keys of the columns, in `RegisterColumn` order.
    public var header: [String]
    public var rows: [[String]]
    /// One line per planted difference: school, section, field, statistics value → register value.
    public var planted: [String]
    /// school code → (lon, lat).
    public var coordinates: [(code: String, lon: Double, lat: Double)]
}

/// Seeded teacher registers: one consistent with a demo county's statistics (every teacher figure matches except a
/// few planted differences), and synthetic counties of a given size for tests and the rotation benchmark.
public enum TeacherDemo {
    static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧").map(String.init)
    static let givenNames = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "华", "平", "刚", "桂英", "建国", "晓燕"]
    static let primarySubjects = ["语文", "数学", "英语", "科学", "道德与法治", "信息科技"]
    static let juniorSubjects = ["语文", "数学", "英语", "物理", "化学", "生物", "历史", "地理", "道德与法治", "信息科技"]
    static let peArt = ["体育与健康", "音乐", "美术"]

    /// Teacher figures a section's register must reproduce.
    struct Counts { var teachers = 0, degree = 0, backbone = 0, peArt = 0, midSenior = 0, certified = 0 }

    /// A register for `records` (a demo county's statistics) whose derived figures equal every row's teacher figures,
    /// except `planted` differences (at most 3: one 骨干 level lowered, one degree lowered, one PE teacher re-subjected).
    public static func register(for records: [StatisticsRecord], year: Int = 2026, seed: UInt64 = 2026, planted: Int = 3) -> DemoRegister {
        var rng = SeededGenerator(seed: seed ^ 0x7EAC_4E25)
        var rows: [[String]] = [], notes: [String] = []
        var sequence = 0, coordinates: [(String, Double, Double)] = []
        var principalPlaced = Set<String>()
        for r in records {
            var parts: [(Section, Counts)] = []
            func value(_ q: Quantity) -> Int { Int(max(0, min(100_000, (r.quantities[q] ?? 0).rounded()))) }
            let total = Counts(teachers: value(.teachers), degree: value(.degreeTeachers), backbone: value(.backboneTeachers),
                               peArt: value(.peArtTeachers), midSenior: value(.midSeniorTitleTeachers), certified: value(.certifiedTeachers))
            switch r.section {
            case .single(let s): parts = [(s, total)]
            case .combined:
                let p = r.sectionStudents?.primary ?? 0, j = r.sectionStudents?.junior ?? 0
                guard p + j > 0 else { continue }
                let share = Double(p) / Double(p + j)
                let tp = Int((Double(total.teachers) * share).rounded()), tj = total.teachers - tp
                func split(_ x: Int) -> (Int, Int) {
                    let a = min(tp, max(x - tj, Int((Double(x) * share).rounded())))
                    return (a, x - a)
                }
                var a = Counts(teachers: tp), b = Counts(teachers: tj)
                (a.degree, b.degree) = split(total.degree)
                (a.backbone, b.backbone) = split(total.backbone)
                (a.peArt, b.peArt) = split(total.peArt)
                (a.midSenior, b.midSenior) = split(total.midSenior)
                (a.certified, b.certified) = split(total.certified)
                parts = [(.primary, a), (.junior, b)].filter { $0.1.teachers > 0 }
            }
            for (section, counts) in parts {
                let principal = !principalPlaced.contains(r.schoolCode) && r.schoolType != .teachingPoint
                if principal { principalPlaced.insert(r.schoolCode) }
                rows += teachers(school: r.schoolCode, section: section, counts: counts, location: r.location, year: year,
                                 principal: principal, sequence: &sequence, rng: &rng)
            }
            if !coordinates.contains(where: { $0.0 == r.schoolCode }) {
                let spread = r.location == .urban ? 0.05 : (r.location == .town ? 0.2 : 0.4)
                coordinates.append((r.schoolCode, 120.0 + rng.uniform(-spread...spread), 30.0 + rng.uniform(-spread...spread)))
            }
        }
        plant(&rows, count: planted, notes: &notes, records: records)
        return DemoRegister(header: RegisterColumn.allCases.map(\.rawValue), rows: rows, planted: notes,
                            coordinates: coordinates.map { (code: $0.0, lon: $0.1, lat: $0.2) })
    }

    /// A synthetic county of about `teachers` teachers in `schools` single-section schools (two thirds 小学), with
    /// statistics whose teacher figures come from the register and whose other indicators mostly meet the standard.
    /// Urban schools are strong in backbone, degree and PE/art teachers, rural ones weak.
    public static func county(teachers: Int, schools: Int, seed: UInt64) -> (records: [StatisticsRecord], register: DemoRegister) {
        var rng = SeededGenerator(seed: seed ^ 0x5C0_0150)
        let perSchool = max(2, teachers / max(1, schools))
        var records: [StatisticsRecord] = [], rows: [[String]] = [], coordinates: [(code: String, lon: Double, lat: Double)] = []
        var sequence = 0
        for n in 0..<max(1, schools) {
            let code = "S" + String(100_000 + n)
            let section: Section = n % 3 == 2 ? .junior : .primary
            let location: Location = [.urban, .town, .rural, .rural][n % 4]
            let size = max(2, perSchool + rng.int(-(perSchool / 3)...(perSchool / 3)))
            let pupils = size * (section == .primary ? rng.int(14...18) : rng.int(11...13))
            let strong = location == .urban ? 1.0 : (location == .town ? 0.8 : 0.55)
            let per100 = Double(pupils) / 100
            func clampCount(_ x: Double) -> Int { min(size, max(0, Int(x.rounded()))) }
            let counts = Counts(teachers: size,
                                degree: clampCount(Double(size) * min(1, 0.75 + 0.25 * strong * rng.uniform(0.9...1.1))),
                                backbone: clampCount(per100 * 1.6 * strong * rng.uniform(0.7...1.3)),
                                peArt: clampCount(per100 * 1.3 * strong * rng.uniform(0.8...1.2)),
                                midSenior: clampCount(Double(size) * rng.uniform(0.35...0.7)),
                                certified: clampCount(Double(size) * rng.uniform(0.93...1.0)))
            let made = self.teachers(school: code, section: section, counts: counts, location: location, year: 2026,
                                     principal: true, sequence: &sequence, rng: &rng)
            rows += made
            var q = Quantities()
            let N = Double(pupils)
            q[.classes] = (N / 40).rounded(.up)
            q[.teachers] = Double(counts.teachers)
            q[.degreeTeachers] = Double(counts.degree)
            q[.backboneTeachers] = Double(counts.backbone)
            q[.peArtTeachers] = Double(counts.peArt)
            q[.midSeniorTitleTeachers] = Double(counts.midSenior)
            q[.certifiedTeachers] = Double(counts.certified)
            let junior = section == .junior ? 1.3 : 1.0
            q[.teachingAuxArea] = (N * 6 * junior).rounded()
            q[.sportsArea] = (N * 11 * junior).rounded()
            q[.equipmentValue] = (N * 2700 * junior).rounded()
            q[.multimediaClassrooms] = (N * 0.026).rounded(.up)
            records.append(StatisticsRecord(row: n + 2, schoolCode: code, schoolName: "学校\(n + 1)", schoolType: section == .primary ? .primary : .junior,
                                            section: .single(section), location: location, students: pupils, quantities: q))
            let spread = location == .urban ? 0.05 : 0.35
            coordinates.append((code, 120.0 + rng.uniform(-spread...spread), 30.0 + rng.uniform(-spread...spread)))
        }
        return (records, DemoRegister(header: RegisterColumn.allCases.map(\.rawValue), rows: rows, planted: [], coordinates: coordinates))
    }

    /// The rows of one section's teachers, with exactly the given counts.
    static func teachers(school: String, section: Section, counts c: Counts, location: Location, year: Int, principal: Bool,
                         sequence: inout Int, rng: inout SeededGenerator) -> [[String]] {
        let n = c.teachers
        guard n > 0 else { return [] }
        func subset(_ k: Int) -> Set<Int> { Set(Array(0..<n).shuffled(using: &rng).prefix(max(0, min(n, k)))) }
        let degree = subset(c.degree), backbone = subset(c.backbone), pe = subset(c.peArt), mid = subset(c.midSenior), cert = subset(c.certified)
        let general = section == .primary ? primarySubjects : juniorSubjects
        var rows: [[String]] = []
        for i in 0..<n {
            sequence += 1
            let id = "T" + String(1_000_000 + sequence)
            let name = rng.pick(surnames) + rng.pick(givenNames)
            let birth = (rng.int(1965...2001), rng.int(1...12), rng.int(1...28))
            func pad(_ x: Int, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(x).count)) + String(x) }
            // Region 3301xx and the 3-digit sequence together number the teachers, so no two share an ID number.
            let first17 = "3301" + pad((sequence / 1000) % 100, 2) + pad(birth.0, 4) + pad(birth.1, 2) + pad(birth.2, 2) + pad(sequence % 1000, 3)
            let idNumber = first17 + String(IDNumber.checkCharacter(first17) ?? "0")
            var subjects: [String]
            if pe.contains(i) { subjects = [peArt[i % peArt.count]] } else {
                subjects = [general[(i + sequence) % general.count]]
                if rng.chance(0.25) { subjects.append(general[(i + sequence + 1) % general.count]) }
            }
            let required: Degree = section == .primary ? .juniorCollege : .bachelor
            let deg: Degree = degree.contains(i)
                ? Degree(rawValue: min(3, required.rawValue + (rng.chance(0.3) ? 1 : 0))) ?? required
                : Degree(rawValue: required.rawValue - 1) ?? .highSchoolOrBelow
            let title: Title = mid.contains(i) ? rng.pick([.intermediate, .intermediate, .associateSenior, .senior]) : rng.pick([.unranked, .junior, .junior])
            let level: BackboneLevel = backbone.contains(i) ? rng.pick([.county, .county, .city, .province]) : .none
            let stage: CertificateStage = cert.contains(i) ? (section == .primary ? rng.pick([.primary, .junior]) : rng.pick([.junior, .senior]))
                : (section == .primary ? .none : rng.pick([.none, .primary]))
            let isPrincipal = principal && i == 0
            let sinceYear = isPrincipal ? year - rng.int(3...14) : year - rng.int(0...14)
            let since = pad(sinceYear, 4) + "-" + pad(rng.int(1...12), 2) + "-" + pad(rng.int(1...28), 2)
            let hours = rng.chance(0.9) ? String(rng.int(0...42) * 10) : ""
            rows.append([id, name, idNumber, school, section.rawValue, subjects.joined(separator: "、"), deg.label, title.label, level.label,
                         stage.label, rng.chance(0.9) || isPrincipal ? "是" : "否", since, hours, rng.chance(0.03) ? "是" : "否",
                         isPrincipal ? "校长" : "教师", rng.chance(0.15) ? "是" : "否"])
        }
        return rows
    }

    /// Plants up to three one-field differences: a 骨干 level lowered to 无, a degree lowered below the required one,
    /// a PE/art teacher's subjects changed to 语文 — each in a different school.
    static func plant(_ rows: inout [[String]], count: Int, notes: inout [String], records: [StatisticsRecord]) {
        let col = { (c: RegisterColumn) in RegisterColumn.allCases.firstIndex(of: c) ?? 0 }
        var used = Set<String>()
        let kinds = Array([0, 1, 2].prefix(max(0, min(3, count))))
        for kind in kinds {
            // From the end of the register, so the first schools stay untouched.
            guard let i = rows.indices.reversed().first(where: { i in
                let r = rows[i]
                guard !used.contains(r[col(.schoolCode)]) else { return false }
                switch kind {
                case 0: return r[col(.backbone)] != BackboneLevel.none.label
                case 1: return r[col(.degree)] == (r[col(.section)] == "小学" ? "专科" : "本科")
                default: return peArt.contains(r[col(.subjects)])
                }
            }) else { continue }
            let school = rows[i][col(.schoolCode)], section = rows[i][col(.section)]
            used.insert(school)
            switch kind {
            case 0:
                rows[i][col(.backbone)] = BackboneLevel.none.label
                notes.append("\(school) \(section) backbone_teachers 县级及以上骨干教师数: register one fewer (\(rows[i][col(.teacherID)]) 骨干级别 → 无)")
            case 1:
                rows[i][col(.degree)] = section == "小学" ? "高中及以下" : "专科"
                notes.append("\(school) \(section) teachers_above_required_degree 高于规定学历教师数: register one fewer (\(rows[i][col(.teacherID)]) 最高学历 lowered)")
            default:
                rows[i][col(.subjects)] = "语文"
                notes.append("\(school) \(section) pe_art_teachers 体育艺术专任教师数: register one fewer (\(rows[i][col(.teacherID)]) 任教学科 → 语文)")
            }
        }
    }
}
