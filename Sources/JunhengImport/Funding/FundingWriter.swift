import Funding
import JunhengSheets

/// Writes budget lines and projects in the import format (English headers), so a written file imports unchanged.
public enum FundingWriter {
    /// Header + one row per line.
    public static func budgetRows(_ lines: [BudgetLine]) -> [[String]] {
        [FundingFile.budget.columns.prefix(8).map(\.en)] + lines.map {
            [$0.schoolCode, "\($0.fiscalYear)", $0.phase.rawValue, $0.functionalCode, $0.economicCode, $0.source.zh, $0.source.programme, $0.amount.yuanString]
        }
    }

    /// Header + one row per project.
    public static func projectRows(_ projects: [FundingProject]) -> [[String]] {
        [FundingFile.projects.columns.map(\.en)] + projects.map { p in
            [p.code, p.name, p.schoolCode, "\(p.fiscalYear)", p.indicatorKey, p.budget.yuanString, p.plannedTender?.description ?? ""]
                + ProcurementStage.allCases.map { p.stages[$0]?.description ?? "" }
                + [p.execution.map { "\($0.date):\($0.percent)" }.joined(separator: ";")]
        }
    }

    public static func csv(_ rows: [[String]]) -> String {
        var w = CSVWriter()
        for r in rows { w.append(r) }
        return w.text
    }
}
