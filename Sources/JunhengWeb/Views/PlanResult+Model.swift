import EquityKit
import Foundation
import JunhengReports
import JunhengPlanner

/// A saved plan's result, read back from the CLI's JSON contract (`junheng plan --format json`).
struct PlanResult: Decodable, Sendable {
    var status: String
    var solver: String?
    var totalCost: Double?
    var bestBound: Double?
    var gap: Double?
    var cvViolation: Double?
    var largestCVRatio: Double?
    var failingSchools: Int?
    var passedAfter: Bool?
    var seconds: Double?
    var actions: [Action]
    var sections: [SectionCV]

    /// One planned action at one school.
    struct Action: Decodable, Sendable {
        var schoolCode: String
        var schoolName: String
        var section: String
        var action: String
        var quantity: Double
        var cost: Double
        var from: String?
        var to: String?

        var kind: RemedyAction? { RemedyAction(rawValue: action) }
    }

    /// A section's CVs before and after the plan.
    struct SectionCV: Decodable, Sendable {
        var section: String
        var schoolsFailingBefore: Int
        var schoolsFailingAfter: Int?
        var indicators: [IndicatorCV]
    }

    /// One indicator's CV before and after, with its limit.
    struct IndicatorCV: Decodable, Sendable {
        var key: String
        var cvBefore: Double?
        var cvAfter: Double?
        var cvLimit: Double
    }

    /// Reads the stored bytes.
    static func decode(_ data: Data) throws -> PlanResult {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(PlanResult.self, from: data)
    }

    /// Total cost per action kind, in the planner's order of actions.
    var costByAction: [(action: String, cost: Double, quantity: Double)] {
        var sums: [String: (Double, Double)] = [:]
        for a in actions { sums[a.action, default: (0, 0)].0 += a.cost; sums[a.action, default: (0, 0)].1 += a.quantity }
        let order = RemedyAction.allCases.map(\.rawValue)
        return sums.keys.sorted { (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1) }
            .map { ($0, sums[$0]!.0, sums[$0]!.1) }
    }

    /// School sections failing the school rule after the plan (nil when the plan has no "after").
    var schoolsFailingAfter: Int? {
        let after = sections.map(\.schoolsFailingAfter)
        return after.contains(where: { $0 == nil }) ? nil : after.reduce(0) { $0 + ($1 ?? 0) }
    }

    var schoolsFailingBefore: Int { sections.reduce(0) { $0 + $1.schoolsFailingBefore } }

    /// Only the solver's own word makes a plan optimal.
    var isProvenOptimal: Bool { status == PlanStatus.optimal.rawValue }
}

/// Words for plan statuses, actions and indicators on pages and in exports.
enum PlanWords {
    /// The solver's status in words (PlanReport's wording), in the language `t` picks.
    static func status(_ s: String, _ t: (String, String) -> String) -> String {
        guard let status = PlanStatus(rawValue: s) else { return s }
        return t(PlanReport.status(status, .zh), PlanReport.status(status, .en))
    }

    static func action(_ key: String, _ t: (String, String) -> String) -> String {
        RemedyAction(rawValue: key).map { t($0.zh, $0.rawValue.replacingOccurrences(of: "_", with: " ")) } ?? key
    }

    static func unit(_ key: String, _ t: (String, String) -> String) -> String {
        RemedyAction(rawValue: key).map { t($0.unit.zh, $0.unit.en) } ?? ""
    }

    /// People and rooms as whole numbers, yuan grouped, m² to two decimals.
    static func quantity(_ a: PlanResult.Action) -> String {
        a.kind == .buyEquipment ? Format.yuan(a.quantity) : Format.value(a.quantity)
    }

    static func mode(_ p: PlanParameters?, _ t: (String, String) -> String) -> String {
        guard let p else { return "—" }
        return p.mode == "budget" ? t("预算 \(Format.yuan(p.budget ?? 0))", "budget \(Format.yuan(p.budget ?? 0))") : t("最低成本", "minimum cost")
    }

    static func indicator(_ key: String, standard: String, _ t: (String, String) -> String) -> String {
        let s = BuiltInStandards.standard(id: standard) ?? BuiltInStandards.youzhi2017
        return s.indicators.first { $0.key == key }.map { t($0.nameZH, $0.nameEN) } ?? key
    }

    static func section(_ s: String, _ t: (String, String) -> String) -> String {
        Section(rawValue: s).map { t($0.rawValue, $0.english) } ?? s
    }
}

extension Format {
    /// 1234567.8 → "1,234,568 元"-style grouping without the unit.
    static func yuan(_ v: Double) -> String {
        let f = NumberFormatter()
        f.numberStyle = .decimal
        f.maximumFractionDigits = 0
        f.locale = Locale(identifier: "en_US_POSIX")
        f.usesGroupingSeparator = true
        f.groupingSeparator = ","
        f.groupingSize = 3
        return f.string(from: NSNumber(value: v.rounded())) ?? String(Int(v.rounded()))
    }
}
