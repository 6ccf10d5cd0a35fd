import Accreditation
import JunhengReports
import Plot

/// The assessment dashboard: overall status, the parts with every item, what is missing, evidence, actions, history.
enum AssessmentDashboardView {
    static func render(_ m: AssessmentDashboardModel, _ ctx: PageContext) -> String {
        let base = "/counties/\(m.county.code)/years/\(m.year)/assessment"
        let title = ctx.t("\(m.year) 年优质均衡督导评估", "\(m.year) high-quality balance assessment")
        let editable = m.mayEdit && m.stage.countyMayEdit
        return Layout.page(ctx, title: "\(m.county.name) · \(title)", .group(
            .h1(.text("\(m.county.name) · \(title)")),
            .p(.id("assessment-stage"), .attr(.dataState, m.stage.rawValue),
               .text(ctx.t("审核环节：", "Stage: ") + ctx.t(m.stage.zh, m.stage.rawValue.replacingOccurrences(of: "_", with: " ")))),
            .unwrap(m.returnComment) { e in
                .div(.class("error-box"), .id("assessment-returned"),
                     .p(.text(ctx.t("\(e.level == .city ? "市" : "省")退回意见（\(e.actor)，\(assessmentTime(e.at))）：",
                                    "Returned by the \(e.level.rawValue) (\(e.actor), \(assessmentTime(e.at))): ") + e.comment)))
            },
            .if(m.loaded == nil, .div(.class("notice"), .id("assessment-empty"),
                .p(.text(ctx.t("尚未上传评估数据包。", "No assessment package uploaded yet."))))),
            .unwrap(m.loaded) { loaded in
                AssessmentItemsView.summary(loaded.assessment, ctx)
            },
            actions(m, base: base, editable: editable, ctx),
            .unwrap(m.loaded) { loaded in
                .group(AssessmentItemsView.missing(loaded.assessment, ctx),
                       AssessmentItemsView.parts(loaded.assessment, evidence: m.evidence, survey: m.preSurvey, ctx))
            },
            evidence(m, base: base, editable: editable, ctx),
            versions(m, base: base, ctx),
            AssessmentItemsView.history(m.history, ctx)
        ))
    }

    static func actions(_ m: AssessmentDashboardModel, base: String, editable: Bool, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .div(.class("actions no-print"), .id("assessment-actions"),
            .if(editable, .a(.attr(.href, base + "/upload"), .id("assessment-upload-link"), .text(ctx.t("上传评估数据", "Upload assessment data")))),
            .if(m.loaded != nil, .group(
                .a(.attr(.href, base + "/report"), .id("assessment-report-link"), .text(ctx.t("自评报告（可打印）", "Self-assessment report (printable)"))),
                .a(.attr(.href, base + "/application.xlsx"), .id("assessment-workbook-link"), .text(ctx.t("申报表 xlsx", "Application workbook xlsx"))),
                .a(.attr(.href, base + "/package.xlsx"), .text(ctx.t("数据包 xlsx", "Data package xlsx"))),
                .if(m.pdfAvailable, .form(.class("inline"), .attr(.action, base + "/report.pdf"), .method(.post), ctx.csrfField,
                    .button(.type(.submit), .id("assessment-pdf"), .text(ctx.t("自评报告 PDF", "Report PDF"))))))),
            .a(.attr(.href, base + "/tasks"), .id("assessment-tasks-link"),
               .text(ctx.t("整改任务（未完成 \(m.openTasks)，已完成 \(m.closedTasks)）", "Rectification tasks (\(m.openTasks) open, \(m.closedTasks) closed)"))),
            .if(m.maySubmit && m.stage.countyMayEdit && m.packageSHA != nil,
                .form(.attr(.action, base + "/submit"), .method(.post), .id("assessment-submit-form"), ctx.csrfField,
                      .label(.attr(.for, "submit-comment"), .text(ctx.t("报送说明（可选）", "Note (optional)"))),
                      .input(.type(.text), .id("submit-comment"), .name("comment"), .attribute(named: "maxlength", value: "2000")),
                      .button(.type(.submit), .id("assessment-submit"),
                              .text(ctx.t("提交市复核（提交后本版本不可更改）", "Submit to the city (this version is then frozen)"))))),
            .if(m.mayReview && m.stage.actor != nil && m.stage.actor != .county && !m.versions.isEmpty,
                .a(.attr(.href, base + "/versions/\(m.versions.count)"), .id("assessment-review-link"),
                   .text(ctx.t("审核第 \(m.versions.count) 版", "Review version \(m.versions.count)")))))
    }

