import Foundation
import Plot
import Survey

/// What the respondent's page shows: the questionnaire of their invitation, or why it cannot be answered.
struct RespondModel {
    enum State { case form, accepted, replayed, unknown, closed(early: Bool), throttled(Int), invalid(String) }
    var state: State
    var code: String
    var surveyName: String?
    var questionnaire: Questionnaire?
    /// Answers already chosen (kept when a send is refused, so nothing is lost).
    var chosen: [String: String] = [:]
    /// Where the form posts (the public page, or the clerk's paper entry).
    var action: String = ""
}

extension RespondModel.State {
    /// What the respondent is told when an answer is refused.
    init(_ refusal: AnswerRefusal) {
        switch refusal {
        case .unknown: self = .unknown
        case .replayed: self = .replayed
        case .closed(let early): self = .closed(early: early)
        case .invalid(_, let message): self = .invalid("答卷有误：\(message)")
        case .throttled(let wait): self = .throttled(wait)
        }
    }
}

/// The respondent's pages: phone-first, large touch targets, no script, no account.
enum RespondView {
    static func entry(_ ctx: PageContext, error: String? = nil) -> String {
        Layout.page(ctx, title: "满意度调查", printable: true, .div(.class("survey-phone"),
            .h1(.text("义务教育满意度调查")),
            .p(.text("请输入邀请单上的邀请码（13 位字母和数字，可含短横线）。调查匿名进行，任何人都看不到您个人的答卷。")),
            .unwrap(error) { .p(.class("error-box"), .id("survey-error"), .text($0)) },
            .form(.id("code-form"), .action("/s"), .method(.get),
                  .label(.for("code"), .text("邀请码")),
                  .input(.type(.text), .id("code"), .name("code"), .attr(.pattern, "[0-9A-Za-z \\-]{13,20}"), .required(true),
                         .autocomplete(false)),
                  .button(.type(.submit), .class("big"), .text("开始答题")))))
    }

    static func render(_ m: RespondModel, _ ctx: PageContext) -> String {
        let title = m.surveyName ?? "满意度调查"
        let body: Node<HTML.BodyContext>
        switch m.state {
        case .accepted:
            body = .group(.h1(.id("survey-done"), .text("提交成功")), .p(.text("感谢您参与本次调查！您的答卷已安全保存，且不会与您的邀请码关联。")))
        case .replayed:
            body = .group(.h1(.id("survey-replayed"), .text("此邀请已提交过答卷")),
                          .p(.text("每份邀请只能提交一次答卷。您的答卷此前已经收到，感谢您的参与。")))
        case .unknown:
            body = .group(.h1(.id("survey-unknown"), .text("邀请码无效")),
                          .p(.text("请核对邀请单上的邀请码后重新输入；如仍无效，请联系发放邀请单的学校或部门。")),
                          .p(.a(.href("/s"), .text("重新输入邀请码"))))
        case .closed(let early):
            body = .group(.h1(.id("survey-closed"), .text(early ? "调查尚未开始" : "调查已结束")),
                          .p(.text(early ? "请在调查开放后再答题。" : "本次调查已经截止，感谢您的关注。")))
        case .form, .throttled, .invalid:
            body = form(m)
        }
        return Layout.page(ctx, title: title, printable: true, .div(.class("survey-phone"), .unwrap(m.surveyName) { .p(.class("muted"), .text($0)) }, body))
    }

    private static func form(_ m: RespondModel) -> Node<HTML.BodyContext> {
        guard let q = m.questionnaire else { return .p(.text("邀请码无效")) }
        var notice: Node<HTML.BodyContext> = .empty
        if case .throttled(let wait) = m.state {
            notice = .p(.class("error-box"), .id("survey-throttled"), .text("提交过于频繁，您的答案已保留。请 \(wait) 秒后再点“提交”。"))
        } else if case .invalid(let message) = m.state {
            notice = .p(.class("error-box"), .id("survey-error"), .text(message))
        }
        return .group(
            .h1(.text(q.nameZH)),
            .p(.text("请根据您的真实感受作答，不了解的请选“不了解”。答卷匿名，提交后不能修改。")),
            notice,
            .form(.id("survey-form"), .attr(.action, m.action), .method(.post),
                  .input(.type(.hidden), .name("code"), .attr(.value, m.code)),
                  .forEach(Array(q.items.enumerated())) { index, item in
                      .fieldset(.class("survey-item"),
                          .element(named: "legend", nodes: [.text("\(index + 1). \(item.textZH)")]),
                          .forEach(item.options) { option in
                              .label(.class("survey-option"),
                                     .input(.type(.radio), .attr(.name, "a_\(item.key)"), .attr(.value, option.key),
                                            .checked(m.chosen[item.key] == option.key)),
                                     .span(.text(option.labelZH)))
                          })
                  },
                  .button(.type(.submit), .class("big"), .id("survey-submit"), .text("提交"))))
    }
}
