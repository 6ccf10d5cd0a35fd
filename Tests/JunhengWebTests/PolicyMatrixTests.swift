import Fluent
import Foundation
import Testing
import VaporTesting
@testable import JunhengWeb

extension WebTests {
    /// The access matrix generated from the route table and the policy: every route declares an ability, and every
    /// county- or school-scoped route answers each role as `Policy.decide` says.
    @Suite struct PolicyMatrixTests {
        static let users = ["demo-county", "demo-other-county", "demo-city", "demo-province", "demo-school", "demo-admin", "demo-teacher", "gd-stat"]

        @Test func everyRouteDeclaresAnAbility() async throws {
            try await withTestApp { app in
                let missing = app.routes.all.filter { $0.ability == nil }.map { "\($0.method.rawValue) /\($0.path.map(\.description).joined(separator: "/"))" }
                #expect(missing.isEmpty, "routes without a policy rule: \(missing)")
                #expect(app.routes.all.count > 40)
            }
        }

        @Test func countyAndSchoolRoutesFollowThePolicy() async throws {
            try await withTestApp { app in
                let counties = try await Region.query(on: app.db).filter(\.$level == .county).all()
                let schools = try await School.query(on: app.db).with(\.$county).all()
                let sample = [Demo.county1, Demo.county2, OtherProvince.countyCode].compactMap { c in schools.first { $0.county.code == c } }
                var checked = 0
                for username in Self.users {
                    guard let user = try await User.query(on: app.db).filter(\.$username == username).first(),
                          let principal = try await Principal.load(userID: user.requireID(), on: app.db) else { continue }
                    var b = TestBrowser(app)
                    try await b.login(username)
                    _ = try await b.get("/counties")
                    for route in app.routes.all where route.path.first?.description != "api" {
                        let names = route.path.compactMap { if case .parameter(let n) = $0 { n } else { nil } }
                        guard let ability = route.ability else { continue }
                        if names == ["code"] || names == ["code", "year"], route.path.first?.description == "counties" {
                            for county in counties {
                                let path = "/" + route.path.map { c in
                                    switch c { case .parameter("code"): county.code; case .parameter("year"): "2025"; default: c.description }
                                }.joined(separator: "/")
                                let expected = Policy.decide(principal, ability, county.resource)
                                let status = route.method == .GET ? try await b.get(path).status : try await b.post(path, form: [:]).status
                                Self.check(status, expected, "\(username) \(route.method.rawValue) \(path) [\(ability.rawValue)]")
                                checked += 1
                            }
                        } else if names == ["code"], route.path.first?.description == "schools" {
                            for school in sample {
                                let resource = Resource.school(id: try school.requireID(), code: school.code, countyID: school.$county.id, countyPath: school.county.path)
                                let status = try await b.get("/schools/\(school.code)").status
                                Self.check(status, Policy.decide(principal, ability, resource), "\(username) GET /schools/\(school.code)")
                                checked += 1
                            }
                        }
                    }
                }
                #expect(checked > 300)
            }
        }

        static func check(_ status: HTTPStatus, _ expected: Decision, _ what: String) {
            switch expected {
            case .hide: #expect(status == .notFound, "\(what): \(status.code), policy says hide")
            case .forbid: #expect(status == .forbidden, "\(what): \(status.code), policy says forbid")
            case .allow: #expect(status != .notFound && status != .forbidden && (status.code < 500 || status == .serviceUnavailable), "\(what): \(status.code), policy says allow")
            }
        }

        @Test func policyRulesByHand() async throws {
            let county = UUID(), other = UUID()
            func p(_ role: Role, region: String? = nil, school: UUID? = nil) -> Principal {
                var x = Principal(User(id: UUID(), username: "u", displayName: "u", passwordHash: "", role: role, regionID: nil, schoolID: nil))
                x.region = region.map { .init(id: UUID(), code: "r", name: "r", path: $0) }
                x.school = school.map { .init(id: UUID(), code: "s1", name: "s", countyID: $0) }
                return x
            }
            let c = Resource.county(id: county, path: "/33/3301/330101/")
            #expect(Policy.decide(p(.statistician, region: "/33/3301/330101/"), .uploadStatistics, c) == .allow)
            #expect(Policy.decide(p(.inspector, region: "/33/"), .uploadStatistics, c) == .forbid)
            #expect(Policy.decide(p(.inspector, region: "/33/"), .readCounty, c) == .allow)
            #expect(Policy.decide(p(.inspector, region: "/44/"), .readCounty, c) == .hide)
            #expect(Policy.decide(p(.admin), .uploadStatistics, c) == .forbid)
            #expect(Policy.decide(p(.admin), .runPlan, c) == .allow)
            #expect(Policy.decide(p(.principal, school: county), .readCounty, c) == .forbid)
            #expect(Policy.decide(p(.principal, school: other), .readCounty, c) == .hide)
            #expect(Policy.decide(nil, .readCounty, c) == .hide)
            #expect(Policy.decide(nil, .anyone) == .allow)
            let unpublished = Resource.classroomPlan(published: false, countyID: county, countyPath: "/33/3301/330101/")
            let published = Resource.classroomPlan(published: true, countyID: county, countyPath: "/33/3301/330101/")
            #expect(Policy.decide(p(.principal, school: county), .readClassroomPlan, unpublished) == .hide)
            #expect(Policy.decide(p(.principal, school: county), .readClassroomPlan, published) == .allow)
            #expect(Policy.decide(p(.principal, school: county), .readWholeClassroomPlan, published) == .forbid)
            #expect(Policy.decide(p(.inspector, region: "/33/"), .observeClassroom, published) == .allow)
            #expect(Policy.decide(p(.statistician, region: "/33/3301/330101/"), .observeClassroom, published) == .forbid)
            let own = Resource.timetable(published: true, countyID: county, countyPath: "/x/", school: "s1", teacher: nil)
            let foreign = Resource.timetable(published: true, countyID: other, countyPath: "/y/", school: "s1", teacher: nil)
            #expect(Policy.decide(p(.principal, school: county), .readOwnTimetable, own) == .allow)
            // Same school code in another county: not theirs.
            #expect(Policy.decide(p(.principal, school: county), .readOwnTimetable, foreign) == .hide)
            // An ability asked about the wrong kind of resource refuses.
            #expect(Policy.decide(p(.admin), .readCounty, .none) == .hide)
        }
    }
}