    static func evidence(_ m: AssessmentDashboardModel, base: String, editable: Bool, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .section(.id("evidence"),
            .h2(.text(ctx.t("佐证材料", "Evidence"))),
            .if(m.evidence.isEmpty, .p(.class("muted"), .text(ctx.t("尚无佐证材料。", "No evidence yet.")))),
            .if(!m.evidence.isEmpty, AssessmentItemsView.evidenceTable(m.evidence, base: base, ctx)),
            .if(editable, .form(.attr(.action, base + "/evidence"), .method(.post), .enctype(.multipartData), .id("evidence-form"), ctx.csrfField,
                .label(.attr(.for, "evidence-item"), .text(ctx.t("指标", "Item"))),
                .select(.id("evidence-item"), .attribute(named: "name", value: "item"),
                        .forEach(AssessmentItems.all.filter { $0.kind.needsVerdict }) { d in
                            .option(.attr(.value, d.key), .attr(.label, "\(d.key) \(ctx.t(d.zh, d.en).prefix(40))"))
                        }),
                .label(.attr(.for, "evidence-file"), .text(ctx.t("文件（PDF、图片、Office 文件，≤ 20 MB）", "File (PDF, image, Office; ≤ 20 MB)"))),
                .input(.type(.file), .id("evidence-file"), .name("file"),
                       .attribute(named: "accept", value: ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.doc,.xls")),
                .button(.type(.submit), .id("evidence-submit"), .text(ctx.t("上传佐证", "Upload evidence"))))))
    }

    static func versions(_ m: AssessmentDashboardModel, base: String, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .section(.id("assessment-versions"),
            .h2(.text(ctx.t("已报送版本", "Submitted versions"))),
            .if(m.versions.isEmpty, .p(.class("muted"), .text(ctx.t("尚未报送。", "Not submitted yet.")))),
            .ul(.forEach(m.versions) { v in
                .li(.a(.attr(.href, base + "/versions/\(v.number)"), .text(ctx.t("第 \(v.number) 版", "Version \(v.number)"))),
                    .text(" · \(assessmentTime(v.at)) · \(v.by)"))
            }))
    }
}

/// Item tables and lists shared by the dashboard and the frozen version page.
enum AssessmentItemsView {
    static func lang(_ ctx: PageContext) -> ReportLanguage { ctx.lang == .zh ? .zh : .en }

    static func statusClass(_ s: ItemStatus) -> String { s == .passed ? "pass" : s == .failed ? "fail" : "muted" }

    static func summary(_ a: Assessment, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let L = lang(ctx)
        return .div(.class("summary"),
            .p(.id("assessment-status"), .attr(.dataState, a.status.rawValue),
               .strong(.text(ctx.t("结论：", "Overall: ") + AssessmentFormatting.overall(a.status, L)))),
            .if(!a.vetoesPresent.isEmpty, .p(.class("error-box"),
                .text(ctx.t("否决事项：", "Vetoes declared: ") + a.vetoesPresent.joined(separator: ", ")))),
            .table(.id("assessment-parts"),
                .tr(.th(.text(ctx.t("部分", "Part"))), .th(.text(ctx.t("达标", "Passed"))), .th(.text(ctx.t("未达标", "Failed"))),
                    .th(.text(ctx.t("待补充", "Pending")))),
                .forEach(AssessmentPart.allCases) { part in
                    let items = a.items(in: part)
                    return .tr(.td(.a(.attr(.href, "#part-\(part.rawValue)"), .text(ctx.t(part.zh, part.en)))),
                               .td(.class("num"), .text(String(items.filter { $0.status == .passed }.count))),
                               .td(.class("num"), .text(String(items.filter { $0.status == .failed }.count))),
                               .td(.class("num"), .text(String(items.filter { $0.status == .pending }.count))))
                }))
    }

    static func missing(_ a: Assessment, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let L = lang(ctx)
        let pending = a.items.filter { $0.status == .pending }
        return .section(.id("assessment-missing"),
            .h2(.text(ctx.t("待补充的数据和结论", "Still missing"))),
            .if(pending.isEmpty, .p(.class("muted"), .text(ctx.t("没有待补充的项目。", "Nothing is missing.")))),
            .ul(.forEach(pending) { item in
                .li(.strong(.text(item.key + " ")),
                    .text(item.missing.prefix(10).map { AssessmentFormatting.missing($0, L) }.joined(separator: "；")
                          + (item.missing.count > 10 ? ctx.t(" 等 \(item.missing.count) 项", " and \(item.missing.count - 10) more") : "")))
            }))
    }

    static func parts(_ a: Assessment, evidence: [EvidenceRef], survey: PreSurveyLine? = nil, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .group(.forEach(AssessmentPart.allCases) { part in
            .section(.attr(.id, "part-\(part.rawValue)"),
                .h2(.text(ctx.t(part.zh, part.en))),
                .if(part == .recognition, recognition(a, survey: survey, ctx)),
                table(a.items(in: part), evidence: evidence, ctx))
        })
    }

    /// 社会认可度: the official figure decides; the county's pre-survey is shown beside it, labelled, never in its place.
    static func recognition(_ a: Assessment, survey: PreSurveyLine? = nil, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        func pct(_ v: Double?) -> String { v.map { AssessmentFormatting.value($0, item: "S", lang(ctx)) } ?? "—" }
        return .div(.id("recognition"),
            .p(.id("recognition-official"), .text(ctx.t("国家调查结果（用于认定）：", "Official survey (decides the item): ") + pct(a.recognitionOfficialPct))),
            .p(.id("recognition-presurvey"), .class("muted"),
               .text(ctx.t("县预调查（仅供参考，不代替国家调查结果）：", "County pre-survey (for reference only; never stands in for the official figure): ")
                     + (a.recognitionPresurveyPct.map { pct($0) } ?? ctx.t("未录入", "not entered")))),
            .unwrap(survey) { s in
                .p(.id("recognition-junheng-survey"), .class("muted"),
                   .text(ctx.t("本平台预调查（仅供参考）：", "Pre-survey run on this platform (for reference only): ")),
                   .a(.attr(.href, "/surveys/\(s.id)"), .text(s.name)),
                   .text(" " + (s.share.map { String(format: "%.1f%%", $0 * 100) } ?? "—")
                         + ctx.t("（\(s.respondents) 份答卷）", " (\(s.respondents) answer sheets)")))
            })
    }

    static func table(_ items: [ItemResult], evidence: [EvidenceRef], _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let L = lang(ctx)
        return .div(.class("scroll"), .table(.class("items"),
            .tr(.th(.text(ctx.t("项目", "Item"))), .th(.text(ctx.t("内容", "Requirement"))), .th(.text(ctx.t("值", "Value"))),
                .th(.text(ctx.t("标准", "Threshold"))), .th(.text(ctx.t("结论", "Status"))), .th(.text(ctx.t("未达标学校", "Failing schools"))),
                .th(.text(ctx.t("缺少", "Missing"))), .th(.text(ctx.t("佐证", "Evidence")))),
            .forEach(items) { item in
                let failing = item.schools.filter { $0.status == .failed }
                let measure = item.measures.first?.key ?? ""
                let notes = ctx.lang == .zh ? item.notesZH : item.notesEN
                return .tr(.attr(.id, "item-\(item.key)"), .attr(.dataState, item.status.rawValue),
                    .td(.strong(.text(item.key))),
                    .td(.text(AssessmentFormatting.name(item.definition, L)),
                        .if(!notes.isEmpty, .div(.class("muted"), .text(notes.joined(separator: "；")))),
                        .if(!item.sources.isEmpty, source(item, ctx))),
                    .td(.class("num"), .text(AssessmentFormatting.value(item.value, item: item.key, measure: measure, L))),
                    .td(.text(AssessmentFormatting.threshold(item.threshold, AssessmentFormatting.comparison(item), item: item.key, measure: measure, L))),
                    .td(.attr(.class, statusClass(item.status)), .text(AssessmentFormatting.status(item.status, L))),
                    .td(.text(failing.prefix(12).map { "\($0.schoolName)（\($0.schoolCode)\($0.section.map { " " + $0 } ?? "")）" }.joined(separator: "、")
                              + (failing.count > 12 ? ctx.t(" 等 \(failing.count) 所", " and \(failing.count - 12) more") : ""))),
                    .td(.text(item.missing.prefix(3).map { AssessmentFormatting.missing($0, L) }.joined(separator: "；")
                              + (item.missing.count > 3 ? " …" : ""))),
                    .td(.class("num"), .text(String(evidence.filter { $0.item == item.key }.count))))
            }))
    }

    /// Which source G2/G6/G7/Q4 used: 财务数据 (the finance office's records of the year) or 申报材料, with school counts.
    static func source(_ item: ItemResult, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let state = item.sources.count > 1 ? "mixed" : item.sources.first?.rawValue ?? ""
        let parts = item.sources.map { s -> String in
            let n = item.schools.filter { $0.source == s }.count
            let name = ctx.t(s.zh, s.en)
            return item.schools.isEmpty ? name : name + ctx.t(" \(n) 所", " (\(n) schools)")
        }
        let phases = Set(item.schools.filter { $0.source == .finance }.map(\.sourcePhase).filter { !$0.isEmpty }).sorted()
        return .div(.class("figure-source"), .attr(.id, "source-\(item.key)"), .attr(.dataState, state),
                    .text(ctx.t("数据来源：", "Figures from: ") + parts.joined(separator: ctx.t("、", ", "))
                          + (phases.isEmpty ? "" : ctx.t("（\(phases.joined(separator: "、"))）", " (\(phases.joined(separator: ", ")))"))))
    }

    static func evidenceTable(_ evidence: [EvidenceRef], base: String, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .table(.id("evidence-list"),
            .tr(.th(.text(ctx.t("指标", "Item"))), .th(.text(ctx.t("文件", "File"))), .th(.text(ctx.t("类型", "Type"))),
                .th(.text(ctx.t("大小（字节）", "Bytes"))), .th(.text("SHA-256"))),
            .forEach(evidence) { e in
                .tr(.td(.text(e.item)), .td(.a(.attr(.href, "\(base)/evidence/\(e.id.uuidString)"), .text(e.name))), .td(.text(e.type)),
                    .td(.class("num"), .text(String(e.bytes))), .td(.code(.text(e.sha256))))
            })
    }

    static func history(_ events: [ReviewEvent], _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .section(.id("assessment-history"),
            .h2(.text(ctx.t("审核记录", "Review history"))),
            .if(events.isEmpty, .p(.class("muted"), .text(ctx.t("尚无记录。", "Nothing yet.")))),
            .if(!events.isEmpty, .div(.class("scroll"), .table(
                .tr(.th(.text(ctx.t("时间", "Time"))), .th(.text(ctx.t("级别", "Level"))), .th(.text(ctx.t("操作人", "Actor"))),
                    .th(.text(ctx.t("操作", "Action"))), .th(.text(ctx.t("版本", "Version"))), .th(.text(ctx.t("环节", "Stage"))),
                    .th(.text(ctx.t("意见", "Comment")))),
                .forEach(events.suffix(200).reversed()) { e in
                    .tr(.td(.text(assessmentTime(e.at))), .td(.text(e.level.rawValue)), .td(.text(e.actor)), .td(.text(actionName(e.action, ctx))),
                        .td(.class("num"), .text(String(e.version))), .td(.text(ctx.t(e.to.zh, e.to.rawValue))), .td(.text(e.comment)))
                }))))
    }

    static func actionName(_ a: ReviewAction, _ ctx: PageContext) -> String {
        switch a {
        case .edit: ctx.t("修改数据", "edit")
        case .submit: ctx.t("报送", "submit")
        case .returnSubmission: ctx.t("退回", "return")
        case .passOn: ctx.t("通过并上报", "pass on")
        case .itemVerdict: ctx.t("指标评审", "item verdict")
        }
    }
}
