import Foundation
import Funding
import Plot

/// The public portal's pages (no login): county and year, schools, one school, projects. Printable; charts are SVG.
enum PublicFundingView {
    static func statusNode(_ s: FundingRuleResult.Status, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        switch s {
        case .passed: .span(.class("pass"), .text(ctx.t("达标", "met")))
        case .failed: .span(.class("fail"), .text(ctx.t("未达标", "not met")))
        case .explain: .span(.class("explain"), .text(ctx.t("需说明", "explain")))
        case .pending: .span(.class("pending"), .text(ctx.t("待定", "pending")))
        }
    }

    static func nav(_ m: PublicFundingModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .nav(.class("fund-nav no-print"),
             .a(.attr(.href, "/public/counties/\(m.countyCode)"), .text(ctx.t("县概况", "County"))),
             .a(.attr(.href, m.base), .text(ctx.t("\(m.year) 年预决算", "\(m.year) budget"))),
             .a(.attr(.href, m.base + "/schools"), .text(ctx.t("学校", "Schools"))),
             .a(.attr(.href, m.base + "/projects"), .text(ctx.t("项目", "Projects"))),
             .a(.attr(.href, m.base + "/datapackage.json"), .id("datapackage-link"), .text(ctx.t("开放数据（Fiscal Data Package）", "Open data (Fiscal Data Package)"))))
    }

    static func header(_ m: PublicFundingModel, _ ctx: PageContext, _ title: String) -> Node<HTML.BodyContext> {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        return .group(
            .h1(.text(title)),
            .p(.class("muted"), .text(ctx.t("公开日期 \(f.string(from: m.publishedAt)) · 金额单位：万元（两位小数，四舍五入）· 由县教育局财务科公开",
                                             "Published \(f.string(from: m.publishedAt)) · amounts in 万元 (10,000 yuan), two decimals, rounded half-up"))),
            .p(.class("no-print"), .text(ctx.t("已公开年度：", "Published years: ")),
               .forEach(m.years) { y in .a(.attr(.href, "/public/counties/\(m.countyCode)/years/\(y)"), .attr(.class, y == m.year ? "nowrap pass" : "nowrap"), .text("\(y) ")) }),
            nav(m, ctx))
    }

    /// A statutory table: rows, the printed total = Σ printed rows, and the rounding difference when there is one.
    /// `showKey: false` leaves out the code column (the fund-source table, whose keys are internal).
    static func table(_ t: StatutoryTable?, id: String, keyHeader: String, showKey: Bool = true, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        guard let t else { return .p(.class("muted"), .text(ctx.t("（无数据）", "(no data)"))) }
        return .group(
            .h3(.text(t.title)),
            .div(.class("scroll"), .table(.attr(.id, id), .attr(.class, "statutory"),
                .tr(.if(showKey, .th(.text(keyHeader))), .th(.text(showKey ? ctx.t("科目名称", "Name") : keyHeader)),
                    .th(.class("num"), .text(ctx.t("金额（万元）", "Amount (万元)")))),
                .forEach(t.rows) { r in .tr(.if(showKey, .td(.text(r.key))), .td(.text(r.label)), .td(.class("num"), .text(WanYuan.format(r.printed)))) },
                .tr(.class("total"), .td(.text(ctx.t("合计", "Total"))), .if(showKey, .td()),
                    .td(.class("num"), .attr(.dataValue, String(t.printedTotal)), .text(WanYuan.format(t.printedTotal)))))),
            .if(t.roundingDifference != 0, .p(.class("muted rounding-note"), .text(ctx.t(
                "合计为各行四舍五入后相加；合计金额单独四舍五入为 \(WanYuan.format(t.separatelyRoundedTotal)) 万元，尾差 \(WanYuan.format(t.roundingDifference)) 万元。",
                "The total is the sum of the rounded rows; rounded on its own it is \(WanYuan.format(t.separatelyRoundedTotal)), difference \(WanYuan.format(t.roundingDifference)).")))))
    }

    static func rulesTable(_ results: [FundingRuleResult], id: String, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .div(.class("scroll"), .table(.attr(.id, id),
            .tr(.th(.text(ctx.t("规则", "Rule"))), .th(.text(ctx.t("对象", "Subject"))), .th(.text(ctx.t("结果", "Result"))),
                .th(.text(ctx.t("实际", "Value"))), .th(.text(ctx.t("标准", "Standard"))), .th(.text(ctx.t("说明", "Detail")))),
            .forEach(results) { r in
                let rule = FundingRule(rawValue: r.rule)
                return .tr(.attr(.dataState, r.status.rawValue), .td(.text("\(r.rule) \(rule.map { ctx.t($0.zh, $0.en) } ?? "")")),
                           .td(.text(r.section.isEmpty ? r.subject : "\(r.subject) \(r.section)")), .td(statusNode(r.status, ctx)),
                           .td(.text(r.value)), .td(.text(r.threshold)), .td(.text(ctx.t(r.detailZH, r.detailEN))))
            }))
    }

