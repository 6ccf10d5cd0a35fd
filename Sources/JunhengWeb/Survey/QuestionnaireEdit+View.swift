import Foundation
import Plot
import Survey

/// The statistician's copy-and-edit page of one questionnaire (before the survey opens).
enum QuestionnaireEditView {
    static func render(_ m: QuestionnaireEditModel, _ ctx: PageContext) -> String {
        let q = m.questionnaire
        return Layout.page(ctx, title: "编辑问卷 · \(q.nameZH)", .group(
            .p(.a(.attr(.href, "/surveys/\(m.surveyID)"), .text("← \(m.surveyName)"))),
            .h1(.text("编辑问卷：\(q.nameZH)")),
            .p(.class("muted"), .text("可改题目、选项和“是否计为满意”；“不了解”类选项选“不计入”。删除一题请勾选“删除”；在空行填写即可加题（不填选项则沿用第一题的选项）。调查开始后问卷不能再改。")),
            .unwrap(m.error) { .p(.class("error-box"), .id("questionnaire-error"), .text($0)) },
            .if(!m.editable, .p(.class("notice"), .id("questionnaire-locked"), .text("调查已开始，问卷不能再修改。"))),
            .form(.id("questionnaire-form"), .attr(.action, "/surveys/\(m.surveyID)/questionnaires/\(q.kind.rawValue)"), .method(.post), ctx.csrfField,
                  .label(.for("name_zh"), .text("问卷名称")),
                  .input(.type(.text), .id("name_zh"), .name("name_zh"), .attr(.value, q.nameZH), .attr(.maxlength, String(QuestionnaireLimits.textLength))),
                  .forEach(Array(q.items.enumerated())) { itemRow($0.offset, $0.element) },
                  .forEach(0..<QuestionnaireEditModel.newItems) { itemRow(q.items.count + $0, nil) },
                  .if(m.editable, .button(.type(.submit), .text("保存问卷"))))
        ))
    }

    private static func itemRow(_ i: Int, _ item: SurveyItem?) -> Node<HTML.FormContext> {
        let options = item?.options ?? []
        let slots = options.count + QuestionnaireEditModel.newOptions + (item == nil ? 3 : 0)
        return .fieldset(.class("questionnaire-item"),
            .element(named: "legend", nodes: [.text(item.map { "第 \(i + 1) 题（\($0.key)）" } ?? "新增一题")]),
            .if(item == nil, .group(
                .label(.attr(.for, "key_\(i)"), .text("题号（字母、数字、- 或 _，可不填）")),
                .input(.type(.text), .attr(.id, "key_\(i)"), .attr(.name, "key_\(i)"), .attr(.maxlength, String(QuestionnaireLimits.keyLength))))),
            .label(.attr(.for, "text_\(i)"), .text("题目")),
            .input(.type(.text), .attr(.id, "text_\(i)"), .attr(.name, "text_\(i)"), .attr(.value, item?.textZH ?? ""),
                   .attr(.maxlength, String(QuestionnaireLimits.textLength))),
            .if(item != nil, .label(.input(.type(.checkbox), .attr(.name, "drop_\(i)"), .attr(.value, "on")), .text(" 删除此题"))),
            .table(.class("questionnaire-options"),
                .thead(.tr(.th(.text("选项")), .th(.text("计为")))),
                .tbody(.forEach(0..<slots) { j in optionRow(i, j, j < options.count ? options[j] : nil) })))
    }

    private static func optionRow(_ i: Int, _ j: Int, _ o: AnswerOption?) -> Node<HTML.TableContext> {
        let label: Node<HTML.TableRowContext> = .td(.input(.type(.text), .attr(.name, "opt_\(i)_\(j)_label"), .attr(.value, o?.labelZH ?? ""),
                                                          .attr(.ariaLabel, "第 \(i + 1) 题选项 \(j + 1)"),
                                                          .attr(.maxlength, String(QuestionnaireLimits.textLength))))
        let yes: Node<HTML.SelectContext> = .option(.attr(.value, "yes"), .attr(.label, "满意"), .isSelected(o?.satisfied == true))
        let no: Node<HTML.SelectContext> = .option(.attr(.value, "no"), .attr(.label, "不满意"), .isSelected(o?.satisfied == false))
        let unknown: Node<HTML.SelectContext> = .option(.attr(.value, "unknown"), .attr(.label, "不计入（如“不了解”）"),
                                                        .isSelected(o != nil && o?.satisfied == nil))
        let counts: Node<HTML.TableRowContext> = .td(.select(.attr(.name, "opt_\(i)_\(j)_counts"),
                                                            .attr(.ariaLabel, "第 \(i + 1) 题选项 \(j + 1) 计为"), yes, no, unknown))
        return .tr(label, counts)
    }
}
