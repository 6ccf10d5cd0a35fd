import Fluent
import Foundation
import JunhengSheets
import Survey
import Vapor

/// The survey's pages: the public answer pages (no account, no session) and the county's pages.
struct SurveyController {
    // MARK: respondents

    /// `GET /s` (the code form) and `GET /s?code=…` (its submission: on to the questionnaire).
    func entry(_ req: Request) async throws -> Response {
        let ctx = PageContext(req, forms: false)
        guard let raw = try? req.query.get(String.self, at: "code"), !raw.isEmpty else { return Layout.response(RespondView.entry(ctx)) }
        guard let parsed = InvitationCode.parse(raw) else {
            return Layout.response(RespondView.entry(ctx, error: "邀请码格式不对：应为 13 位字母和数字。"), status: .notFound)
        }
        return req.redirect(to: "/s/\(parsed.canonical)")
    }

    /// `GET /s/{code}`: the invitation's questionnaire.
    func form(_ req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        return try await page(req, code: code, state: .form, chosen: [:], action: "/s/\(code)")
    }

    /// `POST /s/{code}`: one answer sheet.
    func submit(_ req: Request) async throws -> Response {
        let code = req.parameters.get("code") ?? ""
        let answers = Self.answers(req)
        return try await take(req, code: code, answers: answers, paper: false, action: "/s/\(code)")
    }

    /// The answers of a posted form (`a_<item>` fields), bounded; a malformed form gives none.
    static func answers(_ req: Request) -> [String: String] {
        guard let fields = try? req.content.decode([String: String].self) else { return [:] }
        var out: [String: String] = [:]
        for (k, v) in fields where k.hasPrefix("a_") && out.count < SurveyLimits.answers {
            let key = String(k.dropFirst(2))
            if key.utf8.count <= SurveyLimits.keyLength, v.utf8.count <= SurveyLimits.keyLength { out[key] = v }
        }
        return out
    }

    private func take(_ req: Request, code: String, answers: [String: String], paper: Bool, action: String) async throws -> Response {
        do {
            try await SurveyInput.answer(req, code: code, answers: answers, paper: paper)
            return try await page(req, code: code, state: .accepted, chosen: [:], action: action, status: .created)
        } catch let refusal as AnswerRefusal {
            let response = try await page(req, code: code, state: RespondModel.State(refusal), chosen: answers, action: action,
                                          status: SurveyInput.abort(refusal).status)
            if case .throttled(let wait) = refusal { response.headers.replaceOrAdd(name: "Retry-After", value: String(wait)) }
            return response
        }
    }

    private func page(_ req: Request, code: String, state: RespondModel.State, chosen: [String: String], action: String,
                      status: HTTPResponseStatus = .ok) async throws -> Response {
        let ctx = PageContext(req, forms: false)
        var model = RespondModel(state: state, code: code, surveyName: nil, questionnaire: nil, chosen: chosen, action: action)
        do {
            let (survey, batch, _) = try await req.application.surveys.resolve(code, on: req.db)
            model.surveyName = survey.name
            model.questionnaire = survey.questionnaires[batch.questionnaire]
            if case .form = state, !survey.isOpen(at: Date()) { model.state = .closed(early: Date() < survey.opensAt) }
        } catch is AnswerRefusal {
            model.state = .unknown
            return Layout.response(RespondView.render(model, ctx), status: .notFound)
        }
        if case .closed = model.state, status == .ok { return Layout.response(RespondView.render(model, ctx), status: .gone) }
        return Layout.response(RespondView.render(model, ctx), status: status)
    }

    // MARK: the county's pages

    /// `GET /counties/{code}/surveys`.
    func list(_ req: Request) async throws -> Response {
        let county = try await req.county(.readSurvey)
        return try await listPage(req, county, error: nil)
    }

    private func listPage(_ req: Request, _ county: Region, error: String?) async throws -> Response {
        let surveys = try await SurveyRecord.query(on: req.db).filter(\.$county.$id == county.requireID()).sort(\.$createdAt, .descending).all()
        let rows = surveys.compactMap { s in s.id.map { SurveyListView.Row(id: $0, name: s.name, opensAt: s.opensAt, closesAt: s.closesAt, issued: s.issued) } }
        return Layout.response(SurveyListView.render(countyCode: county.code, countyName: county.name, rows: rows,
                                                     canManage: req.may(.manageSurvey, county.resource), error: error, PageContext(req)),
                               status: error == nil ? .ok : .unprocessableEntity)
    }

