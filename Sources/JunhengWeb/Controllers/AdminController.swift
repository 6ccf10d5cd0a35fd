import Fluent
import Foundation
import Plot
import Vapor

/// Only administrators pass; everyone else is refused (403) and the refusal is audited.
struct AdminOnlyMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard try req.principal().role == .admin else { throw await req.denial("admin", "manage", status: .forbidden) }
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
        guard code.range(of: "^[0-9]{2,12}$", options: .regularExpression) != nil, !name.isEmpty else {
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
        guard let county = try await Region.query(on: req.db).filter(\.$code == f.county).filter(\.$level == .county).first() else {
            throw Abort(.unprocessableEntity, reason: "县区 \(f.county) 不存在 / county not found")
        }
        guard !f.code.isEmpty, !f.name.isEmpty else { throw Abort(.unprocessableEntity, reason: "学校代码和名称不能为空 / code and name are required") }
        if try await School.query(on: req.db).filter(\.$county.$id == county.requireID()).filter(\.$code == f.code).first() != nil {
            throw Abort(.conflict, reason: "学校 \(f.code) 已存在 / school already exists")
        }
        try await School(countyID: county.requireID(), code: f.code, name: f.name).create(on: req.db)
        await req.audit("school-create", target: "school:\(f.code)", detail: "county \(f.county) \(f.name)")
        return req.redirect(to: "/admin?done=school")
    }

    func createUser(_ req: Request) async throws -> Response {
        struct Form: Content { var username: String; var display_name: String; var password: String; var role: Role; var scope: String? }
        let f = try req.content.decode(Form.self)
        guard f.username.range(of: "^[A-Za-z0-9._-]{3,40}$", options: .regularExpression) != nil else {
            throw Abort(.unprocessableEntity, reason: "用户名应为 3–40 位字母、数字、点、下划线或连字符 / username: 3–40 letters, digits, . _ -")
        }
        guard f.password.count >= 10 else { throw Abort(.unprocessableEntity, reason: "密码至少 10 位 / password needs at least 10 characters") }
        if try await User.query(on: req.db).filter(\.$username == f.username).first() != nil {
            throw Abort(.conflict, reason: "用户名已存在 / username taken")
        }
        let (regionID, schoolID) = try await scope(for: f.role, code: f.scope, on: req.db)
        let hash = try await req.password.async.hash(f.password)
        try await User(username: f.username, displayName: f.display_name, passwordHash: hash, role: f.role,
                       regionID: regionID, schoolID: schoolID, teacherID: Self.teacherID(f.role, f.scope)).create(on: req.db)
        await req.audit("user-create", target: "user:\(f.username)", detail: "role \(f.role.rawValue) scope \(f.scope ?? "-")")
        return req.redirect(to: "/admin?done=user")
    }

    func changeRole(_ req: Request) async throws -> Response {
        struct Form: Content { var role: Role; var scope: String? }
        let f = try req.content.decode(Form.self)
        guard let user = try await User.find(req.parameters.get("id", as: UUID.self), on: req.db) else { throw Abort(.notFound) }
        let (regionID, schoolID) = try await scope(for: f.role, code: f.scope, on: req.db)
        let before = "\(user.role.rawValue)"
        user.role = f.role
        user.$region.id = regionID
        user.$school.id = schoolID
        user.teacherID = Self.teacherID(f.role, f.scope)
        try await user.save(on: req.db)
        req.application.lookups.principals.invalidate(try user.requireID())
        await req.audit("user-role", target: "user:\(user.username)", detail: "\(before) → \(f.role.rawValue) scope \(f.scope ?? "-")")
        return req.redirect(to: "/admin?done=role")
    }

    func deleteUser(_ req: Request) async throws -> Response {
        guard let user = try await User.find(req.parameters.get("id", as: UUID.self), on: req.db) else { throw Abort(.notFound) }
        guard user.id != (try req.principal()).userID else { throw Abort(.unprocessableEntity, reason: "不能删除自己 / you cannot delete yourself") }
        let uploads = try await Snapshot.query(on: req.db).filter(\.$uploadedBy.$id == user.requireID()).count()
        guard uploads == 0 else {
            throw Abort(.conflict, reason: "该用户上传过 \(uploads) 个数据版本，为保留记录不能删除；请改为其他角色 / the user uploaded snapshots and is kept for the record")
        }
        try await APIToken.query(on: req.db).filter(\.$user.$id == user.requireID()).delete()
        try await user.delete(on: req.db)
        req.application.lookups.principals.invalidate(try user.requireID())
        await req.audit("user-delete", target: "user:\(user.username)")
        return req.redirect(to: "/admin?done=delete")
    }

    /// A teacher's scope is `学校标识码:教师编号`; the part after the colon is the 教师编号.
    static func teacherID(_ role: Role, _ scope: String?) -> String? {
        guard role == .teacher, let scope, let colon = scope.firstIndex(of: ":") else { return nil }
        let id = scope[scope.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return id.isEmpty ? nil : id
    }

    /// The region or school a role is bound to, checked against the role.
    private func scope(for role: Role, code: String?, on db: any Database) async throws -> (UUID?, UUID?) {
        let code = code?.trimmingCharacters(in: .whitespaces) ?? ""
        switch role {
        case .admin:
            return (nil, nil)
        case .principal, .teacher:
            let code = role == .teacher ? String(code.prefix { $0 != ":" }) : code
            guard let school = try await School.query(on: db).filter(\.$code == code).first() else {
                throw Abort(.unprocessableEntity, reason: "校长须绑定一所学校（学校标识码）/ a principal needs a school code")
            }
            return (nil, school.id)
        case .statistician, .inspector:
            guard let region = try await Region.query(on: db).filter(\.$code == code).first() else {
                throw Abort(.unprocessableEntity, reason: "须绑定一个区划代码 / a region code is required")
            }
            if role == .statistician && region.level != .county {
                throw Abort(.unprocessableEntity, reason: "统计员须绑定到县区 / a statistician is bound to a county")
            }
            return (region.id, nil)
        }
    }
}
