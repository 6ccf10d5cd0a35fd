import EquityKit
import Foundation
import Plot

/// The county dashboard: verdicts, CV chart, indicator table, school × indicator matrix, drivers, trend.
enum DashboardView {
    static func title(_ m: DashboardModel, _ lang: Lang) -> String {
        "\(m.countyName) \(m.year)–\(m.year + 1) \(lang.t("学年", "school year"))"
    }

    /// The page's main content as HTML; it depends only on the model and the language, so it can be cached.
    static func content(_ m: DashboardModel, _ ctx: PageContext) -> String {
        let e = m.evaluated.evaluation
        let title = title(m, ctx.lang)
        let node: Node<HTML.BodyContext> = .group(
            .h1(.text(title)),
            .p(.class("muted"), .text(snapshotLine(m, ctx))),
            nav(m, ctx),
            .div(.class("cards"), .id("verdicts"),
                .div(.class("card"),
                     .div(.text(ctx.t("资源配置（\(ctx.lang == .zh ? e.standard.nameZH : e.standard.nameEN)）", "Resource allocation (\(e.standard.nameEN))"))),
                     .div(.attr(.class, "verdict " + (e.passed ? "pass" : "fail")), .text(e.passed ? ctx.t("达标", "Passed") : ctx.t("未达标", "Not passed")))),
                .forEach(e.sections) { s in
                    .div(.class("card"), .attr(.id, "verdict-\(s.section.english)"),
                         .div(.text(ctx.t(s.section.rawValue, s.section.english.capitalized))),
                         .div(.attr(.class, "verdict " + (s.passed ? "pass" : "fail")), .text(s.passed ? ctx.t("达标", "Passed") : ctx.t("未达标", "Not passed"))),
                         .div(.class("muted"), .text(ctx.t("计入 \(s.schools) 所，\(s.students) 名学生；未达标学校 \(s.schoolsFailing) 所",
                                                          "\(s.schools) schools, \(s.students) students; \(s.schoolsFailing) schools failing"))))
                }
            ),
            .forEach(e.notes) { .p(.class("notice"), .text(ctx.t($0.zh, $0.en))) },
            .forEach(e.sections) { section(m, $0, ctx) },
            trend(m, ctx)
        )
        return node.render()
    }

    static func snapshotLine(_ m: DashboardModel, _ ctx: PageContext) -> String {
        let s = m.evaluated.snapshot
        let time = ISO8601DateFormatter.string(from: s.uploadedAt, timeZone: TimeZone(identifier: "Asia/Shanghai")!, formatOptions: [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate, .withSpaceBetweenDateAndTime])
        return ctx.t("数据版本 v\(s.version)：\(s.fileName)，\(s.schoolCount) 所学校，\(time) 由 \(m.uploader) 上传，SHA-256 \(s.fileHash.prefix(12))…",
                     "Data version v\(s.version): \(s.fileName), \(s.schoolCount) schools, uploaded \(time) by \(m.uploader), SHA-256 \(s.fileHash.prefix(12))…")
    }

