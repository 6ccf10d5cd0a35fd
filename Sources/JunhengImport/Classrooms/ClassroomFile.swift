import ThreeClassrooms

/// The four files of a 三个课堂 input folder and their columns (Chinese header, English alias, required).
public enum ClassroomFile: String, CaseIterable, Sendable {
    case schools, classes, teachers, lessons

    /// One column: the header written in the template, the English header also accepted, and whether it must be filled.
    public struct Column: Sendable {
        public var zh: String
        public var en: String
        public var required: Bool
        public var help: String
        /// What a cell must hold beyond being filled.
        public var format: Format = .text

        init(zh: String, en: String, required: Bool, help: String, format: Format = .text) {
            (self.zh, self.en, self.required, self.help, self.format) = (zh, en, required, help, format)
        }
    }

    /// The rule a column's cells follow: free text, a code (`CodeRule`), or a whole number within fixed bounds.
    public enum Format: Sendable, Equatable {
        case text
        case code
        case integer(ClosedRange<Int>)
    }

    public var columns: [Column] {
        switch self {
        case .schools: [
            Column(zh: "学校标识码", en: "school_code", required: true, help: "unique school id", format: .code),
            Column(zh: "学校名称", en: "school_name", required: true, help: "name"),
            Column(zh: "区县代码", en: "county", required: true, help: "county code; its first 4 characters are the prefecture", format: .code),
            Column(zh: "教育集团", en: "group", required: false, help: "教育集团/共同体 name, blank for none"),
            Column(zh: "网络带宽", en: "bandwidth", required: true, help: "高/中/低 (high/medium/low)"),
            Column(zh: "每周上课天数", en: "days", required: true, help: "1–7", format: .integer(1...7)),
            Column(zh: "每天节数", en: "periods_per_day", required: true, help: "1–14", format: .integer(1...14)),
            Column(zh: "是否教学点", en: "teaching_point", required: false, help: "是/否 (yes/no), blank = 否"),
        ]
        case .classes: [
            Column(zh: "学校标识码", en: "school_code", required: true, help: "a school of schools.csv", format: .code),
            Column(zh: "年级", en: "grade", required: true, help: "1–9", format: .integer(1...9)),
            Column(zh: "班级数", en: "classes", required: true, help: "classes numbered 1…n", format: .integer(0...200)),
        ]
        case .teachers: [
            Column(zh: "教师编号", en: "teacher_id", required: true, help: "unique teacher id", format: .code),
            Column(zh: "学校标识码", en: "school_code", required: true, help: "the teacher's school", format: .code),
            Column(zh: "任教学科", en: "subjects", required: true, help: "qualified subjects separated by 、 ; or /"),
            Column(zh: "周课时", en: "weekly_load", required: true, help: "current weekly periods, at least the teacher's lessons",
                   format: .integer(0...60)),
            Column(zh: "最大周课时", en: "max_load", required: true, help: "most weekly periods, remote lessons included",
                   format: .integer(0...60)),
        ]
        case .lessons: [
            Column(zh: "学校标识码", en: "school_code", required: true, help: "the class's school", format: .code),
            Column(zh: "年级", en: "grade", required: true, help: "1–9", format: .integer(1...9)),
            Column(zh: "班级", en: "class", required: true, help: "1…classes of that grade", format: .integer(1...200)),
            Column(zh: "星期", en: "day", required: true, help: "1…days of the school", format: .integer(1...7)),
            Column(zh: "节次", en: "period", required: true, help: "1…periods a day of the school", format: .integer(1...14)),
            Column(zh: "学科", en: "subject", required: true, help: "a subject of the curriculum"),
            Column(zh: "教师编号", en: "teacher_id", required: false, help: "a teacher of teachers.csv, blank for none", format: .code),
        ]
        }
    }

    /// Header row for writing.
    public var headers: [String] { columns.map(\.zh) }
}
