import ArgumentParser
import CreditBank
import Foundation
import JunhengImport

/// `junheng credits apply LEDGER.csv --rules acbs|card|national|FILE [--format json|text]`.
struct CreditsApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "按规则计算每位学习者的学分 / apply a credit framework to a ledger of outcomes",
        discussion: """
        LEDGER 列 / columns: learner_id, outcome_id, institution, kind (学历/非学历/无定式), title, credits, hours, end_date,
        attendance_pct, score. 按结束日期、成果编号顺序计入；超过任一上限的成果整条不计，并写明上限。
        Outcomes are applied by end date then outcome id; one that would exceed any cap is not credited and names the cap.
        """)

    @Argument(help: "成果台账 CSV / the ledger CSV") var ledger: String
    @Option(help: "acbs, card, national 或规则文件 (.json/.toml) / a preset or a rules file") var rules: String
    @Option(help: "json 或 text") var format: Format = .json

    enum Format: String, ExpressibleByArgument { case json, text }

    func run() throws {
        let framework: CreditRules
        do { framework = try CreditRulesFile.rules(rules) } catch {
            Console.error(error.description)
            throw ExitCode(error.exitCode)
        }
        let outcomes: [Outcome]
        do { outcomes = try CreditLedgerImporter.importFile(atPath: ledger) } catch {
            for line in error.lines(english: false) { Console.error(line) }
            throw ExitCode(error.exitCode)
        }
        let results = RulesEngine.apply(outcomes, rules: framework)
        switch format {
        case .json: Console.out(Array(JSONText.pretty(Self.json(results, rules: framework)).utf8))
        case .text: Console.out(Array(Self.text(results, rules: framework).utf8))
        }
    }

    /// `{"rules", "unit", "learners": [{"id", "credited_total", "required"?, "decisions": [{"outcome_id", "credited", "credits", "rule", "reason"}]}]}`.
    static func json(_ results: [LearnerResult], rules: CreditRules) -> JSONValue {
        [
            "rules": .string(rules.id), "unit": .string(rules.unit.rawValue),
            "learners": .array(results.map { r in
                var l: JSONValue = ["id": .string(r.learnerID), "credited_total": .number(r.creditedTotal.double)]
                if let req = r.required { l = l.setting("required", .number(req.double)) }
                return l.setting("decisions", .array(r.decisions.map { d in
                    var o: JSONValue = ["outcome_id": .string(d.outcomeID), "credited": .bool(d.credited), "credits": .number(d.credits.double),
                                        "rule": .string(d.rule), "reason": .string(d.reason)]
                    if !d.exempts.isEmpty { o = o.setting("exempts", .array(d.exempts.map { .string($0) })) }
                    return o
                }))
            }),
        ]
    }

    static func text(_ results: [LearnerResult], rules: CreditRules) -> String {
        var lines = ["规则 / rules: \(rules.name)"]
        for r in results {
            let req = r.required.map { " / \($0)" } ?? ""
            lines.append("")
            lines.append("学习者 \(r.learnerID)：累计 \(r.creditedTotal)\(req) \(rules.unit == .points ? "分 / points" : "学分 / credits")")
            for d in r.decisions {
                lines.append("  \(d.credited ? "✓" : "✗") \(d.outcomeID)  \(d.credits)  [\(d.rule)] \(d.reason)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
