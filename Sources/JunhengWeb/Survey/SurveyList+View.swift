import Foundation
import Plot
import Survey

/// A county's pre-surveys and the form that creates one.
enum SurveyListView {
    struct Row { var id: UUID; var name: String; var opensAt: Date; var closesAt: Date; var issued: Int }

    static func render(countyCode: String, countyName: String, rows: [Row], canManage: Bool, error: String?, _ ctx: PageContext) -> String {
        let f = DateFormatter.surveyMinute
        let now = Date()
        return Layout.page(ctx, title: "\(countyName) · 满意度预调查", .group(
            .h1(.text("\(countyName) · 社会认可度预调查")),
            .p(.class("muted"), .text("县级预调查按教育部调查的办法抽样、匿名作答，用于申报前了解满意度；它不能代替正式调查结果。")),
            .unwrap(error) { .p(.class("error-box"), .id("survey-error"), .text($0)) },
            .table(.id("survey-list"),
                .thead(.tr(.th(.text("名称")), .th(.text("调查期")), .th(.text("状态")), .th(.text("已发放")))),
                .tbody(.forEach(rows) { r in
                    .tr(.td(.a(.attr(.href, "/surveys/\(r.id)"), .text(r.name))),
                        .td(.text("\(f.string(from: r.opensAt)) 至 \(f.string(from: r.closesAt))")),
                        .td(.text(now < r.opensAt ? "未开始" : now < r.closesAt ? "进行中" : "已结束")),
                        .td(.text(String(r.issued))))
                })),
            .if(canManage, .group(
                .h2(.text("新建预调查")),
                .form(.id("survey-create"), .attr(.action, "/counties/\(countyCode)/surveys"), .method(.post), ctx.csrfField,
                      .label(.for("name"), .text("名称")),
                      .input(.type(.text), .id("name"), .name("name"), .required(true), .attr(.value, "\(Calendar.current.component(.year, from: now)) 年社会认可度预调查")),
                      .label(.for("opens_at"), .text("开始（北京时间）")),
                      .input(.type(.datetimeLocal), .id("opens_at"), .name("opens_at"), .required(true)),
                      .label(.for("closes_at"), .text("结束（北京时间）")),
                      .input(.type(.datetimeLocal), .id("closes_at"), .name("closes_at"), .required(true)),
                      .fieldset(.element(named: "legend", nodes: [.text("常住人口（用于确定样本量）")]),
                                .forEach(Locale3.allCases) { l in
                                    .label(.text(l.rawValue), .input(.type(.number), .attr(.name, "population_\(l.rawValue)"), .attr(.min, "0")))
                                }),
                      .p(.text("使用内置的社会卷、校长教师卷和学生卷；调查开始前可在调查页面复制并编辑问卷（也可通过 API 提交）。")),
                      .button(.type(.submit), .text("新建")))))
        ))
    }
}
