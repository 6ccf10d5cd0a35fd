import Foundation
import Plot
import Survey

/// The statistician's and inspector's page of one survey.
enum SurveyOverviewView {
    static func percent(_ x: Double?) -> String { x.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }

    static func render(_ m: SurveyOverviewModel, _ ctx: PageContext) -> String {
        let day = DateFormatter.surveyMinute
        return Layout.page(ctx, title: m.name, .group(
            .p(.a(.attr(.href, "/counties/\(m.countyCode)/surveys"), .text("← \(m.countyName) · 满意度预调查"))),
            .h1(.text(m.name)),
            .p(.id("survey-status"), .text("\(m.status())：\(day.string(from: m.opensAt)) 至 \(day.string(from: m.closesAt))　已发放邀请 \(m.issued) 份，收回答卷 \(m.responses) 份")),
            .p(.class("muted"), .text("预调查结果仅供县级自查，不能代替教育部组织的正式社会认可度调查；评估的 S 项以正式结果为准。")),
            results(m),
            .h2(.id("sample"), .text("样本与进度")),
            .if(!m.populationKnown, .p(.class("notice"), .text("未填写常住人口，样本按最低 \(m.rules.minimum) 份计算。"))),
            .p(.id("sample-total"), .text("建议样本 \(m.sampleTotal) 份（常住人口的 \(number(m.rules.perMille))‰、至少 \(m.rules.minimum) 份，家长不少于 \(percentWhole(m.rules.parentShare))，其他群体大致相等，城区 / 镇区 / 乡村按人口比例）。")),
            progressTable("survey-groups", "群体", m.byGroup),
            progressTable("survey-schools", "学校", m.bySchool),
            refusals(m),
            .if(m.canManage, sampleForm(m, ctx)),
            .if(m.canManage, manage(m, ctx)),
            batches(m)
        ))
    }

    private static func progressTable(_ id: String, _ head: String, _ rows: [SurveyOverviewModel.Row]) -> Node<HTML.BodyContext> {
        .table(.attr(.id, id),
            .thead(.tr(.th(.text(head)), .th(.text("建议份数")), .th(.text("已发放")), .th(.text("已收回")), .th(.text("回收率")))),
            .tbody(.forEach(rows) { r in
                .tr(.td(.text(r.label)), .td(.text(String(r.quota))), .td(.text(String(r.issued))), .td(.text(String(r.responses))),
                    .td(.text(r.issued > 0 ? percent(Double(r.responses) / Double(r.issued)) : "—")))
            }))
    }

    private static func refusals(_ m: SurveyOverviewModel) -> Node<HTML.BodyContext> {
        let kinds = [("replayed", "重复提交"), ("forged", "无效邀请码"), ("closed", "调查期外"), ("throttled", "提交过频（未计入，可重试）"), ("invalid", "答卷格式错误")]
        return .group(.h2(.text("被拒绝的提交")),
            .table(.id("survey-refusals"), .tbody(.forEach(kinds) { key, label in
                .tr(.td(.text(label)), .td(.attr(.dataValue, key), .text(String(m.refusals[key] ?? 0))))
            })))
    }

