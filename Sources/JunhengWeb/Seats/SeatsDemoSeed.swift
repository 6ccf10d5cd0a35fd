import Fluent
import Foundation
import JunhengDemo
import JunhengImport
import Seats
import Vapor

/// Seeds the first demo county's planning office (`demo-planner`) and a seats dataset: generated units, births and
/// housing with a new estate (新城花园, its school red within two years) and a shrinking village (落霞村).
enum SeatsDemoSeed {
    static func seed(_ app: Application) async throws {
        let db = app.db
        guard let county = try await Region.query(on: db).filter(\.$code == DemoCounty.regionCode(county: 1)).first(),
              try await SeatsDataset.query(on: db).filter(\.$county.$id == county.requireID()).count() == 0 else { return }
        let hash = try await app.password.async.hash(DemoSeeder.password)
        let planner = User(username: "demo-planner", displayName: "周规划", passwordHash: hash, role: .planner, regionID: county.id,
                           schoolID: nil, demo: true)
        try await planner.create(on: db)
        let files = demoFiles()
        guard case .success(let parsed) = SeatsStore.validate(files) else { return }  // the demo goes through the same validation
        let countyID = try county.requireID(), plannerID = try planner.requireID()
        _ = try await db.transaction { tx in try await SeatsStore.insert(parsed, files: files, countyID: countyID, by: plannerID, on: tx) }
        try await app.auditLog.append(on: db, actor: "-", action: "demo-seed", target: "county:\(county.code)/seats",
                                      detail: "\(parsed.units.count) units, \(parsed.schools.count) school sections, demo-planner")
    }

    /// The demo county's input files as CSV, as `seats demo-data` writes them.
    static func demoFiles(units: Int = 120, schools: Int = 12) -> [SeatsFile: SeatsStore.StoredFile] {
        var out: [SeatsFile: SeatsStore.StoredFile] = [:]
        for (file, rows) in SeatsWriter.tables(SeatsDemo.county(units: units, schools: schools)) {
            out[file] = .init(name: "\(file.rawValue).csv", bytes: Data(ClassroomWriter.csv(rows).utf8))
        }
        return out
    }
}
