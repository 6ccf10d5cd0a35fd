import Fluent
import Foundation
import Survey
import Vapor

/// The survey API: statisticians create surveys and issue invitations; anyone with an invitation answers once;
/// readers of the county get aggregate results.
struct SurveyAPIController {
    /// `POST /api/v1/counties/{code}/surveys` → 201 `{"id"}`.
    func create(_ req: Request) async throws -> Response {
        let county = try await req.county(.manageSurvey)
        struct Body: Decodable {
            var name: String
            var opens_at: Date
            var closes_at: Date
            var questionnaires: [Questionnaire]?
            var resident_population: [String: Int]?
        }
        let body: Body = try SurveyInput.decode(req)
        let population = try SurveyInput.checkPopulation(body.resident_population ?? [:])
        let (name, questionnaires) = try SurveyInput.checkSurvey(name: body.name, opens: body.opens_at, closes: body.closes_at,
                                                                 questionnaires: body.questionnaires)
        let survey = try await req.application.surveys.create(county: county, name: name, opensAt: body.opens_at, closesAt: body.closes_at,
                                                              questionnaires: questionnaires, population: population, by: try req.principal().userID, on: req.db)
        let id = try survey.requireID()
        await req.audit("survey-create", target: "survey:\(id)", detail: "county \(county.code), \(AuditText.short(name, max: 80))")
        let response = try APIController().json(["id": id.uuidString], status: .created)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/surveys/\(id)")
        return response
    }

    /// `GET /api/v1/surveys/{id}` → the survey with its questionnaires.
    func show(_ req: Request) async throws -> Response {
        let (survey, _) = try await req.survey(.readSurvey)
        struct Out: Encodable {
            var id: String, name: String, opens_at: Date, closes_at: Date, issued: Int
            var questionnaires: [Questionnaire]
        }
        let q = try SurveyService.questionnaires(of: survey)
        return try APIController().json(Out(id: try survey.requireID().uuidString, name: survey.name, opens_at: survey.opensAt,
                                            closes_at: survey.closesAt, issued: survey.issued,
                                            questionnaires: QuestionnaireKind.allCases.compactMap { q[$0] }))
    }

    /// `POST /api/v1/surveys/{id}/invitations` → 201 `{"codes": […]}`.
    func invite(_ req: Request) async throws -> Response {
        let (survey, county) = try await req.survey(.manageSurvey)
        struct Body: Decodable {
            var questionnaire: QuestionnaireKind
            var count: Int
            var school_code: String?
            var group: RespondentGroup?
            var location: String?
            var class_label: String?
        }
        let body: Body = try SurveyInput.decode(req)
        let classLabel = try SurveyInput.classLabel(body.class_label)
        let request = try await SurveyInput.checkInvitations(questionnaire: body.questionnaire, count: body.count, school: body.school_code,
                                                             group: body.group, location: body.location, county: county,
                                                             locations: try await SurveyFrame.locations(req, county: county), on: req.db)
        let (batch, codes) = try await req.application.surveys.issue(
            survey, questionnaire: body.questionnaire, group: request.group, schoolCode: request.school, location: request.location,
            classLabel: classLabel, count: body.count, by: try req.principal().userID, on: req.db)
        await req.audit("survey-invite", target: "survey:\(try survey.requireID())",
                        detail: "\(body.count) × \(body.questionnaire.rawValue)/\(request.group.rawValue) \(request.school ?? "county"), serials \(batch.firstSerial)…")
        return try APIController().json(["codes": codes], status: .created)
    }

    /// `POST /api/v1/responses` (no login) → 201; 409 used, 404 unknown, 410 closed, 422 malformed, 429 throttled.
    func respond(_ req: Request) async throws -> Response {
        struct Body: Decodable { var code: String; var answers: [String: String] }
        let body: Body = try SurveyInput.decode(req)
        do {
            try await SurveyInput.answer(req, code: body.code, answers: body.answers, paper: false)
        } catch let refusal as AnswerRefusal {
            throw SurveyInput.abort(refusal)
        }
        return try APIController().json(["status": "accepted"], status: .created)
    }

