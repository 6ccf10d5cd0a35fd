import EquityKit
import Foundation
import JunhengImport
import JunhengSheets
import Testing
@testable import Teachers

/// A protected ID for hand-built records (hash and mask are irrelevant to the figures).
func pid(_ n: Int) -> ProtectedIDNumber { ProtectedIDNumber(hash: String(n), masked: "330***\(n)") }

func day(_ s: String) -> CalendarDay { CalendarDay(text: s) ?? CalendarDay(year: 1900, month: 1, day: 1)! }

func teacher(_ id: String, _ school: String, _ section: Section, _ subjects: [String], degree: Degree = .bachelor, title: Title = .junior,
             backbone: BackboneLevel = .none, certificate: CertificateStage = .junior, tenured: Bool = true, since: String = "2010-01-01",
             hours: Double? = nil, noMove: Bool = false, role: TeacherRole = .teacher, volunteer: Bool? = nil) -> TeacherRecord {
    TeacherRecord(teacherID: id, name: "教师" + id, idNumber: pid(id.hashValue & 0xFFFF), schoolCode: school, section: section, subjects: subjects,
                  degree: degree, title: title, backbone: backbone, certificate: certificate, tenured: tenured, schoolSince: day(since),
                  trainingHours: hours, noMove: noMove, role: role, volunteer: volunteer)
}

@Suite("Register: ID numbers, eligibility, derived figures")
struct RegisterTests {
    @Test("ID numbers: GB 11643 check character, masked 110***002X, HMAC-SHA-256 equal to Python's hmac")
    func idNumbers() throws {
        #expect(IDNumber.checkCharacter("11010519491231002") == "X")
        #expect(IDNumber.isValid("11010519491231002X"))
        #expect(IDNumber.isValid("11010519491231002x"))
        #expect(!IDNumber.isValid("110105194912310021"))   // wrong check character
        #expect(!IDNumber.isValid("1101051949123100"))     // 16 characters
        #expect(IDNumber.isValid("110105491231002"))       // old 15-digit form
        #expect(!IDNumber.isValid("１１０１０５１９４９１２３１００２X"))   // full-width digits
        let key = try #require(IDNumberKey(bytes: Array("0123456789abcdef".utf8)))
        let p = try #require(ProtectedIDNumber(number: "11010519491231002x", key: key))
        #expect(p.masked == "110***002X")
        // python3: hmac.new(b'0123456789abcdef', b'11010519491231002X', hashlib.sha256).hexdigest()
        #expect(p.hash == "dd6a5ba2eed683e7925b20f655c01434a93591983089686662b75f63b85a9c1b")
        #expect(IDNumberKey(bytes: Array("short".utf8)) == nil)
        #expect(ProtectedIDNumber(number: "110105194912310021", key: key) == nil)
    }

    @Test("eligibility boundaries: exactly 6 years on 1 September, one day short, untenured, principals at 10, 29 February")
    func eligibility() {
        let r = TeacherRules.builtIn.rotation
        func why(_ t: TeacherRecord) -> EligibilityReason { Eligibility.reason(t, year: 2026, rules: r) }
        #expect(why(teacher("a", "S", .primary, ["语文"], since: "2020-09-01")) == .eligible)
        #expect(why(teacher("b", "S", .primary, ["语文"], since: "2020-09-02")) == .tooFewYears)
        #expect(why(teacher("c", "S", .primary, ["语文"], since: "2020-08-31")) == .eligible)
        #expect(why(teacher("d", "S", .primary, ["语文"], tenured: false, since: "2001-01-01")) == .untenured)
        #expect(why(teacher("e", "S", .primary, ["语文"], since: "2016-09-01", role: .principal)) == .eligible)
        #expect(why(teacher("f", "S", .primary, ["语文"], since: "2016-09-02", role: .principal)) == .tooFewYears)
        #expect(why(teacher("g", "S", .primary, ["语文"], since: "2018-01-01", role: .vicePrincipal)) == .tooFewYears)
        #expect(why(teacher("h", "S", .primary, ["语文"], since: "2018-01-01")) == .eligible)
        #expect(why(teacher("i", "S", .primary, ["语文"], since: "2020-02-29")) == .eligible)
        #expect(why(teacher("j", "S", .primary, ["语文"], since: "2027-01-01")) == .tooFewYears)
        #expect(Eligibility.years(teacher("k", "S", .primary, ["语文"], since: "2020-09-01"), year: 2026, rules: r) == 6)
        #expect(Eligibility.years(teacher("l", "S", .primary, ["语文"], since: "2020-09-02"), year: 2026, rules: r) == 5)
        // ⌈10% × n⌉ and ⌈20% × n⌉ by hand.
        #expect(Eligibility.minimumExchanged(eligible: 30, share: 0.1) == 3)
        #expect(Eligibility.minimumExchanged(eligible: 31, share: 0.1) == 4)
        #expect(Eligibility.minimumExchanged(eligible: 0, share: 0.1) == 0)
        #expect(Eligibility.minimumBackbone(exchanged: 10, share: 0.2) == 2)
        #expect(Eligibility.minimumBackbone(exchanged: 11, share: 0.2) == 3)
    }

