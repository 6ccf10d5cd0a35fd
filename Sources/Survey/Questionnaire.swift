/// 社会认可度 questionnaires as data: the three built-in ones (社会卷, 校长教师卷, 学生卷) and edited copies.

/// Which of the three questionnaires of accreditation.md §3 an invitation is for.
public enum QuestionnaireKind: String, Sendable, Codable, CaseIterable, Comparable {
    /// 社会卷: parents, NPC deputies, CPPCC members, other residents.
    case social
    /// 校长教师卷: principals and teachers.
    case staff
    /// 学生卷: students of grade 3 and above.
    case student

    public var nameZH: String {
        switch self {
        case .social: "社会卷"
        case .staff: "校长教师卷"
        case .student: "学生卷"
        }
    }

    public static func < (a: Self, b: Self) -> Bool { (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0) }
}

/// The respondent groups the sample is drawn from (accreditation.md §3).
public enum RespondentGroup: String, Sendable, Codable, CaseIterable, Comparable {
    case parent, teacher, principal, deputy, cppcc, student, resident

    public var nameZH: String {
        switch self {
        case .parent: "家长"
        case .teacher: "教师"
        case .principal: "校长"
        case .deputy: "人大代表"
        case .cppcc: "政协委员"
        case .student: "学生"
        case .resident: "其他群众"
        }
    }

    /// The questionnaire this group answers.
    public var questionnaire: QuestionnaireKind {
        switch self {
        case .parent, .deputy, .cppcc, .resident: .social
        case .teacher, .principal: .staff
        case .student: .student
        }
    }

    public static func < (a: Self, b: Self) -> Bool { (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0) }
}

/// One answer choice; `satisfied` is true or false when it counts, nil for "不了解" (not counted).
public struct AnswerOption: Sendable, Codable, Equatable {
    public var key: String
    public var labelZH: String
    public var satisfied: Bool?

    public init(key: String, labelZH: String, satisfied: Bool?) {
        self.key = key
        self.labelZH = labelZH
        self.satisfied = satisfied
    }

    enum CodingKeys: String, CodingKey { case key, labelZH = "label_zh", satisfied }

    /// `satisfied` is written as null when it does not count (never left out).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key, forKey: .key)
        try c.encode(labelZH, forKey: .labelZH)
        try c.encode(satisfied, forKey: .satisfied)
    }
}

/// One question of a questionnaire with its answer scale.
public struct SurveyItem: Sendable, Codable, Equatable {
    public var key: String
    public var textZH: String
    public var options: [AnswerOption]

    public init(key: String, textZH: String, options: [AnswerOption]) {
        self.key = key
        self.textZH = textZH
        self.options = options
    }

    enum CodingKeys: String, CodingKey { case key, textZH = "text_zh", options }

    /// The option with `key`, if the item has one.
    public func option(_ key: String) -> AnswerOption? { options.first { $0.key == key } }
}

/// A questionnaire: which kind it is and its items in order.
public struct Questionnaire: Sendable, Codable, Equatable {
    public var kind: QuestionnaireKind
    public var nameZH: String
    public var items: [SurveyItem]

    public init(kind: QuestionnaireKind, nameZH: String, items: [SurveyItem]) {
        self.kind = kind
        self.nameZH = nameZH
        self.items = items
    }

    enum CodingKeys: String, CodingKey { case kind, nameZH = "name_zh", items }

    /// The item with `key`, if any.
    public func item(_ key: String) -> SurveyItem? { items.first { $0.key == key } }
}

/// Limits on an edited questionnaire (it comes from a form or JSON, so it is bounded).
public enum QuestionnaireLimits {
    public static let items = 60
    public static let options = 8
    public static let keyLength = 32
    public static let textLength = 300
}

/// Why an edited questionnaire was refused, naming the item and field.
public struct QuestionnaireError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String
    public var description: String { "\(field): \(message)" }
}

extension Questionnaire {
    /// Checks an edited copy: bounded sizes, unique keys of `[0-9A-Za-z_-]`, at least one satisfied and one
    /// unsatisfied option per item. Throws the first problem, naming its field (e.g. `items[3].options[1].key`).
    public func validated() throws -> Questionnaire {
        func fail(_ field: String, _ message: String) -> QuestionnaireError { QuestionnaireError(field: field, message: message) }
        func plainKey(_ k: String) -> Bool {
            !k.isEmpty && k.utf8.count <= QuestionnaireLimits.keyLength
                && k.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 45 || $0 == 95 }
        }
        guard !items.isEmpty else { throw fail("items", "至少一题 / at least one item") }
        guard items.count <= QuestionnaireLimits.items else { throw fail("items", "至多 \(QuestionnaireLimits.items) 题 / at most \(QuestionnaireLimits.items) items") }
        guard !nameZH.isEmpty, nameZH.count <= QuestionnaireLimits.textLength else { throw fail("name_zh", "1–300 字 / 1–300 characters") }
        var seen = Set<String>()
        for (i, item) in items.enumerated() {
            let f = "items[\(i)]"
            guard plainKey(item.key) else { throw fail("\(f).key", "应为 1–32 位字母、数字、- 或 _ / 1–32 of A-Z a-z 0-9 - _") }
            guard seen.insert(item.key).inserted else { throw fail("\(f).key", "题目编号重复 '\(item.key)' / duplicate key") }
            guard !item.textZH.isEmpty, item.textZH.count <= QuestionnaireLimits.textLength else { throw fail("\(f).text_zh", "1–300 字 / 1–300 characters") }
            guard (2...QuestionnaireLimits.options).contains(item.options.count) else { throw fail("\(f).options", "2–8 个选项 / 2–8 options") }
            var optionKeys = Set<String>()
            for (j, o) in item.options.enumerated() {
                guard plainKey(o.key) else { throw fail("\(f).options[\(j)].key", "应为 1–32 位字母、数字、- 或 _ / 1–32 of A-Z a-z 0-9 - _") }
                guard optionKeys.insert(o.key).inserted else { throw fail("\(f).options[\(j)].key", "选项重复 / duplicate option") }
                guard !o.labelZH.isEmpty, o.labelZH.count <= QuestionnaireLimits.textLength else { throw fail("\(f).options[\(j)].label_zh", "1–300 字 / 1–300 characters") }
            }
            guard item.options.contains(where: { $0.satisfied == true }), item.options.contains(where: { $0.satisfied == false }) else {
                throw fail("\(f).options", "须有计为满意和不满意的选项 / needs a satisfied and an unsatisfied option")
            }
        }
        return self
    }
}
