import Foundation
import Funding
import JunhengImport
import Plot

extension FundingYearModel {
    func render(_ ctx: PageContext) -> String {
        let title = ctx.t("\(year) 年经费明细", "\(year) funding lines and projects")
        let base = "/counties/\(county.code)/funding/years/\(year)"
        let published = record?.isPublished == true
        return Layout.page(ctx, title: title, .group(
            .h1(.text("\(county.name) · \(title)")),
            .p(.a(.attr(.href, "/counties/\(county.code)/funding"), .text(ctx.t("返回经费管理", "Back to funding")))),
            .unwrap(notice) { .div(.class("notice"), .id("funding-notice"), .p(.text($0))) },
            .if(record == nil, .p(.id("no-funding-year"), .class("muted"), .text(ctx.t("本年度没有经费数据。", "No funding data for this year.")))),
            .if(published, .div(.id("year-published"), .class("notice"),
                .p(.text(ctx.t("本年度已公开，不能修改。重新开放编辑会把本年度从公开门户撤下，直到再次公开（记入审计日志）。",
                               "This year is published and cannot be edited. Re-opening takes it off the public portal until it is published again (audited)."))),
                .if(mayReopen, .form(.attr(.action, base + "/reopen"), .method(.post), .id("reopen-form"), ctx.csrfField,
                    .button(.type(.submit), .id("reopen-submit"), .text(ctx.t("重新开放编辑", "Re-open for editing"))))))),
            .if(record != nil, .group(
                .form(.method(.get), .attr(.action, base), .id("line-filter"), .class("no-print"),
                      .label(.for("school"), .text(ctx.t("学校标识码", "School code"))),
                      .input(.type(.text), .id("school"), .name("school"), .attr(.value, schoolFilter)),
                      .button(.type(.submit), .text(ctx.t("筛选", "Filter")))),
                .h2(.text(ctx.t("预算明细（\(lineTotal) 行\(lineTotal > Self.shownLines ? "，显示前 \(Self.shownLines) 行" : "")）",
                                "Budget lines (\(lineTotal)\(lineTotal > Self.shownLines ? ", first \(Self.shownLines) shown" : ""))"))),
                .div(.class("scroll"), .table(.id("funding-lines"),
                    .tr(.th(.text(ctx.t("学校", "School"))), .th(.text(ctx.t("阶段", "Phase"))), .th(.text(ctx.t("功能分类", "Functional"))),
                        .th(.text(ctx.t("经济分类", "Economic"))), .th(.text(ctx.t("资金来源", "Source"))), .th(.text(ctx.t("金额（元）", "Amount (yuan)"))), .th()),
                    .group(lines.map { l -> Node<HTML.TableContext> in
                        let f = FundingEdits.fields(of: l)
                        return .tr(.td(.text(l.schoolCode)), .td(.text(f["phase"] ?? "")), .td(.code(.text(l.functionalCode))), .td(.code(.text(l.economicCode))),
                                   .td(.text((f["fund_source"] ?? "") + (l.programme.isEmpty ? "" : "（\(l.programme)）"))),
                                   .td(.class("num"), .text(f["amount_yuan"] ?? "")),
                                   .td(.if(!published, .a(.attr(.href, "\(base)/lines/\(l.id?.uuidString ?? "")"), .text(ctx.t("修改", "Edit"))))))
                    }))),
                .h2(.text(ctx.t("项目（\(projects.count) 个）", "Projects (\(projects.count))"))),
                .div(.class("scroll"), .table(.id("funding-projects"),
                    .tr(.th(.text(ctx.t("编码", "Code"))), .th(.text(ctx.t("名称", "Name"))), .th(.text(ctx.t("学校", "School"))),
                        .th(.text(ctx.t("预算（元）", "Budget (yuan)"))), .th(.text(ctx.t("执行进度", "Execution"))), .th()),
                    .group(projects.map { p -> Node<HTML.TableContext> in
                        .tr(.td(.code(.text(p.code))), .td(.text(p.name)), .td(.text(p.schoolCode)), .td(.class("num"), .text(Fen(p.budgetFen).yuanString)),
                            .td(.text(p.execution)),
                            .td(.a(.attr(.href, "\(base)/projects/\(p.id?.uuidString ?? "")"), .text(published ? ctx.t("查看", "View") : ctx.t("修改", "Edit")))))
                    })))))
        ))
    }
}

extension FundingEditModel {
    /// Labels of the editable fields (the file's Chinese header, then the key).
    static func label(_ key: String) -> String {
        let columns = FundingFile.budget.columns + FundingFile.projects.columns
        return (columns.first { $0.en == key }?.zh ?? key) + " (\(key))"
    }

