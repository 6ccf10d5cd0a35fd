import EquityKit
import Foundation
import Plot

/// The printable 督导 report: A4, no navigation, charts and tables only, self-contained.
enum ReportView {
    static func render(countyName: String, _ x: EvaluatedSnapshot, _ ctx: PageContext) -> String {
        let e = x.evaluation
        let title = ctx.t("\(countyName) \(x.snapshot.schoolYear)–\(x.snapshot.schoolYear + 1) 学年义务教育资源配置评估报告",
                          "\(countyName) \(x.snapshot.schoolYear)–\(x.snapshot.schoolYear + 1) compulsory-education resource allocation report")
        let failing = e.schools.filter { $0.included && $0.passed == false }
        return Layout.page(ctx, title: title, printable: true, .group(
            .h1(.id("report-title"), .text(title)),
            .p(.text(ctx.t("评估标准：\(e.standard.nameZH)（\(e.standard.basis)）", "Standard: \(e.standard.nameEN) (\(e.standard.basis))"))),
            .p(.class("muted"), .text(ctx.t("数据版本 v\(x.snapshot.version)，\(x.snapshot.fileName)，SHA-256 \(x.snapshot.fileHash)",
                                            "Data version v\(x.snapshot.version), \(x.snapshot.fileName), SHA-256 \(x.snapshot.fileHash)"))),
            .p(.class("no-print muted"), .text(ctx.t("用浏览器打印（Ctrl+P）即得 A4 报告。", "Print with the browser (Ctrl+P) for an A4 report."))),
            .h2(.text(ctx.t("结论", "Verdict"))),
            .p(.attr(.class, e.passed ? "pass" : "fail"), .id("report-verdict"),
               .text(e.passed ? ctx.t("资源配置达到标准要求。", "Resource allocation meets the standard.")
                              : ctx.t("资源配置未达到标准要求。", "Resource allocation does not meet the standard."))),
            .forEach(e.sections) { s in
                .section(
                    .h2(.text(ctx.t("\(s.section.rawValue)（计入 \(s.schools) 所学校，\(s.students) 名学生）", "\(s.section.english.capitalized) (\(s.schools) schools, \(s.students) students)"))),
                    .raw(SVGChart.cvBars(s.indicators.map { SVGChart.Bar(label: ctx.t($0.definition.nameZH, $0.definition.nameEN), value: $0.cv.value, limit: $0.cvLimit) },
                                         title: ctx.t("差异系数与限值", "CV against limit"), undefinedText: ctx.t("无定义", "undefined"))),
                    .table(.tr(.th(.text(ctx.t("指标", "Indicator"))), .th(.class("num"), .text(ctx.t("加权均值", "Mean"))),
                               .th(.class("num"), .text(ctx.t("差异系数", "CV"))), .th(.class("num"), .text(ctx.t("限值", "Limit"))), .th(.text(ctx.t("结论", "Verdict")))),
                           .forEach(s.indicators) { i in
                               .tr(.td(.text(ctx.t(i.definition.nameZH, i.definition.nameEN))), .td(.class("num"), .text(Format.statistic(i.mean, digits: 2, ctx))),
                                   .td(.class("num"), .text(Format.statistic(i.cv, digits: 4, ctx))), .td(.class("num"), .text(String(format: "%.2f", i.cvLimit))),
                                   .td(.attr(.class, i.passed ? "pass" : "fail"), .text(i.passed ? ctx.t("达标", "met") : ctx.t("超限", "over limit"))))
                           })
                )
            },
            .h2(.text(ctx.t("未达标学校（\(failing.count) 所）", "Schools not meeting the school rule (\(failing.count))"))),
            .if(failing.isEmpty, .p(.text(ctx.t("无", "None")))),
            .if(!failing.isEmpty, .table(
                .tr(.th(.text(ctx.t("学段", "Section"))), .th(.text(ctx.t("学校", "School"))), .th(.text(ctx.t("达标项", "Met"))),
                    .th(.text(ctx.t("未达标指标", "Unmet indicators")))),
                .forEach(failing) { s in
                    .tr(.td(.class("nowrap"), .text(ctx.t(s.school.section.rawValue, s.school.section.english))), .td(.text(s.school.schoolName)), .td(.class("num"), .text(String(s.met))),
                        .td(.text(s.unmet.map { i in
                            let d = e.standard.indicators[i]
                            return ctx.t(d.nameZH, d.nameEN) + (s.belowFloor.contains(i) ? ctx.t("（低于85%）", " (below 85%)") : "")
                        }.joined(separator: "、"))))
                })),
            .forEach(e.notes) { .p(.class("muted"), .text(ctx.t($0.zh, $0.en))) },
            .p(.class("muted"), .text(ctx.t("由均衡平台根据上传数据自动计算；差异系数按在校生数加权（教督〔2017〕6号）。",
                                            "Computed by Junheng from the uploaded data; CVs are student-weighted (教督〔2017〕6号).")))
        ))
    }
}
