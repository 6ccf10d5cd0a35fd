import Foundation

/// One anonymous answer sheet: what the invitation said about the respondent (never the invitation itself) and the
/// chosen option per item.
public struct AnswerSheet: Sendable, Equatable {
    public var questionnaire: QuestionnaireKind
    public var group: RespondentGroup
    public var location: Locale3?
    public var schoolCode: String?
    /// Item key → option key.
    public var answers: [String: String]
    public init(questionnaire: QuestionnaireKind, group: RespondentGroup, location: Locale3?, schoolCode: String?,
                answers: [String: String]) {
        self.questionnaire = questionnaire
        self.group = group
        self.location = location
        self.schoolCode = schoolCode
        self.answers = answers
    }
}

/// A satisfied share with its counts and 95% Wilson interval; `suppressed` when fewer than the minimum answered.
public struct Share: Sendable, Equatable {
    /// Answer sheets in the cell.
    public var respondents: Int
    /// Answers that count (not 不了解, not unanswered).
    public var counted: Int
    public var satisfied: Int
    /// satisfied ÷ counted; nil when nothing counted or the cell is suppressed.
    public var share: Double?
    public var low: Double?
    public var high: Double?
    public var suppressed: Bool
}

/// The 95% Wilson score interval for `successes` out of `n` (nil when n = 0).
public func wilsonInterval(_ successes: Int, _ n: Int, z: Double = 1.959963984540054) -> (low: Double, high: Double)? {
    guard n > 0, successes >= 0, successes <= n else { return nil }
    let nd = Double(n), p = Double(successes) / nd, z2 = z * z
    let denominator = 1 + z2 / nd
    let centre = (p + z2 / (2 * nd)) / denominator
    let half = z * (p * (1 - p) / nd + z2 / (4 * nd * nd)).squareRoot() / denominator
    return (max(0, centre - half), min(1, centre + half))
}

/// The pre-survey's results: the satisfied share overall and per questionnaire, group, item, 城/镇/乡 and school,
/// each cell with fewer than `minimumCell` answer sheets suppressed (anonymity), and the cells furthest below the
/// threshold. satisfied share = satisfied answers ÷ answers that count, over all items and respondents.
public struct SurveyResults: Sendable, Equatable {
    public var overall: Share
    public var byQuestionnaire: [QuestionnaireKind: Share]
    public var byGroup: [RespondentGroup: Share]
    /// Keyed "questionnaire.item", e.g. "social.overall".
    public var byItem: [String: Share]
    public var byLocation: [Locale3: Share]
    public var bySchool: [String: Share]
    public var threshold: Double
    public var minimumCell: Int

    /// Item keys whose share is below the threshold, furthest below first (suppressed cells are never listed).
    public var weakestItems: [String] { below(byItem) }
    /// School codes whose share is below the threshold, furthest below first.
    public var weakestSchools: [String] { below(bySchool) }

    private func below(_ cells: [String: Share]) -> [String] {
        var low: [(key: String, share: Double)] = []
        for (key, cell) in cells {
            if let share = cell.share, share < threshold { low.append((key, share)) }
        }
        low.sort { $0.share != $1.share ? $0.share < $1.share : $0.key < $1.key }
        return low.map(\.key)
    }

    /// Only the counts of respondents: while a survey is open its shares are withheld, since watching them change
    /// as answers arrive would reveal single answers.
    public func countsOnly() -> SurveyResults {
        func strip(_ s: Share) -> Share {
            Share(respondents: s.respondents, counted: 0, satisfied: 0, share: nil, low: nil, high: nil, suppressed: s.suppressed)
        }
        var r = self
        r.overall = strip(overall)
        r.byQuestionnaire = byQuestionnaire.mapValues(strip)
        r.byGroup = byGroup.mapValues(strip)
        r.byItem = byItem.mapValues(strip)
        r.byLocation = byLocation.mapValues(strip)
        r.bySchool = bySchool.mapValues(strip)
        return r
    }

    /// Tallies `sheets` against `questionnaires`; answers naming an unknown item or option are not counted.
    public static func compute(_ sheets: [AnswerSheet], questionnaires: [QuestionnaireKind: Questionnaire],
                               threshold: Double = 0.85, minimumCell: Int = 5) -> SurveyResults {
        struct Tally { var respondents = 0, counted = 0, satisfied = 0 }
        var overall = Tally()
        var byQ: [QuestionnaireKind: Tally] = [:], byG: [RespondentGroup: Tally] = [:], byI: [String: Tally] = [:]
        var byL: [Locale3: Tally] = [:], byS: [String: Tally] = [:]
        for sheet in sheets {
            guard let q = questionnaires[sheet.questionnaire] else { continue }
            var sheetTally = Tally()
            for item in q.items {
                let key = "\(q.kind.rawValue).\(item.key)"
                byI[key, default: Tally()].respondents += 1
                guard let chosen = sheet.answers[item.key], let option = item.option(chosen), let satisfied = option.satisfied else { continue }
                byI[key, default: Tally()].counted += 1
                sheetTally.counted += 1
                if satisfied { byI[key, default: Tally()].satisfied += 1; sheetTally.satisfied += 1 }
            }
            func add(_ t: inout Tally) { t.respondents += 1; t.counted += sheetTally.counted; t.satisfied += sheetTally.satisfied }
            add(&overall)
            add(&byQ[sheet.questionnaire, default: Tally()])
            add(&byG[sheet.group, default: Tally()])
            if let l = sheet.location { add(&byL[l, default: Tally()]) }
            if let s = sheet.schoolCode { add(&byS[s, default: Tally()]) }
        }
        func share(_ t: Tally, suppressible: Bool = true) -> Share {
            let suppressed = suppressible && t.respondents < minimumCell
            let interval = suppressed ? nil : wilsonInterval(t.satisfied, t.counted)
            return Share(respondents: t.respondents, counted: suppressed ? 0 : t.counted, satisfied: suppressed ? 0 : t.satisfied,
                         share: suppressed || t.counted == 0 ? nil : Double(t.satisfied) / Double(t.counted),
                         low: interval?.low, high: interval?.high, suppressed: suppressed)
        }
        return SurveyResults(
            overall: share(overall), byQuestionnaire: byQ.mapValues { share($0) }, byGroup: byG.mapValues { share($0) },
            byItem: byI.mapValues { share($0) }, byLocation: byL.mapValues { share($0) }, bySchool: byS.mapValues { share($0) },
            threshold: threshold, minimumCell: minimumCell)
    }
}