    func render(_ ctx: PageContext) -> String {
        let title = kind == .line ? ctx.t("修改预算行", "Edit a budget line") : ctx.t("修改项目", "Edit a project")
        let keys = kind == .line ? FundingEdits.lineFields : FundingEdits.projectFields
        return Layout.page(ctx, title: title, .group(
            .h1(.text("\(county.name) · \(year) · \(title)")),
            .p(.a(.attr(.href, "/counties/\(county.code)/funding/years/\(year)"), .text(ctx.t("返回 \(year) 年明细", "Back to \(year)")))),
            .p(.id("edit-subject"), .text(subject)),
            .unwrap(message) { .div(.class("error-box"), .id("edit-error"), .p(.text($0))) },
            .if(!issues.isEmpty, .div(.class("scroll"), .table(.id("edit-issues"),
                .tr(.th(.text(ctx.t("字段", "Field"))), .th(.text(ctx.t("值", "Value"))), .th(.text(ctx.t("应为", "Expected")))),
                .group(issues.prefix(50).map { i -> Node<HTML.TableContext> in
                    .tr(.td(.attr(.class, "issue-field"), .text(i.column)), .td(.code(.text(String(i.value.prefix(80))))), .td(.text(ctx.t(i.expectedZH, i.expectedEN))))
                })))),
            .if(published, .p(.class("muted"), .text(ctx.t("本年度已公开：只读。", "This year is published: read only.")))),
            .form(.attr(.action, action), .method(.post), .id("edit-form"), ctx.csrfField,
                  .group(keys.map { key -> Node<HTML.FormContext> in
                      .group(.label(.attr(.for, "f-" + key), .text(Self.label(key))), input(key, ctx))
                  }),
                  .if(!published, .p(.button(.type(.submit), .id("edit-submit"), .text(ctx.t("保存（记入审计日志）", "Save (audited)")))))),
            .if(kind == .project, documentsSection(ctx))
        ))
    }

    /// The project's stage documents and, while the year is a draft, the upload form.
    func documentsSection(_ ctx: PageContext) -> Node<HTML.BodyContext> {
        let yearBase = "/counties/\(county.code)/funding/years/\(year)"
        return .section(.id("stage-documents"),
            .h2(.text(ctx.t("采购阶段文件", "Procurement stage documents"))),
            .if(documents.isEmpty, .p(.class("muted"), .text(ctx.t("尚无文件。", "No documents yet.")))),
            .if(!documents.isEmpty, .table(.id("document-list"),
                .tr(.th(.text(ctx.t("阶段", "Stage"))), .th(.text(ctx.t("文件", "File"))), .th(.text(ctx.t("大小（字节）", "Bytes"))),
                    .th(.text("SHA-256")), .th(.text(ctx.t("公开", "Public")))),
                .group(documents.map { d -> Node<HTML.TableContext> in
                    .tr(.td(.text(d.stage.rawValue)), .td(.a(.attr(.href, "\(yearBase)/documents/\(d.id.uuidString)"), .text(d.name))),
                        .td(.class("num"), .text(String(d.bytes))), .td(.code(.text(d.sha256))),
                        .td(.text(d.isPublic ? ctx.t("公开（年度公开后可见）", "public (once the year is published)") : ctx.t("内部", "internal"))))
                }))),
            .if(!published, .form(.attr(.action, action + "/documents"), .method(.post), .enctype(.multipartData), .id("document-form"), ctx.csrfField,
                .label(.for("document-stage"), .text(ctx.t("采购阶段", "Stage"))),
                .select(.id("document-stage"), .attr(.name, "stage"), .group(ProcurementStage.allCases.map { s -> Node<HTML.SelectContext> in
                    .option(.attr(.value, s.key), .attr(.label, s.rawValue))
                })),
                .label(.for("document-file"), .text(ctx.t("文件（PDF、PNG、JPEG，≤ 10 MB）", "File (PDF, PNG, JPEG; ≤ 10 MB)"))),
                .input(.type(.file), .id("document-file"), .name("file"), .attribute(named: "accept", value: ".pdf,.png,.jpg,.jpeg")),
                .label(.for("document-public"), .input(.type(.checkbox), .id("document-public"), .name("public"), .value("1")),
                       .text(ctx.t("在公开门户公示（年度公开后）", "Show on the public portal (once the year is published)"))),
                .button(.type(.submit), .id("document-submit"), .text(ctx.t("上传（记入审计日志）", "Upload (audited)"))))))
    }

    func input(_ key: String, _ ctx: PageContext) -> Node<HTML.FormContext> {
        let value = fields[key] ?? ""
        func options(_ values: [(String, String)]) -> Node<HTML.FormContext> {
            .select(.attr(.id, "f-" + key), .attr(.name, key), .group(values.map { v, label -> Node<HTML.SelectContext> in
                .option(.attr(.value, v), .isSelected(v == value), .attr(.label, label))
            }))
        }
        switch key {
        case "phase": return options(BudgetPhase.allCases.map { ($0.rawValue, $0.rawValue) })
        case "fund_source": return options([("本级", "本级"), ("上级转移支付", "上级转移支付"), ("社会捐赠", "社会捐赠")])
        default:
            return .input(.type(.text), .attr(.id, "f-" + key), .attr(.name, key), .attr(.value, value), .attribute(named: "maxlength", value: "200"))
        }
    }
}
