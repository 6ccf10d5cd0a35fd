import CreditBank
import Crypto
import Fluent
import Foundation
import Vapor

/// Adds the credit bank's signed-in pages: the centre's activities and check-in, the learner's record and transcript,
/// the reviewer's queue, learners and revocation.
func creditDeskRoutes(pages: any RoutesBuilder, forms: any RoutesBuilder, api: any RoutesBuilder) {
    let c = CreditDeskController()
    pages.get("credits", "centre", use: c.centre).requires(.runCreditCentre)
    forms.post("credits", "centre", "activities", use: c.createActivity).requires(.runCreditCentre)
    pages.get("credits", "activities", ":id", use: c.activity).requires(.runCreditCentre)
    forms.post("credits", "activities", ":id", "kiosk", use: c.kiosk).requires(.runCreditCentre)
    forms.post("credits", "activities", ":id", "completions", use: c.submit).requires(.runCreditCentre)
    pages.get("credits", "checkin", ":code", use: c.checkinPage).requires(.checkInCredits)
    forms.post("credits", "checkin", ":code", use: c.checkin).requires(.checkInCredits)
    pages.get("credits", "me", use: c.mine).requires(.readOwnCredits)
    pages.get("credits", "me", "transcript.json", use: c.transcript).requires(.readOwnCredits)
    pages.get("credits", "review", use: c.review).requires(.reviewCredits)
    forms.post("credits", "completions", ":id", "recognise", use: c.recognise).requires(.reviewCredits)
    forms.post("credits", "completions", ":id", "reject", use: c.reject).requires(.reviewCredits)
    pages.get("credits", "learners", use: c.lookup).requires(.reviewCredits)
    pages.get("credits", "learners", ":learner", use: c.learner).requires(.reviewCredits)
    forms.post("credits", "learners", ":learner", "revoke", use: c.revoke).requires(.reviewCredits)
    forms.post("credits", "learners", ":learner", "correct", use: c.correct).requires(.reviewCredits)
    forms.post("credits", "learners", ":learner", "convert", use: c.convert).requires(.reviewCredits)
    forms.post("credits", "me", "shares", use: c.createShare).requires(.readOwnCredits)
    forms.post("credits", "me", "shares", ":id", "withdraw", use: c.withdrawShare).requires(.readOwnCredits)
    api.get("credits", "me", use: c.apiRecord).requires(.readOwnCredits)
    api.get("credits", "me", "transcript", use: c.apiTranscript).requires(.readOwnCredits)
    api.get("credits", "review", use: c.apiQueue).requires(.reviewCredits)
}

/// Handlers of the credit bank's signed-in pages; every decision asks the policy.
struct CreditDeskController {
    /// The county the signed-in credit-bank account is bound to, if the policy allows `ability` there.
    func ownCounty(_ req: Request, _ ability: Ability) async throws -> Region {
        let p = try req.principal()
        guard let ref = p.region, let county = try await Region.find(ref.id, on: req.db), county.level == .county else {
            throw await req.denial("credits", ability.rawValue, status: .forbidden)
        }
        try await req.authorize(ability, county.resource, target: "county:\(county.code)/credits")
        return county
    }

    /// The activity named by `:id` and its county, if the policy allows `ability` on it.
    func activity(_ req: Request, _ ability: Ability) async throws -> (CreditActivity, Region) {
        let access = try await req.countyRecord(CreditActivity.self, ability)
        return (access.record, access.county)
    }

    /// The learner record of the signed-in learner.
    func me(_ req: Request) async throws -> CreditLearnerRecord {
        let p = try req.principal()
        try await req.authorize(.readOwnCredits, .none, target: "credits:me")
        guard let r = try await CreditLearnerRecord.query(on: req.db).filter(\.$user.$id == p.userID).first() else {
            throw Abort(.notFound, reason: "此账户未关联学习者档案 / this account has no learner record")
        }
        return r
    }

    // MARK: centre

