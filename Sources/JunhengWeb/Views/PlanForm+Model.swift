import EquityKit
import Foundation
import JunhengPlanner

/// The remedy-plan form as submitted: every field a string, as the browser sends it.
struct PlanForm: Codable, Sendable {
    var title: String?
    /// "min-cost" or "budget".
    var mode: String?
    var budget: String?
    var timeLimit: String?
    /// Checkboxes: present ("on") when ticked.
    var transfers: String?
    var rotation: String?
    /// What-if rules, one per line in the CLI's syntax.
    var rules: String?

    enum CodingKeys: String, CodingKey {
        case title, mode, budget, timeLimit = "time_limit", transfers, rotation, rules
    }

    /// The form's initial values: minimum cost, 20 s, transfers allowed.
    static let initial = PlanForm(title: nil, mode: "min-cost", budget: nil, timeLimit: "20", transfers: "on", rotation: nil, rules: nil)
}

/// A field the user must correct, with the message in both languages.
struct PlanFormError: Error, Equatable, Sendable {
    /// The field for problems of the run as a whole (the planner refused the request), shown above the form.
    static let run = "run"

    var field: String
    var zh: String
    var en: String
}

/// The validated parameters of a plan run, stored as the saved plan's `parameters` JSON.
struct PlanParameters: Codable, Equatable, Sendable {
    static let defaultTimeLimit = 20.0
    static let maxTimeLimit = 120.0
    /// The largest budget accepted (yuan): beyond any county's, and far inside what the solver and formatting handle.
    static let maxBudget = 1e12

    var title: String
    /// "min-cost" or "budget".
    var mode: String
    var budget: Double?
    var timeLimit: Double
    var allowTransfers: Bool
    var rotation: Bool
    /// The rule lines as given (blank lines dropped), so the form can be filled in again.
    var rules: [String]
    var standard: String

    enum CodingKeys: String, CodingKey {
        case title, mode, budget, timeLimit = "time_limit", allowTransfers = "allow_transfers", rotation, rules, standard
    }

    /// One what-if line read: an action rule (`ACTION@SCHOOL<=N`, optionally after `--forbid` / `--limit`)
    /// or a cap on teachers sent away (`max-out SCHOOL=N`, optionally `--max-out`).
    enum RuleLine: Equatable {
        case action(WhatIfRule)
        case maxOut(TransferOutLimit)

        var rule: WhatIfRule? { if case .action(let r) = self { return r }; return nil }
        var maxOut: TransferOutLimit? { if case .maxOut(let m) = self { return m }; return nil }

        var schoolCode: String? {
            switch self {
            case .action(let r): r.schoolCode
            case .maxOut(let m): m.schoolCode
            }
        }

        static func parse(_ line: String) -> RuleLine? {
            var text = line.trimmingCharacters(in: .whitespaces)
            for prefix in ["--max-out", "max-out"] where text.hasPrefix(prefix + " ") || text.hasPrefix(prefix + "=") {
                let rest = text.dropFirst(prefix.count + 1).trimmingCharacters(in: .whitespaces)
                let parts = rest.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, !parts[0].isEmpty, let n = Int(parts[1].trimmingCharacters(in: .whitespaces)), n >= 0 else { return nil }
                return .maxOut(TransferOutLimit(schoolCode: parts[0].trimmingCharacters(in: .whitespaces), maximum: n))
            }
            for prefix in ["--forbid", "--limit", "forbid", "limit"] where text.hasPrefix(prefix + " ") || text.hasPrefix(prefix + "=") {
                text = String(text.dropFirst(prefix.count + 1))
                break
            }
            return WhatIfRule.parse(text).map(RuleLine.action)
        }
    }

    /// Validates the form against the school codes of the snapshot; the first problem found, located by field and line.
    static func validate(_ form: PlanForm, schoolCodes: Set<String>, standard: String) -> Result<PlanParameters, PlanFormError> {
        let mode = form.mode ?? "min-cost"
        guard mode == "min-cost" || mode == "budget" else {
            return .failure(.init(field: "mode", zh: "方式应为「最低成本」或「预算」", en: "Mode must be minimum cost or budget"))
        }
        var budget: Double?
        if mode == "budget" {
            let text = (form.budget ?? "").replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
            guard text.count <= 20, let b = Double(text), b.isFinite, b >= 0, b <= maxBudget else {
                let shown = String((form.budget ?? "").prefix(30))
                return .failure(.init(field: "budget", zh: "预算（元）应为 0 到 1 万亿之间的数，而不是「\(shown)」",
                                      en: "Budget (yuan) must be a number from 0 to 10^12, not '\(shown)'"))
            }
            budget = b
        }
        let limitText = (form.timeLimit ?? "").trimmingCharacters(in: .whitespaces)
        let timeLimit = limitText.isEmpty ? defaultTimeLimit : limitText.count <= 20 ? Double(limitText) : nil
        guard let timeLimit, timeLimit > 0, timeLimit <= maxTimeLimit else {
            return .failure(.init(field: "time_limit", zh: "求解时间应在 0 到 \(Int(maxTimeLimit)) 秒之间，而不是「\(limitText)」",
                                  en: "Time limit must be more than 0 and at most \(Int(maxTimeLimit)) s, not '\(limitText)'"))
        }
        var lines: [String] = []
        for (n, raw) in (form.rules ?? "").split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            guard let rule = RuleLine.parse(line) else {
                return .failure(.init(field: "rules", zh: "假设条件第 \(n + 1) 行「\(line)」无法理解，应为 ACTION@SCHOOL、ACTION@SCHOOL<=N 或 max-out SCHOOL=N",
                                      en: "What-if line \(n + 1) '\(line)' cannot be read; expected ACTION@SCHOOL, ACTION@SCHOOL<=N or max-out SCHOOL=N"))
            }
            if let code = rule.schoolCode, !schoolCodes.contains(code) {
                return .failure(.init(field: "rules", zh: "假设条件第 \(n + 1) 行：学校标识码 \(code) 不在本学年数据中",
                                      en: "What-if line \(n + 1): school code \(code) is not in this year's data"))
            }
            lines.append(line)
        }
        let title = (form.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return .success(PlanParameters(
            title: title.isEmpty ? defaultTitle(mode: mode, budget: budget) : String(title.prefix(200)),
            mode: mode, budget: budget, timeLimit: timeLimit, allowTransfers: form.transfers != nil,
            rotation: form.rotation != nil, rules: lines, standard: standard))
    }

    static func defaultTitle(mode: String, budget: Double?) -> String {
        mode == "budget" ? "预算 \(String(format: "%.0f", budget ?? 0)) 元方案" : "最低成本方案"
    }

    /// The planner's request for these parameters on `records`.
    func request(records: [StatisticsRecord], standard: Standard) -> PlanRequest {
        let parsed = rules.compactMap(RuleLine.parse)
        return PlanRequest(
            records: records, standard: standard, mode: budget.map(PlanMode.budget) ?? .minimumCost,
            rules: parsed.compactMap(\.rule), transferOutLimits: parsed.compactMap(\.maxOut),
            rotation: rotation ? RotationPolicy() : nil, allowTransfers: allowTransfers, timeLimit: timeLimit)
    }

    /// The form filled in with these parameters (to run a variant of a saved plan).
    var form: PlanForm {
        PlanForm(title: title, mode: mode, budget: budget.map { String(format: "%.0f", $0) }, timeLimit: Format.value(timeLimit),
                 transfers: allowTransfers ? "on" : nil, rotation: rotation ? "on" : nil, rules: rules.joined(separator: "\n"))
    }

    /// Sorted-key JSON, as stored.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
