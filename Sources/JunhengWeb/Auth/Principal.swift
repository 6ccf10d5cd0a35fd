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

    /// A region as scope checks need it.
    public struct RegionRef: Sendable { public var id: UUID; public var code: String; public var name: String; public var path: String }
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
        region = user.region.map { RegionRef(id: $0.id!, code: $0.code, name: $0.name, path: $0.path) }
        school = user.school.map { SchoolRef(id: $0.id!, code: $0.code, name: $0.name, countyID: $0.$county.id) }
        teacherID = user.role == .teacher ? user.teacherID : nil
    }

    /// Whether the user may read the county dashboard of a region with this path.
    func canRead(countyPath: String) -> Bool {
        switch role {
        case .admin: true
        case .statistician, .inspector: region.map { countyPath.hasPrefix($0.path) } ?? false
        case .principal, .teacher: false
        }
    }

    /// Whether the user may upload statistics for a county with this path.
    func canUpload(countyPath: String) -> Bool {
        role == .statistician && canRead(countyPath: countyPath)
    }

    /// Whether the county is known to the user at all (so a refusal is 403, not 404).
    func knows(county: Region) -> Bool {
        canRead(countyPath: county.path) || school?.countyID == county.id
    }
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
