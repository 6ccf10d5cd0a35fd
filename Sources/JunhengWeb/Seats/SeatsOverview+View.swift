import Foundation
import Plot
import Seats

/// The county's 学位 page: 学位预警 table and map, caveats, coefficients, children per unit, catchment plans.
enum SeatsOverviewView {
    static func render(_ m: SeatsOverviewModel, _ ctx: PageContext) -> String {
        let title = "\(m.countyName) · \(ctx.t("学位预警与学区划分", "Seats and catchments"))"
        return Layout.page(ctx, title: title, .group(
            .h1(.text(title)),
            .unwrap(m.notice) { .p(.class("notice"), .id("seats-notice"), .text($0)) },
            .p(.class("actions no-print"),
               .if(m.canManage, .a(.id("seats-upload-link"), .attr(.href, "/counties/\(m.countyCode)/seats/upload"), .text(ctx.t("上传学位数据", "Upload seats data"))))),
            .unwrap(m.dataset, { d in
                .group(
                    .p(.class("muted"), .id("seats-dataset"), .text(ctx.t(
                        "数据版本 v\(d.version)：\(d.fileNames)；\(d.units) 个单元，\(d.schools) 个学校学段，儿童数据截至 \(d.asOfYear) 年，SHA-256 \(d.hash.prefix(12))…",
                        "Data version v\(d.version): \(d.fileNames); \(d.units) units, \(d.schools) school sections, children as of \(d.asOfYear), SHA-256 \(d.hash.prefix(12))…"))),
                    .p(.id("catchment-source"), .text(sourceText(m, ctx))))
            }, else: .p(.id("no-seats-data"), .text(ctx.t("尚未上传学位数据。", "No seats data uploaded yet.")))),
            .if(m.dataset != nil, .group(selector(m, ctx), summary(m, ctx), map(m, ctx), warnings(m, ctx), caveats(m, ctx), planForm(m, ctx))),
            plans(m, ctx),
            .if(m.dataset != nil, .group(children(m, ctx), coefficients(m, ctx)))
        ))
    }

    static func sourceText(_ m: SeatsOverviewModel, _ ctx: PageContext) -> String {
        switch m.source {
        case .plan(_, let number, let at)?:
            return ctx.t("现行学区：方案 #\(number)，\(SeatsText.time(at)) 生效。", "Catchments of record: plan #\(number), in effect since \(SeatsText.time(at)).")
        case .upload(let v)?:
            return ctx.t("现行学区：上传数据 v\(v) 中的学区学校。", "Catchments of record: the schools of record in data v\(v).")
        case nil: return ""
        }
    }

    static func selector(_ m: SeatsOverviewModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let years: [Node<HTML.SelectContext>] = m.years.map { y in .option(.attr(.value, String(y)), .isSelected(y == m.year), .attr(.label, String(y))) }
        let scenarios: [Node<HTML.SelectContext>] = Scenario.allCases.map { s in
            .option(.attr(.value, s.rawValue), .isSelected(s == m.scenario), .attr(.label, ctx.t(SeatsText.scenarioZH(s), s.rawValue)))
        }
        let sections: [Node<HTML.SelectContext>] = SeatSection.allCases.map { s in
            .option(.attr(.value, s.rawValue), .isSelected(s == m.section), .attr(.label, ctx.t(s.zh, s.rawValue)))
        }
        return .form(.id("seats-view"), .class("no-print"), .method(.get), .attr(.action, "/counties/\(m.countyCode)/seats"),
            .label(.for("year"), .text(ctx.t("年份", "Year"))), .select(.id("year"), .attr(.name, "year"), .group(years)),
            .label(.for("scenario"), .text(ctx.t("情景", "Scenario"))), .select(.id("scenario"), .attr(.name, "scenario"), .group(scenarios)),
            .label(.for("section"), .text(ctx.t("学段", "Section"))), .select(.id("section"), .attr(.name, "section"), .group(sections)),
            .button(.type(.submit), .text(ctx.t("显示", "Show"))))
    }

    static func summary(_ m: SeatsOverviewModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let shown = m.warnings.filter { $0.year == m.year && $0.section == m.section }
        func count(_ b: WarningBand) -> Int { shown.filter { $0.band(m.bands, scenario: m.scenario) == b }.count }
        func card(_ b: WarningBand) -> Node<HTML.BodyContext> {
            .div(.class("card"), .attr(.id, "band-\(b.rawValue)"), .div(.text(ctx.t(b.zh, b.rawValue))),
                 .div(.class("verdict"), .text(String(count(b)))), .div(.class("muted"), .text(ctx.t("所学校（\(m.year) 年）", "schools in \(m.year)"))))
        }
        return .div(.class("cards"), .group(WarningBand.allCases.map(card)))
    }

