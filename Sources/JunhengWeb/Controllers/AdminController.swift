import Fluent
import Foundation
import Plot
import Vapor

/// Only administrators pass; everyone else is refused (403) and the refusal is audited.
struct AdminOnlyMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        try await req.authorize(.administer, .none, target: "admin")
        return try await next.respond(to: req)
    }
}

/// 系统管理员: regions (省 → 市 → 县), schools, users and roles, and the audit log.
struct AdminController {
    func index(_ req: Request) async throws -> Response {
        let regions = try await Region.query(on: req.db).sort(\.$path).all()
        let users = try await User.query(on: req.db).with(\.$region).with(\.$school).sort(\.$username).all()
        let schools = try await School.query(on: req.db).count()
        return Layout.response(AdminView.render(regions: regions, users: users, schoolCount: schools, message: try? req.query.get(String.self, at: "done"), PageContext(req)))
    }

    func audit(_ req: Request) async throws -> Response {
        let records = try await AuditLog.records(on: req.db)
        let broken = AuditChain.verify(records)
        return Layout.response(AuditView.render(records.suffix(500).reversed(), total: records.count, broken: broken, PageContext(req)))
    }

    func createRegion(_ req: Request) async throws -> Response {
        struct Form: Content { var code: String; var name: String; var level: RegionLevel; var parent: String? }
        let f = try req.content.decode(Form.self)
        let code = f.code.trimmingCharacters(in: .whitespaces), name = f.name.trimmingCharacters(in: .whitespaces)
        guard code.range(of: "^[0-9]{2,12}$", options: .regularExpression) != nil, !name.isEmpty, name.count <= Limits.lineField else {
            throw Abort(.unprocessableEntity, reason: "区划代码应为 2–12 位数字，名称不能为空 / code must be 2–12 digits and the name non-empty")
        }
        var parent: Region?
        if let p = f.parent, !p.isEmpty {
            parent = try await Region.query(on: req.db).filter(\.$code == p).first()
            guard parent != nil else { throw Abort(.unprocessableEntity, reason: "上级区划 \(p) 不存在 / parent region not found") }
        }
        let expectedParent: RegionLevel? = switch f.level { case .province: nil; case .city: .province; case .county: .city }
        guard parent?.level == expectedParent else {
            throw Abort(.unprocessableEntity, reason: "层级不符：省无上级，市的上级为省，县的上级为市 / a province has no parent, a city's is a province, a county's a city")
        }
        if try await Region.query(on: req.db).filter(\.$code == code).first() != nil {
            throw Abort(.conflict, reason: "区划代码 \(code) 已存在 / region code already exists")
        }
        try await Region(code: code, name: name, level: f.level, parent: parent).create(on: req.db)
        req.application.lookups.regions.removeAll()
        await req.audit("region-create", target: "region:\(code)", detail: "\(f.level.rawValue) \(name)")
        return req.redirect(to: "/admin?done=region")
    }

    func createSchool(_ req: Request) async throws -> Response {
        struct Form: Content { var county: String; var code: String; var name: String }
        let f = try req.content.decode(Form.self)
        let code = f.code.trimmingCharacters(in: .whitespaces), name = f.name.trimmingCharacters(in: .whitespaces)
        guard let county = try await Region.query(on: req.db).filter(\.$code == f.county).filter(\.$level == .county).first() else {
            throw Abort(.unprocessableEntity, reason: "县区不存在 / county not found")
        }
        guard Self.isCode(code), !name.isEmpty, name.count <= Limits.lineField else {
            throw Abort(.unprocessableEntity, reason: "学校代码应为 1–32 位字母、数字、下划线或连字符，名称 1–\(Limits.lineField) 字 / code: 1–32 of A–Z a–z 0–9 _ -; name 1–\(Limits.lineField) characters")
        }
        if try await School.query(on: req.db).filter(\.$county.$id == county.requireID()).filter(\.$code == code).first() != nil {
            throw Abort(.conflict, reason: "学校 \(code) 已存在 / school already exists")
        }
        try await School(countyID: county.requireID(), code: code, name: name).create(on: req.db)
        await req.audit("school-create", target: "school:\(code)", detail: "county \(county.code) \(name)")
        return req.redirect(to: "/admin?done=school")
    }

    func createUser(_ req: Request) async throws -> Response {
        struct Form: Content { var username: String; var display_name: String; var password: String; var role: Role; var scope: String? }
        let f = try req.content.decode(Form.self)
        guard f.username.range(of: "^[A-Za-z0-9._-]{3,\(Limits.username)}$", options: .regularExpression) != nil else {
            throw Abort(.unprocessableEntity, reason: "用户名应为 3–\(Limits.username) 位字母、数字、点、下划线或连字符 / username: 3–\(Limits.username) letters, digits, . _ -")
        }
        let displayName = f.display_name.trimmingCharacters(in: .whitespaces)
        guard !displayName.isEmpty, displayName.count <= Limits.lineField else {
            throw Abort(.unprocessableEntity, reason: "姓名应为 1–\(Limits.lineField) 字 / display name: 1–\(Limits.lineField) characters")
        }
        if let problem = PasswordPolicy.standard.problem(f.password, username: f.username) {
            throw Abort(.unprocessableEntity, reason: "\(problem.zh) / \(problem.en)")
        }
        if try await User.query(on: req.db).filter(\.$username == f.username).first() != nil {
            throw Abort(.conflict, reason: "用户名已存在 / username taken")
        }
        let bound = try await Self.scope(for: f.role, code: f.scope, on: req.db)
        let hash = try await req.password.async.hash(f.password)
        let user = User(username: f.username, displayName: displayName, passwordHash: hash, role: f.role,
                        regionID: bound.region, schoolID: bound.school, teacherID: bound.teacher)
        user.passwordChangedAt = Date()
        try await user.create(on: req.db)
        await req.audit("user-create", target: "user:\(f.username)", detail: "role \(f.role.rawValue) scope \(AuditText.short(f.scope ?? "-", max: 80))")
        return req.redirect(to: "/admin?done=user")
    }