    private static func results(_ m: SurveyOverviewModel) -> Node<HTML.BodyContext> {
        guard m.isClosed else {
            return .group(.h2(.text("结果")), .p(.id("survey-results-pending"), .text("调查结束后显示满意度（进行中的调查只显示份数：实时变化的比例会暴露单份答卷）。")))
        }
        let r = m.results
        let passed = (r.overall.share ?? 0) >= r.threshold
        return .group(
            .h2(.text("结果（预调查）")),
            .p(.id("survey-share"), .attr(.class, passed ? "ok" : "fail"),
               .text("满意度 \(percent(r.overall.share))（95% 区间 \(percent(r.overall.low))–\(percent(r.overall.high))），\(r.overall.respondents) 份答卷、\(r.overall.counted) 个计入的回答；目标 ≥ 85%：\(r.overall.share == nil ? "样本不足" : passed ? "达到" : "未达到")")),
            .p(.class("muted"), .text("满意度 = 计为满意的回答 ÷ 计入的回答（“不了解”和未答不计入），所有题目和答卷合计。少于 \(r.minimumCell) 份答卷的格子不显示。")),
            shareTable("survey-by-questionnaire", "问卷", r.byQuestionnaire.sorted { $0.key < $1.key }.map { (m.questionnaires[$0.key]?.nameZH ?? $0.key.nameZH, $0.value) }),
            shareTable("survey-by-group", "群体", r.byGroup.sorted { $0.key < $1.key }.map { ($0.key.nameZH, $0.value) }),
            shareTable("survey-by-location", "城乡", r.byLocation.sorted { $0.key < $1.key }.map { ($0.key.rawValue, $0.value) }),
            shareTable("survey-by-item", "题目", itemRows(m)),
            shareTable("survey-by-school", "学校", r.bySchool.sorted { $0.key < $1.key }.map { code, share in
                (m.schools.first { $0.code == code }.map { "\($0.name)（\(code)）" } ?? code, share)
            }),
            .h3(.text("低于 85% 的题目和学校（最低在前）")),
            .ul(.id("survey-weakest"), .forEach(r.weakestItems.prefix(10)) { key in .li(.text("题目：\(itemLabel(m, key))　\(percent(r.byItem[key]?.share))")) },
                .forEach(r.weakestSchools.prefix(10)) { code in .li(.text("学校：\(code)　\(percent(r.bySchool[code]?.share))")) }),
            .p(.a(.attr(.href, "/surveys/\(m.id)/results.xlsx"), .id("survey-xlsx"), .text("下载结果（XLSX）")), .text(" · "),
               .a(.attr(.href, "/surveys/\(m.id)/results.csv"), .text("CSV")))
        )
    }

    static func itemLabel(_ m: SurveyOverviewModel, _ key: String) -> String {
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = QuestionnaireKind(rawValue: parts[0]), let item = m.questionnaires[kind]?.item(parts[1]) else { return key }
        return "\(kind.nameZH) · \(item.textZH)"
    }

    private static func itemRows(_ m: SurveyOverviewModel) -> [(String, Share)] {
        var rows: [(String, Share)] = []
        for kind in QuestionnaireKind.allCases {
            for item in m.questionnaires[kind]?.items ?? [] {
                if let s = m.results.byItem["\(kind.rawValue).\(item.key)"] { rows.append(("\(kind.nameZH) · \(item.textZH)", s)) }
            }
        }
        return rows
    }

    private static func shareTable(_ id: String, _ head: String, _ rows: [(String, Share)]) -> Node<HTML.BodyContext> {
        .table(.attr(.id, id),
            .thead(.tr(.th(.text(head)), .th(.text("答卷")), .th(.text("计入回答")), .th(.text("满意")), .th(.text("满意度")), .th(.text("95% 区间")))),
            .tbody(.forEach(rows) { label, s in
                s.suppressed
                    ? .tr(.td(.text(label)), .td(.text("< 5")), .td(.attr(.colspan, "4"), .class("muted"), .text("样本过少，不显示")))
                    : .tr(.td(.text(label)), .td(.text(String(s.respondents))), .td(.text(String(s.counted))), .td(.text(String(s.satisfied))),
                          .td(.attr(.class, (s.share ?? 1) >= 0.85 ? "ok" : "fail"), .text(percent(s.share))),
                          .td(.text("\(percent(s.low))–\(percent(s.high))")))
            }))
    }

    static func number(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e9 ? String(Int(x)) : String(x) }
    static func percentWhole(_ x: Double) -> String { "\(number((x * 1000).rounded() / 10))%" }

    /// The statistician's adjustment of the sample; the quota tables above follow it.
    private static func sampleForm(_ m: SurveyOverviewModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .group(
            .h3(.text("调整样本")),
            .unwrap(m.sampleError) { .p(.class("error-box"), .id("sample-error"), .text($0)) },
            .form(.id("sample-form"), .attr(.action, "/surveys/\(m.id)/sample"), .method(.post), ctx.csrfField,
                  .fieldset(.element(named: "legend", nodes: [.text("常住人口")]),
                            .forEach(Locale3.allCases) { l in
                                .label(.text(l.rawValue), .input(.type(.number), .attr(.name, "population_\(l.rawValue)"), .attr(.min, "0"),
                                                                 .attr(.value, m.population[l].map(String.init) ?? "")))
                            }),
                  .label(.for("per_mille"), .text("抽样比例（‰，不低于 1.5）")),
                  .input(.type(.number), .id("per_mille"), .name("per_mille"), .attr(.step, "0.1"), .attr(.min, "1.5"), .attr(.max, "100"),
                         .attr(.value, number(m.rules.perMille))),
                  .label(.for("minimum"), .text("最少份数")),
                  .input(.type(.number), .id("minimum"), .name("minimum"), .attr(.min, "1"), .attr(.max, String(SampleLimits.invitations)),
                         .attr(.value, String(m.rules.minimum))),
                  .label(.for("parent_share"), .text("家长占比（%，不低于 50）")),
                  .input(.type(.number), .id("parent_share"), .name("parent_share"), .attr(.step, "0.1"), .attr(.min, "50"), .attr(.max, "100"),
                         .attr(.value, number((m.rules.parentShare * 1000).rounded() / 10))),
                  .button(.type(.submit), .text("重新计算配额"))))
    }

