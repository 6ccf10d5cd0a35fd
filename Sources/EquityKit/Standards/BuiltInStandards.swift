/// The standards Junheng ships, as data.
public enum BuiltInStandards {
    /// Every built-in standard, by id.
    public static let all: [Standard] = [youzhi2017, jiben2012]

    /// The built-in standard with `id`.
    public static func standard(id: String) -> Standard? { all.first { $0.id == id } }

    static let defaultScope = Scope(excludedTypes: [.specialEducation, .vocational], teachingPointMinimumStudents: 50)

    private static func per100(_ key: String, _ zh: String, _ en: String, _ q: Quantity,
                               _ requirement: PerSection<Double>? = nil) -> IndicatorDefinition {
        IndicatorDefinition(key: key, nameZH: zh, nameEN: en, unitZH: "人/百生", unitEN: "per 100 students",
                            numerator: q, perStudents: 100, requirement: requirement)
    }

    private static func perStudent(_ key: String, _ zh: String, _ en: String, _ unitZH: String, _ unitEN: String,
                                   _ q: Quantity, _ requirement: PerSection<Double>? = nil) -> IndicatorDefinition {
        IndicatorDefinition(key: key, nameZH: zh, nameEN: en, unitZH: unitZH, unitEN: unitEN,
                            numerator: q, perStudents: 1, requirement: requirement)
    }

    /// 县域义务教育优质均衡发展督导评估办法 (教督〔2017〕6号), 资源配置 part.
    public static let youzhi2017 = Standard(
        id: "youzhi-2017",
        nameZH: "县域义务教育优质均衡发展督导评估（资源配置）",
        nameEN: "County high-quality balanced compulsory education (resource allocation)",
        basis: "教督〔2017〕6号",
        indicators: [
            per100("degree_teachers_per100", "每百名学生拥有高于规定学历教师数",
                   "Teachers above required degree per 100 students", .degreeTeachers,
                   PerSection(primary: 4.2, junior: 5.3)),
            per100("backbone_teachers_per100", "每百名学生拥有县级及以上骨干教师数",
                   "County-level or higher backbone teachers per 100 students", .backboneTeachers,
                   PerSection(primary: 1.0, junior: 1.0)),
            per100("pe_art_teachers_per100", "每百名学生拥有体育、艺术（美术、音乐）专任教师数",
                   "PE and art (fine art, music) teachers per 100 students", .peArtTeachers,
                   PerSection(primary: 0.9, junior: 0.9)),
            perStudent("teaching_area_per_student", "生均教学及辅助用房面积",
                       "Teaching and auxiliary floor area per student", "平方米", "m²", .teachingAuxArea,
                       PerSection(primary: 4.5, junior: 5.8)),
            perStudent("sports_area_per_student", "生均体育运动场馆面积",
                       "Sports ground and hall area per student", "平方米", "m²", .sportsArea,
                       PerSection(primary: 7.5, junior: 10.2)),
            perStudent("equipment_value_per_student", "生均教学仪器设备值",
                       "Teaching equipment value per student", "元", "yuan", .equipmentValue,
                       PerSection(primary: 2000, junior: 2500)),
            IndicatorDefinition(key: "multimedia_rooms_per100", nameZH: "每百名学生拥有网络多媒体教室数",
                                nameEN: "Networked multimedia classrooms per 100 students",
                                unitZH: "间/百生", unitEN: "rooms per 100 students",
                                numerator: .multimediaClassrooms, perStudents: 100,
                                requirement: PerSection(primary: 2.3, junior: 2.4)),
        ],
        schoolRule: SchoolRule(minimumMet: 6, floorRatio: 0.85),
        countyRule: CountyRule(kind: .everyIndicator, cvLimit: PerSection(primary: 0.50, junior: 0.45)),
        scope: defaultScope,
        splitWeights: .provincialPractice)

    /// 县域义务教育均衡发展督导评估暂行办法 (2012): eight indicators, 综合差异系数.
    public static let jiben2012 = Standard(
        id: "jiben-2012",
        nameZH: "县域义务教育基本均衡发展督导评估",
        nameEN: "County basic balanced compulsory education",
        basis: "教督〔2012〕3号",
        indicators: [
            perStudent("teaching_area_per_student", "生均教学及辅助用房面积",
                       "Teaching and auxiliary floor area per student", "平方米", "m²", .teachingAuxArea),
            perStudent("sports_area_per_student", "生均体育运动场馆面积",
                       "Sports ground and hall area per student", "平方米", "m²", .sportsArea),
            perStudent("equipment_value_per_student", "生均教学仪器设备值",
                       "Teaching equipment value per student", "元", "yuan", .equipmentValue),
            IndicatorDefinition(key: "computers_per100", nameZH: "每百名学生拥有计算机台数",
                                nameEN: "Computers per 100 students", unitZH: "台/百生", unitEN: "per 100 students",
                                numerator: .computers, perStudents: 100),
            perStudent("books_per_student", "生均图书册数", "Library books per student", "册", "books", .books),
            per100("teachers_per100", "师生比（每百名学生拥有专任教师数）", "Teachers per 100 students", .teachers),
            per100("degree_teachers_per100", "每百名学生拥有高于规定学历教师数",
                   "Teachers above required degree per 100 students", .degreeTeachers),
            per100("mid_senior_title_teachers_per100", "每百名学生拥有中级及以上专业技术职务教师数",
                   "Teachers with intermediate or senior title per 100 students", .midSeniorTitleTeachers),
        ],
        schoolRule: nil,
        countyRule: CountyRule(kind: .compositeMean, cvLimit: PerSection(primary: 0.65, junior: 0.55)),
        scope: defaultScope,
        splitWeights: .provincialPractice)
}
