import Foundation
import Survey

/// What the survey's page shows: window, progress against the proposed quotas, refusals, batches and (once
/// closed) the aggregate results.
struct SurveyOverviewModel {
    struct Row { var label: String; var quota: Int; var issued: Int; var responses: Int }
    struct BatchRow { var id: UUID; var label: String; var school: String?; var classLabel: String?; var count: Int; var first: Int; var createdAt: Date }
    var id: UUID
    var countyCode: String
    var countyName: String
    var name: String
    var opensAt: Date
    var closesAt: Date
    var issued: Int
    var responses: Int
    var refusals: [String: Int]
    var sampleTotal: Int
    var byGroup: [Row]
    var bySchool: [Row]
    var batches: [BatchRow]
    var schools: [(code: String, name: String)]
    var results: SurveyResults
    var questionnaires: [QuestionnaireKind: Questionnaire]
    var canManage: Bool
    var populationKnown: Bool
    var rules: SampleRules
    var population: [Locale3: Int]
    var sampleError: String?

    func status(at now: Date = Date()) -> String {
        now < opensAt ? "未开始" : now < closesAt ? "进行中" : "已结束"
    }
    var isClosed: Bool { Date() >= closesAt }

    /// Builds the progress rows from the proposed plan, the issued batches and the answers' counts.
    static func rows(plan: SamplePlan, batches: [InvitationBatch], results: SurveyResults, schoolNames: [String: String])
        -> (groups: [Row], schools: [Row]) {
        var groups: [Row] = []
        for g in RespondentGroup.allCases {
            let issued = batches.filter { $0.group == g.rawValue }.reduce(0) { $0 + $1.count }
            groups.append(Row(label: g.nameZH, quota: plan.count(g), issued: issued, responses: results.byGroup[g]?.respondents ?? 0))
        }
        var codes = Set(plan.quotas.compactMap(\.schoolCode))
        codes.formUnion(batches.compactMap(\.schoolCode))
        let schools = codes.sorted().map { code in
            Row(label: "\(schoolNames[code] ?? code)（\(code)）",
                quota: plan.quotas.filter { $0.schoolCode == code }.reduce(0) { $0 + $1.count },
                issued: batches.filter { $0.schoolCode == code }.reduce(0) { $0 + $1.count },
                responses: results.bySchool[code]?.respondents ?? 0)
        }
        return (groups, schools)
    }
}
