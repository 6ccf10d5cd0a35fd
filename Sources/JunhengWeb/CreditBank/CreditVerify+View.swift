import CreditBank
import Plot

/// The public verification page (no account): paste a transcript, optionally a status list and a DID document.
enum CreditVerifyView {
    static func render(_ m: CreditVerifyModel, _ ctx: PageContext) -> String {
        Layout.page(ctx, title: ctx.t("验证学习成果凭证", "Verify a learning transcript"), .group(
            .h1(.text(ctx.t("验证学习成果凭证", "Verify a learning transcript"))),
            .p(.text(ctx.t("粘贴成绩单（ClrCredential）或徽章凭证（AchievementCredential）。签名用 eddsa-jcs-2022 离线核对；"
                           + "无法读取状态列表时结论为「无法确认」，绝不为「有效」。",
                           "Paste a transcript (ClrCredential) or a badge (AchievementCredential). Proofs (eddsa-jcs-2022) are checked "
                           + "offline; when the status list cannot be read the answer is \"status unknown\", never \"valid\"."))),
            .unwrap(m.verdict) { v in
                .div(.attr(.class, v == .valid ? "notice" : "error-box"), .id("verdict"),
                     .h2(.text(v == .valid ? ctx.t("有效", "Valid") : v == .invalid ? ctx.t("无效", "Invalid") : ctx.t("无法确认", "Status unknown"))),
                     .if(!m.revoked.isEmpty, .p(.id("revoked"), .text(ctx.t("已撤销：", "Revoked: ") + m.revoked.joined(separator: ", ")))),
                     .ul(.id("failures"), .forEach(m.failures) { .li(.text("✗ " + $0)) }),
                     .ul(.id("passed"), .forEach(m.passed) { .li(.text("✓ " + $0)) }))
            },
            .unwrap(m.sharedDownload) { link in
                .p(.id("shared-transcript"), .text(ctx.t("这是学习者分享的成绩单，刚由学分银行按账本签发。", "A transcript a learner shared, just issued by the credit bank from its ledger. ")),
                   .a(.attr(.href, link), .text(ctx.t("下载（可用 junheng credits verify 离线验证）", "Download (verify offline with junheng credits verify)"))))
            },
            .unwrap(m.error) { .p(.class("error-box"), .id("verify-error"), .text($0)) },
            .form(.id("verify-form"), .action("/credits/verify"), .method(.post), ctx.csrfField,
                  .label(.for("credential"), .text(ctx.t("凭证 JSON", "Credential JSON"))),
                  .textarea(.id("credential"), .name("credential"), .text(m.credential)),
                  .label(.for("status_list"), .text(ctx.t("状态列表凭证（可选；本站发布的列表自动使用）", "Status list credential (optional; lists this site publishes are used automatically)"))),
                  .textarea(.id("status_list"), .name("status_list")),
                  .label(.for("did"), .text(ctx.t("签发者 DID 文档（did:web 需要）", "Issuer DID document (needed for did:web)"))),
                  .textarea(.id("did"), .name("did")),
                  .p(.button(.type(.submit), .id("verify-submit"), .text(ctx.t("验证", "Verify"))))),
            .p(.text(ctx.t("演示：", "Demo: ")),
               .a(.href("/credits/demo/transcript.json"), .text(ctx.t("示例成绩单", "sample transcript"))), .text(" · "),
               .a(.href("/credits/demo/revoked.json"), .text(ctx.t("已撤销的凭证", "a revoked credential"))), .text(" · "),
               .a(.href("/credits/status/1"), .text(ctx.t("状态列表", "status list"))))
        ))
    }
}
