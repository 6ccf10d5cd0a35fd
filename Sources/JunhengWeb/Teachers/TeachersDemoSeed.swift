import EquityKit
import Fluent
import Foundation
import JunhengDemo
import JunhengSheets
import Teachers
import Vapor

/// Seeds the first demo county's personnel office (`demo-personnel`) and its teacher register: generated from the
/// county's newest statistics by `TeacherDemo`, with its three planted differences, through the same importer.
enum TeachersDemoSeed {
    static let username = "demo-personnel"

    static func seed(_ app: Application) async throws {
        let db = app.db
        guard let county = try await Region.query(on: db).filter(\.$code == DemoCounty1.code).first(), let countyID = county.id,
              try await User.query(on: db).filter(\.$username == username).first() == nil,
              let stats = try await TeachersStore.statistics(countyID: countyID, on: db) else { return }
        let hash = try await app.password.async.hash(DemoSeeder.password)
        try await User(username: username, displayName: "吴人事", passwordHash: hash, role: .personnel, regionID: countyID, schoolID: nil, demo: true).create(on: db)
        let files = demoFiles(records: stats.records)
        guard case .success(let (register, points)) = TeachersStore.validate(register: files.register, points: files.coordinates, key: TeachersStore.key(app)) else { return }
        try await TeachersStore.replace(register, points: points, fileName: files.register.name, countyID: countyID, by: username, on: db)
        try await app.auditLog.append(on: db, actor: "-", action: "demo-seed", target: "county:\(county.code)/teachers",
                                      detail: "\(register.teachers.count) teachers, \(files.planted.count) planted differences, demo-personnel")
    }

    /// The demo register (CSV, raw ID numbers as a bureau's file holds them), the school coordinates, and the planted
    /// differences, for the county's statistics `records` (as `junheng teachers demo-data` writes them).
    static func demoFiles(records: [StatisticsRecord]) -> (register: (name: String, bytes: Data), coordinates: (name: String, bytes: Data), planted: [String]) {
        let demo = TeacherDemo.register(for: records, year: 2026, seed: 2017, planted: 3)
        var csv = CSVWriter()
        csv.append(demo.header)
        for r in demo.rows { csv.append(r) }
        var points = CSVWriter()
        points.append(["school_code", "lon", "lat"])
        for c in demo.coordinates { points.append([c.code, String(c.lon), String(c.lat)]) }
        return ((name: "教师名册.csv", bytes: Data(csv.text.utf8)), (name: "学校坐标.csv", bytes: Data(points.text.utf8)), demo.planted)
    }
}