    /// `GET /api/v1/surveys/{id}/results` → the aggregate shares.
    func results(_ req: Request) async throws -> Response {
        let (survey, _) = try await req.survey(.readSurvey)
        let results = try await SurveyInput.results(survey, on: req.db)
        await req.audit("survey-results", target: "survey:\(try survey.requireID())", detail: "api")
        return try APIController().json(ResultsJSON(results, open: survey.closesAt > Date()))
    }

    /// `POST /api/v1/surveys/{id}/close` → the window ends now; results show from then on.
    func close(_ req: Request) async throws -> Response {
        let (survey, _) = try await req.survey(.manageSurvey)
        try await req.application.surveys.close(survey, on: req.db)
        await req.audit("survey-close", target: "survey:\(try survey.requireID())")
        return try APIController().json(["status": "closed"])
    }
}

/// A share as the API prints it.
struct ShareJSON: Encodable {
    var respondents: Int, counted: Int, satisfied: Int
    var share: Double?, low: Double?, high: Double?
    var suppressed: Bool
    init(_ s: Share) {
        respondents = s.respondents; counted = s.counted; satisfied = s.satisfied
        share = s.share; low = s.low; high = s.high; suppressed = s.suppressed
    }

    enum CodingKeys: String, CodingKey { case respondents, counted, satisfied, share, low, high, suppressed }

    /// Undefined figures are written as null, never left out.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(respondents, forKey: .respondents)
        try c.encode(counted, forKey: .counted)
        try c.encode(satisfied, forKey: .satisfied)
        try c.encode(share, forKey: .share)
        try c.encode(low, forKey: .low)
        try c.encode(high, forKey: .high)
        try c.encode(suppressed, forKey: .suppressed)
    }
}

/// The results document of `GET /api/v1/surveys/{id}/results`.
struct ResultsJSON: Encodable {
    var responses: Int
    var satisfied_share: Double?
    var overall: ShareJSON
    var by_questionnaire: [String: ShareJSON]
    var by_group: [String: ShareJSON]
    var by_item: [String: ShareJSON]
    var by_location: [String: ShareJSON]
    var by_school: [String: ShareJSON]
    var weakest_items: [String]
    var weakest_schools: [String]
    var minimum_cell: Int
    /// True while the survey is open: only counts are given then.
    var open: Bool
    init(_ r: SurveyResults, open: Bool) {
        self.open = open
        responses = r.overall.respondents
        satisfied_share = r.overall.share
        overall = ShareJSON(r.overall)
        by_questionnaire = Dictionary(uniqueKeysWithValues: r.byQuestionnaire.map { ($0.key.rawValue, ShareJSON($0.value)) })
        by_group = Dictionary(uniqueKeysWithValues: r.byGroup.map { ($0.key.rawValue, ShareJSON($0.value)) })
        by_item = r.byItem.mapValues(ShareJSON.init)
        by_location = Dictionary(uniqueKeysWithValues: r.byLocation.map { ($0.key.rawValue, ShareJSON($0.value)) })
        by_school = r.bySchool.mapValues(ShareJSON.init)
        weakest_items = r.weakestItems
        weakest_schools = r.weakestSchools
        minimum_cell = r.minimumCell
    }

    enum CodingKeys: String, CodingKey {
        case responses, satisfied_share, overall, by_questionnaire, by_group, by_item, by_location, by_school
        case weakest_items, weakest_schools, minimum_cell, open
    }

    /// `satisfied_share` is null (not left out) while it is undefined.
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(responses, forKey: .responses)
        try c.encode(satisfied_share, forKey: .satisfied_share)
        try c.encode(overall, forKey: .overall)
        try c.encode(by_questionnaire, forKey: .by_questionnaire)
        try c.encode(by_group, forKey: .by_group)
        try c.encode(by_item, forKey: .by_item)
        try c.encode(by_location, forKey: .by_location)
        try c.encode(by_school, forKey: .by_school)
        try c.encode(weakest_items, forKey: .weakest_items)
        try c.encode(weakest_schools, forKey: .weakest_schools)
        try c.encode(minimum_cell, forKey: .minimum_cell)
        try c.encode(open, forKey: .open)
    }
}

