/// The register file's columns (English key and Chinese header; either is accepted), in the template's order.
public enum RegisterColumn: String, CaseIterable, Sendable {
    case teacherID = "teacher_id", name, idNumber = "id_number", schoolCode = "school_code", section, subjects, degree, title
    case backbone, certificate, tenured, schoolSince = "school_since", trainingHours = "training_hours_cycle", noMove = "no_move"
    case role, volunteer

    /// The Chinese header.
    public var zh: String {
        switch self {
        case .teacherID: "教师编号"
        case .name: "姓名"
        case .idNumber: "身份证号"
        case .schoolCode: "学校标识码"
        case .section: "任教学段"
        case .subjects: "任教学科"
        case .degree: "最高学历"
        case .title: "职称"
        case .backbone: "骨干级别"
        case .certificate: "教师资格证学段"
        case .tenured: "在编"
        case .schoolSince: "现校任教起始日期"
        case .trainingHours: "本周期培训学时"
        case .noMove: "不宜交流"
        case .role: "职务"
        case .volunteer: "自愿交流"
        }
    }

    /// Whether every register must have the column (the optional ones may be absent or blank).
    public var required: Bool { ![.trainingHours, .noMove, .role, .volunteer].contains(self) }

    /// What a cell holds, for the template's notes.
    public var help: String {
        switch self {
        case .teacherID: "unique id, 1–32 letters, digits, - or _"
        case .name: "1–40 characters"
        case .idNumber: "18-digit resident ID (checked) or 15-digit; stored only as a keyed hash and 110***1234"
        case .schoolCode: "the school's 学校标识码 in the statistics"
        case .section: "小学/初中"
        case .subjects: "、-separated; the first is the main subject (the post)"
        case .degree: "高中及以下/专科/本科/研究生"
        case .title: "未定级/初级/中级/副高级/正高级"
        case .backbone: "无/县级/市级/省级"
        case .certificate: "无/小学/初中/高中"
        case .tenured: "是/否"
        case .schoolSince: "YYYY-MM-DD"
        case .trainingHours: "hours in the current 5-year cycle, 0–10000 (blank: not kept)"
        case .noMove: "是/否 (blank: 否)"
        case .role: "教师/校长/副校长 (blank: 教师); 校长 and 副校长 rotate after 10 years"
        case .volunteer: "是/否: volunteers are preferred when the column is present"
        }
    }
}
