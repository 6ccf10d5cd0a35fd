import Fluent
import Foundation
import Vapor

/// Scoped lookups: every query for a county or school goes through here and asks the policy; every refusal is audited.
extension Request {
    /// Counties the user may read, by code.
    func visibleCounties() async throws -> [Region] {
        let p = try principal()
        return try await Region.query(on: db).filter(\.$level == .county).sort(\.$code).all()
            .filter { Policy.decide(p, .readCounty, $0.resource) == .allow }
    }

    /// A path parameter the route guarantees; 400 if it is somehow absent.
    func pathParameter(_ name: String) throws -> String {
        guard let v = parameters.get(name) else { throw Abort(.badRequest, reason: "缺少参数 \(name) / missing \(name)") }
        return v
    }

    /// The county with `code` if the policy allows `ability` on it: 404 when outside the user's scope, 403 when known
    /// but not allowed (both audited).
    func county(_ code: String, _ ability: Ability) async throws -> Region {
        _ = try principal()
        let county = try await application.lookups.regions.value(code) {
            try await Region.query(on: self.db).filter(\.$code == code).first()
        }.flatMap { $0.level == .county ? $0 : nil }
        guard let county else { throw await denial("county:\(code)", ability.rawValue, status: .notFound) }
        try await authorize(ability, county.resource, target: "county:\(code)")
        return county
    }

    /// The county named by the route's `:code` parameter, if the policy allows `ability` on it.
    func county(_ ability: Ability) async throws -> Region {
        try await county(try pathParameter("code"), ability)
    }

    /// The school with `code` if the user may read it (its principal, or a reader of its county; not its teachers).
    func school(_ code: String) async throws -> (School, Region) {
        let p = try principal()
        let schools = try await School.query(on: db).filter(\.$code == code).with(\.$county).all()
        let visible = schools.first { s in
            guard let id = s.id, let countyID = s.county.id else { return false }
            return Policy.decide(p, .readSchool, .school(id: id, code: s.code, countyID: countyID, countyPath: s.county.path)) == .allow
        }
        guard let visible else { throw await denial("school:\(code)", Ability.readSchool.rawValue, status: .notFound) }
        return (visible, visible.county)
    }

    /// Audits a refused request and returns the error to throw.
    func denial(_ target: String, _ access: String, status: HTTPResponseStatus) async -> Abort {
        await audit("denied", target: target, detail: "\(access) \(method.rawValue) \(url.path) → \(status.code)")
        return Abort(status)
    }
}