/// Input checks shared by the API and the pages: bounded, located (the field is named), never trapping.
enum SurveyInput {
    /// Decodes a JSON body; a malformed one is 422 naming the field.
    static func decode<T: Decodable>(_ req: Request) throws -> T {
        guard let buffer = req.body.data else { throw Abort(.unprocessableEntity, reason: "body: 请求体应为 JSON / the body must be JSON") }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do {
            return try decoder.decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw Abort(.unprocessableEntity, reason: describe(error))
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ p: [any CodingKey]) -> String {
            let s = p.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            let trimmed = s.hasPrefix(".") ? String(s.dropFirst()) : s
            return trimmed.isEmpty ? "body" : String(trimmed.prefix(120))
        }
        switch error {
        case .keyNotFound(let key, let c): return "\(path(c.codingPath + [key])): 缺少此字段 / missing"
        case .typeMismatch(_, let c): return "\(path(c.codingPath)): 类型不对 / wrong type"
        case .valueNotFound(_, let c): return "\(path(c.codingPath)): 不能为空 / must not be null"
        case .dataCorrupted(let c): return "\(path(c.codingPath)): 格式不对 / malformed"
        @unknown default: return "body: 格式不对 / malformed"
        }
    }

    /// Every accepted sheet tallied; only counts while the survey is open.
    static func results(_ survey: SurveyRecord, on db: any Database) async throws -> SurveyResults {
        let r = SurveyResults.compute(try await SurveyService.sheets(of: survey.requireID(), on: db),
                                      questionnaires: try SurveyService.questionnaires(of: survey))
        return survey.closesAt > Date() ? r.countsOnly() : r
    }

