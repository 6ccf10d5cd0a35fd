import CreditBank
import Foundation
import Plot

/// The credit-bank pages of the centre, the learner and the reviewer.
enum CreditDeskView {
    static func kindText(_ k: OutcomeKind?, _ ctx: PageContext) -> String { k.map { ctx.t($0.rawValue, $0.en) } ?? "—" }

    /// The centre's activities and the form for a new one.
    static func centre(_ m: CreditDeskModel.Centre, _ ctx: PageContext) -> String {
        let title = ctx.t("学习活动", "Learning activities")
        let kinds: [Node<HTML.SelectContext>] = OutcomeKind.allCases.map { k in .option(.attr(.value, k.rawValue), .isSelected(k == .informal), .attr(.label, ctx.t(k.rawValue, k.en))) }
        return Layout.page(ctx, title: title, .group(
            .h1(.text("\(m.countyName) · \(title)")),
            .table(.id("activity-list"),
                .tr(.th(.text(ctx.t("活动", "Activity"))), .th(.text(ctx.t("类别", "Kind"))), .th(.class("num"), .text(ctx.t("学时", "Hours"))),
                    .th(.text(ctx.t("结束日期", "Ends"))), .th(.class("num"), .text(ctx.t("签到", "Check-ins"))), .th(.class("num"), .text(ctx.t("已提交", "Submitted")))),
                .forEach(m.activities) { a in
                    .tr(.td(.a(.attr(.href, "/credits/activities/\(a.id)"), .text(a.title))), .td(.text(kindText(a.kind, ctx))),
                        .td(.class("num"), .text(a.hours.description)), .td(.text(a.endDate)), .td(.class("num"), .text(String(a.checkins))),
                        .td(.class("num"), .text(String(a.submitted))))
                }),
            .form(.id("activity-form"), .class("no-print"), .attr(.action, "/credits/centre/activities"), .method(.post), ctx.csrfField,
                .h2(.text(ctx.t("新建活动（选自学习成果名录）", "New activity (from the outcome catalogue)"))),
                .label(.for("title"), .text(ctx.t("名称", "Title"))), .input(.type(.text), .id("title"), .name("title"), .attr(.maxlength, "100"), .required(true)),
                .label(.for("kind"), .text(ctx.t("类别", "Kind"))), .select(.id("kind"), .attr(.name, "kind"), .group(kinds)),
                .label(.for("hours"), .text(ctx.t("学时", "Hours"))), .input(.type(.text), .id("hours"), .name("hours"), .attr(.maxlength, "10"), .required(true)),
                .label(.for("credits"), .text(ctx.t("学分（可空）", "Credits (optional)"))), .input(.type(.text), .id("credits"), .name("credits"), .attr(.maxlength, "10")),
                .label(.for("end_date"), .text(ctx.t("结束日期", "End date"))), .input(.type(.date), .id("end_date"), .name("end_date"), .required(true)),
                .label(.for("catalogue_id"), .text(ctx.t("名录编号（可空）", "Catalogue id (optional)"))), .input(.type(.text), .id("catalogue_id"), .name("catalogue_id"), .attr(.maxlength, "40")),
                .button(.type(.submit), .id("activity-create"), .text(ctx.t("新建", "Create"))))
        ))
    }

