/// 评估的组成部分: the parts of the 优质均衡 督导评估 (accreditation.md §0).
public enum AssessmentPart: String, Sendable, CaseIterable, Codable {
    /// 申报条件: the entry condition.
    case entry
    /// 资源配置 (standards.md §1.1).
    case resources
    /// 政府保障程度 (15 items).
    case government
    /// 教育质量 (9 items).
    case quality
    /// 社会认可度.
    case recognition
    /// 一票否决 (7 items).
    case veto

    /// Chinese name.
    public var zh: String {
        switch self {
        case .entry: "申报条件"
        case .resources: "资源配置"
        case .government: "政府保障程度"
        case .quality: "教育质量"
        case .recognition: "社会认可度"
        case .veto: "否决事项"
        }
    }

    /// English name.
    public var en: String {
        switch self {
        case .entry: "Entry condition"
        case .resources: "Resource allocation"
        case .government: "Government guarantee"
        case .quality: "Education quality"
        case .recognition: "Social recognition"
        case .veto: "Vetoes"
        }
    }
}

/// 评价单位: what one verdict of an item is about.
public enum ItemGrain: String, Sendable, Codable {
    case county
    case school
    /// One row per school section (一贯制 schools: 小学 and 初中 separately).
    case schoolSection = "school_section"
}

/// 指标类型: computed from numbers, judged by a reviewer on documents, or both.
public enum ItemKind: String, Sendable, Codable {
    case data
    case evidence
    case both

    /// Whether a reviewer's verdict is needed.
    public var needsVerdict: Bool { self != .data }
    /// Whether figures are needed.
    public var needsData: Bool { self != .evidence }
}

/// One item of the assessment as data: key, part, wording, grain, kind and the wording of its rule.
public struct ItemDefinition: Sendable, Equatable {
    public var key: String
    public var part: AssessmentPart
    public var zh: String
    public var en: String
    public var grain: ItemGrain
    public var kind: ItemKind
    /// The pass rule in words (national default; the numbers come from the rules' parameters).
    public var ruleZH: String
    public var ruleEN: String
}

