import Fluent
import Foundation
import Vapor

/// What a request wants to do with a county.
enum CountyAccess: String { case read, upload }

/// Scoped lookups: every query for a county or school goes through here, and every refusal is audited.
extension Request {
    /// Counties the user may read, by code.
    func visibleCounties() async throws -> [Region] {
        let p = try principal()
        return try await Region.query(on: db).filter(\.$level == .county).sort(\.$code).all()
            .filter { p.canRead(countyPath: $0.path) }
    }

    /// The county with `code` if the user may `access` it: 404 when outside their scope, 403 when known but not allowed.
    func county(_ code: String, for access: CountyAccess) async throws -> Region {
        let p = try principal()
        let county = try await application.lookups.regions.value(code) {
            try await Region.query(on: db).filter(\.$code == code).first()
        }.flatMap { $0.level == .county ? $0 : nil }
        guard let county, p.knows(county: county) else {
            throw await denial("county:\(code)", access.rawValue, status: .notFound)
        }
        let allowed = access == .read ? p.canRead(countyPath: county.path) : p.canUpload(countyPath: county.path)
        guard allowed else { throw await denial("county:\(code)", access.rawValue, status: .forbidden) }
        return county
    }

    /// The school with `code` if the user may read it (its principal, or a reader of its county; not its teachers).
    func school(_ code: String) async throws -> (School, Region) {
        let p = try principal()
        let schools = try await School.query(on: db).filter(\.$code == code).with(\.$county).all()
        let visible = schools.first { s in
            (p.role == .principal && p.school?.id == s.id) || p.canRead(countyPath: s.county.path)
        }
        guard let visible else { throw await denial("school:\(code)", "read", status: .notFound) }
        return (visible, visible.county)
    }

    /// Audits a refused request and returns the error to throw.
    func denial(_ target: String, _ access: String, status: HTTPResponseStatus) async -> Abort {
        await audit("denied", target: target, detail: "\(access) \(method.rawValue) \(url.path) → \(status.code)")
        return Abort(status)
    }
}