    func centre(_ req: Request) async throws -> Response {
        let county = try await ownCounty(req, .runCreditCentre)
        return Layout.response(CreditDeskView.centre(try await CreditDeskModel.centre(req, county: county), PageContext(req)))
    }

    func createActivity(_ req: Request) async throws -> Response {
        let county = try await ownCounty(req, .runCreditCentre)
        struct Form: Content { var title: String?; var kind: String?; var hours: String?; var credits: String?; var end_date: String?; var catalogue_id: String? }
        let f = (try? req.content.decode(Form.self)) ?? Form()
        let title = (f.title ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 100 else { throw await refusal(req, "credit-activity", target: "county:\(county.code)/credits", "title: 1–100 字 / 1–100 characters") }
        guard let kind = f.kind.flatMap(OutcomeKind.init(rawValue:)) else { throw await refusal(req, "credit-activity", target: "county:\(county.code)/credits", "kind: 未知类别 / unknown kind") }
        guard let hours = f.hours.flatMap(Amount.init(text:)), hours.hundredths > 0, hours.hundredths <= 100_000 else {
            throw await refusal(req, "credit-activity", target: "county:\(county.code)/credits", "hours: 应为 0.01–1000，至多两位小数 / 0.01–1000 with at most two decimals")
        }
        let creditsText = (f.credits ?? "").trimmingCharacters(in: .whitespaces)
        var credits: Amount?
        if !creditsText.isEmpty {
            guard let c = Amount(text: creditsText), c.hundredths >= 0, c.hundredths <= 20_000 else {
                throw await refusal(req, "credit-activity", target: "county:\(county.code)/credits", "credits: 应为 0–200，至多两位小数 / 0–200 with at most two decimals")
            }
            credits = c
        }
        guard let end = f.end_date, CivilDate(text: end) != nil else { throw await refusal(req, "credit-activity", target: "county:\(county.code)/credits", "end_date: 应为 YYYY-MM-DD / must be YYYY-MM-DD") }
        let catalogue = (f.catalogue_id ?? "").trimmingCharacters(in: .whitespaces)
        guard catalogue.utf8.count <= 40 else { throw await refusal(req, "credit-activity", target: "county:\(county.code)/credits", "catalogue_id: 至多 40 字符 / at most 40 characters") }
        let p = try req.principal()
        let a = CreditActivity()
        a.$county.id = try county.requireID()
        a.$centre.id = p.userID
        a.institution = p.displayName
        a.title = title
        a.kind = kind.rawValue
        a.hours = hours.hundredths
        a.credits = credits?.hundredths
        a.endDate = end
        a.catalogueID = catalogue.isEmpty ? nil : catalogue
        a.checkinCode = CreditStore.random(10).map { String(format: "%02x", $0) }.joined()
        a.createdAt = Date()
        try await a.create(on: req.db)
        await req.audit("credit-activity", target: "credit-activity:\(try a.requireID())", detail: "\(AuditText.short(title, max: 80)), \(kind.rawValue), \(hours) h")
        return req.redirect(to: "/credits/activities/\(try a.requireID())")
    }

    func activity(_ req: Request) async throws -> Response {
        let (a, county) = try await activity(req, .runCreditCentre)
        let message = (try? req.query.get(String.self, at: "done")).map { done in
            switch done { case "kiosk": req.t("已签到。", "Checked in."); case "submitted": req.t("已提交审核。", "Submitted for review."); default: "" }
        }
        return Layout.response(CreditDeskView.activity(try await CreditDeskModel.activity(req, a, county: county, message: message), PageContext(req)))
    }

    /// Kiosk check-in: the learner's card number typed or scanned on the centre's tablet.
    func kiosk(_ req: Request) async throws -> Response {
        let (a, county) = try await activity(req, .runCreditCentre)
        struct Form: Content { var card: String? }
        let card = ((try? req.content.decode(Form.self))?.card ?? "").trimmingCharacters(in: .whitespaces)
        guard !card.isEmpty, card.utf8.count <= 32,
              let learner = try await CreditLearnerRecord.query(on: req.db).filter(\.$cardNumber == card).filter(\.$county.$id == county.requireID()).first() else {
            await req.audit("credit-checkin-refused", target: "credit-activity:\(try a.requireID())", detail: "unknown card")
            let model = try await CreditDeskModel.activity(req, a, county: county, message: req.t("未找到此学习卡（本县）。", "No learning card with this number in this county."))
            return Layout.response(CreditDeskView.activity(model, PageContext(req)), status: .unprocessableEntity)
        }
        try await checkIn(req, a, learner.learnerID, via: "kiosk")
        return req.redirect(to: "/credits/activities/\(try a.requireID())?done=kiosk")
    }

    /// Records a check-in once (a second one of the same learner is a no-op), audited.
    func checkIn(_ req: Request, _ a: CreditActivity, _ learnerID: String, via: String) async throws {
        let id = try a.requireID()
        guard try await CreditCheckin.query(on: req.db).filter(\.$activity.$id == id).filter(\.$learnerID == learnerID).first() == nil else { return }
        let c = CreditCheckin()
        c.$activity.id = id
        c.learnerID = learnerID
        c.via = via
        c.at = Date()
        do { try await c.create(on: req.db) } catch where VersionAllocation.isConflict(error) { return }
        await req.audit("credit-checkin", target: "credit-activity:\(id)", detail: "\(via) \(learnerID)")
    }

    /// The centre submits attendance (and score) for the checked-in learners it has not submitted yet.
    func submit(_ req: Request) async throws -> Response {
        let (a, county) = try await activity(req, .runCreditCentre)
        let id = try a.requireID()
        let model = try await CreditDeskModel.activity(req, a, county: county)
        var rows: [(String, Amount, Amount?)] = []
        for p in model.attendees where p.completion == nil {
            let attendance = ((try? req.content.get(String.self, at: "attendance_\(p.learnerID)")) ?? "").trimmingCharacters(in: .whitespaces)
            let score = ((try? req.content.get(String.self, at: "score_\(p.learnerID)")) ?? "").trimmingCharacters(in: .whitespaces)
            if attendance.isEmpty { continue }
            guard let att = Amount(text: attendance), att.hundredths >= 0, att.hundredths <= 10_000 else {
                throw await refusal(req, "credit-completions", target: "credit-activity:\(id)", "attendance_\(p.learnerID): 应为 0–100 / must be 0–100")
            }
            var sc: Amount?
            if !score.isEmpty {
                guard let s = Amount(text: score), s.hundredths >= 0, s.hundredths <= 10_000 else {
                    throw await refusal(req, "credit-completions", target: "credit-activity:\(id)", "score_\(p.learnerID): 应为 0–100 / must be 0–100")
                }
                sc = s
            }
            rows.append((p.learnerID, att, sc))
        }
        guard !rows.isEmpty else { throw await refusal(req, "credit-completions", target: "credit-activity:\(id)", "请至少填写一名学习者的出勤率 / fill in at least one attendance") }
        let submitted = rows
        try await req.db.transaction { db in
            for (learner, att, sc) in submitted {
                let c = CreditCompletion()
                c.$activity.id = id
                c.learnerID = learner
                c.attendance = att.hundredths
                c.score = sc?.hundredths
                c.status = "submitted"
                c.submittedAt = Date()
                try await c.create(on: db)
            }
        }
        await req.audit("credit-completions", target: "credit-activity:\(id)", detail: "\(rows.count) submitted")
        return req.redirect(to: "/credits/activities/\(id)?done=submitted")
    }

    // MARK: learner

    func checkinActivity(_ req: Request) async throws -> (CreditActivity, Region) {
        let code = try req.pathParameter("code")
        guard code.utf8.count <= 64, let a = try await CreditActivity.query(on: req.db).filter(\.$checkinCode == code).first(),
              let county = try await Region.find(a.$county.id, on: req.db) else {
            throw await req.denial("credit-checkin", Ability.checkInCredits.rawValue, status: .notFound)
        }
        try await req.authorize(.checkInCredits, a.resource(in: county), target: "credit-activity:\(a.id?.uuidString ?? "")")
        return (a, county)
    }

    func checkinPage(_ req: Request) async throws -> Response {
        let (a, _) = try await checkinActivity(req)
        let learner = try await me(req)
        let done = try await CreditCheckin.query(on: req.db).filter(\.$activity.$id == a.requireID()).filter(\.$learnerID == learner.learnerID).first() != nil
        return Layout.response(CreditDeskView.checkin(a, done: done, PageContext(req)))
    }

    func checkin(_ req: Request) async throws -> Response {
        let (a, _) = try await checkinActivity(req)
        let learner = try await me(req)
        try await checkIn(req, a, learner.learnerID, via: "qr")
        return req.redirect(to: "/credits/checkin/\(a.checkinCode)")
    }

    func mine(_ req: Request) async throws -> Response {
        let learner = try await me(req)
        return Layout.response(CreditDeskView.learner(try await CreditDeskModel.learner(req, learner, canRevoke: false), mine: true, PageContext(req)))
    }

    /// The notice after a reviewer's change.
    func doneMessage(_ req: Request) -> String? {
        switch try? req.query.get(String.self, at: "done") {
        case "revoked": req.t("已撤销，并在状态列表中标记其凭证。", "Withdrawn; its credentials are marked in the status list.")
        case "corrected": req.t("已更正（新的账本记录），旧版本凭证已在状态列表中标记。", "Corrected (a new ledger entry); the old version's credentials are marked.")
        case "converted": req.t("已按转换规则记入账本。", "Conversion recorded in the ledger.")
        default: nil
        }
    }

    /// The learner's signed CLR transcript, balance recomputed from the ledger.
    func transcript(_ req: Request) async throws -> Response {
        let learner = try await me(req)
        let (clr, balance) = try await CreditStore.transcript(req.application, learnerID: learner.learnerID, on: req.db)
        await req.audit("credit-transcript", target: "credit-learner:\(learner.learnerID)", detail: "\(balance.creditedTotal) credits")
        let r = Response(status: .ok, body: .init(string: JSONText.pretty(clr)))
        r.headers.contentType = .json
        r.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"transcript.json\"")
        r.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return r
    }

