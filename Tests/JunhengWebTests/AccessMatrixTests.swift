import Fluent
import Foundation
import Testing
import VaporTesting
@testable import JunhengWeb

extension WebTests {
    /// Every page and API read, for every role: the status each one must get (200, 403 or 404; anonymous → login/401).
    @Suite struct AccessMatrixTests {
        enum Who: String, CaseIterable { case county = "demo-county", other = "demo-other-county", province = "demo-province", school = "demo-school", admin = "demo-admin", anonymous = "-" }

        /// A route and, per role, the expected status (303 for anonymous pages means "sent to login").
        struct Row { var path: String; var expected: [Who: HTTPStatus] }

        static func pageRows(ownSchool: String, otherSchool: String) -> [Row] {
            let c1 = Demo.county1, c2 = Demo.county2, far = OtherProvince.countyCode
            func row(_ path: String, _ county: HTTPStatus, _ other: HTTPStatus, _ province: HTTPStatus, _ school: HTTPStatus, _ admin: HTTPStatus) -> Row {
                Row(path: path, expected: [.county: county, .other: other, .province: province, .school: school, .admin: admin, .anonymous: .seeOther])
            }
            return [
                row("/counties", .ok, .ok, .ok, .ok, .ok),
                row("/counties/\(c1)/years/2025", .ok, .notFound, .ok, .forbidden, .ok),
                row("/counties/\(c2)/years/2024", .notFound, .ok, .ok, .notFound, .ok),
                row("/counties/\(far)/years/2025", .notFound, .notFound, .notFound, .notFound, .ok),
                row("/counties/\(c1)/years/2025/report", .ok, .notFound, .ok, .forbidden, .ok),
                row("/counties/\(c1)/years/2025/report.xlsx", .ok, .notFound, .ok, .forbidden, .ok),
                row("/counties/\(c1)/years/2025/matrix.csv", .ok, .notFound, .ok, .forbidden, .ok),
                row("/counties/\(c1)/snapshots", .ok, .notFound, .ok, .forbidden, .ok),
                row("/counties/\(c1)/upload", .ok, .notFound, .forbidden, .forbidden, .forbidden),
                row("/schools/\(ownSchool)", .ok, .notFound, .ok, .ok, .ok),
                row("/schools/\(otherSchool)", .notFound, .ok, .ok, .notFound, .ok),
                row("/admin", .forbidden, .forbidden, .forbidden, .forbidden, .ok),
                row("/admin/audit", .forbidden, .forbidden, .forbidden, .forbidden, .ok),
            ]
        }

        static func apiRows() -> [Row] {
            let c1 = Demo.county1, far = OtherProvince.countyCode
            func row(_ path: String, _ county: HTTPStatus, _ other: HTTPStatus, _ province: HTTPStatus, _ school: HTTPStatus, _ admin: HTTPStatus) -> Row {
                Row(path: path, expected: [.county: county, .other: other, .province: province, .school: school, .admin: admin, .anonymous: .unauthorized])
            }
            return [
                row("/api/v1/counties", .ok, .ok, .ok, .ok, .ok),
                row("/api/v1/counties/\(c1)/snapshots", .ok, .notFound, .ok, .forbidden, .ok),
                row("/api/v1/counties/\(c1)/years/2025/evaluation", .ok, .notFound, .ok, .forbidden, .ok),
                row("/api/v1/counties/\(far)/years/2025/evaluation", .notFound, .notFound, .notFound, .notFound, .ok),
            ]
        }

        @Test func everyPageForEveryRole() async throws {
            try await withTestApp { app in
                let principal = try await User.query(on: app.db).filter(\.$username == "demo-school").with(\.$school).first()!
                let other = try await School.query(on: app.db).with(\.$county).all().first { $0.county.code == Demo.county2 }!
                let rows = Self.pageRows(ownSchool: principal.school!.code, otherSchool: other.code)
                for who in Who.allCases {
                    var b = TestBrowser(app)
                    if who != .anonymous { #expect(try await b.login(who.rawValue).status == .seeOther) }
                    for row in rows {
                        let status = try await b.get(row.path).status
                        #expect(status == row.expected[who], "\(who.rawValue) GET \(row.path): \(status.code)")
                    }
                }
                // Every refusal to a logged-in user was audited under their name.
                let refusals = rows.reduce(0) { n, r in n + Who.allCases.filter { $0 != .anonymous && (r.expected[$0] == .notFound || r.expected[$0] == .forbidden) }.count }
                #expect(try await auditEntries(app, action: "denied").count == refusals)
            }
        }

        @Test func everyAPIReadForEveryRole() async throws {
            try await withTestApp { app in
                for who in Who.allCases {
                    let token = who == .anonymous ? nil : try await APIClient.token(app, who.rawValue)
                    for row in Self.apiRows() {
                        let status = try await APIClient.get(app, row.path, token: token).status
                        #expect(status == row.expected[who], "\(who.rawValue) GET \(row.path): \(status.code)")
                    }
                }
            }
        }
    }
}
