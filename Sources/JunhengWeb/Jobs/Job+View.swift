import Foundation
import Plot

/// The job page: state, a progress bar, the result link or the error, and a cancel button while it runs.
enum JobView {
    static func render(_ m: JobPageModel, _ ctx: PageContext) -> String {
        let j = m.job
        let percent = j.progress.isFinite ? Int((min(max(j.progress, 0), 1) * 100).rounded(.down)) : 0
        return Layout.page(ctx, title: ctx.t(j.kind.zh, j.kind.en), .group(
            .h1(.id("job-title"), .text("\(m.countyName) · \(ctx.t(j.kind.zh, j.kind.en))")),
            .p(.text(ctx.t("状态：", "State: ")), .strong(.id("job-state"), .attr(.dataState, j.state.rawValue),
                                                       .text(ctx.t(j.state.zh, j.state.en)))),
            .p(.element(named: "progress", nodes: [.id("job-progress"), .attribute(named: "max", value: "100"),
                                                   .attr(.value, String(percent)), .text("\(percent)%")]),
               .text(" \(percent)%")),
            .if(!j.message.isEmpty && !j.state.isFinal, .p(.class("muted"), .id("job-message"), .text(j.message))),
            .p(.class("muted"), .text(ctx.t("创建于 \(PlanShowView.time(j.createdAt))，第 \(j.attempts) 次运行（最多 \(j.maxAttempts) 次）",
                                            "Created \(PlanShowView.time(j.createdAt)), attempt \(j.attempts) of at most \(j.maxAttempts)"))),
            .if(j.state == .succeeded, .unwrap(j.resultURL) { url in
                .p(.a(.id("job-result"), .attr(.href, url), .text(j.kind == .reportPDF ? ctx.t("下载 PDF", "Download the PDF") : ctx.t("查看结果", "Open the result"))))
            }),
            .if(j.state == .failed || j.state == .cancelled, .unwrap(j.error) { e in
                .div(.class("error-box"), .id("job-error"), .forEach(e.split(separator: "\n")) { .p(.text(String($0))) })
            }),
            .if(!j.state.isFinal, .p(.class("muted"), .text(ctx.t("此页面每 2 秒自动刷新。", "This page refreshes every 2 seconds.")))),
            .if(!j.state.isFinal && m.canCancel && !j.cancelRequested,
                .form(.attr(.action, "/jobs/\(j.id.uuidString)/cancel"), .method(.post), ctx.csrfField,
                      .button(.type(.submit), .id("job-cancel"), .text(ctx.t("取消", "Cancel"))))),
            .if(j.cancelRequested && !j.state.isFinal, .p(.id("job-stopping"), .text(ctx.t("正在停止…", "Stopping…"))))
        ))
    }

}

extension JobView {
    /// The form that queues a county report's PDF; `action` is built from validated values only.
    static func pdfForm(countyName: String, year: Int, action: String, _ ctx: PageContext) -> String {
        pdfForm(title: "\(countyName) · \(year)–\(year + 1) PDF", action: action, ctx)
    }

    /// The form that queues a PDF print of `action`'s page.
    static func pdfForm(title: String, action: String, _ ctx: PageContext) -> String {
        return Layout.page(ctx, title: "PDF", .group(
            .h1(.text(title)),
            .p(.text(ctx.t("PDF 在后台生成，完成后可下载。", "The PDF is printed in the background; download it when it is done."))),
            .form(.attr(.action, action), .method(.post), ctx.csrfField,
                  .button(.type(.submit), .id("pdf-start"), .text(ctx.t("生成 PDF", "Print the PDF"))))
        ))
    }
}
