import Accreditation
import Fluent
import Foundation
import Plot
import Vapor

/// Filling in a 整改 task: measures, responsible unit, deadline, evidence references, a linked remedy plan.
/// Its status is never set by hand: a task closes only when a newer submission's data show the item met.
enum AssessmentTaskEdit {
    /// The county's saved remedy plans (id, title), newest first.
    static func plans(county: Region, on db: any Database) async throws -> [(id: UUID, title: String)] {
        let snapshots = try await Snapshot.query(on: db).filter(\.$county.$id == county.requireID()).all().compactMap(\.id)
        guard !snapshots.isEmpty else { return [] }
        return try await SavedPlan.query(on: db).filter(\.$snapshot.$id ~~ snapshots).sort(\.$createdAt, .descending).range(..<50).all()
            .compactMap { p in p.id.map { ($0, p.title) } }
    }

    static func update(_ req: Request, county: Region, year: Int) async throws {
        struct Form: Content { var measures: String?; var responsible_unit: String?; var deadline: String?; var evidence: String?; var remedy_plan: String? }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        let rawID = try req.pathParameter("task")
        let taskID = rawID.removingPercentEncoding ?? rawID
        let measures = form.measures ?? "", unit = form.responsible_unit ?? "", deadline = form.deadline ?? "", evidence = form.evidence ?? ""
        guard measures.count <= Limits.textField, unit.count <= Limits.lineField, evidence.count <= Limits.textField else {
            throw Abort(.unprocessableEntity, reason: "内容过长 / text too long")
        }
        guard deadline.isEmpty || deadline.wholeMatch(of: /20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])/) != nil else {
            throw Abort(.unprocessableEntity, reason: "期限应为 YYYY-MM-DD / the deadline must be YYYY-MM-DD")
        }
        var plan: String?
        if let raw = form.remedy_plan, !raw.isEmpty {
            guard let id = UUID(uuidString: raw), try await plans(county: county, on: req.db).contains(where: { $0.id == id }) else {
                throw Abort(.unprocessableEntity, reason: "所选整改方案不属于本县 / the remedy plan is not this county's")
            }
            plan = id.uuidString
        }
        let actor = try req.principal().username
        let chosenPlan = plan
        let change = try await req.assessmentChange("task", county: county, year: year) { state -> String in
            guard let k = state.book.tasks.firstIndex(where: { $0.id == taskID }) else {
                throw AssessmentRefusal(status: .notFound, description: "没有这个整改任务 / no such task")
            }
            var t = state.book.tasks[k]
            var changed: [String] = []
            if t.measures != measures { t.measures = measures; changed.append("measures") }
            if t.responsibleUnit != unit { t.responsibleUnit = unit; changed.append("responsible unit: \(unit)") }
            let d: String? = deadline.isEmpty ? nil : deadline
            if t.deadline != d { t.deadline = d; changed.append("deadline: \(deadline)") }
            let refs = evidence.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if t.evidence != refs { t.evidence = Array(refs.prefix(50)); changed.append("evidence: \(refs.count)") }
            if t.remedyPlan != chosenPlan { t.remedyPlan = chosenPlan; changed.append("remedy plan: \(chosenPlan ?? "-")") }
            state.book.tasks[k] = t
            let text = changed.isEmpty ? "no change" : changed.joined(separator: "; ")
            state.book.history[taskID, default: []].append(TaskEvent(at: Date(), actor: actor, change: text))
            return text
        }
        await req.audit("rectification-update", target: AssessmentStore.target(county, year) + "/tasks/\(taskID)", detail: String(change.prefix(500)))
    }
}