    @Test("full years agree with the anniversary rule on every day of 2019–2021 (independent method)")
    func fullYearsByAnniversary() throws {
        let cutoff = try #require(CalendarDay(year: 2026, month: 9, day: 1))
        var d = try #require(CalendarDay(year: 2019, month: 1, day: 1))
        while d.year < 2022 {
            let years = d.fullYears(until: cutoff)
            #expect(((d.year + years, d.month, d.day) <= (2026, 9, 1)) && !((d.year + years + 1, d.month, d.day) <= (2026, 9, 1)))
            d = CalendarDay(year: d.year, month: d.month, day: d.day + 1) ?? CalendarDay(year: d.year, month: d.month + 1, day: 1)
                ?? CalendarDay(year: d.year + 1, month: 1, day: 1)!
        }
    }

    /// School A 小学 (4 teachers), A 初中 (2), B 九年一贯制 on a 合计 row (2 + 1), D only in the register.
    static let register = TeacherRegister(teachers: [
        teacher("t1", "A", .primary, ["语文"], degree: .juniorCollege, title: .intermediate, backbone: .county, certificate: .primary, hours: 360),
        teacher("t2", "A", .primary, ["体育"], degree: .highSchoolOrBelow, title: .junior, certificate: .none, hours: 359),
        teacher("t3", "A", .primary, ["数学", "音乐"], degree: .bachelor, title: .associateSenior, backbone: .city, certificate: .junior),
        teacher("t4", "A", .primary, ["美术"], degree: .postgraduate, title: .unranked, certificate: .primary, hours: 400),
        teacher("t5", "A", .junior, ["体育与健康"], degree: .juniorCollege, certificate: .primary),
        teacher("t6", "A", .junior, ["物理"], degree: .bachelor, certificate: .senior),
        teacher("t7", "B", .primary, ["语文"], degree: .juniorCollege, backbone: .province, certificate: .primary),
        teacher("t8", "B", .primary, ["英语"], degree: .highSchoolOrBelow, certificate: .primary),
        teacher("t9", "B", .junior, ["数学"], degree: .juniorCollege, title: .senior, certificate: .junior),
        teacher("t10", "D", .primary, ["语文"]),
    ])

