import Fluent
import Foundation
import Funding
import Vapor

/// The demo's funding data: the finance office `demo-finance` of the first county, 2024 and 2025 published (so the
/// public portal is populated) and 2026 a draft with the two planted rule failures (so nothing unpublished may leak).
enum FundingDemoSeed {
    static let username = "demo-finance"
    static let years = [2024, 2025, 2026]
    static let published = [2024, 2025]

    static func seed(_ app: Application) async throws {
        guard let county = try await Region.query(on: app.db).filter(\.$code == DemoCounty1.code).first(),
              let schools = try await FundingStore.schools(of: county, on: app.db) else { return }
        let hash = try await app.password.async.hash(DemoSeeder.password)
        let data = FundingDemo.dataset(countyCode: county.code, countyName: county.name, schools: schools, years: years)
        let schoolsJSON = try JSONEncoder().encode(schools)
        try await app.db.transaction { db in
            try await User(username: username, displayName: "周财务", passwordHash: hash, role: .finance, regionID: county.id, schoolID: nil, demo: true).create(on: db)
            for y in years {
                let r = FundingYearRecord(countyID: try county.requireID(), fiscalYear: y, schools: schoolsJSON, fileName: "demo-budget-\(y).csv",
                                          fileHash: "demo", importedBy: username, importedAt: Date())
                if published.contains(y) { (r.publishedBy, r.publishedAt) = (username, Date()) }
                try await r.create(on: db)
                try await FundingStore.insert(lines: data.lines.filter { $0.fiscalYear == y }, projects: data.projects.filter { $0.fiscalYear == y },
                                              yearID: r.requireID(), on: db)
            }
        }
        for y in published {
            try await app.auditLog.append(on: app.db, actor: username, action: "funding-publish", target: "county:\(county.code)/funding/\(y)",
                                          detail: "demo seed: published on the public portal")
        }
    }
}

import JunhengDemo

/// The first demo county's code.
enum DemoCounty1 { static var code: String { DemoCounty.regionCode(county: 1) } }