    // MARK: reviewer

    func review(_ req: Request) async throws -> Response {
        let county = try await ownCounty(req, .reviewCredits)
        let message = (try? req.query.get(String.self, at: "done")).map { $0 == "recognised" ? req.t("已认定并记入账本。", "Recognised and recorded in the ledger.") : req.t("已处理。", "Done.") }
        return Layout.response(CreditDeskView.review(try await CreditDeskModel.review(req, county: county, message: message), PageContext(req)))
    }

    /// The completion named by `:id`, with its activity and county, if the reviewer may decide it.
    func completion(_ req: Request) async throws -> (CreditCompletion, CreditActivity, Region) {
        let raw = try req.pathParameter("id")
        guard let id = UUID(uuidString: raw), let c = try await CreditCompletion.find(id, on: req.db),
              let a = try await CreditActivity.find(c.$activity.id, on: req.db), let county = try await Region.find(a.$county.id, on: req.db) else {
            throw await req.denial("credit-completion:\(raw.prefix(40))", Ability.reviewCredits.rawValue, status: .notFound)
        }
        try await req.authorize(.reviewCredits, a.resource(in: county), target: "credit-completion:\(id)")
        guard c.status == "submitted" else { throw Abort(.conflict, reason: "此结业已处理 / already decided") }
        return (c, a, county)
    }