/// The 整改 tasks of an application, each with its history and (for the county's statistician) its form.
enum AssessmentTasksView {
    static func render(county: Region, year: Int, book: TaskBook, plans: [(id: UUID, title: String)], mayEdit: Bool, _ ctx: PageContext) -> String {
        let base = "/counties/\(county.code)/years/\(year)/assessment"
        let title = ctx.t("整改任务", "Rectification tasks")
        let open = book.tasks.filter { $0.status == .open }, closed = book.tasks.filter { $0.status == .closed }
        return Layout.page(ctx, title: "\(county.name) · \(year) · \(title)", .group(
            .h1(.text("\(county.name) · \(year) · \(title)")),
            .p(.a(.attr(.href, base), .text(ctx.t("← 评估总览", "← Assessment dashboard")))),
            .p(.class("muted"), .text(ctx.t("每个未达标项目（及其未达标学校）在报送时生成一项整改任务；只有更新版本的数据显示该项已达标时任务才关闭，不能手工关闭。",
                                            "Every failed item (and each failing school) becomes a task when a version is submitted; a task closes only when a newer version's data show the item met, never by hand."))),
            .p(.id("task-counts"), .text(ctx.t("未完成 \(open.count) 项，已完成 \(closed.count) 项", "\(open.count) open, \(closed.count) closed"))),
            .if(book.tasks.isEmpty, .p(.class("muted"), .text(ctx.t("尚无整改任务（首次报送后生成）。", "No tasks yet (created at the first submission).")))),
            .forEach(open + closed) { t in task(t, history: book.history[t.id] ?? [], plans: plans, base: base, mayEdit: mayEdit, ctx) }
        ))
    }

    static func task(_ t: RectificationTask, history: [TaskEvent], plans: [(id: UUID, title: String)], base: String, mayEdit: Bool,
                     _ ctx: PageContext) -> Node<HTML.BodyContext> {
        let action = base + "/tasks/" + (t.id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? t.id)
        return .section(.class("task"), .attr(.dataState, t.status.rawValue),
            .h2(.text(ctx.t(t.titleZH, t.titleEN))),
            .p(.attr(.class, t.status == .open ? "fail" : "pass"),
               .text(t.status == .open ? ctx.t("未完成（第 \(t.openedInVersion) 版发现）", "open (found in version \(t.openedInVersion))")
                     : ctx.t("已完成：第 \(t.closedInVersion ?? 0) 版数据显示已达标", "closed: version \(t.closedInVersion ?? 0) data show it met"))),
            .p(.text(ctx.t("整改措施：", "Measures: ") + (t.measures.isEmpty ? "—" : t.measures))),
            .p(.text(ctx.t("责任单位：", "Responsible unit: ") + (t.responsibleUnit.isEmpty ? "—" : t.responsibleUnit)
                     + ctx.t("；期限：", "; deadline: ") + (t.deadline ?? "—"))),
            .unwrap(t.remedyPlan) { id in .p(.a(.attr(.href, "/plans/\(id)"), .text(ctx.t("关联的整改方案", "Linked remedy plan")))) },
            .if(!t.evidence.isEmpty, .ul(.forEach(t.evidence) { .li(.text($0)) })),
            .if(mayEdit, .form(.attr(.action, action), .method(.post), ctx.csrfField,
                .label(.text(ctx.t("整改措施", "Measures")), .textarea(.name("measures"), .attribute(named: "rows", value: "2"), .attribute(named: "cols", value: "60"), .text(t.measures))),
                .label(.text(ctx.t("责任单位", "Responsible unit")), .input(.type(.text), .name("responsible_unit"), .attr(.value, t.responsibleUnit))),
                .label(.text(ctx.t("期限（YYYY-MM-DD）", "Deadline (YYYY-MM-DD)")), .input(.type(.text), .name("deadline"), .attr(.value, t.deadline ?? ""))),
                .label(.text(ctx.t("完成佐证（每行一项）", "Evidence of completion (one per line)")),
                       .textarea(.name("evidence"), .attribute(named: "rows", value: "2"), .attribute(named: "cols", value: "60"), .text(t.evidence.joined(separator: "\n")))),
                .if(t.itemKey == "R" && !plans.isEmpty, .label(.text(ctx.t("关联整改方案", "Remedy plan")),
                    .select(.attribute(named: "name", value: "remedy_plan"), .option(.attr(.value, ""), .attr(.label, "—")),
                            .forEach(plans) { p in .option(.attr(.value, p.id.uuidString), .attr(.label, p.title)) }))),
                .button(.type(.submit), .text(ctx.t("保存", "Save"))))),
            .if(!history.isEmpty, .details(.summary(.text(ctx.t("历史（\(history.count)）", "History (\(history.count))"))),
                .ul(.forEach(history) { e in .li(.text("\(assessmentTime(Int64(e.at.timeIntervalSince1970))) \(e.actor): \(e.change)")) }))))
    }
}