    /// One activity: its check-in QR code and kiosk, who checked in, and the completions form.
    static func activity(_ m: CreditDeskModel.Activity, _ ctx: PageContext) -> String {
        let a = m.activity
        let rows: [Node<HTML.TableContext>] = m.attendees.map { p in
            .tr(.td(.text(p.masked)), .td(.text(p.name)), .td(.text(p.via == "kiosk" ? ctx.t("刷卡", "kiosk") : ctx.t("扫码", "QR"))),
                .td(.class("num"), .text(p.completion.map { Amount(hundredths: $0.attendance).description + "%" } ?? "")),
                .td(.class("num"), .text(p.completion.flatMap { $0.score.map { Amount(hundredths: $0).description } } ?? "")),
                .td(.text(p.completion.map { status($0.status, ctx) } ?? "")))
        }
        let pending = m.attendees.filter { $0.completion == nil }
        let fields: [Node<HTML.FormContext>] = pending.map { p in
            .div(.class("field"),
                 .text("\(p.masked) "),
                 .label(.attr(.for, "attendance_\(p.learnerID)"), .text(ctx.t("出勤率%", "Attendance %"))),
                 .input(.type(.text), .attr(.id, "attendance_\(p.learnerID)"), .attr(.name, "attendance_\(p.learnerID)"), .attr(.maxlength, "6")),
                 .label(.attr(.for, "score_\(p.learnerID)"), .text(ctx.t("成绩（可空）", "Score (optional)"))),
                 .input(.type(.text), .attr(.id, "score_\(p.learnerID)"), .attr(.name, "score_\(p.learnerID)"), .attr(.maxlength, "6")))
        }
        return Layout.page(ctx, title: a.title, .group(
            .p(.class("no-print"), .a(.attr(.href, "/credits/centre"), .text(ctx.t("← 学习活动", "← Activities")))),
            .h1(.text(a.title)),
            .p(.class("muted"), .text("\(a.institution) · \(a.kind) · \(Amount(hundredths: a.hours).description) \(ctx.t("学时", "hours")) · \(a.endDate)")),
            .unwrap(m.message) { .p(.class("notice"), .id("activity-message"), .text($0)) },
            .if(m.canRun, .section(.id("checkin"),
                .h2(.text(ctx.t("签到：请学员用手机扫码（需登录），或在下方刷卡", "Check-in: learners scan this (signed in), or use the kiosk below"))),
                .raw(SVGChart.qrCode(m.checkinURL, label: ctx.t("签到二维码", "check-in QR code"))),
                .p(.code(.text(m.checkinURL))),
                .form(.id("kiosk-form"), .attr(.action, "/credits/activities/\(a.id?.uuidString ?? "")/kiosk"), .method(.post), ctx.csrfField,
                    .label(.for("card"), .text(ctx.t("终身学习卡号", "Learning card number"))),
                    .input(.type(.text), .id("card"), .name("card"), .attr(.maxlength, "32"), .attribute(named: "autofocus", value: "autofocus"), .required(true)),
                    .button(.type(.submit), .id("kiosk-submit"), .text(ctx.t("签到", "Check in")))))),
            .h2(.text(ctx.t("已签到 \(m.attendees.count) 人", "\(m.attendees.count) checked in"))),
            .table(.id("attendees"),
                .tr(.th(.text(ctx.t("证件号（脱敏）", "ID (masked)"))), .th(.text(ctx.t("姓名", "Name"))), .th(.text(ctx.t("方式", "Via"))),
                    .th(.class("num"), .text(ctx.t("出勤率", "Attendance"))), .th(.class("num"), .text(ctx.t("成绩", "Score"))), .th(.text(ctx.t("状态", "Status")))),
                .group(rows)),
            .if(m.canRun && !pending.isEmpty, .form(.id("completion-form"), .attr(.action, "/credits/activities/\(a.id?.uuidString ?? "")/completions"), .method(.post), ctx.csrfField,
                .h2(.text(ctx.t("提交结业（送审核员认定）", "Submit completions (to the reviewer)"))),
                .group(fields),
                .button(.type(.submit), .id("completion-submit"), .text(ctx.t("提交", "Submit")))))
        ))
    }

    static func status(_ s: String, _ ctx: PageContext) -> String {
        switch s {
        case "submitted": ctx.t("待认定", "submitted")
        case "recognised": ctx.t("已认定", "recognised")
        case "rejected": ctx.t("未认定", "rejected")
        default: s
        }
    }

    /// The reviewer's queue and the learner lookup.
    static func review(_ m: CreditDeskModel.Review, _ ctx: PageContext) -> String {
        let title = ctx.t("学分认定", "Credit review")
        return Layout.page(ctx, title: title, .group(
            .h1(.text("\(m.countyName) · \(title)")),
            .unwrap(m.message) { .p(.class("notice"), .id("review-message"), .text($0)) },
            .form(.id("learner-lookup"), .class("no-print"), .method(.get), .attr(.action, "/credits/learners"),
                  .label(.for("card"), .text(ctx.t("按学习卡号查找学习者", "Find a learner by card number"))),
                  .input(.type(.text), .id("card"), .name("card"), .attr(.maxlength, "32")), .button(.type(.submit), .text(ctx.t("查找", "Find")))),
            .h2(.text(ctx.t("待认定的结业（\(m.queue.count)）", "Completions to review (\(m.queue.count))"))),
            .table(.id("review-queue"),
                .tr(.th(.text(ctx.t("活动", "Activity"))), .th(.text(ctx.t("机构", "Institution"))), .th(.text(ctx.t("学习者", "Learner"))),
                    .th(.class("num"), .text(ctx.t("学时", "Hours"))), .th(.class("num"), .text(ctx.t("出勤率", "Attendance"))), .th(.class("num"), .text(ctx.t("成绩", "Score"))),
                    .th(.text(ctx.t("认定", "Decision")))),
                .forEach(m.queue) { q in
                    .tr(.td(.text(q.activity)), .td(.text(q.institution)), .td(.text(q.learnerMasked)), .td(.class("num"), .text(q.hours.description)),
                        .td(.class("num"), .text(q.attendance.description + "%")), .td(.class("num"), .text(q.score?.description ?? "—")),
                        .td(.form(.class("inline"), .attr(.action, "/credits/completions/\(q.id)/recognise"), .method(.post), ctx.csrfField,
                                  .button(.type(.submit), .attr(.id, "recognise-\(q.id)"), .text(ctx.t("认定（积累）", "Recognise")))),
                            .form(.class("inline"), .attr(.action, "/credits/completions/\(q.id)/reject"), .method(.post), ctx.csrfField,
                                  .input(.type(.text), .name("note"), .attr(.maxlength, "200"), .attr(.placeholder, ctx.t("不予认定的原因", "reason"))),
                                  .button(.type(.submit), .text(ctx.t("不予认定", "Reject"))))))
                })
        ))
    }