    func changeRole(_ req: Request) async throws -> Response {
        struct Form: Content { var role: Role; var scope: String? }
        let f = try req.content.decode(Form.self)
        let user = try await Self.user(req)
        let bound = try await Self.scope(for: f.role, code: f.scope, on: req.db)
        let before = "\(user.role.rawValue)"
        user.role = f.role
        user.$region.id = bound.region
        user.$school.id = bound.school
        user.teacherID = bound.teacher
        try await user.save(on: req.db)
        req.application.lookups.principals.invalidate(try user.requireID())
        await req.audit("user-role", target: "user:\(user.username)", detail: "\(before) → \(f.role.rawValue) scope \(AuditText.short(f.scope ?? "-", max: 80))")
        return req.redirect(to: "/admin?done=role")
    }

    /// Sets a new password for a user (who forgot theirs), removes their second factor and ends their sessions.
    func resetPassword(_ req: Request) async throws -> Response {
        struct Form: Content { var password: String? }
        let f = (try? req.content.decode(Form.self)) ?? Form()
        let user = try await Self.user(req)
        if let problem = PasswordPolicy.standard.problem(f.password ?? "", username: user.username) {
            throw Abort(.unprocessableEntity, reason: "\(problem.zh) / \(problem.en)")
        }
        user.totpSecret = nil
        try await AccountChanges.setPassword(user, to: f.password ?? "", on: req, keepingCurrentSession: false)
        await req.audit("password-reset", target: "user:\(user.username)", detail: "by administrator; second factor removed")
        return req.redirect(to: "/admin?done=password")
    }

    /// Deactivates an account instead of deleting it: it can no longer log in, its sessions and tokens end, and
    /// everything it did keeps pointing at it.
    func deactivate(_ req: Request) async throws -> Response {
        let user = try await Self.user(req)
        guard user.id != (try req.principal()).userID else { throw Abort(.unprocessableEntity, reason: "不能停用自己 / you cannot deactivate yourself") }
        user.active = false
        try await AccountChanges.saveEndingAccess(user, on: req)
        await req.audit("user-deactivate", target: "user:\(user.username)")
        return req.redirect(to: "/admin?done=deactivate")
    }

    func activate(_ req: Request) async throws -> Response {
        let user = try await Self.user(req)
        user.active = true
        try await user.save(on: req.db)
        req.application.lookups.principals.invalidate(try user.requireID())
        await req.audit("user-activate", target: "user:\(user.username)")
        return req.redirect(to: "/admin?done=activate")
    }

    /// The user named by the route's `:id`; 404 when there is none.
    static func user(_ req: Request) async throws -> User {
        guard let id = req.parameters.get("id", as: UUID.self), let user = try await User.find(id, on: req.db) else { throw Abort(.notFound) }
        return user
    }

    /// Codes of schools and ids: 1–32 of A–Z a–z 0–9 _ -.
    static func isCode(_ s: String) -> Bool { s.range(of: "^[0-9A-Za-z_-]{1,32}$", options: .regularExpression) != nil }

    /// The region, school and 教师编号 a role is bound to. A principal's scope is `县区代码/学校标识码` (the school of that
    /// county); a teacher's `县区代码/学校标识码:教师编号`. A bare school code is accepted only when one county has it.
    static func scope(for role: Role, code raw: String?, on db: any Database) async throws -> (region: UUID?, school: UUID?, teacher: String?) {
        let code = String((raw ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        switch role {
        case .admin:
            return (nil, nil, nil)
        case .principal, .teacher:
            let beforeColon = String(code.prefix { $0 != ":" })
            let teacher = role == .teacher ? code.split(separator: ":", maxSplits: 1).dropFirst().first.map { String($0).trimmingCharacters(in: .whitespaces) } : nil
            if role == .teacher { guard let teacher, isCode(teacher) else {
                throw Abort(.unprocessableEntity, reason: "教师须绑定 县区代码/学校标识码:教师编号 / a teacher needs county/school:teacher-id")
            } }
            let parts = beforeColon.split(separator: "/").map(String.init)
            var schools = try await School.query(on: db).filter(\.$code == (parts.last ?? "")).with(\.$county).all()
            if parts.count == 2 { schools = schools.filter { $0.county.code == parts[0] } }
            guard schools.count == 1, let school = schools.first else {
                throw Abort(.unprocessableEntity, reason: schools.count > 1
                            ? "多个县区有此学校标识码，请写作 县区代码/学校标识码 / several counties have this school code: write county/school"
                            : "须绑定一所学校（县区代码/学校标识码）/ a school is required (county/school)")
            }
            return (nil, school.id, teacher)
        case .statistician, .inspector, .planner, .learner, .centre, .creditReviewer, .finance, .personnel:
            guard let region = try await Region.query(on: db).filter(\.$code == code).first() else {
                throw Abort(.unprocessableEntity, reason: "须绑定一个区划代码 / a region code is required")
            }
            if role != .inspector && region.level != .county {
                throw Abort(.unprocessableEntity, reason: "\(role.zh)须绑定到县区 / a \(role.en) is bound to a county")
            }
            return (region.id, nil, nil)
        }
    }
}
