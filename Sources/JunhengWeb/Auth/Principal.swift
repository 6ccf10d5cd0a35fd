import Fluent
import Foundation
import Vapor

/// The logged-in user as the request sees it: who, which role, and the scope they are bound to.
public struct Principal: Sendable {
    public var userID: UUID
    public var username: String
    public var displayName: String
    public var role: Role
    /// The bound region (statisticians, inspectors); nil for principals and administrators.
    public var region: RegionRef?
    /// The bound school (principals, teachers).
    public var school: SchoolRef?
    /// The teacher's 教师编号 (teachers only).
    public var teacherID: String?
    /// Whether the account may be used: active, and not a demo account outside demo mode (checked per request).
    var active: Bool
    var demo: Bool

    /// A region as scope checks need it.
    public struct RegionRef: Sendable {
        public var id: UUID; public var code: String; public var name: String; public var path: String
        /// Province, city or county (an inspector's review level follows it).
        public var level: RegionLevel = .county
    }
    /// A school as scope checks need it.
    public struct SchoolRef: Sendable { public var id: UUID; public var code: String; public var name: String; public var countyID: UUID }

    /// Loads the user with their region or school (uncached).
    static func load(userID: UUID, on db: any Database) async throws -> Principal? {
        guard let user = try await User.query(on: db).filter(\.$id == userID).with(\.$region).with(\.$school).first()
        else { return nil }
        return Principal(user)
    }

    init(_ user: User) {
        userID = user.id!
        username = user.username
        displayName = user.displayName
        role = user.role
        region = user.region.map { RegionRef(id: $0.id!, code: $0.code, name: $0.name, path: $0.path, level: $0.level) }
        school = user.school.map { SchoolRef(id: $0.id!, code: $0.code, name: $0.name, countyID: $0.$county.id) }
        teacherID = user.role == .teacher ? user.teacherID : nil
        active = user.active
        demo = user.demo
    }

    /// Whether this account may act on a server in this mode.
    func usable(demoMode: Bool) -> Bool { active && (!demo || demoMode) }
}

private struct PrincipalKey: StorageKey { typealias Value = Principal }

extension Request {
    /// The authenticated principal; throws 401 when nobody is logged in.
    public func principal() throws -> Principal {
        guard let p = storage[PrincipalKey.self] else { throw Abort(.unauthorized) }
        return p
    }

    /// The authenticated principal, or nil.
    var optionalPrincipal: Principal? { storage[PrincipalKey.self] }

    func setPrincipal(_ p: Principal?) { storage[PrincipalKey.self] = p }
}