    static func map(_ m: SeatsOverviewModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .section(.id("seats-map"), .h2(.text(ctx.t("学区地图", "Catchment map"))), .raw(SVGChart.seatsMap(m.map)), .raw(SVGChart.seatsLegend()))
    }

    static func warnings(_ m: SeatsOverviewModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let header: [Node<HTML.TableContext>] = [.tr(.th(.text(ctx.t("学校", "School"))), .th(.class("num"), .text(ctx.t("核定起始年级学位", "Approved intake"))),
                                                   .group(m.years.map { y -> Node<HTML.TableRowContext> in .th(.class("num"), .text(String(y))) }))]
        let rows: [Node<HTML.TableContext>] = m.table.map { row in
            .tr(.td(.text(SeatsText.school(row.school, m.names))), .td(.class("num"), .text(String(row.intake))),
                .group(m.years.map { y -> Node<HTML.TableRowContext> in
                    guard let w = row.byYear[y] else { return .td() }
                    let band = w.band(m.bands, scenario: m.scenario)
                    return .td(.attr(.class, "num band-\(band.rawValue)"), .attr(.title, ctx.t(band.zh, band.rawValue)),
                               .text("\(SeatsText.percent(w.ratio(m.scenario))) \(SeatsText.mark(band))"))
                }))
        }
        return .section(.id("seats-warnings"),
            .h2(.text(ctx.t("学位预警：起始年级需求 ÷ 核定学位（\(SeatsText.scenarioZH(m.scenario))情景，\(m.section.zh)）",
                            "Warnings: entry-grade demand ÷ approved intake (\(m.scenario.rawValue) scenario, \(m.section.rawValue))"))),
            .p(.class("muted"), .text(ctx.t("红色 ≥ \(SeatsText.percent(m.bands.red))，黄色 \(SeatsText.percent(m.bands.yellow))–\(SeatsText.percent(m.bands.red))，学位富余 < \(SeatsText.percent(m.bands.surplus))。",
                                            "Red ≥ \(SeatsText.percent(m.bands.red)), yellow \(SeatsText.percent(m.bands.yellow))–\(SeatsText.percent(m.bands.red)), surplus < \(SeatsText.percent(m.bands.surplus))."))),
            .div(.class("scroll"), .table(.id("warning-table"), .group(header + rows))))
    }

    static func caveats(_ m: SeatsOverviewModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .section(.id("seats-caveats"), .h3(.text(ctx.t("预警说明（以下因素会改变结果）", "Caveats (these change the result)"))),
                 .ul(.forEach(m.caveats) { .li(.text($0)) }))
    }

    static func planForm(_ m: SeatsOverviewModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let years: [Node<HTML.SelectContext>] = m.years.map { y in .option(.attr(.value, String(y)), .isSelected(y == m.year), .attr(.label, String(y))) }
        return .if(m.canManage, .form(.id("seats-plan-form"), .class("no-print"), .attr(.action, "/counties/\(m.countyCode)/seats/plans"), .method(.post),
            ctx.csrfField,
            .h2(.text(ctx.t("生成学区划分方案", "Propose catchment plans"))),
            .label(.for("plan-year"), .text(ctx.t("方案年份", "Plan year"))), .select(.id("plan-year"), .attr(.name, "year"), .group(years)),
            .label(.for("plans"), .text(ctx.t("方案个数（1–5）", "Plans (1–5)"))),
            .input(.type(.number), .id("plans"), .name("plans"), .value("3"), .attribute(named: "min", value: "1"), .attribute(named: "max", value: "5")),
            .label(.for("time_limit"), .text(ctx.t("每个方案求解上限（秒，1–120）", "Time limit per plan (s, 1–120)"))),
            .input(.type(.number), .id("time_limit"), .name("time_limit"), .value("60"), .attribute(named: "min", value: "1"), .attribute(named: "max", value: "120")),
            .label(.for("pins"), .text(ctx.t("固定不动的单元（代码，逗号分隔）", "Pinned units (codes, comma separated)"))),
            .input(.type(.text), .id("pins"), .name("pins"), .attr(.maxlength, "4000")),
            .p(.class("muted"), .text(ctx.t("求解在后台任务中进行；每个方案都由独立校核检查容量、连片、路程和班额。",
                                            "Plans are solved in the job queue; an independent check tests capacity, contiguity, trips and class sizes."))),
            .button(.type(.submit), .id("seats-plan-run"), .text(ctx.t("生成方案", "Propose plans")))))
    }

