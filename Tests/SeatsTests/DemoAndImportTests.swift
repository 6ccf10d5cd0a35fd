import Foundation
import JunhengDemo
import JunhengImport
import JunhengSheets
import Testing
@testable import Seats

@Suite("Demo county and the seats folder import")
struct DemoAndImportTests {
    let settings = try! SeatsPresets.load()

    func write(_ county: SeatsCounty) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("seats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (file, rows) in SeatsWriter.tables(county) {
            try ClassroomWriter.csv(rows).write(to: dir.appendingPathComponent(file.rawValue + ".csv"), atomically: true, encoding: .utf8)
        }
        return dir
    }

    @Test("the new estate turns P001 red in two years; the shrinking village's school holds spare seats; plans pass the check")
    func demoStory() throws {
        let county = SeatsDemo.county()
        let f = SeatsForecaster.forecast(county, years: 6, coefficients: settings.coefficients)
        let w = SeatWarnings.table(f, county: county)
        let p001 = w.filter { $0.school == "P001" }
        #expect(p001.first?.band(settings.bands) != .red)
        #expect(p001.first { $0.year == county.asOfYear + 2 }?.band(settings.bands) == .red)
        // The village's births fall 20% a year: its grade-1 cohort in six years is under half of today's.
        let v = SeatsDemo.villageUnit
        #expect(f.pupils(unit: v, section: .primary, year: county.asOfYear + 5, grade: 1) < 0.5 * f.pupils(unit: v, section: .primary, year: county.asOfYear, grade: 1))
        let problem = CatchmentProblem(county: county, forecast: f, year: county.asOfYear + 2, rules: settings.plan)
        let plans = CatchmentPlanner.plans(problem, count: 3, timeLimit: 60)
        #expect(plans.count == 3)
        for plan in plans {
            #expect(plan.status == .optimal)
            #expect(CatchmentCheck.violations(problem, assignment: plan.assignment).isEmpty)
            // The estate's school is within its seats in every plan.
            #expect((plan.metrics?.fill["P001"] ?? 2) <= 1 + 1e-9)
        }
    }

    @Test("the folder written by the demo reads back to the same county")
    func roundTrip() throws {
        let county = SeatsDemo.county(units: 30, schools: 4)
        let dir = try write(county)
        let back = try SeatsImporter.importDirectory(atPath: dir.path, asOfYear: county.asOfYear)
        #expect(back.units.map(\.code) == county.units.map(\.code))
        #expect(back.units.map(\.school) == county.units.map(\.school))
        #expect(back.children == county.children && back.housing == county.housing && back.enrolment == county.enrolment)
        #expect(back.schools.map(\.approvedClasses) == county.schools.map(\.approvedClasses))
        #expect(back.adjacency == nil && back.travel == nil)
    }

    @Test("bad rows are located by file, row and column, and nothing is imported")
    func located() throws {
        let dir = try write(SeatsDemo.county(units: 10, schools: 2))
        let units = """
        unit_code,name,lon,lat,primary_school,junior_school,geometry
        A,甲,200,30,P001,,
        B,乙,120,30,NOPE,,
        C,丙,120,30,,,"{""type"":""Polygon"",""coordinates"":[[[1,1],[2,2]]]}"
        A,丁,120,30,,,
        """
        try units.write(to: dir.appendingPathComponent("units.csv"), atomically: true, encoding: .utf8)
        try "school_code,section,lon,lat,approved_classes,class_limit\nP001,小学,120,30,-1,45\nP001,初中,120,30,1,45\n"
            .write(to: dir.appendingPathComponent("schools.csv"), atomically: true, encoding: .utf8)
        #expect(throws: ImportError.self) { try SeatsImporter.importDirectory(atPath: dir.path) }
        do { _ = try SeatsImporter.importDirectory(atPath: dir.path) } catch {
            guard case .invalid(let issues) = error else { Issue.record("expected invalid"); return }
            let places = Set(issues.map { "\($0.file) \($0.row) \($0.column)" })
            #expect(places.isSuperset(of: ["units.csv 2 lon", "units.csv 3 primary_school", "units.csv 4 geometry", "units.csv 5 unit_code",
                                           "schools.csv 2 approved_classes", "schools.csv 3 school_code"]))
        }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("children.csv"))
        #expect(throws: ImportError.unreadable(path: dir.appendingPathComponent("children.csv").path,
                                               reason: "缺少 children.csv 或 .xlsx / missing children.csv or .xlsx")) {
            try SeatsImporter.importDirectory(atPath: dir.path)
        }
    }

    @Test("uploaded bytes import like the folder; problems are located in the uploaded file's name; a missing file is reported")
    func uploadedFiles() throws {
        let county = SeatsDemo.county(units: 12, schools: 3)
        var files: [SeatsFile: (name: String, data: Data)] = [:]
        for (file, rows) in SeatsWriter.tables(county) { files[file] = ("上传-\(file.rawValue).csv", Data(ClassroomWriter.csv(rows).utf8)) }
        let back = try SeatsImporter.importFiles(files, asOfYear: county.asOfYear)
        #expect(back.units.map(\.code) == county.units.map(\.code))
        #expect(back.children == county.children && back.housing == county.housing && back.enrolment == county.enrolment)
        // Row 3 of the children file names a unit that does not exist.
        files[.children] = ("上传-children.csv", Data("unit_code,birth_year,count\nU0001,2020,4\nNOPE,2020,3\n".utf8))
        files[.housing] = nil
        do {
            _ = try SeatsImporter.importFiles(files, asOfYear: county.asOfYear)
            Issue.record("expected the import to fail")
        } catch {
            guard case .invalid(let issues) = error else { Issue.record("expected invalid"); return }
            let places = Set(issues.map { "\($0.file) \($0.row)" })
            #expect(places.contains("上传-children.csv 3"))
            #expect(issues.contains { $0.file == "上传-children.csv" && $0.row == 3 && $0.value == "NOPE" })
            #expect(places.contains("housing.csv 1"))
        }
    }

    @Test("a listed adjacency replaces the Delaunay graph; shared polygon edges make neighbours")
    func neighbourSources() {
        var county = TinyCounty.county()
        #expect(UnitNeighbours(county: county).source == .delaunay)
        #expect(UnitNeighbours(county: county).of["A"] == ["B"])
        county.units[0].rings = [[GeoPoint(lon: 0, lat: 0), GeoPoint(lon: 1, lat: 0), GeoPoint(lon: 1, lat: 1), GeoPoint(lon: 0, lat: 0)]]
        county.units[1].rings = [[GeoPoint(lon: 1, lat: 0), GeoPoint(lon: 2, lat: 0), GeoPoint(lon: 1, lat: 1), GeoPoint(lon: 1, lat: 0)]]
        #expect(UnitNeighbours(county: county).source == .geometry && UnitNeighbours(county: county).of["A"] == ["B"])
        county.units[1].rings = [[GeoPoint(lon: 1, lat: 0), GeoPoint(lon: 2, lat: 0), GeoPoint(lon: 2, lat: 1), GeoPoint(lon: 1, lat: 0)]]
        #expect(UnitNeighbours(county: county).of["A"] == [])
        county.adjacency = []
        #expect(UnitNeighbours(county: county).source == .adjacency && UnitNeighbours(county: county).of["A"] == [])
    }
}