    /// A learner's record: live outcomes with their decisions, the balance, the ledger entries; the reviewer may withdraw.
    /// The learner's own page (`mine`) adds the transcript download.
    static func learner(_ m: CreditDeskModel.LearnerPage, mine: Bool, _ ctx: PageContext) -> String {
        let title = mine ? ctx.t("我的学习档案", "My learning record") : ctx.t("学习者档案", "Learner record")
        let b = m.balance
        return Layout.page(ctx, title: title, .group(
            .h1(.text(title)),
            .p(.id("learner-id"), .text("\(mine ? m.learner.name : Masking.name(m.learner.name)) · \(m.learner.maskedID) · \(ctx.t("学习卡", "card")) \(m.learner.cardNumber)")),
            .div(.class("cards"),
                .div(.class("card"), .div(.text(ctx.t("已认定学分", "Credits"))), .div(.class("verdict"), .id("credited-total"), .text(b?.creditedTotal.description ?? "0")),
                     .div(.class("muted"), .text(b?.required.map { ctx.t("培养方案要求 \($0.description)", "programme requires \($0.description)") } ?? "")))),
            .unwrap(m.message) { .p(.class("notice"), .id("learner-message"), .text($0)) },
            .if(mine, .p(.a(.id("transcript-download"), .attr(.href, "/credits/me/transcript.json"), .text(ctx.t("下载签名成绩单（CLR 2.0，可离线验证）", "Download the signed transcript (CLR 2.0, verifiable offline)"))),
                         .text(" · "), .a(.attr(.href, "/credits/verify"), .text(ctx.t("验证页面", "Verification page"))))),
            .if(mine, shares(m, ctx)),
            .h2(.text(ctx.t("学习成果", "Outcomes"))),
            .table(.id("outcomes"),
                .tr(.th(.text(ctx.t("成果", "Outcome"))), .th(.text(ctx.t("机构", "Institution"))), .th(.text(ctx.t("类别", "Kind"))),
                    .th(.class("num"), .text(ctx.t("学时", "Hours"))), .th(.class("num"), .text(ctx.t("学分", "Credits"))), .th(.text(ctx.t("依据规则", "Rule"))),
                    .th(.text(""))),
                .forEach(m.outcomes) { o in
                    .tr(.td(.text(o.outcome.title)), .td(.text(o.outcome.institution)), .td(.text(kindText(o.outcome.kind, ctx))),
                        .td(.class("num"), .text(o.outcome.hours?.description ?? "—")),
                        .td(.attr(.class, o.decision?.credited == true ? "num pass" : "num"), .text(o.decision.map { $0.credited ? $0.credits.description : "0" } ?? "—")),
                        .td(.text(o.decision.map { "\($0.rule) \($0.reason)" } ?? "")),
                        .td(.if(m.canRevoke, reviewerForms(m, o, ctx))))
                }),
            .h2(.text(ctx.t("账本记录（只增不改，哈希链）", "Ledger entries (append-only, hash-chained)"))),
            .table(.id("ledger"),
                .tr(.th(.class("num"), .text("#")), .th(.text(ctx.t("动作", "Action"))), .th(.text(ctx.t("时间", "At"))), .th(.text(ctx.t("操作人", "By"))),
                    .th(.text(ctx.t("说明", "Reason"))), .th(.text("SHA-256"))),
                .forEach(m.entries) { e in
                    .tr(.td(.class("num"), .text(String(e.seq))), .td(.text(e.action.rawValue)), .td(.text(e.at)), .td(.text(e.actor)), .td(.text(e.reason)),
                        .td(.code(.text(String(e.hash.prefix(16)) + "…"))))
                })
        ))
    }