    static func nav(_ m: DashboardModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .div(.class("actions no-print"),
            .p(.text(ctx.t("学年：", "School year: ")),
               .forEach(m.years.sorted()) { y in
                   y == m.year ? .strong(.text("\(y) ")) : .a(.attr(.href, "/counties/\(m.countyCode)/years/\(y)\(m.standardQuery)"), .text("\(y) "))
               },
               .text(ctx.t(" 标准：", " Standard: ")),
               .forEach(BuiltInStandards.all) { s in
                   s.id == m.standard.id ? .strong(.text(ctx.t(s.nameZH, s.nameEN) + " "))
                       : .a(.attr(.href, "\(m.base)?standard=\(s.id)"), .text(ctx.t(s.nameZH, s.nameEN) + " "))
               }),
            .p(.a(.id("print-report"), .attr(.href, "\(m.base)/report\(m.standardQuery)"), .text(ctx.t("打印报告", "Printable report"))),
               .a(.id("download-xlsx"), .attr(.href, "\(m.base)/report.xlsx\(m.standardQuery)"), .text(ctx.t("下载 XLSX", "Download XLSX"))),
               .if(m.pdfAvailable, .a(.id("download-pdf"), .attr(.href, "\(m.base)/report.pdf\(m.standardQuery)"), .text(ctx.t("下载 PDF", "Download PDF")))),
               .a(.attr(.href, "\(m.base)/matrix.csv\(m.standardQuery)"), .text(ctx.t("导出达标矩阵 CSV", "Export matrix CSV"))),
               .a(.attr(.href, "\(m.base)/plans"), .text(ctx.t("整改方案", "Remedy plans"))),
               .a(.id("classrooms-link"), .attr(.href, "/counties/\(m.countyCode)/classrooms"), .text(ctx.t("三个课堂", "Three classrooms"))),
               .a(.id("seats-link"), .attr(.href, "/counties/\(m.countyCode)/seats"), .text(ctx.t("学位与学区", "Seats and catchments"))),
               .a(.attr(.href, "/counties/\(m.countyCode)/snapshots"), .text(ctx.t("上传记录", "Upload history"))),
               .if(m.canUpload, .a(.id("upload-link"), .attr(.href, "/counties/\(m.countyCode)/upload"), .text(ctx.t("上传新数据", "Upload data")))))
        )
    }

    static func section(_ m: DashboardModel, _ s: SectionEvaluation, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let name = ctx.t(s.section.rawValue, s.section.english.capitalized)
        let bars = s.indicators.map { SVGChart.Bar(label: ctx.t($0.definition.nameZH, $0.definition.nameEN), value: $0.cv.value, limit: $0.cvLimit) }
        return .section(.attr(.id, "section-\(s.section.english)"),
            .h2(.text(ctx.t("\(name)：各指标差异系数", "\(name): difference coefficients"))),
            .raw(SVGChart.cvBars(bars, title: ctx.t("\(name) 差异系数与限值（虚线）", "\(name) CV against its limit (dashed)"),
                                 undefinedText: ctx.t("无定义", "undefined"))),
            .div(.class("scroll"), indicatorTable(m, s, ctx)),
            .h2(.text(ctx.t("\(name)：学校 × 指标达标矩阵", "\(name): school × indicator compliance"))),
            .p(.class("muted"), .span(.class("cell-met"), .text(ctx.t(" 达标 ", " met "))), .text(" "),
               .span(.class("cell-floor"), .text(ctx.t(" 未达标但 ≥85% ", " unmet, ≥ 85% "))), .text(" "),
               .span(.class("cell-below"), .text(ctx.t(" 低于 85% ", " below 85% ")))),
            .div(.class("scroll"), matrix(m, s, ctx))
        )
    }

    static func indicatorTable(_ m: DashboardModel, _ s: SectionEvaluation, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let names = Dictionary(uniqueKeysWithValues: m.evaluated.evaluation.schools.enumerated().map { ($0.offset, $0.element.school.schoolName) })
        return .table(.class("indicators"),
            .tr(.th(.text(ctx.t("指标", "Indicator"))), .th(.class("num"), .text(ctx.t("要求", "Required"))),
                .th(.class("num"), .text(ctx.t("加权均值", "Weighted mean"))), .th(.class("num"), .text(ctx.t("差异系数", "CV"))),
                .th(.class("num"), .text(ctx.t("限值", "Limit"))), .th(.text(ctx.t("结论", "Verdict"))),
                .th(.text(ctx.t("拉大差距的学校（方差贡献）", "Schools driving the gap (variance share)")))),
            .forEach(s.indicators) { i in
                .tr(.td(.text(ctx.t(i.definition.nameZH, i.definition.nameEN))),
                    .td(.class("num"), .text(i.definition.requirement.map { Format.value($0[s.section]) } ?? "—")),
                    .td(.class("num"), .text(Format.statistic(i.mean, digits: 2, ctx))),
                    .td(.class("num"), .text(Format.statistic(i.cv, digits: 4, ctx))),
                    .td(.class("num"), .text(String(format: "%.2f", i.cvLimit))),
                    .td(.attr(.class, i.passed ? "pass" : "fail"), .text(i.passed ? "✓" : "✗")),
                    .td(.text(i.drivers.prefix(3).map { d in
                        "\(names[d.school] ?? "?")\(d.belowMean ? "↓" : "↑") \(String(format: "%.0f%%", d.varianceShare * 100))"
                    }.joined(separator: "；"))))
            }
        )
    }