    static func plans(_ m: SeatsOverviewModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .if(!m.plans.isEmpty, .section(.id("seats-plans"),
            .h2(.text(ctx.t("学区划分方案", "Catchment plans"))),
            .div(.class("scroll"), .table(.id("seats-plan-table"),
                .tr(.th(.text(ctx.t("方案", "Plan"))), .th(.text(ctx.t("年份", "Year"))), .th(.text(ctx.t("数据版本", "Data"))),
                    .th(.text(ctx.t("求解状态", "Status"))), .th(.class("num"), .text(ctx.t("间隙", "Gap"))),
                    .th(.class("num"), .text(ctx.t("调整学生", "Moved pupils"))), .th(.text(ctx.t("独立校核", "Check"))),
                    .th(.text(ctx.t("阶段", "Stage"))), .th(.text(ctx.t("比较", "Compare")))),
                .forEach(m.plans) { r in
                    .tr(.td(.a(.attr(.href, "/seats-plans/\(r.id)"), .text("#\(r.number) · \(SeatsText.time(r.createdAt))"))),
                        .td(.text(String(r.year))), .td(.text(r.datasetVersion.map { "v\($0)" } ?? "")), .td(.text(r.status)),
                        .td(.class("num"), .text(SeatsText.gap(r.gap))), .td(.class("num"), .text(r.moved.map { String(Int($0.rounded())) } ?? "—")),
                        .td(.attr(.class, r.checkPassed ? "pass" : "fail"), .text(r.checkPassed ? ctx.t("通过", "passed") : ctx.t("未通过", "failed"))),
                        .td(.text(ctx.t(r.stage.zh, r.stage.en) + (r.superseded ? ctx.t("（已被替代）", " (superseded)") : ""))),
                        .td(.a(.attr(.href, "/counties/\(m.countyCode)/seats/compare?batch=\(r.batch)"), .text(ctx.t("同批比较", "compare batch")))))
                }))))
    }

    static func children(_ m: SeatsOverviewModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let caption = m.cohortYear.map { b in
            ctx.t("\(b) 年出生的儿童（\(m.year) 年入\(m.section == .primary ? "小学" : "初中")的队列\(b == m.year - m.section.entryAge ? "" : "；该年出生数据尚无，显示最近一年")），每个学区内不足 5 人的单元合并显示。",
                  "Children born in \(b) (the cohort entering \(m.section.rawValue) in \(m.year)\(b == m.year - m.section.entryAge ? "" : "; not yet born, latest year shown")); units with fewer than 5 children are pooled per catchment.")
        } ?? ctx.t("没有出生数据。", "No birth records.")
        return .section(.id("seats-children"),
            .h2(.text(ctx.t("各单元儿童数", "Children per unit"))),
            .p(.class("muted"), .text(caption)),
            .div(.class("scroll"), .table(.id("children-table"),
                .tr(.th(.text(ctx.t("单元", "Units"))), .th(.text(ctx.t("学区学校", "Catchment school"))), .th(.class("num"), .text(ctx.t("儿童数", "Children")))),
                .forEach(m.cells.filter { $0.count != 0 }.prefix(2_000)) { c in
                    .tr(.td(.text(c.units.prefix(12).map { m.unitNames[$0] ?? $0 }.joined(separator: "、") + (c.units.count > 12 ? " …（共 \(c.units.count) 个）" : ""))),
                        .td(.text(c.school.map { SeatsText.school($0, m.names) } ?? "—")),
                        .td(.class("num"), .text(c.count.map(String.init) ?? "<5")))
                })))
    }

    static func coefficients(_ m: SeatsOverviewModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .section(.id("seats-coefficients"), .details(
            .summary(.text(ctx.t("预测系数（\(m.coefficients.count) 项，含来源和日期）", "Forecast coefficients (\(m.coefficients.count), with source and date)"))),
            .div(.class("scroll"), .table(.id("coefficient-table"),
                .tr(.th(.text(ctx.t("系数", "Coefficient"))), .th(.class("num"), .text(ctx.t("值", "Value"))), .th(.text(ctx.t("来源", "Source"))), .th(.text(ctx.t("日期", "Date")))),
                .forEach(m.coefficients.prefix(3_000).map { $0 }) { row in
                    .tr(.td(.code(.text(row.0))), .td(.class("num"), .text(String(format: "%.4g", row.1))), .td(.text(row.2)), .td(.text(row.3)))
                }))))
    }
}

/// Small text helpers of the seats pages.
enum SeatsText {
    static func time(_ d: Date) -> String { ClassroomText.time(d) }
    static func percent(_ x: Double) -> String { x.isFinite ? "\(Int((x * 100).rounded()))%" : "—" }
    static func gap(_ g: Double?) -> String { g.map { $0.isFinite ? String(format: "%.2f%%", $0 * 100) : "—" } ?? "—" }
    static func mark(_ b: WarningBand) -> String {
        switch b { case .red: "●红"; case .yellow: "●黄"; case .green: "绿"; case .surplus: "余" }
    }
    static func scenarioZH(_ s: Scenario) -> String {
        switch s { case .low: "低"; case .base: "基准"; case .high: "高" }
    }
    static func school(_ code: String, _ names: [String: String]) -> String { names[code].map { "\($0)（\(code)）" } ?? code }
}
