/// The sheets of a budget file (BUDGET.csv|xlsx) and their columns; English key or Chinese header accepted.
public enum FundingFile: String, CaseIterable, Sendable {
    /// 预算: one row per budget line.
    case budget
    /// 项目: one row per project (the XLSX sheet 项目, or a separate projects CSV).
    case projects

    /// Sheet names looked for in an XLSX workbook.
    public var sheetNames: [String] { self == .budget ? ["预算", "budget"] : ["项目", "projects"] }

    public var columns: [ClassroomFile.Column] {
        typealias C = ClassroomFile.Column
        switch self {
        case .budget: return [
            C(zh: "学校标识码", en: "school_code", required: true, help: "a school of the statistics file", format: .code),
            C(zh: "财政年度", en: "fiscal_year", required: true, help: "2000–2100", format: .integer(2000...2100)),
            C(zh: "预算阶段", en: "phase", required: true, help: "年初预算/调整预算/执行/决算 (initial/adjusted/executed/final)"),
            C(zh: "功能分类科目编码", en: "functional_code", required: true, help: "支出功能分类, e.g. 2050202 小学教育"),
            C(zh: "经济分类科目编码", en: "economic_code", required: true, help: "支出经济分类, e.g. 30216 培训费"),
            C(zh: "资金来源", en: "fund_source", required: true, help: "本级/上级转移支付/社会捐赠 (own/transfer/donation)"),
            C(zh: "转移支付项目", en: "programme", required: false, help: "the transfer programme (required for 上级转移支付)"),
            C(zh: "金额（元）", en: "amount_yuan", required: false, help: "yuan, at most 2 decimals (or 金额（万元）)"),
            C(zh: "金额（万元）", en: "amount_wan_yuan", required: false, help: "万元, at most 6 decimals"),
        ]
        case .projects: return [
            C(zh: "项目编码", en: "project_code", required: true, help: "unique", format: .code),
            C(zh: "项目名称", en: "project_name", required: true, help: "1–100 characters"),
            C(zh: "学校标识码", en: "school_code", required: true, help: "a school of the statistics file", format: .code),
            C(zh: "财政年度", en: "fiscal_year", required: true, help: "2000–2100", format: .integer(2000...2100)),
            C(zh: "关联指标", en: "indicator", required: false, help: "优质均衡 indicator or item key, e.g. R4, G3, Q4"),
            C(zh: "项目预算（元）", en: "budget_yuan", required: true, help: "yuan, at most 2 decimals"),
            C(zh: "计划招标日期", en: "planned_tender_date", required: false, help: "YYYY-MM-DD"),
            C(zh: "采购意向公开日期", en: "intent_date", required: false, help: "YYYY-MM-DD"),
            C(zh: "招标公告日期", en: "tender_date", required: false, help: "YYYY-MM-DD"),
            C(zh: "中标日期", en: "award_date", required: false, help: "YYYY-MM-DD"),
            C(zh: "合同签订日期", en: "contract_date", required: false, help: "YYYY-MM-DD"),
            C(zh: "验收日期", en: "acceptance_date", required: false, help: "YYYY-MM-DD"),
            C(zh: "支付日期", en: "payment_date", required: false, help: "YYYY-MM-DD"),
            C(zh: "执行进度", en: "execution", required: false, help: "date:percent pairs, e.g. 2026-03-31:20;2026-06-30:55"),
        ]
        }
    }
}