    /// `POST /counties/{code}/surveys`.
    func create(_ req: Request) async throws -> Response {
        let county = try await req.county(.manageSurvey)
        let fields = (try? req.content.decode([String: String].self)) ?? [:]
        let f = DateFormatter.surveyMinute
        let local = DateFormatter.surveyMinute
        local.dateFormat = "yyyy-MM-dd'T'HH:mm"
        func date(_ key: String) -> Date? { fields[key].flatMap { local.date(from: $0) ?? f.date(from: $0) } }
        guard let opens = date("opens_at"), let closes = date("closes_at") else {
            return try await listPage(req, county, error: "请填写开始和结束时间 / opens_at and closes_at are required")
        }
        var population: [String: Int] = [:]
        for l in Locale3.allCases {
            if let raw = fields["population_\(l.rawValue)"], !raw.isEmpty {
                guard let n = Int(raw) else { return try await listPage(req, county, error: "常住人口（\(l.rawValue)）应为整数") }
                population[l.rawValue] = n
            }
        }
        do {
            let (name, _) = try SurveyInput.checkSurvey(name: fields["name"] ?? "", opens: opens, closes: closes, questionnaires: nil)
            let survey = try await req.application.surveys.create(county: county, name: name, opensAt: opens, closesAt: closes, questionnaires: nil,
                                                                  population: try SurveyInput.checkPopulation(population),
                                                                  by: try req.principal().userID, on: req.db)
            let id = try survey.requireID()
            await req.audit("survey-create", target: "survey:\(id)", detail: "county \(county.code), \(AuditText.short(name, max: 80))")
            return req.redirect(to: "/surveys/\(id)")
        } catch let abort as Abort where abort.status == .unprocessableEntity {
            return try await listPage(req, county, error: abort.reason)
        }
    }

    /// `GET /surveys/{id}`.
    func show(_ req: Request) async throws -> Response {
        try await overview(req, error: nil)
    }

