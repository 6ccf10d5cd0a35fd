import EquityKit
import Fluent
import Foundation
import JunhengDemo
import JunhengImport
import Vapor

/// Seeds the demo province: three counties of generated statistics (two school years each) and the demo accounts.
public enum DemoSeeder {
    public static let password = "junheng-demo"
    public static let provinceCode = "33"
    public static let cityCode = "3301"
    public static let years = [2024, 2025]

    /// One demo account, as printed at start-up.
    public struct Account: Sendable { public var username: String; public var roleZH: String; public var scope: String }

    /// Creates the demo data unless it is already there; returns the demo accounts.
    @discardableResult
    public static func seed(_ app: Application, schoolsPerCounty: Int = 40) async throws -> [Account] {
        let db = app.db
        if try await Region.query(on: db).filter(\.$code == provinceCode).first() == nil {
            try await create(app, schoolsPerCounty: schoolsPerCounty)
            try await ClassroomDemoSeed.seed(app)
            try await SurveyDemoSeed.seed(app)
            try await AssessmentDemoSeed.seed(app, schools: schoolsPerCounty)
            try await SeatsDemoSeed.seed(app)
            try await CreditDemoSeed.seed(app)
            try await FundingDemoSeed.seed(app)
            try await TeachersDemoSeed.seed(app)
        }
        return try await accounts(on: db)
    }

    /// The statistics of demo county `n` (1…3) in `year`: the same schools each year, with the earlier year poorer.
    public static func records(county n: Int, year: Int, schools: Int) -> [StatisticsRecord] {
        var records = DemoCounty.records(county: n, schools: schools, seed: 2025)
        let yearsBefore = Double(years.last! - year)
        guard yearsBefore > 0 else { return records }
        for i in records.indices {
            // Schools improved by different amounts (2–10% a year), so the CVs change from year to year too.
            let factor = 1 - yearsBefore * (0.02 + 0.02 * Double(i % 5))
            for q in [Quantity.teachingAuxArea, .sportsArea, .equipmentValue] {
                if let v = records[i].quantities[q] { records[i].quantities[q] = (v * factor).rounded() }
            }
        }
        return records
    }

    private static func create(_ app: Application, schoolsPerCounty: Int) async throws {
        let hash = try await app.password.async.hash(password)
        try await app.db.transaction { db in
            let province = Region(code: provinceCode, name: "演示省", level: .province, parent: nil)
            try await province.create(on: db)
            let city = Region(code: cityCode, name: "演示市", level: .city, parent: province)
            try await city.create(on: db)
            let admin = User(username: "demo-admin", displayName: "管理员", passwordHash: hash, role: .admin, regionID: nil, schoolID: nil, demo: true)
            try await admin.create(on: db)
            var counties: [Region] = []
            for n in 1...3 {
                let county = Region(code: DemoCounty.regionCode(county: n), name: DemoCounty.name(county: n), level: .county, parent: city)
                try await county.create(on: db)
                counties.append(county)
                for year in years {
                    let bytes = Array(TemplateWriter.csv(records(county: n, year: year, schools: schoolsPerCounty)).utf8)
                    let imported = try StatisticsImporter.importData(bytes)  // the demo goes through the same validation
                    _ = try await SnapshotStore.insert(bytes, records: imported.records, fileName: "demo-\(county.code)-\(year).csv",
                                                       countyID: county.requireID(), year: year, by: admin.requireID(), on: db)
                }
            }
            // The demo principal runs the first county's school with the smallest code.
            let firstSchool = try await School.query(on: db).filter(\.$county.$id == counties[0].requireID()).sort(\.$code).first()
            let users = [
                User(username: "demo-county", displayName: "王统计", passwordHash: hash, role: .statistician, regionID: counties[0].id, schoolID: nil, demo: true),
                User(username: "demo-other-county", displayName: "李统计", passwordHash: hash, role: .statistician, regionID: counties[1].id, schoolID: nil, demo: true),
                User(username: "demo-province", displayName: "赵督学", passwordHash: hash, role: .inspector, regionID: province.id, schoolID: nil, demo: true),
                User(username: "demo-city", displayName: "孙复核", passwordHash: hash, role: .inspector, regionID: city.id, schoolID: nil, demo: true),
                User(username: "demo-school", displayName: "陈校长", passwordHash: hash, role: .principal, regionID: nil, schoolID: firstSchool?.id, demo: true),
            ]
            for u in users { try await u.create(on: db) }
        }
        try await app.auditLog.append(on: app.db, actor: "-", action: "demo-seed", target: "region:\(provinceCode)",
                                      detail: "3 counties × \(years.count) years, \(schoolsPerCounty) schools each, 6 demo accounts")
    }

    private static func accounts(on db: any Database) async throws -> [Account] {
        let names = ["demo-county", "demo-other-county", "demo-city", "demo-province", "demo-school", "demo-teacher", "demo-planner", "demo-centre", "demo-credit", "demo-learner", "demo-finance", "demo-personnel", "demo-admin"]
        let users = try await User.query(on: db).filter(\.$username ~~ names).with(\.$region).with(\.$school).all()
        return names.compactMap { name in
            users.first { $0.username == name }.map { u in
                Account(username: u.username, roleZH: u.role.zh,
                        scope: u.region.map { "\($0.name) \($0.code)" } ?? u.school.map { "\($0.name) \($0.code)" } ?? "全部 / all")
            }
        }
    }
}