    private static func manage(_ m: SurveyOverviewModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .group(
            .h2(.text("发放邀请")),
            .form(.id("invite-form"), .attr(.action, "/surveys/\(m.id)/invitations"), .method(.post), ctx.csrfField,
                  .label(.for("group"), .text("群体")),
                  .select(.id("group"), .attribute(named: "name", value: "group"), .forEach(RespondentGroup.allCases) { g in
                      .option(.attr(.value, g.rawValue), .attr(.label, "\(g.nameZH)（\(g.questionnaire.nameZH)）"))
                  }),
                  .label(.for("school_code"), .text("学校（家长、学生、教师、校长按学校发放）")),
                  .select(.id("school_code"), .attribute(named: "name", value: "school_code"), .option(.value(""), .attr(.label, "全县（不分学校）")),
                          .forEach(m.schools) { s in .option(.attr(.value, s.code), .attr(.label, "\(s.name)（\(s.code)）")) }),
                  .label(.for("class_label"), .text("班级（可选，印在邀请单上，如“三年级2班”）")),
                  .input(.type(.text), .id("class_label"), .name("class_label"), .attr(.maxlength, String(SurveyLimits.classLabelLength))),
                  .label(.for("count"), .text("份数")),
                  .input(.type(.number), .id("count"), .name("count"), .attr(.min, "1"), .attr(.max, String(SurveyLimits.invitationsPerRequest)), .required(true)),
                  .button(.type(.submit), .text("生成邀请单"))),
            .p(.a(.attr(.href, "/surveys/\(m.id)/paper"), .id("paper-link"), .text("录入纸质答卷"))),
            .if(Date() < m.opensAt, .p(.id("questionnaire-links"), .text("调查开始前可编辑问卷："),
                .forEach(QuestionnaireKind.allCases) { k in
                    .a(.attr(.href, "/surveys/\(m.id)/questionnaires/\(k.rawValue)"), .text("\(m.questionnaires[k]?.nameZH ?? k.nameZH) "))
                })),
            .if(!m.isClosed, .form(.id("close-form"), .attr(.action, "/surveys/\(m.id)/close"), .method(.post), ctx.csrfField,
                                    .button(.type(.submit), .text("立即结束调查"))))
        )
    }

    private static func batches(_ m: SurveyOverviewModel) -> Node<HTML.BodyContext> {
        .group(.h2(.text("已发放的邀请单")),
            .table(.id("survey-batches"),
                .thead(.tr(.th(.text("群体")), .th(.text("学校")), .th(.text("班级")), .th(.text("份数")), .th(.text("时间")), .th(.text("")))),
                .tbody(.forEach(m.batches) { b in
                    .tr(.td(.text(b.label)), .td(.text(b.school ?? "全县")), .td(.text(b.classLabel ?? "")), .td(.text(String(b.count))),
                        .td(.text(DateFormatter.surveyMinute.string(from: b.createdAt))),
                        .td(.if(m.canManage, .group(
                            .a(.attr(.href, "/surveys/\(m.id)/batches/\(b.id)"), .text("打印邀请单")), .text(" · "),
                            .a(.attr(.href, "/surveys/\(m.id)/batches/\(b.id)/slips.pdf"), .text("PDF")), .text(" · "),
                            .a(.attr(.href, "/surveys/\(m.id)/batches/\(b.id)/links.csv"), .text("链接清单（CSV）"))))))
                })))
    }
}

extension DateFormatter {
    /// `yyyy-MM-dd HH:mm` in China Standard Time (a new formatter each time: DateFormatter is not Sendable).
    static var surveyMinute: DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Asia/Shanghai")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f
    }
}