    /// 积累: the completion becomes a ledger entry (the outcome with its attendance and score) and leaves the queue, in one
    /// transaction.
    func recognise(_ req: Request) async throws -> Response {
        let (c, a, _) = try await completion(req)
        let p = try req.principal()
        guard let end = CivilDate(text: a.endDate), let kind = OutcomeKind(rawValue: a.kind), let cid = c.id else { throw Abort(.internalServerError) }
        let outcome = Outcome(learnerID: c.learnerID, id: "ACT-\(cid.uuidString.lowercased())", institution: a.institution,
                              kind: kind, title: a.title, credits: a.credits.map(Amount.init(hundredths:)), hours: Amount(hundredths: a.hours),
                              endDate: end, attendancePct: Amount(hundredths: c.attendance), score: c.score.map(Amount.init(hundredths:)),
                              catalogueID: a.catalogueID)
        let actor = "reviewer:\(p.username)", at = CreditStore.now()
        let evidence = ["签到与结业记录 / check-in and completion by \(a.institution)"]
        let e = try await CreditStore.append(on: req.db, learnerID: c.learnerID, { ledger in
            try ledger.append(.accumulate, outcome: outcome, actor: actor, at: at, evidence: evidence, reason: "机构提交结业，审核认定 / completion recognised")
        }, then: { tx, e, _ in
            c.status = "recognised"
            c.ledgerSeq = e.seq
            try await c.save(on: tx)
        })
        await req.audit("credit-recognise", target: "credit-completion:\(cid)", detail: "\(c.learnerID), ledger #\(e.seq)")
        return req.redirect(to: "/credits/review?done=recognised")
    }