    /// The year page (also the county page, for the newest year).
    static func year(_ m: PublicFundingModel, _ ctx: PageContext) -> String {
        let title = ctx.t("\(m.countyName) \(m.year) 年义务教育经费公开", "\(m.countyName) · compulsory-education funding \(m.year)")
        let main = m.mainPhase()
        let lines = m.lines()
        let econ = main.flatMap { StatutoryTable.byEconomicClass(lines, phase: $0, catalog: m.catalog, title: ctx.t("支出经济分类（\($0.rawValue)）", "By economic class (\($0.rawValue))")) }
        let chartRows = econ?.rows.map { SVGChart.MoneyBar(label: "\($0.key) \($0.label)", hundredths: $0.printed) } ?? []
        let county = m.results.filter { $0.scope == .county }
        let schoolResults = m.results.filter { $0.scope == .school }
        let failing = schoolResults.filter { $0.status == .failed }.count
        return Layout.page(ctx, title: title, .group(
            header(m, ctx, title),
            .h2(.text(ctx.t("支出功能分类（预算与决算）", "By function (budget and final accounts)"))),
            .forEach(m.phases()) { p in
                table(StatutoryTable.byFunction(lines, phase: p, catalog: m.catalog, title: ctx.t("\(p.rawValue)", p.key)), id: "table-function-\(p.key)",
                      keyHeader: ctx.t("功能分类科目编码", "Functional code"), ctx)
            },
            .h2(.text(ctx.t("经济分类与资金来源", "Economic classes and fund sources"))),
            table(econ, id: "table-economic", keyHeader: ctx.t("经济分类", "Economic class"), ctx),
            .raw(SVGChart.moneyBars(chartRows, title: ctx.t("钱用在哪里（万元）", "Where the money went (万元)"))),
            table(main.flatMap { StatutoryTable.bySource(lines, phase: $0, title: ctx.t("资金来源（\($0.rawValue)）", "By fund source (\($0.rawValue))")) },
                  id: "table-source", keyHeader: ctx.t("资金来源", "Fund source"), showKey: false, ctx),
            .h2(.text(ctx.t("公用经费变化", "Public funds over the years"))),
            .raw(SVGChart.moneyTrend(m.trend.map { ($0.year, $0.amount.wanYuanHundredths) }, title: ctx.t("各年公用经费（万元）", "Public funds per year (万元)"))),
            .h2(.text(ctx.t("经费保障规则（县级）", "Funding rules (county)"))),
            rulesTable(county, id: "rules-county", ctx),
            .p(.text(ctx.t("学校层面：\(schoolResults.count) 项检查，\(failing) 项未达标。", "Schools: \(schoolResults.count) checks, \(failing) not met. ")),
               .a(.attr(.href, m.base + "/schools"), .text(ctx.t("查看各校生均公用经费", "Per-pupil funds by school"))))
        ))
    }

    static func schools(_ m: PublicFundingModel, _ ctx: PageContext) -> String {
        let title = ctx.t("\(m.countyName) \(m.year) 年各校公用经费", "\(m.countyName) · public funds by school \(m.year)")
        func statuses(_ code: String) -> [FundingRuleResult] { m.results(for: code) }
        return Layout.page(ctx, title: title, .group(
            header(m, ctx, title),
            .div(.class("scroll"), .table(.id("schools"),
                .tr(.th(.text(ctx.t("学校", "School"))), .th(.text(ctx.t("城乡", "Location"))), .th(.class("num"), .text(ctx.t("在校生", "Pupils"))),
                    .th(.class("num"), .text(ctx.t("公用经费（万元）", "Public funds (万元)"))), .th(.class("num"), .text(ctx.t("生均（元）", "Per pupil (yuan)"))),
                    .th(.text(ctx.t("阶段", "Phase"))), .th(.text(ctx.t("规则", "Rules")))),
                .forEach(m.funds) { f in
                    .tr(.td(.a(.attr(.href, m.base + "/schools/" + f.school.code), .text("\(f.school.name)"))),
                        .td(.text(f.school.location.rawValue)), .td(.class("num"), .text("\(f.school.pupils)")),
                        .td(.class("num"), .text(f.publicFunds.wanYuanString)), .td(.class("num"), .text(f.perPupil?.yuanString ?? "—")),
                        .td(.text(f.phase?.rawValue ?? "")),
                        .td(.forEach(statuses(f.school.code)) { r in .span(.attr(.title, ctx.t(FundingRule(rawValue: r.rule)?.zh ?? r.rule, FundingRule(rawValue: r.rule)?.en ?? r.rule)),
                                                                            .text("\(r.rule) "), statusNode(r.status, ctx), .text(" ")) }))
                })),
            .p(.class("muted"), .text(ctx.t("标准：县生均公用经费基准定额 小学 \(m.rules.countyPrimaryYuan) 元、初中 \(m.rules.countyJuniorYuan) 元；不足 \(m.rules.smallSchoolPupils) 人按 \(m.rules.smallSchoolPupils) 人核定；特殊教育学校不低于 \(m.rules.specialMinimumYuan) 元/生。",
                                            "Standards: county quota primary \(m.rules.countyPrimaryYuan), junior \(m.rules.countyJuniorYuan) yuan per pupil; schools under \(m.rules.smallSchoolPupils) pupils funded as \(m.rules.smallSchoolPupils); special schools ≥ \(m.rules.specialMinimumYuan) yuan per pupil.")))
        ))
    }

