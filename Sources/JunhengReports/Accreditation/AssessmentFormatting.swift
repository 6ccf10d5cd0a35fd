import Accreditation
import EquityKit

/// How the assessment's values are shown: ratios as percentages, money grouped, others plainly.
public enum AssessmentFormatting {
    /// Items whose values are ratios (0–1), shown as percentages.
    static let ratioItems: Set<String> = ["G9", "G11", "G12", "G13", "G14", "G15", "Q1", "Q2", "Q4"]
    /// Items whose values are yuan.
    static let yuanItems: Set<String> = ["G2", "G6", "G7", "G8"]

    public static func value(_ v: Double?, item: String, measure: String = "", _ L: ReportLanguage) -> String {
        guard let v else { return L.t("—", "—") }
        if measure == "performance_pay_fully_approved" { return v >= 1 ? L.t("是", "yes") : L.t("否", "no") }
        if item.hasPrefix("V") { return v >= 1 ? L.t("是", "yes") : L.t("否", "no") }
        if ratioItems.contains(item) { return NumberFormatting.percent(v) }
        if yuanItems.contains(item) { return abs(v) < 1e15 ? NumberFormatting.grouped(Int(v.rounded())) : plain(v) }
        if item == "S" { return NumberFormatting.fixed(v, 1) + "%" }
        if item == "Q9" && measure.hasPrefix("level") && v >= 1 && v <= 4 { return ["", "Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ"][Int(v)] }
        if item == "R" || item == "Q9" { return NumberFormatting.fixed(v, 3) }
        return plain(v)
    }

    public static func plain(_ v: Double) -> String {
        if v.rounded() == v && abs(v) < 1e15 { return String(Int64(v)) }
        return NumberFormatting.fixed(v, 2)
    }

    /// `≥ 10.0%`, `≤ 45`, `< 0.150`.
    public static func threshold(_ t: Double?, _ c: Comparison?, item: String, measure: String = "", _ L: ReportLanguage) -> String {
        guard let t else { return "" }
        return (c?.symbol ?? "") + " " + value(t, item: item, measure: measure, L)
    }

    public static func status(_ s: ItemStatus, _ L: ReportLanguage) -> String { L.t(s.zh, s.en) }
    public static func overall(_ s: OverallStatus, _ L: ReportLanguage) -> String { L.t(s.zh, s.en) }
    public static func name(_ d: ItemDefinition, _ L: ReportLanguage) -> String { L.t(d.zh, d.en) }
    public static func missing(_ m: Missing, _ L: ReportLanguage) -> String { L.t(m.zh, m.en) }

    /// The comparison an item's headline value uses.
    public static func comparison(_ r: ItemResult) -> Comparison? {
        if let m = r.measures.first { return m.comparison }
        switch r.key {
        case "G4", "G5": return .atMost
        case "G3", "G6", "G7", "G9", "G12", "G13", "Q4": return .atLeast
        default: return nil
        }
    }
}