    func reject(_ req: Request) async throws -> Response {
        let (c, _, _) = try await completion(req)
        struct Form: Content { var note: String? }
        let note = ((try? req.content.decode(Form.self))?.note ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !note.isEmpty, note.count <= 200 else { throw await refusal(req, "credit-reject", target: "credit-completion:\(c.id?.uuidString ?? "")", "note: 请写明原因（≤ 200 字）/ give a reason (≤ 200 characters)") }
        c.status = "rejected"
        c.decisionNote = note
        try await c.save(on: req.db)
        await req.audit("credit-reject", target: "credit-completion:\(c.id?.uuidString ?? "")", detail: AuditText.short(note, max: 120))
        return req.redirect(to: "/credits/review?done=rejected")
    }

    /// `?card=`: the reviewer's county's learner with this card number.
    func lookup(_ req: Request) async throws -> Response {
        let county = try await ownCounty(req, .reviewCredits)
        let card = ((try? req.query.get(String.self, at: "card")) ?? "").trimmingCharacters(in: .whitespaces)
        guard !card.isEmpty, card.utf8.count <= 32,
              let r = try await CreditLearnerRecord.query(on: req.db).filter(\.$cardNumber == card).filter(\.$county.$id == county.requireID()).first() else {
            throw Abort(.notFound, reason: "未找到此学习卡 / no such card in this county")
        }
        return req.redirect(to: "/credits/learners/\(r.learnerID)")
    }

    /// A learner of the reviewer's county, by learner id (a hash: the ID number never appears in a URL).
    func learnerRecord(_ req: Request) async throws -> CreditLearnerRecord {
        let county = try await ownCounty(req, .reviewCredits)
        let raw = try req.pathParameter("learner")
        guard raw.utf8.count <= 64, let r = try await CreditLearnerRecord.query(on: req.db).filter(\.$learnerID == raw)
            .filter(\.$county.$id == county.requireID()).first() else {
            throw await req.denial("credit-learner:\(raw.prefix(40))", Ability.reviewCredits.rawValue, status: .notFound)
        }
        return r
    }

    func learner(_ req: Request) async throws -> Response {
        let r = try await learnerRecord(req)
        return Layout.response(CreditDeskView.learner(try await CreditDeskModel.learner(req, r, canRevoke: true, message: doneMessage(req)), mine: false,
                                                      PageContext(req)))
    }

    /// A reviewer's reason (required, ≤ 200 characters) and the `seq` of a ledger entry; a refusal is audited.
    func reviewerForm(_ req: Request, _ r: CreditLearnerRecord, _ what: String, reasonRequired: Bool = true) async throws -> (Int, String) {
        struct Form: Content { var seq: String?; var reason: String? }
        let f = (try? req.content.decode(Form.self)) ?? Form()
        let reason = (f.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard let text = f.seq, text.utf8.count <= 12, let seq = Int(text), seq >= 1 else {
            throw await refusal(req, what, target: "credit-learner:\(r.learnerID)", "seq: 应为账本记录编号 / a ledger entry number")
        }
        guard reason.count <= 200, !reasonRequired || !reason.isEmpty else {
            throw await refusal(req, what, target: "credit-learner:\(r.learnerID)", "reason: 请写明原因（≤ 200 字）/ give a reason (≤ 200 characters)")
        }
        return (seq, reason)
    }

    /// Audits a refused form (`what`-refused, the reason) and returns the 422 to throw.
    func refusal(_ req: Request, _ what: String, target: String, _ reason: String) async -> Abort {
        await req.audit("\(what)-refused", target: target, detail: AuditText.short(reason, max: 160))
        return Abort(.unprocessableEntity, reason: reason)
    }

    /// Audits a refused ledger append (the domain's reason) and rethrows it.
    func refused<T>(_ req: Request, _ what: String, _ r: CreditLearnerRecord, _ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let e as Abort where e.status == .unprocessableEntity {
            await req.audit("\(what)-refused", target: "credit-learner:\(r.learnerID)", detail: AuditText.short(e.reason, max: 160))
            throw e
        }
    }

    /// 撤销: a new ledger entry withdrawing the outcome, and the status bits of its credentials set.
    func revoke(_ req: Request) async throws -> Response {
        let r = try await learnerRecord(req)
        let (seq, reason) = try await reviewerForm(req, r, "credit-revoke")
        let actor = "reviewer:\(try req.principal().username)"
        let e = try await refused(req, "credit-revoke", r) {
            try await CreditStore.revoke(learnerID: r.learnerID, seq: seq, reason: reason, actor: actor, on: req.db)
        }
        await req.audit("credit-revoke", target: "credit-learner:\(r.learnerID)", detail: "ledger #\(seq) → #\(e.seq): \(AuditText.short(reason, max: 120))")
        return req.redirect(to: "/credits/learners/\(r.learnerID)?done=revoked")
    }

    /// 更正: a new ledger entry with the corrected outcome (blank fields keep their value); the entry corrected stays as it
    /// was, and the credentials issued for the old version are marked in the status list.
    func correct(_ req: Request) async throws -> Response {
        let r = try await learnerRecord(req)
        let (seq, reason) = try await reviewerForm(req, r, "credit-correct")
        struct Form: Content { var attendance: String?; var score: String?; var hours: String?; var credits: String?; var end_date: String? }
        let f = (try? req.content.decode(Form.self)) ?? Form()
        func amount(_ name: String, _ text: String?, max: Int) async throws -> Amount?? {
            let t = (text ?? "").trimmingCharacters(in: .whitespaces)
            if t.isEmpty { return .none }
            guard t.utf8.count <= 12, let a = Amount(text: t), a.hundredths >= 0, a.hundredths <= max else {
                throw await refusal(req, "credit-correct", target: "credit-learner:\(r.learnerID)",
                                    "\(name): 应为 0–\(max / 100)，至多两位小数 / 0–\(max / 100) with at most two decimals")
            }
            return .some(a)
        }
        let attendance = try await amount("attendance", f.attendance, max: 10_000), score = try await amount("score", f.score, max: 10_000)
        let hours = try await amount("hours", f.hours, max: 100_000), credits = try await amount("credits", f.credits, max: 20_000)
        let endText = (f.end_date ?? "").trimmingCharacters(in: .whitespaces)
        let end = endText.isEmpty ? nil : CivilDate(text: String(endText.prefix(10)))
        if !endText.isEmpty && (endText.utf8.count > 10 || end == nil) {
            throw await refusal(req, "credit-correct", target: "credit-learner:\(r.learnerID)", "end_date: 应为 YYYY-MM-DD / must be YYYY-MM-DD")
        }
        guard attendance != nil || score != nil || hours != nil || credits != nil || end != nil else {
            throw await refusal(req, "credit-correct", target: "credit-learner:\(r.learnerID)", "请至少更正一项 / change at least one field")
        }
        let actor = "reviewer:\(try req.principal().username)", at = CreditStore.now(), learnerID = r.learnerID
        let e = try await refused(req, "credit-correct", r) {
            try await CreditStore.appendSuperseding(on: req.db, learnerID: learnerID, seq: seq) { ledger in
                guard let root = ledger.root(of: seq), var o = ledger.live[root] else {
                    throw Abort(.unprocessableEntity, reason: "更正的目标不是该学习者的有效成果 / the target is not a live outcome of this learner")
                }
                if let a = attendance { o.attendancePct = a }
                if let s = score { o.score = s }
                if let h = hours { o.hours = h }
                if let c = credits { o.credits = c }
                if let d = end { o.endDate = d }
                return try ledger.append(.correct, outcome: o, target: root, actor: actor, at: at, evidence: [], reason: reason)
            }
        }
        await req.audit("credit-correct", target: "credit-learner:\(r.learnerID)", detail: "ledger #\(seq) → #\(e.seq): \(AuditText.short(reason, max: 120))")
        return req.redirect(to: "/credits/learners/\(r.learnerID)?done=corrected")
    }

    /// 转换: a reviewer applies one of the rules' conversion rules to a live outcome (a new ledger entry naming the rule).
    func convert(_ req: Request) async throws -> Response {
        let r = try await learnerRecord(req)
        let (seq, reason) = try await reviewerForm(req, r, "credit-convert", reasonRequired: false)
        let rules = try CreditStore.rules(req.application)
        let ruleID = ((try? req.content.get(String.self, at: "rule")) ?? "").trimmingCharacters(in: .whitespaces)
        guard ruleID.utf8.count <= 64, rules.conversions.contains(where: { $0.id == ruleID }) else {
            throw await refusal(req, "credit-convert", target: "credit-learner:\(r.learnerID)", "rule: 不是本规则集中的转换规则 / not a conversion rule of the bank's rules")
        }
        let actor = "reviewer:\(try req.principal().username)", at = CreditStore.now(), learnerID = r.learnerID
        let e = try await refused(req, "credit-convert", r) {
            try await CreditStore.appendSuperseding(on: req.db, learnerID: learnerID, seq: seq) { ledger in
                try ledger.append(.convert, target: seq, conversionRule: ruleID, actor: actor, at: at, evidence: [],
                                  reason: reason.isEmpty ? "审核员按规则 \(ruleID) 转换 / converted by rule \(ruleID)" : reason)
            }
        }
        await req.audit("credit-convert", target: "credit-learner:\(r.learnerID)", detail: "ledger #\(seq) → #\(e.seq): \(ruleID)")
        return req.redirect(to: "/credits/learners/\(r.learnerID)?done=converted")
    }

    // MARK: share links

    /// A new share link of the learner's transcript: 32 random bytes, shown once; only their SHA-256 is kept.
    func createShare(_ req: Request) async throws -> Response {
        let learner = try await me(req)
        let live = try await CreditShare.query(on: req.db).filter(\.$learnerID == learner.learnerID).filter(\.$withdrawnAt == nil).count()
        guard live < 20 else {
            throw await refusal(req, "credit-share", target: "credit-learner:\(learner.learnerID)", "最多 20 个有效分享链接，请先撤回 / at most 20 live links: withdraw one first")
        }
        let token = CreditStore.random(32).map { String(format: "%02x", $0) }.joined()
        let s = CreditShare()
        s.learnerID = learner.learnerID
        s.tokenHash = SHA256.hex(Array(token.utf8))
        s.createdAt = Date()
        try await s.create(on: req.db)
        await req.audit("credit-share", target: "credit-learner:\(learner.learnerID)", detail: "share \(try s.requireID())")
        let base = req.application.web.publicURL ?? ""
        var model = try await CreditDeskModel.learner(req, learner, canRevoke: false)
        model.newShareLink = "\(base)/credits/shared/\(token)"
        return Layout.response(CreditDeskView.learner(model, mine: true, PageContext(req)))
    }

    func withdrawShare(_ req: Request) async throws -> Response {
        let learner = try await me(req)
        let raw = try req.pathParameter("id")
        guard let id = UUID(uuidString: raw), let s = try await CreditShare.find(id, on: req.db), s.learnerID == learner.learnerID, s.withdrawnAt == nil else {
            throw await req.denial("credit-share:\(raw.prefix(40))", Ability.readOwnCredits.rawValue, status: .notFound)
        }
        s.withdrawnAt = Date()
        try await s.save(on: req.db)
        await req.audit("credit-share-withdraw", target: "credit-learner:\(learner.learnerID)", detail: "share \(id)")
        return req.redirect(to: "/credits/me")
    }

    // MARK: API

    /// `GET /api/v1/credits/me`: the learner's record, balance recomputed, every outcome with its decision.
    func apiRecord(_ req: Request) async throws -> Response {
        let learner = try await me(req)
        let m = try await CreditDeskModel.learner(req, learner, canRevoke: false)
        let outcomes: [JSONValue] = m.outcomes.map { o in
            var v: JSONValue = ["seq": .number(Double(o.seq)), "outcome_id": .string(o.outcome.id), "title": .string(o.outcome.title),
                                "institution": .string(o.outcome.institution), "kind": .string(o.outcome.kind.rawValue),
                                "end_date": .string(o.outcome.endDate.description),
                                "credited": .bool(o.decision?.credited ?? false), "credits": .string((o.decision?.credits ?? .zero).description),
                                "rule": .string(o.decision?.rule ?? ""), "reason": .string(o.decision?.reason ?? "")]
            if let h = o.outcome.hours { v = v.setting("hours", .string(h.description)) }
            return v
        }
        var body: JSONValue = ["learner_id": .string(learner.learnerID), "masked_id": .string(learner.maskedID), "card_number": .string(learner.cardNumber),
                               "rules": .string(try CreditStore.rules(req.application).id),
                               "credited_total": .string((m.balance?.creditedTotal ?? .zero).description), "outcomes": .array(outcomes)]
        if let r = m.balance?.required { body = body.setting("required", .string(r.description)) }
        return CreditBankController().json(body, cache: false)
    }

    /// `GET /api/v1/credits/me/transcript`: the signed CLR transcript.
    func apiTranscript(_ req: Request) async throws -> Response {
        let learner = try await me(req)
        let (clr, balance) = try await CreditStore.transcript(req.application, learnerID: learner.learnerID, on: req.db)
        await req.audit("credit-transcript", target: "credit-learner:\(learner.learnerID)", detail: "api, \(balance.creditedTotal) credits")
        return CreditBankController().json(clr, cache: false)
    }

    /// `GET /api/v1/credits/review`: the reviewer's queue of submitted completions.
    func apiQueue(_ req: Request) async throws -> Response {
        let county = try await ownCounty(req, .reviewCredits)
        let m = try await CreditDeskModel.review(req, county: county)
        let formatter = ISO8601DateFormatter()
        let queue: [JSONValue] = m.queue.map { q in
            var v: JSONValue = ["id": .string(q.id.uuidString), "activity": .string(q.activity), "institution": .string(q.institution),
                                "learner_masked": .string(q.learnerMasked), "hours": .string(q.hours.description),
                                "attendance": .string(q.attendance.description), "submitted_at": .string(formatter.string(from: q.submitted))]
            if let s = q.score { v = v.setting("score", .string(s.description)) }
            return v
        }
        return CreditBankController().json(["county": .string(county.code), "queue": .array(queue)], cache: false)
    }
}
