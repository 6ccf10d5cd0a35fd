/// The built-in questionnaires: the project's reading of the Ministry's 社会认可度 survey topics (accreditation.md §3),
/// on the older paper form's scale 满意 / 基本满意 / 不满意 plus a "不了解" that is not counted. Counties copy and edit
/// them (a JSON override); these are the defaults.
public enum BuiltInQuestionnaires {
    /// 满意 / 基本满意 / 不满意 / 不了解: the first two count as satisfied (accreditation.md §3's default set).
    public static let scale: [AnswerOption] = [
        AnswerOption(key: "satisfied", labelZH: "满意", satisfied: true),
        AnswerOption(key: "basically", labelZH: "基本满意", satisfied: true),
        AnswerOption(key: "unsatisfied", labelZH: "不满意", satisfied: false),
        AnswerOption(key: "unknown", labelZH: "不了解", satisfied: nil),
    ]
    /// The students' wording of the same scale (比较满意 for 基本满意).
    public static let studentScale: [AnswerOption] = [
        AnswerOption(key: "satisfied", labelZH: "满意", satisfied: true),
        AnswerOption(key: "basically", labelZH: "比较满意", satisfied: true),
        AnswerOption(key: "unsatisfied", labelZH: "不满意", satisfied: false),
        AnswerOption(key: "unknown", labelZH: "不了解", satisfied: nil),
    ]

    private static func items(_ texts: [(String, String)], _ scale: [AnswerOption]) -> [SurveyItem] {
        texts.map { SurveyItem(key: $0.0, textZH: $0.1, options: scale) }
    }

    public static let social = Questionnaire(kind: .social, nameZH: "社会卷（家长、人大代表、政协委员、其他群众）", items: items([
        ("conditions", "您对本县（市、区）义务教育学校办学条件的改善是否满意？"),
        ("teachers", "您对学校教师的师德师风和教学水平是否满意？"),
        ("quality", "您对本地义务教育学校的教育质量是否满意？"),
        ("nearby", "您对免试就近入学、招生入学公平是否满意？"),
        ("burden", "您对学校减轻学生过重课业负担的情况是否满意？"),
        ("after_school", "您对学校课后服务是否满意？"),
        ("safety", "您对学校校园安全和学生健康保障是否满意？"),
        ("equity", "您对随迁子女、留守儿童和残疾儿童平等接受义务教育的保障是否满意？"),
        ("government", "您对政府推进义务教育优质均衡发展所做的工作是否满意？"),
        ("overall", "总体上，您对本县（市、区）义务教育优质均衡发展是否满意？"),
    ], scale))

    public static let staff = Questionnaire(kind: .staff, nameZH: "校长教师卷", items: items([
        ("pay", "您对教师工资待遇保障（不低于当地公务员平均工资）是否满意？"),
        ("conditions", "您对所在学校的办学条件是否满意？"),
        ("training", "您对教师培训（五年 360 学时）的机会和质量是否满意？"),
        ("rotation", "您对校长教师交流轮岗的组织和保障是否满意？"),
        ("staffing", "您对学校教师编制和岗位配置是否满意？"),
        ("autonomy", "您对学校办学自主权和管理是否满意？"),
        ("burden", "您对减轻学生课业负担和课后服务的安排是否满意？"),
        ("overall", "总体上，您对本县（市、区）义务教育优质均衡发展是否满意？"),
    ], scale))

    public static let student = Questionnaire(kind: .student, nameZH: "学生卷（三年级及以上）", items: items([
        ("facilities", "你对学校的教室、图书室、操场等设施满意吗？"),
        ("lessons", "你对老师上课满意吗？"),
        ("homework", "你对每天的作业量满意吗？"),
        ("activities", "你对学校的体育、艺术和课外活动满意吗？"),
        ("safety", "你在学校感到安全吗？你对学校的安全满意吗？"),
        ("overall", "总的来说，你对你的学校满意吗？"),
    ], studentScale))

    /// The three, by kind.
    public static let all: [QuestionnaireKind: Questionnaire] = [.social: social, .staff: staff, .student: student]
}