    /// A class label for slips (班级, optional): trimmed, at most 40 characters, no control characters.
    static func classLabel(_ raw: String?) throws -> String? {
        guard let raw else { return nil }
        let label = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !label.isEmpty else { return nil }
        guard label.count <= SurveyLimits.classLabelLength, !label.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw Abort(.unprocessableEntity, reason: "class_label: 至多 40 字，不含控制字符 / at most 40 characters, no control characters")
        }
        return label
    }

    /// Resident population by 城区 / 镇区 / 乡村, each 0–100,000,000.
    static func checkPopulation(_ raw: [String: Int]) throws -> [Locale3: Int] {
        var out: [Locale3: Int] = [:]
        for (k, v) in raw {
            guard let place = Locale3(rawValue: k) else { throw Abort(.unprocessableEntity, reason: "resident_population.\(String(k.prefix(20))): 应为 城区、镇区 或 乡村") }
            guard (0...100_000_000).contains(v) else { throw Abort(.unprocessableEntity, reason: "resident_population.\(k): 应为 0–100000000") }
            out[place] = v
        }
        return out
    }

    /// Checks a new survey's name, window and questionnaires.
    static func checkSurvey(name: String, opens: Date, closes: Date, questionnaires: [Questionnaire]?) throws -> (String, [Questionnaire]?) {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= SurveyLimits.nameLength else { throw Abort(.unprocessableEntity, reason: "name: 1–200 字 / 1–200 characters") }
        guard closes > opens else { throw Abort(.unprocessableEntity, reason: "closes_at: 应晚于 opens_at / must be after opens_at") }
        guard closes.timeIntervalSince(opens) <= SurveyLimits.windowDays * 86_400 else {
            throw Abort(.unprocessableEntity, reason: "closes_at: 调查期至多 120 天 / the window is at most 120 days")
        }
        guard let questionnaires else { return (name, nil) }
        guard questionnaires.count <= 3, Set(questionnaires.map(\.kind)).count == questionnaires.count else {
            throw Abort(.unprocessableEntity, reason: "questionnaires: 每类问卷至多一份 / at most one per kind")
        }
        for (i, q) in questionnaires.enumerated() {
            do { _ = try q.validated() } catch let e as QuestionnaireError {
                throw Abort(.unprocessableEntity, reason: "questionnaires[\(i)].\(e.field): \(e.message)")
            }
        }
        return (name, questionnaires)
    }

    /// An invitation request, checked: the group answers that questionnaire, the school is the county's.
    static func checkInvitations(questionnaire: QuestionnaireKind, count: Int, school: String?, group: RespondentGroup?,
                                 location: String?, county: Region, locations: [String: Locale3], on db: any Database)
        async throws -> (group: RespondentGroup, school: String?, location: Locale3?) {
        guard (1...SurveyLimits.invitationsPerRequest).contains(count) else {
            throw Abort(.unprocessableEntity, reason: "count: 应为 1–\(SurveyLimits.invitationsPerRequest) / 1 to \(SurveyLimits.invitationsPerRequest)")
        }
        let group = group ?? (questionnaire == .social ? .parent : questionnaire == .staff ? .teacher : .student)
        guard group.questionnaire == questionnaire else {
            throw Abort(.unprocessableEntity, reason: "group: \(group.rawValue) 不答 \(questionnaire.rawValue) / does not answer this questionnaire")
        }
        var place = try location.map { raw -> Locale3 in
            guard let l = Locale3(rawValue: raw) else { throw Abort(.unprocessableEntity, reason: "location: 应为 城区、镇区 或 乡村") }
            return l
        }
        var schoolCode: String?
        if let school, !school.isEmpty {
            guard school.utf8.count <= 32, let s = try await School.query(on: db).filter(\.$code == school)
                .filter(\.$county.$id == county.requireID()).first() else {
                throw Abort(.unprocessableEntity, reason: "school_code: 本县没有此学校 / no such school in the county")
            }
            schoolCode = s.code
            if place == nil { place = locations[s.code] }
        }
        return (group, schoolCode, place)
    }

    /// Takes an answer from the public (API or page), throttled per address.
    static func answer(_ req: Request, code: String, answers: [String: String], paper: Bool) async throws {
        guard code.utf8.count <= 40 else { throw AnswerRefusal.invalid("code", "邀请码太长 / too long") }
        guard answers.count <= SurveyLimits.answers,
              answers.allSatisfy({ $0.key.utf8.count <= SurveyLimits.keyLength && $0.value.utf8.count <= SurveyLimits.keyLength }) else {
            throw AnswerRefusal.invalid("answers", "至多 \(SurveyLimits.answers) 题，每项至多 32 字符 / too many or too long")
        }
        if !paper, let wait = req.application.surveyThrottle.admit(req.clientAddress) {
            if let parsed = InvitationCode.parse(code), let s = try? await req.application.surveys.loaded(seq: parsed.code.seq, on: req.db) {
                req.application.surveys.count(.throttled(wait), s.id)
            }
            throw AnswerRefusal.throttled(wait)
        }
        try await req.application.surveys.submit(code: code, answers: answers, paper: paper, on: req.db)
    }

    static func abort(_ refusal: AnswerRefusal) -> Abort {
        switch refusal {
        case .unknown: Abort(.notFound, reason: "code: 邀请码无效 / unknown invitation")
        case .replayed: Abort(.conflict, reason: "code: 此邀请已提交过答卷 / this invitation has already answered")
        case .closed(let early): Abort(.gone, reason: early ? "调查尚未开始 / the survey has not opened" : "调查已结束 / the survey has closed")
        case .invalid(let field, let message): Abort(.unprocessableEntity, reason: "\(field): \(message)")
        case .throttled(let wait): Abort(.tooManyRequests, headers: ["Retry-After": String(wait)], reason: "提交过于频繁，请 \(wait) 秒后重试 / too many answers from this address; retry in \(wait) s")
        }
    }
}

extension Request {
    /// The survey named by `:id` with its county, if the policy allows `ability` on the county (else an audited 404/403).
    func survey(_ ability: Ability) async throws -> (SurveyRecord, Region) {
        let access = try await countyRecord(SurveyRecord.self, ability)
        return (access.record, access.county)
    }
}

extension Application {
    private struct SurveysKey: StorageKey { typealias Value = SurveyService }
    private struct ThrottleKey: StorageKey { typealias Value = SurveyThrottle }

    /// The survey service (answer intake and caches) of this process.
    var surveys: SurveyService {
        get { storage[SurveysKey.self] ?? { let s = SurveyService(); storage[SurveysKey.self] = s; return s }() }
        set { storage[SurveysKey.self] = newValue }
    }

    /// The public answer path's per-address throttle.
    var surveyThrottle: SurveyThrottle {
        get { storage[ThrottleKey.self] ?? SurveyThrottle(perMinute: 0) }
        set { storage[ThrottleKey.self] = newValue }
    }
}

extension SurveyRecord: CountyOwned {
    static let targetKind = "survey"
    var countyID: UUID { $county.id }
}