    /// `POST /surveys/{id}/sample`: the statistician adjusts the sample (population, ‰, floor, parents' share); the
    /// quota table follows. A bad value shows the page again naming the field.
    func adjustSample(_ req: Request) async throws -> Response {
        let (survey, _) = try await req.survey(.manageSurvey)
        let fields = (try? req.content.decode([String: String].self)) ?? [:]
        var rules = SurveyService.rules(of: survey)
        func number(_ key: String) -> Double?? {
            guard let raw = fields[key]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return .some(nil) }
            guard raw.utf8.count <= 20, let x = Double(raw), x.isFinite else { return nil }
            return .some(x)
        }
        guard let perMille = number("per_mille"), let minimum = number("minimum"), let parentShare = number("parent_share") else {
            return try await overview(req, error: "per_mille / minimum / parent_share: 应为数字 / must be numbers", status: .unprocessableEntity)
        }
        if let x = perMille { rules.perMille = x }
        if let x = minimum {
            guard x == x.rounded(), abs(x) <= Double(SampleLimits.invitations) else {
                return try await overview(req, error: "minimum: 应为 1–\(SampleLimits.invitations) 的整数", status: .unprocessableEntity)
            }
            rules.minimum = Int(x)
        }
        if let x = parentShare { rules.parentShare = x / 100 }
        var population: [String: Int] = [:]
        for l in Locale3.allCases {
            guard let raw = fields["population_\(l.rawValue)"], !raw.isEmpty else { continue }
            guard raw.utf8.count <= 12, let n = Int(raw) else {
                return try await overview(req, error: "population_\(l.rawValue): 常住人口应为整数", status: .unprocessableEntity)
            }
            population[l.rawValue] = n
        }
        do {
            let checked = try rules.validated()
            let people = try SurveyInput.checkPopulation(population)
            survey.sampleRules = String(decoding: try JSONEncoder.sorted.encode(checked), as: UTF8.self)
            if !people.isEmpty {
                survey.population = String(decoding: try JSONEncoder.sorted.encode(Dictionary(uniqueKeysWithValues: people.map { ($0.key.rawValue, $0.value) })), as: UTF8.self)
            }
            try await survey.save(on: req.db)
            await req.audit("survey-sample", target: "survey:\(try survey.requireID())",
                            detail: "‰ \(checked.perMille), minimum \(checked.minimum), parents \(checked.parentShare)\(people.isEmpty ? "" : ", population \(people.values.reduce(0, +))")")
            return req.redirect(to: "/surveys/\(try survey.requireID())#sample")
        } catch let e as QuestionnaireError {
            return try await overview(req, error: e.description, status: .unprocessableEntity)
        } catch let abort as Abort where abort.status == .unprocessableEntity {
            return try await overview(req, error: abort.reason, status: .unprocessableEntity)
        }
    }

    /// `GET /surveys/{id}/questionnaires/{kind}`: the copy-and-edit form of one questionnaire.
    func questionnaireForm(_ req: Request) async throws -> Response {
        let (survey, _) = try await req.survey(.manageSurvey)
        let q = try Self.questionnaire(req, survey)
        let m = QuestionnaireEditModel(surveyID: try survey.requireID(), surveyName: survey.name, questionnaire: q,
                                       editable: Date() < survey.opensAt, error: nil)
        return Layout.response(QuestionnaireEditView.render(m, PageContext(req)))
    }

    /// `POST /surveys/{id}/questionnaires/{kind}`: saves the edited copy (only before the survey opens, so every
    /// answer is to one questionnaire); a problem shows the form again naming the field.
    func questionnaireSave(_ req: Request) async throws -> Response {
        let (survey, _) = try await req.survey(.manageSurvey)
        let current = try Self.questionnaire(req, survey)
        let fields = (try? req.content.decode([String: String].self)) ?? [:]
        let edited = QuestionnaireEditModel.parse(fields, kind: current.kind, current: current)
        var m = QuestionnaireEditModel(surveyID: try survey.requireID(), surveyName: survey.name, questionnaire: edited,
                                       editable: Date() < survey.opensAt, error: nil)
        do {
            let checked = try edited.validated()
            try await req.application.surveys.replace(checked, in: survey, on: req.db)
            await req.audit("survey-questionnaire", target: "survey:\(try survey.requireID())",
                            detail: "\(checked.kind.rawValue), \(checked.items.count) items")
            return req.redirect(to: "/surveys/\(try survey.requireID())")
        } catch let e as QuestionnaireError {
            m.error = e.description
        } catch let abort as Abort where abort.status == .conflict {
            m.questionnaire = current
            m.error = abort.reason
        }
        return Layout.response(QuestionnaireEditView.render(m, PageContext(req)), status: m.editable ? .unprocessableEntity : .conflict)
    }

    private static func questionnaire(_ req: Request, _ survey: SurveyRecord) throws -> Questionnaire {
        guard let kind = req.parameters.get("kind").flatMap(QuestionnaireKind.init(rawValue:)),
              let q = try SurveyService.questionnaires(of: survey)[kind] else { throw Abort(.notFound) }
        return q
    }

    private func overview(_ req: Request, error: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let (survey, county) = try await req.survey(.readSurvey)
        try await req.application.surveys.flushRefusals(on: req.db)
        guard let fresh = try await SurveyRecord.find(survey.requireID(), on: req.db) else { throw Abort(.notFound) }
        let id = try fresh.requireID()
        let results = try await SurveyInput.results(fresh, on: req.db)
        let batches = try await InvitationBatch.query(on: req.db).filter(\.$survey.$id == id).sort(\.$firstSerial).all()
        let schools = try await School.query(on: req.db).filter(\.$county.$id == county.requireID()).sort(\.$code).all()
        let names = Dictionary(schools.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let population = SurveyService.population(of: fresh)
        let frame = SurveyFrame.frame(try await SurveyFrame.records(req, county: county), population: population)
        let rules = SurveyService.rules(of: fresh)
        let plan = SamplePlan.propose(frame, rules: rules)
        let (groups, bySchool) = SurveyOverviewModel.rows(plan: plan, batches: batches, results: results, schoolNames: names)
        let model = SurveyOverviewModel(
            id: id, countyCode: county.code, countyName: county.name, name: fresh.name, opensAt: fresh.opensAt, closesAt: fresh.closesAt,
            issued: fresh.issued, responses: results.overall.respondents,
            refusals: (try? JSONDecoder().decode([String: Int].self, from: Data(fresh.refusals.utf8))) ?? [:],
            sampleTotal: plan.total, byGroup: groups, bySchool: bySchool,
            batches: batches.compactMap { b in b.id.map { .init(id: $0, label: RespondentGroup(rawValue: b.group)?.nameZH ?? b.group,
                                                                  school: b.schoolCode.map { names[$0] ?? $0 }, classLabel: b.classLabel, count: b.count,
                                                                  first: b.firstSerial, createdAt: b.createdAt) } },
            schools: schools.map { ($0.code, $0.name) }, results: results, questionnaires: try SurveyService.questionnaires(of: fresh),
            canManage: req.may(.manageSurvey, county.resource), populationKnown: !population.isEmpty, rules: rules, population: population,
            sampleError: error)
        await req.audit("survey-results", target: "survey:\(id)", detail: "page")
        return Layout.response(SurveyOverviewView.render(model, PageContext(req)), status: status)
    }

    /// `POST /surveys/{id}/invitations`: a new batch, then its printable slips.
    func invite(_ req: Request) async throws -> Response {
        let (survey, county) = try await req.survey(.manageSurvey)
        let fields = (try? req.content.decode([String: String].self)) ?? [:]
        guard let group = fields["group"].flatMap(RespondentGroup.init(rawValue:)) else { throw Abort(.unprocessableEntity, reason: "group: 请选择群体") }
        guard let count = fields["count"].flatMap({ Int($0) }) else { throw Abort(.unprocessableEntity, reason: "count: 应为整数") }
        let classLabel = try SurveyInput.classLabel(fields["class_label"])
        let checked = try await SurveyInput.checkInvitations(questionnaire: group.questionnaire, count: count, school: fields["school_code"],
                                                             group: group, location: nil, county: county,
                                                             locations: try await SurveyFrame.locations(req, county: county), on: req.db)
        let (batch, _) = try await req.application.surveys.issue(survey, questionnaire: group.questionnaire, group: group, schoolCode: checked.school,
                                                                 location: checked.location, classLabel: classLabel, count: count, by: try req.principal().userID, on: req.db)
        await req.audit("survey-invite", target: "survey:\(try survey.requireID())",
                        detail: "\(count) × \(group.rawValue) \(checked.school ?? "county")\(classLabel.map { " " + $0 } ?? ""), serials \(batch.firstSerial)…")
        return req.redirect(to: "/surveys/\(try survey.requireID())/batches/\(try batch.requireID())")
    }

    private func batch(_ req: Request) async throws -> (SurveyRecord, InvitationBatch) {
        let (survey, _) = try await req.survey(.manageSurvey)
        guard let raw = req.parameters.get("batch"), let id = UUID(uuidString: raw),
              let b = try await InvitationBatch.query(on: req.db).filter(\.$id == id).filter(\.$survey.$id == survey.requireID()).first() else {
            throw Abort(.notFound)
        }
        return (survey, b)
    }

    /// The public base URL for links on slips: `--public-url`, else this request's host when it looks like one.
    static func base(_ req: Request) -> String {
        if let configured = req.application.web.publicURL { return configured }
        let host = req.headers.first(name: .host) ?? ""
        let plausible = !host.isEmpty && host.utf8.count <= 253 && host.allSatisfy { $0.isLetter || $0.isNumber || ".-:[]".contains($0) }
        return plausible ? "http://\(host)" : ""
    }

    /// `GET /surveys/{id}/batches/{batch}`: the printable slips.
    func slips(_ req: Request) async throws -> Response {
        let (survey, b) = try await batch(req)
        let (html, count) = try await slipsHTML(req, survey, b, PageContext(req))
        await req.audit("survey-slips", target: "survey:\(try survey.requireID())", detail: "batch \(try b.requireID()), \(count)")
        return Layout.response(html)
    }

    /// `GET /surveys/{id}/batches/{batch}/slips.pdf`: the form that queues the slips' PDF (a GET changes nothing).
    func slipsPDFForm(_ req: Request) async throws -> Response {
        let (survey, b) = try await batch(req)
        guard req.application.web.chromiumPath != nil else { throw Self.noChromium }
        let ctx = PageContext(req)
        return Layout.response(JobView.pdfForm(title: "邀请单 PDF · \(survey.name)",
                                               action: "/surveys/\(try survey.requireID())/batches/\(try b.requireID())/slips.pdf", ctx))
    }

    /// `POST /surveys/{id}/batches/{batch}/slips.pdf`: the slips printed to A4 PDF by Chromium in the job queue.
    func slipsPDF(_ req: Request) async throws -> Response {
        let (survey, b) = try await batch(req)
        guard req.application.web.chromiumPath != nil else { throw Self.noChromium }
        guard let county = try await Region.find(survey.$county.id, on: req.db) else { throw Abort(.notFound) }
        let (html, count) = try await slipsHTML(req, survey, b, PageContext(req, forms: false))
        let job = try await JobQueue.enqueue(.reportPDF, payload: ReportPDFPayload(
            html: html, fileName: "junheng-survey-slips-\(b.schoolCode ?? county.code)-\(b.firstSerial).pdf",
            target: "survey:\(try survey.requireID())", detail: "slips pdf, batch \(try b.requireID()), \(count)"),
            county: county, message: "排队中 / queued", on: req)
        return req.redirect(to: "/jobs/\(try job.requireID())")
    }

    private static let noChromium = Abort(.serviceUnavailable, reason: "此服务器未安装 Chromium，无法生成 PDF；请用浏览器打印邀请单 / PDF needs Chromium on the server")

    private func slipsHTML(_ req: Request, _ survey: SurveyRecord, _ b: InvitationBatch, _ ctx: PageContext) async throws -> (String, Int) {
        let base = Self.base(req)
        let codes = req.application.surveys.codes(of: b, survey: survey)
        let label = RespondentGroup(rawValue: b.group).map { "\($0.nameZH) · \($0.questionnaire.nameZH)" } ?? b.group
        var school = b.schoolCode
        if let code = b.schoolCode, let s = try await School.query(on: req.db).filter(\.$county.$id == survey.$county.id).filter(\.$code == code).first() { school = s.name }
        return (SlipsView.render(surveyName: survey.name, label: label, school: school, classLabel: b.classLabel,
                                 slips: codes.map { .init(code: $0, url: "\(base)/s/\($0)") }, ctx), codes.count)
    }

    /// `GET /surveys/{id}/batches/{batch}/links.csv`: one link per row, for messaging groups.
    func links(_ req: Request) async throws -> Response {
        let (survey, b) = try await batch(req)
        let base = Self.base(req)
        var csv = CSVWriter()
        csv.append(["邀请码", "链接", "问卷", "学校"])
        for code in req.application.surveys.codes(of: b, survey: survey) {
            csv.append([InvitationCode.grouped(code), "\(base)/s/\(code)", b.questionnaire, b.schoolCode ?? ""])
        }
        await req.audit("survey-links", target: "survey:\(try survey.requireID())", detail: "batch \(try b.requireID())")
        return CountyController().download(Data(csv.text.utf8), type: "text/csv; charset=utf-8", name: "invitations-\(try b.requireID()).csv")
    }

    /// `GET /surveys/{id}/paper?code=…`: the clerk's entry of a paper form, by its invitation code.
    func paperForm(_ req: Request) async throws -> Response {
        let (survey, _) = try await req.survey(.manageSurvey)
        let id = try survey.requireID()
        let ctx = PageContext(req)
        guard let code = try? req.query.get(String.self, at: "code"), !code.isEmpty else {
            return Layout.response(Layout.page(ctx, title: "录入纸质答卷", .group(
                .h1(.text("录入纸质答卷 · \(survey.name)")),
                .p(.text("按纸质问卷上的邀请码逐份录入；每个邀请码只能录入一次。")),
                .form(.id("paper-code"), .attr(.action, "/surveys/\(id)/paper"), .method(.get),
                      .label(.for("code"), .text("邀请码")), .input(.type(.text), .id("code"), .name("code"), .required(true)),
                      .button(.type(.submit), .text("打开问卷"))))))
        }
        let model = try await paperModel(req, survey: survey, code: code, state: .form, chosen: [:])
        return Layout.response(RespondView.render(model, ctx), status: model.questionnaire == nil ? .notFound : .ok)
    }

    /// `POST /surveys/{id}/paper`.
    func paperSubmit(_ req: Request) async throws -> Response {
        let (survey, _) = try await req.survey(.manageSurvey)
        let fields = (try? req.content.decode([String: String].self)) ?? [:]
        let code = fields["code"] ?? ""
        let answers = Self.answers(req)
        do {
            guard let parsed = InvitationCode.parse(code), parsed.code.seq == survey.seq else { throw AnswerRefusal.unknown }
            try await SurveyInput.answer(req, code: code, answers: answers, paper: true)
            await req.audit("survey-paper", target: "survey:\(try survey.requireID())")   // that a form was typed in, not which
            return req.redirect(to: "/surveys/\(try survey.requireID())/paper?done=1")
        } catch let refusal as AnswerRefusal {
            let model = try await paperModel(req, survey: survey, code: code, state: RespondModel.State(refusal), chosen: answers)
            return Layout.response(RespondView.render(model, PageContext(req)), status: SurveyInput.abort(refusal).status)
        }
    }

    private func paperModel(_ req: Request, survey: SurveyRecord, code: String, state: RespondModel.State, chosen: [String: String])
        async throws -> RespondModel {
        var m = RespondModel(state: state, code: code, surveyName: survey.name, questionnaire: nil, chosen: chosen,
                             action: "/surveys/\(try survey.requireID())/paper")
        if let parsed = InvitationCode.parse(code), parsed.code.seq == survey.seq,
           let (loaded, batch, _) = try? await req.application.surveys.resolve(code, on: req.db) {
            m.questionnaire = loaded.questionnaires[batch.questionnaire]
        } else {
            m.state = .unknown
        }
        return m
    }

    /// `POST /surveys/{id}/close`.
    func close(_ req: Request) async throws -> Response {
        let (survey, _) = try await req.survey(.manageSurvey)
        try await req.application.surveys.close(survey, on: req.db)
        await req.audit("survey-close", target: "survey:\(try survey.requireID())")
        return req.redirect(to: "/surveys/\(try survey.requireID())")
    }

    /// The aggregate table's lines: group of the breakdown, its cell, and the share.
    static func resultLines(_ r: SurveyResults) -> [(String, String, Share)] {
        var lines: [(String, String, Share)] = [("总体", "", r.overall)]
        lines += r.byQuestionnaire.sorted { $0.key < $1.key }.map { ("问卷", $0.key.nameZH, $0.value) }
        lines += r.byGroup.sorted { $0.key < $1.key }.map { ("群体", $0.key.nameZH, $0.value) }
        lines += r.byLocation.sorted { $0.key < $1.key }.map { ("城乡", $0.key.rawValue, $0.value) }
        lines += r.byItem.sorted { $0.key < $1.key }.map { ("题目", $0.key, $0.value) }
        lines += r.bySchool.sorted { $0.key < $1.key }.map { ("学校", $0.key, $0.value) }
        return lines
    }

    static let resultHeader = ["分组", "格", "答卷", "计入回答", "满意", "满意度", "95%下限", "95%上限"]

    /// `GET /surveys/{id}/results.csv`: the aggregate table (suppressed cells empty).
    func resultsCSV(_ req: Request) async throws -> Response {
        let (survey, _) = try await req.survey(.readSurvey)
        let r = try await SurveyInput.results(survey, on: req.db)
        var csv = CSVWriter()
        csv.append(Self.resultHeader)
        func f(_ x: Double?) -> String { x.map { String(format: "%.4f", $0) } ?? "" }
        for (kind, key, s) in Self.resultLines(r) {
            csv.append([kind, key, s.suppressed ? "<5" : String(s.respondents), s.suppressed ? "" : String(s.counted),
                        s.suppressed ? "" : String(s.satisfied), f(s.share), f(s.low), f(s.high)])
        }
        await req.audit("survey-export", target: "survey:\(try survey.requireID())", detail: "csv")
        return CountyController().download(Data(csv.text.utf8), type: "text/csv; charset=utf-8", name: "survey-\(try survey.requireID()).csv")
    }

    /// `GET /surveys/{id}/results.xlsx`: the same table as a workbook (shares as numbers, suppressed cells empty).
    func resultsXLSX(_ req: Request) async throws -> Response {
        let (survey, _) = try await req.survey(.readSurvey)
        let r = try await SurveyInput.results(survey, on: req.db)
        func n(_ x: Double?) -> XLSXCell { x.map { .number($0) } ?? .empty }
        var rows: [[XLSXCell]] = [Self.resultHeader.map { .header($0) }]
        for (kind, key, s) in Self.resultLines(r) {
            rows.append([.text(kind), .text(key), s.suppressed ? .text("<5") : .number(Double(s.respondents)),
                         s.suppressed ? .empty : .number(Double(s.counted)), s.suppressed ? .empty : .number(Double(s.satisfied)),
                         n(s.share), n(s.low), n(s.high)])
        }
        var book = XLSXWorkbook()
        book.addSheet(name: "预调查结果", rows: rows, columnWidths: [8, 40, 8, 10, 8, 10, 10, 10])
        await req.audit("survey-export", target: "survey:\(try survey.requireID())", detail: "xlsx")
        return CountyController().download(try book.data(), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                           name: "survey-\(try survey.requireID()).xlsx")
    }
}

