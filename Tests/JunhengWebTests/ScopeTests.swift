import Fluent
import Foundation
import Testing
import VaporTesting
@testable import JunhengWeb

extension WebTests {
    /// Every role against its own scope and against others', including ids guessed in URLs.
    @Suite struct ScopeTests {
        @Test func countyStatisticianSeesOnlyTheirCounty() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                try await b.login("demo-county")
                let home = try await b.get("/")
                #expect(home.headers.first(name: .location) == "/counties/\(Demo.county1)")
                let list = try await b.get("/counties")
                #expect(list.body.string.contains("/counties/\(Demo.county1)\""))
                #expect(!list.body.string.contains("/counties/\(Demo.county2)\""))
                #expect(try await b.get("/counties/\(Demo.county1)/years/2025").status == .ok)
                #expect(try await b.get("/counties/\(Demo.county1)/upload").status == .ok)
                for path in ["/counties/\(Demo.county2)/years/2025", "/counties/\(Demo.county2)/upload",
                             "/counties/\(OtherProvince.countyCode)/years/2025", "/counties/\(Demo.county2)/snapshots",
                             "/counties/\(Demo.county2)/years/2025/report", "/counties/\(Demo.county2)/years/2025/report.xlsx",
                             "/counties/999999/years/2025"] {
                    #expect(try await b.get(path).status == .notFound, "\(path)")
                }
                #expect(try await b.get("/admin").status == .forbidden)
                let denied = try await auditEntries(app, action: "denied")
                #expect(denied.count == 8)
                #expect(denied.allSatisfy { $0.actor == "demo-county" })
                #expect(denied.contains { $0.target == "county:\(Demo.county2)" && $0.detail.contains("→ 404") })
            }
        }

        @Test func otherCountyStatisticianIsTheMirrorImage() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                try await b.login("demo-other-county")
                #expect(try await b.get("/counties/\(Demo.county2)/years/2025").status == .ok)
                #expect(try await b.get("/counties/\(Demo.county1)/years/2025").status == .notFound)
            }
        }

        @Test func provinceInspectorReadsEveryCountyOfTheProvinceButUploadsNothing() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                try await b.login("demo-province")
                let list = try await b.get("/counties").body.string
                for code in [Demo.county1, Demo.county2, Demo.county3] {
                    #expect(list.contains("/counties/\(code)\""))
                    #expect(try await b.get("/counties/\(code)/years/2025").status == .ok)
                }
                #expect(!list.contains(OtherProvince.countyCode))
                #expect(try await b.get("/counties/\(OtherProvince.countyCode)/years/2025").status == .notFound)
                #expect(try await b.get("/counties/\(Demo.county1)/upload").status == .forbidden)
                let post = try await b.upload("/counties/\(Demo.county1)/upload", fields: ["year": "2025"], file: Array("x".utf8), fileName: "a.csv")
                #expect(post.status == .forbidden)
                #expect(try await auditEntries(app, action: "denied").count == 3)
            }
        }

        @Test func principalSeesOnlyTheirSchool() async throws {
            try await withTestApp { app in
                let schools = try await School.query(on: app.db).with(\.$county).all()
                let principal = try await User.query(on: app.db).filter(\.$username == "demo-school").with(\.$school).first()!
                let own = principal.school!
                let sameCountyOther = schools.first { $0.county.code == Demo.county1 && $0.code != own.code }!
                let otherCounty = schools.first { $0.county.code == Demo.county2 }!
                var b = TestBrowser(app)
                try await b.login("demo-school")
                #expect(try await b.get("/").headers.first(name: .location) == "/schools/\(own.code)")
                let page = try await b.get("/schools/\(own.code)")
                #expect(page.status == .ok)
                #expect(page.body.string.contains(own.name))
                #expect(try await b.get("/schools/\(sameCountyOther.code)").status == .notFound)
                #expect(try await b.get("/schools/\(otherCounty.code)").status == .notFound)
                // Their county is known to them, so its dashboard is forbidden rather than hidden.
                #expect(try await b.get("/counties/\(Demo.county1)/years/2025").status == .forbidden)
                #expect(try await b.get("/counties/\(Demo.county2)/years/2025").status == .notFound)
            }
        }

        @Test func administratorManagesUsersAndSeesEverything() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                try await b.login("demo-admin")
                #expect(try await b.get("/admin").status == .ok)
                #expect(try await b.get("/counties/\(OtherProvince.countyCode)/years/2025").status == .ok)
                #expect(try await b.get("/counties/\(Demo.county1)/upload").status == .forbidden)
                let create = try await b.post("/admin/users", form: ["username": "new-inspector", "display_name": "钱督学",
                                                                    "password": "a-long-password", "role": "inspector", "scope": "3301"])
                #expect(create.status == .seeOther)
                var n = TestBrowser(app)
                try await n.login("new-inspector", password: "a-long-password")
                #expect(try await n.get("/counties/\(Demo.county3)/years/2025").status == .ok)
                #expect(try await n.get("/counties/\(OtherProvince.countyCode)/years/2025").status == .notFound)
                // A statistician must be bound to a county, not a city.
                let bad = try await b.post("/admin/users", form: ["username": "bad-stat", "display_name": "x",
                                                                 "password": "a-long-password", "role": "statistician", "scope": "3301"])
                #expect(bad.status == .unprocessableEntity)
                #expect(try await User.query(on: app.db).filter(\.$username == "bad-stat").count() == 0)
                // Moving the inspector to the other province changes what they see on their next request.
                let user = try await User.query(on: app.db).filter(\.$username == "new-inspector").first()!
                #expect(try await b.post("/admin/users/\(user.id!)/role", form: ["role": "inspector", "scope": OtherProvince.provinceCode]).status == .seeOther)
                #expect(try await n.get("/counties/\(Demo.county3)/years/2025").status == .notFound)
                #expect(try await auditEntries(app, action: "user-role").count == 1)
                let region = try await b.post("/admin/regions", form: ["code": "330199", "name": "新区", "level": "county", "parent": "3301"])
                #expect(region.status == .seeOther)
                #expect(try await Region.query(on: app.db).filter(\.$code == "330199").first()?.path == "/33/3301/330199/")
            }
        }

        @Test func nonAdministratorsCannotManage() async throws {
            try await withTestApp { app in
                for name in ["demo-county", "demo-province", "demo-school"] {
                    var b = TestBrowser(app)
                    try await b.login(name)
                    #expect(try await b.get("/admin").status == .forbidden)
                    #expect(try await b.get("/admin/audit").status == .forbidden)
                    let res = try await b.post("/admin/users", form: ["username": "sneaky", "display_name": "x", "password": "a-long-password", "role": "admin"])
                    #expect(res.status == .forbidden)
                }
                #expect(try await User.query(on: app.db).filter(\.$username == "sneaky").count() == 0)
            }
        }

        @Test func uploaderNamesAreMaskedForInspectors() async throws {
            try await withTestApp { app in
                var inspector = TestBrowser(app)
                try await inspector.login("demo-province")
                let page = try await inspector.get("/counties/\(Demo.county1)/snapshots").body.string
                #expect(page.contains("管**"))
                #expect(!page.contains("管理员"))
                var admin = TestBrowser(app)
                try await admin.login("demo-admin")
                #expect(try await admin.get("/counties/\(Demo.county1)/snapshots").body.string.contains("管理员"))
            }
        }

        @Test func maskingKeepsOnlyWhatIsNeeded() {
            #expect(Masking.name("张三丰") == "张**")
            #expect(Masking.name("王") == "王*")
            #expect(Masking.idNumber("330102199001011234") == "330***********1234")
        }

        /// Records found by `:id` (survey, seats plan, rotation plan, credit activity) go through one lookup: a malformed
        /// or unknown id is an audited 404 naming the record's kind, and another county's record is refused as its
        /// county is (404 outside the user's scope), with the record's kind and id in the audit target.
        @Test func countyOwnedRecordsByIdAreScopedAndAudited() async throws {
            try await withTestApp { app in
                var b = TestBrowser(app)
                try await b.login("demo-county")
                let unknown = UUID().uuidString
                let cases: [(path: String, kind: String)] = [("/seats-plans/", "seats-plan"), ("/teacher-rotations/", "teacher-rotation"),
                                                             ("/credits/activities/", "credit-activity")]
                for (path, _) in cases {
                    #expect(try await b.get(path + "not-a-uuid").status == .notFound, "\(path)")
                    #expect(try await b.get(path + unknown).status == .notFound, "\(path)")
                }
                let denied = try await auditEntries(app, action: "denied")
                for (path, kind) in cases {
                    #expect(denied.contains { $0.target == "\(kind):not-a-uuid" }, "\(path)")
                    #expect(denied.contains { $0.target == "\(kind):\(unknown)" }, "\(path)")
                }
                // A survey of county 1 asked for by county 2's statistician: refused without saying it exists elsewhere.
                let token = try await APIClient.token(app, "demo-county")
                let body = #"{"name":"scope","opens_at":"2030-01-01T00:00:00Z","closes_at":"2030-02-01T00:00:00Z"}"#
                let created = try await APIClient.post(app, "/api/v1/counties/\(Demo.county1)/surveys", token: token, body: Array(body.utf8), contentType: "application/json")
                let id = try #require((try APIClient.json(created) as? [String: Any])?["id"] as? String)
                #expect(try await APIClient.get(app, "/api/v1/surveys/\(id)", token: token).status == .ok)
                let other = try await APIClient.token(app, "demo-other-county")
                #expect(try await APIClient.get(app, "/api/v1/surveys/\(id)", token: other).status == .notFound)
                #expect(try await APIClient.get(app, "/api/v1/surveys/zzz", token: other).status == .notFound)
                let later = try await auditEntries(app, action: "denied")
                #expect(later.contains { $0.target == "survey:\(id)" && $0.actor == "demo-other-county" && $0.detail.contains("→ 404") })
                #expect(later.contains { $0.target == "survey:zzz" && $0.actor == "demo-other-county" })
            }
        }

    }
}