    /// The reviewer's forms on one live outcome: 撤销, 更正 (blank fields keep their value) and 转换 (a rule of the rules).
    static func reviewerForms(_ m: CreditDeskModel.LearnerPage, _ o: CreditDeskModel.LiveOutcome, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let base = "/credits/learners/\(m.learner.learnerID)"
        let rules: [Node<HTML.SelectContext>] = m.conversions.map { c in .option(.attr(.value, c.id), .attr(.label, "\(c.id)（\(c.gives)）")) }
        return .group(
            .form(.class("inline"), .attr(.action, base + "/revoke"), .method(.post), ctx.csrfField,
                  .input(.type(.hidden), .name("seq"), .attr(.value, String(o.seq))),
                  .input(.type(.text), .name("reason"), .attr(.maxlength, "200"), .attr(.placeholder, ctx.t("撤销原因", "reason")), .required(true)),
                  .button(.type(.submit), .attr(.id, "revoke-\(o.seq)"), .text(ctx.t("撤销", "Withdraw")))),
            .details(.summary(.text(ctx.t("更正", "Correct"))),
                .form(.attr(.id, "correct-\(o.seq)"), .attr(.action, base + "/correct"), .method(.post), ctx.csrfField,
                      .input(.type(.hidden), .name("seq"), .attr(.value, String(o.seq))),
                      .input(.type(.text), .name("attendance"), .attr(.maxlength, "6"), .attr(.placeholder, ctx.t("出勤率%", "attendance %"))),
                      .input(.type(.text), .name("score"), .attr(.maxlength, "6"), .attr(.placeholder, ctx.t("成绩", "score"))),
                      .input(.type(.text), .name("hours"), .attr(.maxlength, "10"), .attr(.placeholder, ctx.t("学时", "hours"))),
                      .input(.type(.text), .name("credits"), .attr(.maxlength, "10"), .attr(.placeholder, ctx.t("学分", "credits"))),
                      .input(.type(.text), .name("end_date"), .attr(.maxlength, "10"), .attr(.placeholder, "YYYY-MM-DD")),
                      .input(.type(.text), .name("reason"), .attr(.maxlength, "200"), .attr(.placeholder, ctx.t("更正原因", "reason")), .required(true)),
                      .button(.type(.submit), .text(ctx.t("更正（新记录）", "Correct (new entry)"))))),
            .if(!m.conversions.isEmpty, .details(.summary(.text(ctx.t("转换", "Convert"))),
                .form(.attr(.id, "convert-\(o.seq)"), .attr(.action, base + "/convert"), .method(.post), ctx.csrfField,
                      .input(.type(.hidden), .name("seq"), .attr(.value, String(o.seq))),
                      .select(.attr(.name, "rule"), .group(rules)),
                      .input(.type(.text), .name("reason"), .attr(.maxlength, "200"), .attr(.placeholder, ctx.t("说明（可空）", "note (optional)"))),
                      .button(.type(.submit), .text(ctx.t("按规则转换", "Apply rule"))))))
        )
    }

    /// The learner's share links: a new one (shown once), the live ones with withdraw.
    static func shares(_ m: CreditDeskModel.LearnerPage, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .section(.id("shares"),
            .h2(.text(ctx.t("分享验证链接", "Share a verification link"))),
            .unwrap(m.newShareLink) { link in
                .p(.class("notice"), .text(ctx.t("新链接（只显示这一次，请复制）：", "New link (shown only now, copy it): ")), .code(.id("share-link"), .text(link)))
            },
            .ul(.id("share-list"), .forEach(m.shares) { s in
                .li(.text(ctx.t("链接，创建于 ", "Link created ") + ISO8601DateFormatter().string(from: s.createdAt) + " "),
                    .form(.class("inline"), .attr(.action, "/credits/me/shares/\(s.id?.uuidString ?? "")/withdraw"), .method(.post), ctx.csrfField,
                          .button(.type(.submit), .attr(.id, "withdraw-\(s.id?.uuidString ?? "")"), .text(ctx.t("撤回", "Withdraw")))))
            }),
            .form(.id("share-form"), .attr(.action, "/credits/me/shares"), .method(.post), ctx.csrfField,
                  .button(.type(.submit), .id("share-create"), .text(ctx.t("生成分享链接", "Create a share link")))))
    }

    /// The learner's check-in confirmation page.
    static func checkin(_ a: CreditActivity, done: Bool, _ ctx: PageContext) -> String {
        let title = ctx.t("活动签到", "Check in")
        return Layout.page(ctx, title: title, .group(
            .h1(.text(title)),
            .p(.text("\(a.title) · \(a.institution) · \(a.endDate)")),
            .if(done, .p(.class("notice"), .id("checked-in"), .text(ctx.t("已签到。", "You are checked in.")))),
            .if(!done, .form(.id("checkin-form"), .attr(.action, "/credits/checkin/\(a.checkinCode)"), .method(.post), ctx.csrfField,
                             .button(.type(.submit), .id("checkin-submit"), .text(ctx.t("确认签到", "Check in")))))
        ))
    }
}