    @Test("derived figures equal the hand counts")
    func derivation() throws {
        let f = Dictionary(TeacherFigures.derive(Self.register).map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let ap = try #require(f[SectionKey("A", .primary)])
        let got: [Int] = [ap.teachers, ap.degreeTeachers, ap.backboneTeachers, ap.peArtTeachers, ap.certifiedTeachers, ap.trainingCompleted,
                          ap.trainingReported, ap.midSeniorTitleTeachers]
        #expect(got == [4, 3, 2, 3, 3, 2, 3, 2])
        let aj = try #require(f[SectionKey("A", .junior)])
        // t5's 专科 is below 初中's 本科 and their 小学 certificate does not cover 初中.
        #expect((aj.teachers, aj.degreeTeachers, aj.backboneTeachers, aj.peArtTeachers, aj.certifiedTeachers, aj.midSeniorTitleTeachers) == (2, 1, 0, 1, 1, 0))
        let bp = try #require(f[SectionKey("B", .primary)])
        #expect((bp.teachers, bp.degreeTeachers, bp.backboneTeachers, bp.certifiedTeachers) == (2, 1, 1, 2))
        let bj = try #require(f[SectionKey("B", .junior)])
        #expect((bj.teachers, bj.degreeTeachers, bj.certifiedTeachers, bj.midSeniorTitleTeachers) == (1, 0, 1, 1))
    }

    @Test("differences against the statistics: per row, 合计 against the sections' sum, unreported skipped, missing schools listed")
    func differences() {
        func q(_ pairs: [(Quantity, Double)]) -> Quantities { var x = Quantities(); for (k, v) in pairs { x[k] = v }; return x }
        let records = [
            StatisticsRecord(row: 2, schoolCode: "A", schoolName: "A", schoolType: .nineYear, section: .single(.primary), location: .urban, students: 100,
                             quantities: q([(.teachers, 4), (.degreeTeachers, 3), (.backboneTeachers, 1), (.peArtTeachers, 3), (.certifiedTeachers, 3)])),
            StatisticsRecord(row: 3, schoolCode: "A", schoolName: "A", schoolType: .nineYear, section: .single(.junior), location: .urban, students: 40,
                             quantities: q([(.teachers, 2), (.degreeTeachers, 1), (.backboneTeachers, 0), (.peArtTeachers, 1), (.midSeniorTitleTeachers, 0)])),
            StatisticsRecord(row: 4, schoolCode: "B", schoolName: "B", schoolType: .nineYear, section: .combined, location: .rural, students: 60,
                             sectionStudents: SectionStudents(primary: 40, junior: 20),
                             quantities: q([(.teachers, 3), (.degreeTeachers, 2), (.backboneTeachers, 1), (.peArtTeachers, 0)])),
            StatisticsRecord(row: 5, schoolCode: "C", schoolName: "C", schoolType: .primary, section: .single(.primary), location: .rural, students: 50,
                             quantities: q([(.teachers, 5)])),
        ]
        let c = TeacherFigures.compare(Self.register, with: records)
        let found = c.differences.map { "\($0.kind.rawValue) \($0.row) \($0.schoolCode) \($0.section) \($0.field) \($0.statistics.map { String($0) } ?? "-") \($0.derived.map(String.init) ?? "-")" }
        #expect(found.sorted() == [
            "differs 2 A 小学 backbone_teachers 1.0 2",
            "differs 4 B 合计 teachers_above_required_degree 2.0 1",
            "school_not_in_register 5 C 小学 teachers 5.0 0",
            "school_not_in_statistics 0 D 小学 teachers - 1",
        ])
        // Adopting writes the derived figures: no differences left on the rows the register covers.
        let adopted = TeacherFigures.adopt(Self.register, into: records)
        #expect(TeacherFigures.compare(Self.register, with: adopted).differences.filter { $0.kind == .differs }.isEmpty)
        #expect(adopted[2].quantities[.teachers] == 3 && adopted[2].quantities[.degreeTeachers] == 1)
    }

    @Test("rules: built-in JSON decodes; an override changes only what it names; bad values are refused")
    func rules() throws {
        let base = try TeacherRules.load()
        #expect(base.rotation.exchangeShare == 0.10 && base.rotation.backboneShare == 0.20 && base.rotation.minimumYears == 6)
        #expect(base.derivation.requiredDegree[.primary] == .juniorCollege && base.derivation.requiredDegree[.junior] == .bachelor)
        let o = try TeacherRules.load(overrides: Data(#"{"rotation": {"exchange_share": 0.15, "max_out_per_school": 2}}"#.utf8))
        #expect(o.rotation.exchangeShare == 0.15 && o.rotation.maxOutPerSchool == 2 && o.rotation.backboneShare == 0.20)
        #expect(throws: TeacherRulesError.self) { try TeacherRules.load(overrides: Data(#"{"rotation": {"exchange_share": 2}}"#.utf8)) }
        #expect(throws: TeacherRulesError.self) { try TeacherRules.load(overrides: Data(#"{"derivation": {"mid_senior_title": "高级"}}"#.utf8)) }
    }
}

@Suite("Register import")
struct RegisterImportTests {
    let key = IDNumberKey(bytes: Array("0123456789abcdef".utf8))!
    static let header = "教师编号,姓名,身份证号,学校标识码,任教学段,任教学科,最高学历,职称,骨干级别,教师资格证学段,在编,现校任教起始日期,本周期培训学时,不宜交流"

    @Test("Chinese headers: a valid file imports with hashed and masked ID numbers")
    func imports() throws {
        let csv = Self.header + "\nT1,王芳,11010519491231002X,S1,小学,语文、美术,本科,中级,县级,小学,是,2015-03-01,120,否\n"
            + "T2,李强,330101198001010011,S1,初中,数学,研究生,副高级,无,高中,否,2019/9/1,,\n"
        let r = try TeacherRegisterImporter.parse(data: Data(csv.utf8), file: "名册.csv", key: key)
        #expect(r.teachers.count == 2 && !r.hasVolunteerColumn)
        #expect(r.teachers[0].subjects == ["语文", "美术"] && r.teachers[0].idNumber.masked == "110***002X")
        #expect(r.teachers[0].idNumber.hash == "dd6a5ba2eed683e7925b20f655c01434a93591983089686662b75f63b85a9c1b")
        #expect(r.teachers[1].schoolSince == CalendarDay(year: 2019, month: 9, day: 1) && r.teachers[1].trainingHours == nil && !r.teachers[1].tenured)
        #expect(r.teachers[1].row == 3)
    }

    @Test("English headers, a volunteer column and a role column")
    func english() throws {
        let csv = "teacher_id,name,id_number,school_code,section,subjects,degree,title,backbone,certificate,tenured,school_since,role,volunteer\n"
            + "T1,Wang,330101198001010011,S1,primary,语文,bachelor,intermediate,county,primary,yes,2015-03-01,校长,是\n"
        let r = try TeacherRegisterImporter.parse(data: Data(csv.utf8), file: "r.csv", key: key)
        #expect(r.hasVolunteerColumn && r.teachers[0].volunteer == true && r.teachers[0].role == .principal && r.teachers[0].degree == .bachelor)
    }

    @Test("GB18030 bytes (as Excel on Chinese Windows saves) import")
    func gb18030() throws {
        let hex = "bdcccaa6b1e0bac52cd0d5c3fb2cc9edb7ddd6a4bac52cd1a7d0a3b1eacab6c2eb2cc8cebdccd1a7b6ce2cc8cebdccd1a7bfc62cd7eeb8dfd1a7c0fa2cd6b0b3c62cb9c7b8c9bcb6b1f02cbdcccaa6d7cab8f1d6a4d1a7b6ce2cd4dab1e02ccfd6d0a3c8cebdccc6f0cabcc8d5c6da0a54312ccdf5b7bc2c3333303130313139383030313031303031312c53312cd0a1d1a72cd3efcec4a1a2c3c0caf52cb1bebfc62cd6d0bcb62ccfd8bcb62cd0a1d1a72ccac72c323031352d30332d30310a"
        var bytes: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex { let j = hex.index(i, offsetBy: 2); bytes.append(UInt8(hex[i..<j], radix: 16) ?? 0); i = j }
        let r = try TeacherRegisterImporter.parse(data: Data(bytes), file: "gbk.csv", key: key)
        #expect(r.teachers.count == 1 && r.teachers[0].name == "王芳" && r.teachers[0].subjects == ["语文", "美术"])
    }

    @Test("XLSX import")
    func xlsx() throws {
        var book = XLSXWorkbook()
        book.addSheet(name: "名册", rows: [Self.header.split(separator: ",").map { .text(String($0)) },
                                           ["T1", "王芳", "11010519491231002X", "S1", "小学", "语文", "本科", "中级", "县级", "小学", "是", "2015-03-01", "360", "否"].map { .text($0) }])
        let r = try TeacherRegisterImporter.parse(data: try book.data(), file: "名册.xlsx", key: key)
        #expect(r.teachers.count == 1 && r.teachers[0].trainingHours == 360)
    }

    @Test("all or nothing: every problem located by row and column; the ID number is never echoed in full")
    func locatedErrors() throws {
        let csv = Self.header + "\nT1,王芳,11010519491231002X,S1,小学,语文,本科,中级,县级,小学,是,2015-03-01,,\n"
            + "T2,李强,110105194912310021,S1,高中,数学,博士,中级,无,小学,是,2015-02-30,abc,也许\n"
            + "T1,张三,330101198001010011,S/1,初中,,本科,中级,无,初中,是,2015-03-01,,\n"
        do {
            _ = try TeacherRegisterImporter.parse(data: Data(csv.utf8), file: "名册.csv", key: key)
            Issue.record("imported a bad file")
        } catch {
            guard case .invalid(let issues) = error else { Issue.record("\(error)"); return }
            let found = Set(issues.map { "\($0.row) \($0.column)" })
            #expect(found == ["3 身份证号", "3 任教学段", "3 最高学历", "3 现校任教起始日期", "3 本周期培训学时", "3 不宜交流",
                              "4 教师编号", "4 学校标识码", "4 任教学科"])
            #expect(issues.first { $0.column == "身份证号" }?.value == "110***0021")
            #expect(issues.allSatisfy { $0.file == "名册.csv" })
        }
    }

    @Test("a missing required header is reported on the header row")
    func missingHeader() {
        let csv = "教师编号,姓名\nT1,王芳\n"
        #expect(throws: ImportError.self) { try TeacherRegisterImporter.parse(data: Data(csv.utf8), file: "r.csv", key: key) }
        do { _ = try TeacherRegisterImporter.parse(data: Data(csv.utf8), file: "r.csv", key: key) } catch {
            guard case .invalid(let issues) = error else { return }
            #expect(issues.contains { $0.row == 1 && $0.column == "身份证号" })
        }
    }
}
