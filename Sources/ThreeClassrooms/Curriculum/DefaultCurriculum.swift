extension Curriculum {
    /// The project's default table inside the 2022 义务教育课程方案 ranges.
    ///
    /// Weekly totals are the plan's 26 / 30 / 34. Nine-year shares (274 periods a week summed over grades):
    /// 语文 20.8% (plan 20–22%), 数学 14.6% (13–15%), 外语 7.7% (6–8%), 道德与法治 6.9% (6–8%),
    /// 科学+物理+化学+生物学 8.0% (8–10%), 历史+地理 3.6% (3–4%), 信息科技 2.2% (1–3%),
    /// 体育与健康 10.6% (10–11%), 艺术 10.9% (9–11%), 劳动+综合实践+地方/校本 14.6% (14–18%).
    /// A province or county replaces it with an override file.
    public static let default2022 = Curriculum(name: "2022 义务教育课程方案（项目默认课时表）", periods: [
        // Grade 1 and 2 (26).
        [.morality: 2, .chinese: 8, .math: 4, .science: 1, .pe: 4, .music: 2, .art: 2, .labour: 1, .practice: 2],
        [.morality: 2, .chinese: 8, .math: 4, .science: 1, .pe: 4, .music: 2, .art: 2, .labour: 1, .practice: 2],
        // Grades 3 and 4 (30).
        [.morality: 2, .chinese: 6, .math: 4, .english: 2, .science: 2, .it: 1, .pe: 3, .music: 2, .art: 2,
         .labour: 1, .practice: 5],
        [.morality: 2, .chinese: 6, .math: 4, .english: 2, .science: 2, .it: 1, .pe: 3, .music: 2, .art: 2,
         .labour: 1, .practice: 5],
        // Grades 5 and 6 (30).
        [.morality: 2, .chinese: 6, .math: 5, .english: 2, .science: 2, .it: 1, .pe: 3, .music: 2, .art: 2,
         .labour: 1, .practice: 4],
        [.morality: 2, .chinese: 6, .math: 5, .english: 3, .science: 2, .it: 1, .pe: 3, .music: 2, .art: 2,
         .labour: 1, .practice: 3],
        // Grade 7 (34).
        [.morality: 2, .chinese: 6, .math: 5, .english: 4, .history: 2, .geography: 2, .biology: 2, .it: 1, .pe: 3,
         .music: 1, .art: 1, .labour: 1, .practice: 4],
        // Grade 8 (34).
        [.morality: 2, .chinese: 5, .math: 5, .english: 4, .history: 2, .geography: 2, .physics: 2, .biology: 2,
         .it: 1, .pe: 3, .music: 1, .art: 1, .labour: 1, .practice: 3],
        // Grade 9 (34).
        [.morality: 3, .chinese: 6, .math: 4, .english: 4, .history: 2, .physics: 3, .chemistry: 3, .pe: 3,
         .music: 1, .art: 1, .labour: 1, .practice: 3],
    ])
}
