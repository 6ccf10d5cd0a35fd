import Accreditation
import Plot

/// A frozen submission: verdicts, evidence, changes since the previous version, reviewers' verdicts and the review forms.
enum AssessmentVersionView {
    static func render(_ m: AssessmentVersionModel, _ ctx: PageContext) -> String {
        let base = "/counties/\(m.county.code)/years/\(m.year)/assessment"
        let title = ctx.t("第 \(m.number) 版（已冻结）", "Version \(m.number) (frozen)")
        return Layout.page(ctx, title: "\(m.county.name) · \(m.year) · \(title)", .group(
            .h1(.text("\(m.county.name) · \(m.year) · \(title)")),
            .p(.text(ctx.t("报送：\(assessmentTime(m.submittedAt))，\(m.submittedBy)；", "Submitted \(assessmentTime(m.submittedAt)) by \(m.submittedBy); "))),
            .p(.id("assessment-stage"), .attr(.dataState, m.stage.rawValue),
               .text(ctx.t("当前环节：", "Current stage: ") + ctx.t(m.stage.zh, m.stage.rawValue) + (m.number < m.latest ? ctx.t("（已有更新版本）", " (a newer version exists)") : ""))),
            .p(.class("no-print"), .a(.attr(.href, base), .text(ctx.t("← 评估总览", "← Assessment dashboard"))),
               .text(" · "), .text(ctx.t("数据包 SHA-256：", "Package SHA-256: ")), .code(.text(m.payload.package ?? "—"))),
            .unwrap(m.reviewLevel) { level in reviewForms(m, level: level, base: base, ctx) },
            changes(m, ctx),
            verdicts(m, ctx),
            .unwrap(m.loaded) { loaded in
                .group(AssessmentItemsView.summary(loaded.assessment, ctx), AssessmentItemsView.parts(loaded.assessment, evidence: m.payload.evidence, ctx))
            },
            .section(.h2(.text(ctx.t("佐证材料", "Evidence"))),
                     .if(m.payload.evidence.isEmpty, .p(.class("muted"), .text(ctx.t("无。", "None.")))),
                     .if(!m.payload.evidence.isEmpty, AssessmentItemsView.evidenceTable(m.payload.evidence, base: base, ctx))),
            AssessmentItemsView.history(m.history, ctx)
        ))
    }

    static func changes(_ m: AssessmentVersionModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        guard let changes = m.changes else { return .empty }
        return .section(.id("version-diff"),
            .h2(.text(ctx.t("与第 \(m.number - 1) 版相比的变化（\(changes.count) 处）", "Changes since version \(m.number - 1) (\(changes.count))"))),
            .if(changes.isEmpty, .p(.class("muted"), .text(ctx.t("数据没有变化（只有佐证材料可能不同）。", "The data did not change (only evidence may differ).")))),
            .if(!changes.isEmpty, .div(.class("scroll"), .table(
                .tr(.th(.text(ctx.t("表", "Sheet"))), .th(.text(ctx.t("对象", "Subject"))), .th(.text(ctx.t("字段", "Field"))),
                    .th(.text(ctx.t("原值", "Old"))), .th(.text(ctx.t("新值", "New")))),
                .forEach(changes.prefix(1000)) { c in
                    .tr(.td(.text(c.sheet)), .td(.text(c.subject)), .td(.text(c.field)), .td(.text(c.old)), .td(.text(c.new)))
                }))))
    }

    static func verdicts(_ m: AssessmentVersionModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .section(.id("verdicts"),
            .h2(.text(ctx.t("审核意见（逐项）", "Reviewers' item verdicts"))),
            .if(m.reviews.isEmpty, .p(.class("muted"), .text(ctx.t("尚无。", "None yet.")))),
            .if(!m.reviews.isEmpty, .table(.id("verdict-list"),
                .tr(.th(.text(ctx.t("级别", "Level"))), .th(.text(ctx.t("审核人", "Reviewer"))), .th(.text(ctx.t("指标", "Item"))),
                    .th(.text(ctx.t("学校", "School"))), .th(.text(ctx.t("结论", "Verdict"))), .th(.text(ctx.t("意见", "Comment")))),
                .forEach(m.reviews) { r in
                    .tr(.td(.text(r.level.rawValue)), .td(.text(r.reviewer)), .td(.text(r.key)), .td(.text(r.schoolCode ?? "")),
                        .td(.attr(.class, r.passed ? "pass" : "fail"), .text(r.passed ? ctx.t("达标", "pass") : ctx.t("不达标", "fail"))),
                        .td(.text(r.comment)))
                })))
    }

    static func reviewForms(_ m: AssessmentVersionModel, level: ReviewLevel, base: String, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let next = level == .city ? ctx.t("通过，报省督导评估", "Pass on to the province") : ctx.t("通过，申报国家认定", "Pass on to the national level")
        return .section(.id("review-forms"), .class("no-print"),
            .h2(.text(level == .city ? ctx.t("市复核", "City review") : ctx.t("省督导评估", "Province review"))),
            .form(.attr(.action, base + "/verdicts"), .method(.post), .id("verdict-form"), ctx.csrfField,
                .label(.attr(.for, "verdict-item"), .text(ctx.t("指标", "Item"))),
                .select(.id("verdict-item"), .attribute(named: "name", value: "item"),
                        .forEach(AssessmentItems.all) { d in .option(.attr(.value, d.key), .attr(.label, "\(d.key) \(ctx.t(d.zh, d.en).prefix(40))")) }),
                .label(.attr(.for, "verdict-school"), .text(ctx.t("学校标识码（逐校指标，可空）", "School code (per-school items; optional)"))),
                .input(.type(.text), .id("verdict-school"), .name("school"), .attribute(named: "maxlength", value: "40")),
                .label(.attr(.for, "verdict-verdict"), .text(ctx.t("结论", "Verdict"))),
                .select(.id("verdict-verdict"), .attribute(named: "name", value: "verdict"),
                        .option(.attr(.value, "pass"), .attr(.label, ctx.t("达标", "pass"))),
                        .option(.attr(.value, "fail"), .attr(.label, ctx.t("不达标", "fail")))),
                .label(.attr(.for, "verdict-comment"), .text(ctx.t("意见（不达标时必填）", "Comment (required for fail)"))),
                .textarea(.id("verdict-comment"), .name("comment"), .attribute(named: "rows", value: "2"), .attribute(named: "cols", value: "60")),
                .button(.type(.submit), .id("verdict-submit"), .text(ctx.t("记录逐项意见", "Record verdict")))),
            .form(.attr(.action, base + "/return"), .method(.post), .id("return-form"), ctx.csrfField,
                .label(.attr(.for, "return-comment"), .text(ctx.t("退回意见（必填）", "Comment for the county (required)"))),
                .textarea(.id("return-comment"), .name("comment"), .attribute(named: "rows", value: "3"), .attribute(named: "cols", value: "60")),
                .button(.type(.submit), .id("return-submit"), .text(ctx.t("退回县修改", "Return to the county")))),
            .form(.attr(.action, base + "/pass"), .method(.post), .id("pass-form"), ctx.csrfField,
                .label(.attr(.for, "pass-comment"), .text(ctx.t("复核结论（可选）", "Conclusion (optional)"))),
                .textarea(.id("pass-comment"), .name("comment"), .attribute(named: "rows", value: "2"), .attribute(named: "cols", value: "60")),
                .button(.type(.submit), .id("pass-submit"), .text(next))))
    }
}
