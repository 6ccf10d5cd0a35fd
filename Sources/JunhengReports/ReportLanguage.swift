import EquityKit

/// The language of report labels: Chinese first, English on request.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case zh
    case en

    /// Picks the label for this language.
    func t(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }

    func name(_ i: IndicatorDefinition) -> String { t(i.nameZH, i.nameEN) }

    /// Short column label of an indicator for wide tables.
    func short(_ i: IndicatorDefinition) -> String {
        let labels: [String: (String, String)] = [
            "degree_teachers_per100": ("高学历教师", "Degree T."),
            "backbone_teachers_per100": ("骨干教师", "Backbone"),
            "pe_art_teachers_per100": ("体艺教师", "PE/Art T."),
            "teaching_area_per_student": ("教辅用房", "Teach. m²"),
            "sports_area_per_student": ("运动场馆", "Sports m²"),
            "equipment_value_per_student": ("仪器设备", "Equip. ¥"),
            "multimedia_rooms_per100": ("多媒体", "Multimedia"),
            "computers_per100": ("计算机", "Computers"),
            "books_per_student": ("图书", "Books"),
            "teachers_per100": ("师生比", "Teachers"),
            "mid_senior_title_teachers_per100": ("中高职称", "Mid/Sr title"),
        ]
        if let l = labels[i.key] { return t(l.0, l.1) }
        return self == .zh ? String(i.nameZH.prefix(6)) : String(i.nameEN.prefix(12))
    }

    func section(_ s: Section) -> String { t(s.rawValue, s.english) }
    func verdict(_ passed: Bool) -> String { passed ? t("达标", "pass") : t("未达标", "FAIL") }
    func undefined(_ r: UndefinedReason) -> String { t(r.zh, r.en) }
    func note(_ n: EvaluationNote) -> String { t(n.zh, n.en) }
    func exclusion(_ e: ExclusionReason) -> String { t(e.zh, e.en) }
    func type(_ s: SchoolType) -> String { t(s.rawValue, s.english) }
    func location(_ l: Location) -> String { t(l.rawValue, l.english) }
}
