import Fluent
import Foundation
import JunhengDemo
import Survey
import Vapor

/// Demo pre-surveys for the first demo county, answered through the real answer path: one closed (its results
/// shown: a few schools and the 课业负担 item below 85%) and one still open (progress only).
enum SurveyDemoSeed {
    static func seed(_ app: Application) async throws {
        let db = app.db
        guard let county = try await Region.query(on: db).filter(\.$code == DemoCounty.regionCode(county: 1)).first(),
              let user = try await User.query(on: db).filter(\.$username == "demo-county").first(),
              try await SurveyRecord.query(on: db).filter(\.$county.$id == county.requireID()).count() == 0 else { return }
        let schools = try await School.query(on: db).filter(\.$county.$id == county.requireID()).sort(\.$code).all()
        guard !schools.isEmpty else { return }
        let now = Date()
        let population: [Locale3: Int] = [.urban: 180_000, .town: 120_000, .rural: 100_000]
        let closed = try await app.surveys.create(county: county, name: "2025 年社会认可度预调查", opensAt: now.addingTimeInterval(-30 * 86_400),
                                                   closesAt: now.addingTimeInterval(3600), questionnaires: nil, population: population,
                                                   by: user.requireID(), on: db)
        try await answer(app, closed, schools: Array(schools.prefix(12)), perSchool: 22, user: user.requireID(), seed: 2025)
        try await app.surveys.close(closed, on: db)
        closed.closesAt = now.addingTimeInterval(-2 * 86_400)
        try await closed.save(on: db)
        let open = try await app.surveys.create(county: county, name: "2026 年社会认可度预调查", opensAt: now.addingTimeInterval(-86_400),
                                                 closesAt: now.addingTimeInterval(14 * 86_400), questionnaires: nil, population: population,
                                                 by: user.requireID(), on: db)
        try await answer(app, open, schools: Array(schools.prefix(6)), perSchool: 15, user: user.requireID(), seed: 2026)
    }

    /// Issues parent, teacher and student invitations per school plus county-wide residents, and answers most of them.
    private static func answer(_ app: Application, _ survey: SurveyRecord, schools: [School], perSchool: Int, user: UUID, seed: UInt64) async throws {
        var rng = SeededGenerator(seed: seed)
        var sheets: [(String, [String: String])] = []
        let questionnaires = try SurveyService.questionnaires(of: survey)
        func issue(_ group: RespondentGroup, _ school: String?, _ count: Int, unhappy: Double) async throws {
            let (_, codes) = try await app.surveys.issue(survey, questionnaire: group.questionnaire, group: group, schoolCode: school, location: nil,
                                                         count: count, by: user, on: app.db)
            guard let q = questionnaires[group.questionnaire] else { return }
            for code in codes where rng.chance(0.85) {   // some invitations are never answered
                var answers: [String: String] = [:]
                for item in q.items {
                    let bad = unhappy + (item.key == "burden" || item.key == "homework" ? 0.12 : 0)
                    let r = rng.uniform(0...1)
                    answers[item.key] = r < 0.05 ? "unknown" : r < 0.05 + bad ? "unsatisfied" : r < 0.55 ? "satisfied" : "basically"
                }
                sheets.append((code, answers))
            }
        }
        for (i, s) in schools.enumerated() {
            let unhappy = i % 5 == 3 ? 0.2 : 0.06   // every fifth school less liked
            try await issue(.parent, s.code, perSchool, unhappy: unhappy)
            try await issue(.teacher, s.code, perSchool / 3, unhappy: unhappy)
            try await issue(.student, s.code, perSchool / 2, unhappy: unhappy)
        }
        try await issue(.resident, nil, perSchool * 2, unhappy: 0.08)
        try await issue(.deputy, nil, 10, unhappy: 0.04)
        let db = app.db
        let service = app.surveys
        try await withThrowingTaskGroup(of: Void.self) { group in
            for chunk in stride(from: 0, to: sheets.count, by: 16).map({ Array(sheets[$0..<min($0 + 16, sheets.count)]) }) {
                for (code, answers) in chunk { group.addTask { try await service.submit(code: code, answers: answers, paper: false, on: db) } }
                try await group.waitForAll()
            }
        }
    }
}