    static func school(_ m: PublicFundingModel, _ s: FundingSchool, _ ctx: PageContext) -> String {
        let title = ctx.t("\(s.name) \(m.year) 年经费公开", "\(s.name) · funding \(m.year)")
        let lines = m.lines(school: s.code)
        let main = m.mainPhase(school: s.code)
        return Layout.page(ctx, title: title, .group(
            header(m, ctx, title),
            .p(.text(ctx.t("学校标识码 \(s.code) · \(s.location.rawValue) · 在校生 \(s.pupils) 人", "School code \(s.code) · \(s.location.rawValue) · \(s.pupils) pupils"))),
            .forEach(m.phases(school: s.code)) { p in
                table(StatutoryTable.byFunction(lines, phase: p, catalog: m.catalog, title: p.rawValue), id: "school-function-\(p.key)",
                      keyHeader: ctx.t("功能分类科目编码", "Functional code"), ctx)
            },
            table(main.flatMap { StatutoryTable.byEconomicClass(lines, phase: $0, catalog: m.catalog, title: ctx.t("支出经济分类（\($0.rawValue)）", "By economic class")) },
                  id: "school-economic", keyHeader: ctx.t("经济分类", "Economic class"), ctx),
            .h2(.text(ctx.t("经费保障规则", "Funding rules"))),
            rulesTable(m.results(for: s.code), id: "rules-school", ctx),
            .h2(.text(ctx.t("项目", "Projects"))),
            projectTable(m.projects.filter { $0.schoolCode == s.code }, m, ctx)
        ))
    }

    static func projectTable(_ projects: [FundingProject], _ m: PublicFundingModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let f7 = Dictionary(m.results.filter { $0.rule == FundingRule.procurementNotice.rawValue }.map { ($0.subject, $0) }, uniquingKeysWith: { a, _ in a })
        return .div(.class("scroll"), .table(.id("projects"),
            .tr(.th(.text(ctx.t("项目", "Project"))), .th(.text(ctx.t("学校", "School"))), .th(.text(ctx.t("关联指标", "Indicator"))),
                .th(.class("num"), .text(ctx.t("预算（万元）", "Budget (万元)"))), .th(.text(ctx.t("采购阶段", "Procurement stage"))),
                .th(.text(ctx.t("执行进度", "Execution"))), .th(.text(ctx.t("采购意向提前公开", "Intent notice"))), .th(.text(ctx.t("采购文件", "Documents")))),
            .forEach(projects) { p in
                let reached = ProcurementStage.allCases.filter { p.stages[$0] != nil }
                return .tr(.td(.text("\(p.code) \(p.name)")), .td(.text(m.school(p.schoolCode)?.name ?? p.schoolCode)), .td(.text(p.indicatorKey)),
                           .td(.class("num"), .text(p.budget.wanYuanString)),
                           .td(.span(.class("stages"), .forEach(ProcurementStage.allCases) { st in
                               .span(.attr(.class, reached.contains(st) ? "done" : "todo"), .attr(.title, st.rawValue + (p.stages[st].map { " \($0)" } ?? "")), .text("●"))
                           }), .text(" " + (p.stage?.rawValue ?? ctx.t("未启动", "not started")))),
                           .td(.raw(SVGChart.progress(p.executionPercent, title: "\(p.executionPercent)%"))),
                           .td(.unwrap(f7[p.code]) { r in .group(statusNode(r.status, ctx), .text(" " + r.value)) }),
                           .td(.class("documents"), .forEach(m.documents[p.code] ?? []) { d in
                               .div(.a(.attr(.href, m.base + "/documents/\(d.id.uuidString)"), .text("\(d.stage.rawValue)：\(d.name)")))
                           }))
            }))
    }

    static func projects(_ m: PublicFundingModel, _ ctx: PageContext) -> String {
        let title = ctx.t("\(m.countyName) \(m.year) 年项目公示", "\(m.countyName) · projects \(m.year)")
        return Layout.page(ctx, title: title, .group(
            header(m, ctx, title),
            .p(.class("muted"), .text(ctx.t("采购阶段：采购意向 → 招标公告 → 中标 → 合同 → 验收 → 支付。", "Stages: intent → tender → award → contract → acceptance → payment."))),
            projectTable(m.projects, m, ctx)
        ))
    }

    /// A county with no published year yet.
    static func empty(countyName: String, _ ctx: PageContext) -> String {
        Layout.page(ctx, title: countyName, .group(.h1(.text(countyName)), .p(.id("no-published-year"), .text(ctx.t("尚未公开经费数据。", "No funding data has been published yet.")))))
    }
}