    static func matrix(_ m: DashboardModel, _ s: SectionEvaluation, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        func header(_ label: String, _ key: String) -> Node<HTML.TableRowContext> {
            let desc = m.sort.queryValue == key && !m.sort.descending
            let arrow = m.sort.queryValue == key ? (m.sort.descending ? " ▼" : " ▲") : ""
            let std = m.standard.id == StandardChoice.defaultID ? "" : "&standard=\(m.standard.id)"
            return .th(.a(.attr(.href, "\(m.base)?sort=\(key)&dir=\(desc ? "desc" : "asc")\(std)#section-\(s.section.english)"), .text(label + arrow)))
        }
        let indicators = m.standard.indicators
        return .table(.class("matrix"), .attr(.id, "matrix-\(s.section.english)"),
            .tr(header(ctx.t("学校", "School"), "name"), header(ctx.t("学生数", "Students"), "students"),
                .forEach(indicators.indices) { header(ctx.t(indicators[$0].nameZH, indicators[$0].nameEN), "i\($0)") },
                header(ctx.t("达标项", "Met"), "met"), .th(.text(ctx.t("结论", "Verdict")))),
            .forEach(m.matrixRows(s.section)) { row in
                .tr(.td(.a(.attr(.href, "/schools/\(row.school.schoolCode)?year=\(m.year)"), .text(row.school.schoolName)),
                        .if(!row.included, .span(.class("muted"), .text(" (" + ctx.t(row.exclusion?.zh ?? "不计入", row.exclusion?.en ?? "not counted") + ")")))),
                    .td(.class("num"), .text(String(row.school.students))),
                    .forEach(indicators.indices) { i in
                        .td(.attr(.class, "num cell-\(Compliance(row, indicator: i).rawValue)"), .text(row.values[safe: i].flatMap { $0 }.map(Format.value) ?? "—"))
                    },
                    .td(.class("num"), .text("\(row.met)/\(indicators.filter { $0.requirement != nil }.count)")),
                    .td(.class("nowrap"), .text(row.passed.map { $0 ? ctx.t("达标", "pass") : ctx.t("未达标", "fail") } ?? "—")))
            }
        )
    }

    static func trend(_ m: DashboardModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        guard m.trend.count >= 2 else {
            return .p(.class("muted"), .id("trend-none"), .text(ctx.t("有两个学年的数据后显示逐年趋势。", "The year-over-year trend appears once two school years exist.")))
        }
        let years = m.trend.map(\.year)
        return .section(.id("trend"),
            .h2(.text(ctx.t("逐年趋势", "Year-over-year trend"))),
            .forEach(Section.allCases) { section in
                let series = m.standard.indicators.map { ind in
                    SVGChart.Series(label: ctx.t(ind.nameZH, ind.nameEN), points: m.trend.map { t in
                        (t.year, t.evaluation.sections.first { $0.section == section }?.indicators.first { $0.definition.key == ind.key }?.cv.value)
                    })
                }
                return .raw(SVGChart.trend(series, years: years, limit: m.standard.cvLimit(in: section),
                                           title: ctx.t("\(section.rawValue)差异系数", "\(section.english.capitalized) CV")))
            })
    }
}

/// Number formatting for pages.
enum Format {
    static func value(_ v: Double) -> String {
        v.rounded() == v && abs(v) < 1e12 ? String(Int(v)) : String(format: "%.2f", v)
    }

    static func statistic(_ s: Statistic, digits: Int, _ ctx: PageContext) -> String {
        switch s {
        case .value(let v): String(format: "%.\(digits)f", v)
        case .undefined(let r): ctx.t(r.zh, r.en)
        }
    }
}
