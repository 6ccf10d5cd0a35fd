/// A statutory table in 万元 with two decimals (as the 部门预算/决算 公开 tables print): each row rounded half-up, the
/// printed total the sum of the printed rows, and the difference to the separately rounded exact total shown.
public struct StatutoryTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var key: String
        public var label: String
        public var amount: Fen
        /// The row as printed: hundredths of 万元.
        public var printed: Int { amount.wanYuanHundredths }
    }

    public var title: String
    public var rows: [Row]
    /// The exact sum of the rows.
    public var total: Fen
    /// The total as printed: Σ of the printed rows (so the table reconciles).
    public var printedTotal: Int { rows.reduce(0) { $0 + $1.printed } }
    /// The exact total rounded on its own.
    public var separatelyRoundedTotal: Int { total.wanYuanHundredths }
    /// printed total − separately rounded total (hundredths of 万元); shown under the table when not 0.
    public var roundingDifference: Int { printedTotal - separatelyRoundedTotal }

    /// Nil when the sum overflows (cannot happen within `Fen.maximumMagnitude` and 9,000 rows).
    public init?(title: String, rows: [(key: String, label: String, amount: Fen)]) {
        guard let t = Fen.total(rows.map(\.amount)) else { return nil }
        self.title = title
        self.rows = rows.map { Row(key: $0.key, label: $0.label, amount: $0.amount) }
        total = t
    }

    /// 支出功能分类 table of `lines` in `phase`: one row per code, in code order.
    public static func byFunction(_ lines: [BudgetLine], phase: BudgetPhase, catalog: ClassificationCatalog?, title: String) -> StatutoryTable? {
        grouped(lines.filter { $0.phase == phase }, key: \.functionalCode, label: { catalog?.functionalName($0) ?? $0 }, title: title)
    }

    /// 经济分类 table of `lines` in `phase`, by 类 (301, 302, 303, 310).
    public static func byEconomicClass(_ lines: [BudgetLine], phase: BudgetPhase, catalog: ClassificationCatalog?, title: String) -> StatutoryTable? {
        grouped(lines.filter { $0.phase == phase }, key: { ClassificationCatalog.economicClass($0.economicCode) },
                label: { catalog?.economicName($0) ?? $0 }, title: title)
    }

    /// Fund-source table (本级, 上级转移支付 per programme, 社会捐赠).
    public static func bySource(_ lines: [BudgetLine], phase: BudgetPhase, title: String) -> StatutoryTable? {
        grouped(lines.filter { $0.phase == phase }, key: { l in l.source.programme.isEmpty ? l.source.key : l.source.key + ":" + l.source.programme },
                label: { k in
                    if k == "own" { return "本级" }
                    if k == "donation" { return "社会捐赠" }
                    return "上级转移支付 · " + k.dropFirst("transfer:".count)
                }, title: title)
    }

    static func grouped(_ lines: [BudgetLine], key: (BudgetLine) -> String, label: (String) -> String, title: String) -> StatutoryTable? {
        var sums: [String: Fen] = [:]
        for l in lines {
            guard let s = (sums[key(l)] ?? .zero).adding(l.amount) else { return nil }
            sums[key(l)] = s
        }
        return StatutoryTable(title: title, rows: sums.keys.sorted().map { (key: $0, label: label($0), amount: sums[$0] ?? .zero) })
    }
}
