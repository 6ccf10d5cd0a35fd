import EquityKit
import Fluent
import Foundation
import Plot
import Vapor

/// The principal's page: their school's values against the standard and the county mean, and what is missing.
struct SchoolController {
    func show(_ req: Request) async throws -> Response {
        let (school, county) = try await req.school(try req.pathParameter("code"))
        let ctx = PageContext(req)
        let latest = try await req.latestSnapshots(of: county)
        let years = latest.keys.sorted(by: >)
        let year = (try? req.query.get(Int.self, at: "year")).flatMap { years.contains($0) ? $0 : nil } ?? years.first
        guard let year, let snap = latest[year] else {
            return Layout.response(Layout.page(ctx, title: school.name, .group(.h1(.text(school.name)),
                .p(.text(ctx.t("本县尚无统计数据。", "The county has no statistics yet."))))))
        }
        let evaluated = try await req.application.evaluations.evaluation(of: snap, standard: try StandardChoice.from(req), on: req)
        let rows = evaluated.evaluation.schools.filter { $0.school.schoolCode == school.code }
        return Layout.response(SchoolView.render(schoolName: school.name, countyName: county.name, staffURL: "/counties/\(county.code)/teachers/schools/\(school.code)", year: year, years: years,
                                                 rows: rows, evaluation: evaluated.evaluation, ctx))
    }
}

/// One school against the standard and its county, per section.
enum SchoolView {
    static func render(schoolName: String, countyName: String, staffURL: String, year: Int, years: [Int], rows: [SchoolEvaluation],
                       evaluation e: Evaluation, _ ctx: PageContext) -> String {
        Layout.page(ctx, title: schoolName, .group(
            .h1(.id("school-name"), .text(schoolName)),
            .p(.class("muted"), .text("\(countyName) · \(year)–\(year + 1) \(ctx.t("学年", "school year")) · \(ctx.t(e.standard.nameZH, e.standard.nameEN))")),
            .p(.class("no-print"), .a(.id("staff-link"), .attr(.href, staffURL), .text(ctx.t("本校教职工（教师名册）", "This school's staff (teacher register)")))),
            .if(rows.isEmpty, .p(.text(ctx.t("本学年的统计数据中没有本校。", "This school is not in this year's statistics.")))),
            .forEach(rows) { row in
                let section = e.sections.first { $0.section == row.school.section }
                return .section(
                    .h2(.text(ctx.t("\(row.school.section.rawValue)（\(row.school.students) 名学生）", "\(row.school.section.english.capitalized) (\(row.school.students) students)"))),
                    .p(.attr(.class, row.passed == false ? "fail" : "pass"), .attr(.id, "school-verdict-\(row.school.section.english)"),
                       .text(row.passed.map { $0 ? ctx.t("达到学校达标要求（\(row.met) 项达标）", "Meets the school rule (\(row.met) met)")
                                                 : ctx.t("未达到学校达标要求（\(row.met) 项达标）", "Does not meet the school rule (\(row.met) met)") } ?? "")),
                    .table(.class("school-values"),
                        .tr(.th(.text(ctx.t("指标", "Indicator"))), .th(.class("num"), .text(ctx.t("本校", "This school"))),
                            .th(.class("num"), .text(ctx.t("标准要求", "Required"))), .th(.class("num"), .text(ctx.t("全县加权均值", "County mean"))),
                            .th(.text(ctx.t("还差", "Missing")))),
                        .forEach(e.standard.indicators.indices) { i in
                            let d = e.standard.indicators[i]
                            let required = d.requirement?[row.school.section]
                            let value = row.values[safe: i] ?? nil
                            return .tr(.td(.text(ctx.t(d.nameZH, d.nameEN))),
                                .td(.attr(.class, "num cell-\(Compliance(row, indicator: i).rawValue)"), .text(value.map(Format.value) ?? "—")),
                                .td(.class("num"), .text(required.map(Format.value) ?? "—")),
                                .td(.class("num"), .text(section.map { Format.statistic($0.indicators[i].mean, digits: 2, ctx) } ?? "—")),
                                .td(.text(missing(d, value: value, required: required, students: row.school.students, ctx))))
                        })
                )
            },
            .p(.class("no-print"), .forEach(years.sorted()) { y in .a(.attr(.href, "?year=\(y)"), .text("\(y) ")) })
        ))
    }

    /// The shortfall in the indicator's own quantity, e.g. "3 名教师" or "120 m²".
    static func missing(_ d: IndicatorDefinition, value: Double?, required: Double?, students: Int, _ ctx: PageContext) -> String {
        guard let value, let required, value < required * (1 - Evaluator.requirementTolerance), students > 0 else { return "" }
        let shortfall = (required - value) * Double(students) / d.perStudents
        let unitZH = d.unitZH.split(separator: "/").first.map(String.init) ?? ""
        let unitEN = d.unitEN.components(separatedBy: " per ").first ?? ""
        let amount = String(format: "%.0f", shortfall.rounded(.up))
        return ctx.t("\(amount) \(unitZH)", "\(amount) \(unitEN == d.unitEN ? "" : unitEN)")
    }
}
