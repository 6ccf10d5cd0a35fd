import Foundation
import Survey

/// The questionnaire editor's form: a copy of a questionnaire as numbered fields, and back. Items are `text_<i>`
/// (`key_<i>` for new ones, `drop_<i>` to remove), options `opt_<i>_<j>_label` / `_key` / `_counts` (yes, no, unknown).
/// Blank rows add items and options; a blank option label removes the option.
struct QuestionnaireEditModel {
    var surveyID: UUID
    var surveyName: String
    var questionnaire: Questionnaire
    var editable: Bool
    var error: String?

    /// Blank item rows and option slots offered for additions.
    static let newItems = 3
    static let newOptions = 1

    /// Reads the posted fields into a questionnaire of `kind`; new items without options take the first item's scale.
    /// Rows beyond the limits are ignored (so the result is bounded); `validated()` then names any remaining problem.
    static func parse(_ fields: [String: String], kind: QuestionnaireKind, current: Questionnaire) -> Questionnaire {
        func field(_ k: String) -> String { (fields[k] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        let rows = min(current.items.count + newItems, QuestionnaireLimits.items + newItems)
        var items: [SurveyItem] = []
        for i in 0..<rows where items.count < QuestionnaireLimits.items {
            let existing = i < current.items.count ? current.items[i] : nil
            let text = field("text_\(i)")
            guard fields["drop_\(i)"] == nil, !text.isEmpty else { continue }
            let key = existing?.key ?? (field("key_\(i)").isEmpty ? "item\(i + 1)" : field("key_\(i)"))
            let slots = min((existing?.options.count ?? 0) + newOptions, QuestionnaireLimits.options + newOptions)
            var options: [AnswerOption] = []
            for j in 0..<max(slots, newOptions + 4) where options.count < QuestionnaireLimits.options {
                let label = field("opt_\(i)_\(j)_label")
                guard !label.isEmpty else { continue }
                let old = existing.flatMap { j < $0.options.count ? $0.options[j] : nil }
                let optionKey = old?.key ?? (field("opt_\(i)_\(j)_key").isEmpty ? "o\(j + 1)" : field("opt_\(i)_\(j)_key"))
                let satisfied: Bool? = switch fields["opt_\(i)_\(j)_counts"] {
                case "yes": true
                case "no": false
                default: nil
                }
                options.append(AnswerOption(key: optionKey, labelZH: label, satisfied: satisfied))
            }
            if options.isEmpty, existing == nil, let scale = items.first?.options ?? current.items.first?.options { options = scale }
            items.append(SurveyItem(key: key, textZH: text, options: options))
        }
        let name = field("name_zh")
        return Questionnaire(kind: kind, nameZH: name.isEmpty ? current.nameZH : name, items: items)
    }
}