/// Every item of accreditation.md in report order: E, R, G1–G15, Q1–Q9, S, V1–V7.
public enum AssessmentItems {
    public static let all: [ItemDefinition] = [
        .init(key: "E", part: .entry, zh: "通过基本均衡认定3年以上，且年度监测良好", en: "Recognised as basically balanced ≥ 3 years before applying, with good yearly monitoring",
              grain: .county, kind: .both, ruleZH: "申报年份 − 基本均衡认定年份 ≥ 3，且年度监测材料评审达标",
              ruleEN: "application year − basic-balance year ≥ 3, and the yearly-monitoring evidence judged pass"),
        .init(key: "R", part: .resources, zh: "资源配置7项指标", en: "Seven resource-allocation indicators",
              grain: .schoolSection, kind: .data, ruleZH: "每校至少6项达标、其余不低于85%，14个差异系数均不超过限值",
              ruleEN: "every school meets ≥ 6 of 7 and the rest ≥ 85%; all 14 CVs within their limits"),
        .init(key: "G1", part: .government, zh: "县域内义务教育学校规划布局合理，符合国家规定要求", en: "School layout planned rationally as the state requires",
              grain: .county, kind: .evidence, ruleZH: "布局规划材料评审达标", ruleEN: "reviewer verdict on the approved layout plan"),
        .init(key: "G2", part: .government, zh: "城乡建设标准、教师编制标准、生均公用经费基准定额、基本装备配置标准\"四统一\"",
              en: "Urban and rural unified standards for building, staffing, per-student public funds and equipment",
              grain: .county, kind: .both, ruleZH: "四项政策文件评审达标；县生均公用经费基准定额（小学、初中）不低于省定标准",
              ruleEN: "the four policy documents judged pass; the county's per-student base funds (primary, junior) ≥ the province's"),
        .init(key: "G3", part: .government, zh: "每12个班级配备音乐、美术专用教室1间以上，音乐教室不小于96平方米，美术教室不小于90平方米",
              en: "One music and one art room per 12 classes, music ≥ 96 m², art ≥ 90 m²",
              grain: .school, kind: .data, ruleZH: "每校达到面积标准的音乐、美术教室各不少于 ⌈班级数 ÷ 12⌉ 间",
              ruleEN: "every school: rooms of each kind meeting the area standard ≥ ⌈classes / 12⌉"),
        .init(key: "G4", part: .government, zh: "小学、初中规模不超过2000人，九年一贯制、十二年一贯制义务教育阶段不超过2500人",
              en: "Primary and junior schools ≤ 2000 students; nine- and twelve-year schools ≤ 2500 in the compulsory stage",
              grain: .school, kind: .data, ruleZH: "每校义务教育阶段在校生不超过其规模上限", ruleEN: "every school's compulsory-stage students ≤ its limit"),
        .init(key: "G5", part: .government, zh: "小学、初中所有班级学生数分别不超过45人、50人", en: "No primary class above 45, no junior class above 50",
              grain: .schoolSection, kind: .data, ruleZH: "小学最大班额 ≤ 45，初中最大班额 ≤ 50（一贯制各学段分别计）",
              ruleEN: "largest primary class ≤ 45, largest junior class ≤ 50 (each section of a through school on its own)"),
        .init(key: "G6", part: .government, zh: "不足100名学生的村小学和教学点按100名学生核定公用经费",
              en: "Village primary schools and teaching points under 100 students funded as 100 students",
              grain: .school, kind: .data, ruleZH: "核定公用经费 ≥ 100 × 小学生均公用经费基准定额",
              ruleEN: "approved public funds ≥ 100 × the primary per-student base funds"),
        .init(key: "G7", part: .government, zh: "特殊教育学校生均公用经费不低于6000元", en: "Special schools' public funds ≥ 6000 yuan per student",
              grain: .school, kind: .data, ruleZH: "每所特殊教育学校 核定公用经费 ÷ 学生数 ≥ 6000元",
              ruleEN: "each special school: approved public funds ÷ students ≥ 6000 yuan"),
        .init(key: "G8", part: .government, zh: "教师平均工资收入水平不低于当地公务员平均工资收入水平，按规定足额核定教师绩效工资总量",
              en: "Teachers' average pay ≥ local civil servants'; performance pay fully approved",
              grain: .county, kind: .both, ruleZH: "教师年平均工资 ≥ 公务员年平均工资，绩效工资足额核定（有文件，评审达标）",
              ruleEN: "teachers' average annual pay ≥ civil servants', performance pay fully approved (document judged pass)"),
        .init(key: "G9", part: .government, zh: "教师5年360学时培训完成率达到100%", en: "100% of teachers completed 360 training hours in 5 years",
              grain: .school, kind: .data, ruleZH: "每校 完成360学时教师数 ÷ 专任教师数 = 100%",
              ruleEN: "every school: teachers with 360 hours ÷ full-time teachers = 100%"),
        .init(key: "G10", part: .government, zh: "县级教育行政部门在核定的教职工编制总额和岗位总量内统筹分配各校编制和岗位",
              en: "The county bureau allocates posts to schools within the approved totals",
              grain: .county, kind: .evidence, ruleZH: "编制和岗位分配文件评审达标", ruleEN: "reviewer verdict on the allocation documents"),
        .init(key: "G11", part: .government, zh: "每年交流轮岗教师比例不低于符合交流条件教师总数的10%，其中骨干教师不低于交流轮岗教师总数的20%",
              en: "Yearly exchange ≥ 10% of eligible teachers, backbone ≥ 20% of those exchanged",
              grain: .county, kind: .data, ruleZH: "交流人数 ÷ 符合条件人数 ≥ 10%，骨干交流人数 ÷ 交流人数 ≥ 20%",
              ruleEN: "exchanged ÷ eligible ≥ 10% and backbone exchanged ÷ exchanged ≥ 20%"),
        .init(key: "G12", part: .government, zh: "专任教师持有教师资格证上岗率达到100%", en: "100% of full-time teachers certified",
              grain: .school, kind: .data, ruleZH: "每校 持证教师数 ÷ 专任教师数 = 100%", ruleEN: "every school: certified ÷ full-time teachers = 100%"),
        .init(key: "G13", part: .government, zh: "城区和镇区公办小学、初中（均不含寄宿制学校）就近划片入学比例分别达到100%、95%以上",
              en: "Urban and town public non-boarding schools admit 100% (primary) / ≥ 95% (junior) from their catchment",
              grain: .schoolSection, kind: .data, ruleZH: "城区、镇区公办非寄宿学校 划片内招生数 ÷ 招生数：小学 = 100%，初中 ≥ 95%",
              ruleEN: "urban and town public non-boarding schools: catchment entrants ÷ entrants: primary = 100%, junior ≥ 95%"),
        .init(key: "G14", part: .government, zh: "优质高中招生名额分配比例不低于50%，并向农村初中倾斜",
              en: "≥ 50% of quality high-school places allocated to junior schools, tilted to rural ones",
              grain: .county, kind: .data, ruleZH: "分配名额 ÷ 招生计划 ≥ 50%，农村初中名额占比 ≥ 农村初中毕业生占比",
              ruleEN: "quota places ÷ plan ≥ 50%, rural share of the quota ≥ rural share of junior graduates"),
        .init(key: "G15", part: .government, zh: "留守儿童关爱体系健全，随迁子女在公办学校和政府购买服务的民办学校就读比例不低于85%",
              en: "Care for left-behind children; ≥ 85% of migrant children in public or government-purchased places",
              grain: .county, kind: .both, ruleZH: "（公办 + 政府购买学位）÷ 符合条件随迁子女 ≥ 85%，留守儿童关爱体系评审达标",
              ruleEN: "(public + purchased places) ÷ eligible migrant children ≥ 85%, and the left-behind care system judged pass"),
        .init(key: "Q1", part: .quality, zh: "全县初中三年巩固率达到95%以上", en: "Junior three-year retention ≥ 95%",
              grain: .county, kind: .data, ruleZH: "（毕业生 − 转入 + 转出）÷（七年级入学 − 死亡）≥ 95%",
              ruleEN: "(graduates − transfers in + transfers out) ÷ (grade-7 enrolment − deaths) ≥ 95%"),
        .init(key: "Q2", part: .quality, zh: "全县残疾儿童少年入学率达到95%以上", en: "Enrolment of children with disabilities ≥ 95%",
              grain: .county, kind: .data, ruleZH: "入学人数（含送教上门）÷ 适龄残疾儿童少年数 ≥ 95%",
              ruleEN: "enrolled (home tuition included) ÷ school-age children with disabilities ≥ 95%"),
        .init(key: "Q3", part: .quality, zh: "所有学校制定章程，实现学校管理与教学信息化", en: "Every school has a charter and digital management and teaching",
              grain: .school, kind: .evidence, ruleZH: "每校章程材料评审达标", ruleEN: "every school: charter present and judged pass"),
        .init(key: "Q4", part: .quality, zh: "所有学校按照不低于学校年度公用经费预算总额的5%安排教师培训经费",
              en: "Every school budgets ≥ 5% of its public funds for teacher training",
              grain: .school, kind: .data, ruleZH: "每校 教师培训经费 ÷ 公用经费预算总额 ≥ 5%（不是全县平均）",
              ruleEN: "every school (not the county average): training budget ÷ public-funds budget ≥ 5%"),
        .init(key: "Q5", part: .quality, zh: "教师能熟练运用信息化手段组织教学，设施设备利用率达到较高水平",
              en: "Teachers use ICT well; facilities are well used", grain: .county, kind: .evidence,
              ruleZH: "评审达标", ruleEN: "reviewer verdict"),
        .init(key: "Q6", part: .quality, zh: "所有学校德育工作、校园文化建设水平达到良好以上", en: "Every school's moral education and campus culture rated good or better",
              grain: .school, kind: .both, ruleZH: "每校德育与校园文化评定为良好或优秀，材料评审达标",
              ruleEN: "every school rated 良好 or 优秀, evidence judged pass"),
        .init(key: "Q7", part: .quality, zh: "课程开齐开足，教学秩序规范，综合实践活动有效开展", en: "Full curriculum, orderly teaching, effective practical activities",
              grain: .county, kind: .both, ruleZH: "评审达标（三个课堂开齐开足数据为其佐证）",
              ruleEN: "reviewer verdict (the 三个课堂 curriculum figures are its evidence)"),
        .init(key: "Q8", part: .quality, zh: "无过重课业负担", en: "No excessive study burden", grain: .county, kind: .evidence,
              ruleZH: "评审达标（作业、睡眠、课后服务材料）", ruleEN: "reviewer verdict (homework, sleep, after-school service evidence)"),
        .init(key: "Q9", part: .quality, zh: "国家义务教育质量监测中，相关科目学生学业水平达到Ⅲ级以上，且校际差异率低于0.15",
              en: "National quality monitoring: every subject at level Ⅲ or above, between-school rate < 0.15",
              grain: .county, kind: .data, ruleZH: "每个监测科目 等级 ≥ Ⅲ 且 校际差异率 < 0.15（按监测报告原值）",
              ruleEN: "every subject reported: level ≥ Ⅲ and between-school rate < 0.15 (as the monitoring report prints them)"),
        .init(key: "S", part: .recognition, zh: "社会认可度达到85%以上", en: "Social recognition ≥ 85%", grain: .county, kind: .data,
              ruleZH: "国家调查的社会认可度 ≥ 85%（县预调查结果仅供参考，不能代替）",
              ruleEN: "the official survey's figure ≥ 85% (a county pre-survey is shown for reference only, never in its place)"),
        .init(key: "V1", part: .veto, zh: "以考试方式招生", en: "Admission by examination", grain: .county, kind: .evidence,
              ruleZH: "县声明为否", ruleEN: "declared no"),
        .init(key: "V2", part: .veto, zh: "违规择校", en: "Irregular school choice", grain: .county, kind: .evidence, ruleZH: "县声明为否", ruleEN: "declared no"),
        .init(key: "V3", part: .veto, zh: "设重点学校或重点班", en: "Key schools or key classes", grain: .county, kind: .evidence, ruleZH: "县声明为否", ruleEN: "declared no"),
        .init(key: "V4", part: .veto, zh: "\"有编不补\"或长期聘用编外教师", en: "Vacant posts left unfilled or long-term unestablished teachers",
              grain: .county, kind: .evidence, ruleZH: "县声明为否", ruleEN: "declared no"),
        .init(key: "V5", part: .veto, zh: "教育系统重大安全责任事故或严重违纪违规事件", en: "Major safety accident or serious violation in the education system",
              grain: .county, kind: .evidence, ruleZH: "县声明为否", ruleEN: "declared no"),
        .init(key: "V6", part: .veto, zh: "弄虚作假", en: "Falsification", grain: .county, kind: .evidence, ruleZH: "县声明为否", ruleEN: "declared no"),
        .init(key: "V7", part: .veto, zh: "规范治理校外培训机构、减轻课外负担不力", en: "Failure to regulate tutoring and reduce out-of-school burden",
              grain: .county, kind: .evidence, ruleZH: "县声明为否", ruleEN: "declared no"),
    ]

    /// The item with `key`, if any.
    public static func item(_ key: String) -> ItemDefinition? { all.first { $0.key == key } }

    /// Keys that a review verdict may name (items that need a reviewer).
    public static var reviewableKeys: [String] { all.filter { $0.kind.needsVerdict && $0.part != .veto }.map(\.key) }

    /// Veto keys V1–V7.
    public static var vetoKeys: [String] { all.filter { $0.part == .veto }.map(\.key) }
}