/// The survey routes: public answer pages outside any session, the county's pages, and the API.
func surveyRoutes(_ app: Application, pages: any RoutesBuilder, forms: any RoutesBuilder, api: any RoutesBuilder) {
    let c = SurveyController()
    // The public answer path: no session middleware, so answering creates no session and no cookie.
    let open = app.grouped(PublicFormMiddleware())
    open.get("s", use: c.entry).requires(.anyone)
    open.get("s", ":code", use: c.form).requires(.anyone)
    open.post("s", ":code", use: c.submit).requires(.anyone)

    pages.get("counties", ":code", "surveys", use: c.list).requires(.readSurvey)
    forms.post("counties", ":code", "surveys", use: c.create).requires(.manageSurvey)
    pages.get("surveys", ":id", use: c.show).requires(.readSurvey)
    pages.get("surveys", ":id", "results.csv", use: c.resultsCSV).requires(.readSurvey)
    pages.get("surveys", ":id", "results.xlsx", use: c.resultsXLSX).requires(.readSurvey)
    forms.post("surveys", ":id", "invitations", use: c.invite).requires(.manageSurvey)
    forms.post("surveys", ":id", "close", use: c.close).requires(.manageSurvey)
    forms.post("surveys", ":id", "sample", use: c.adjustSample).requires(.manageSurvey)
    pages.get("surveys", ":id", "questionnaires", ":kind", use: c.questionnaireForm).requires(.manageSurvey)
    forms.post("surveys", ":id", "questionnaires", ":kind", use: c.questionnaireSave).requires(.manageSurvey)
    pages.get("surveys", ":id", "batches", ":batch", use: c.slips).requires(.manageSurvey)
    pages.get("surveys", ":id", "batches", ":batch", "links.csv", use: c.links).requires(.manageSurvey)
    pages.get("surveys", ":id", "batches", ":batch", "slips.pdf", use: c.slipsPDFForm).requires(.manageSurvey)
    forms.post("surveys", ":id", "batches", ":batch", "slips.pdf", use: c.slipsPDF).requires(.manageSurvey)
    pages.get("surveys", ":id", "paper", use: c.paperForm).requires(.manageSurvey)
    forms.post("surveys", ":id", "paper", use: c.paperSubmit).requires(.manageSurvey)

    let a = SurveyAPIController()
    api.post("counties", ":code", "surveys", use: a.create).requires(.manageSurvey)
    api.get("surveys", ":id", use: a.show).requires(.readSurvey)
    api.post("surveys", ":id", "invitations", use: a.invite).requires(.manageSurvey)
    api.post("surveys", ":id", "close", use: a.close).requires(.manageSurvey)
    api.get("surveys", ":id", "results", use: a.results).requires(.readSurvey)
    app.grouped("api", "v1").post("responses", use: a.respond).requires(.anyone)
}

/// Public forms from the survey's respondents: a same-origin check instead of a CSRF token (they have no session);
/// a form posted from another site is refused.
struct PublicFormMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if req.method == .POST, let origin = req.headers.first(name: "Origin"), origin != "null" {
            let host = req.headers.first(name: .host) ?? ""
            guard origin.hasSuffix("://\(host)") else { throw Abort(.forbidden, reason: "跨站提交被拒绝 / cross-site form refused") }
        }
        return try await next.respond(to: req)
    }
}
