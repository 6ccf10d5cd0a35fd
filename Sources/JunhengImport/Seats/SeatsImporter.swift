import Foundation
import JunhengSheets
import Seats

/// Reads a seats input folder (units, children, housing, schools; optional adjacency, travel, enrolment) as CSV or
/// XLSX, all or nothing: every problem is listed with file, row and column, at most `ReadLimits.issues` of them.
public enum SeatsImporter {
    /// Bounds on the county's size, so a hostile folder cannot make the planner allocate without limit.
    public static let maximumUnits = 20_000, maximumSchools = 2_000, maximumVertices = 20_000
    /// Units × schools: the distance table and the model's candidate pairs.
    public static let maximumPairs = 4_000_000

    /// `asOfYear`: the year of the children records' as-of date (nil: the last birth year on record + 1).
    public static func importDirectory(atPath path: String, asOfYear: Int? = nil,
                                       limits: ReadLimits = .default) throws(ImportError) -> SeatsCounty {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .unreadable(path: path, reason: "不是文件夹 / not a directory")
        }
        let dir = URL(fileURLWithPath: path)
        var issues: [ImportIssue] = []
        var tables: [SeatsFile: ClassroomTable] = [:]
        for kind in SeatsFile.allCases {
            let exists = ["csv", "xlsx"].contains { FileManager.default.fileExists(atPath: dir.appendingPathComponent(kind.rawValue + "." + $0).path) }
            guard kind.required || exists else { continue }
            tables[kind] = try ClassroomTable.read(name: kind.rawValue, columns: kind.columns, in: dir, limits: limits, issues: &issues)
        }
        return try validate(tables, issues: issues, asOfYear: asOfYear, limits: limits)
    }

    /// The same checks on uploaded bytes (CSV or XLSX by content; `name` is the file name used in error locations).
    /// A required file that is absent is read as empty, so its missing header is reported like any other problem.
    public static func importFiles(_ files: [SeatsFile: (name: String, data: Data)], asOfYear: Int? = nil,
                                   limits: ReadLimits = .default) throws(ImportError) -> SeatsCounty {
        var issues: [ImportIssue] = []
        var tables: [SeatsFile: ClassroomTable] = [:]
        for kind in SeatsFile.allCases {
            let file = files[kind]
            guard kind.required || file != nil else { continue }
            tables[kind] = ClassroomTable.parse(columns: kind.columns, data: file?.data ?? Data(),
                                                file: file?.name ?? kind.rawValue + ".csv", limits: limits, issues: &issues)
        }
        return try validate(tables, issues: issues, asOfYear: asOfYear, limits: limits)
    }

    static func validate(_ tables: [SeatsFile: ClassroomTable], issues: [ImportIssue], asOfYear: Int?,
                         limits: ReadLimits) throws(ImportError) -> SeatsCounty {
        var v = SeatsValidation()
        v.read(tables, asOfYear: asOfYear)
        let all = issues + v.issues
        guard all.isEmpty, let county = v.county else { throw .invalid(ImportIssue.capped(all, limit: limits.issues)) }
        return county
    }
}

/// Row checks of the seats files.
struct SeatsValidation {
    var issues: [ImportIssue] = []
    var county: SeatsCounty?
    var knownUnits = Set<String>(), knownSchools = Set<String>()

    mutating func unit(_ r: Row, _ k: Int) -> String? {
        guard let c = code(r, k) else { return nil }
        guard knownUnits.contains(c) else { fail(r, k, zh: "units 文件中的单元代码", en: "a unit code of the units file"); return nil }
        return c
    }

    mutating func school(_ r: Row, _ k: Int) -> String? {
        guard let c = code(r, k) else { return nil }
        guard knownSchools.contains(c) else { fail(r, k, zh: "schools 文件中的学校标识码", en: "a school code of the schools file"); return nil }
        return c
    }

    struct Row {
        var table: ClassroomTable
        var kind: SeatsFile
        var number: Int
        var cells: [String]
        func text(_ k: Int) -> String { table.cell(cells, k) }
    }

    mutating func fail(_ r: Row, _ k: Int, zh: String, en: String) {
        issues.append(ImportIssue(row: r.number, column: r.kind.columns[k].en, value: String(r.text(k).prefix(80)),
                                  expectedZH: zh, expectedEN: en, file: r.table.file))
    }

    mutating func int(_ r: Row, _ k: Int) -> Int? {
        guard case .integer(let range) = r.kind.columns[k].format else { return nil }
        guard let n = Int(r.text(k)), range.contains(n) else {
            fail(r, k, zh: "\(range.lowerBound)–\(range.upperBound) 之间的整数", en: "a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return n
    }

    mutating func degrees(_ r: Row, _ k: Int, limit: Double) -> Double? {
        guard let x = Double(r.text(k)), x.isFinite, abs(x) <= limit else {
            fail(r, k, zh: "−\(Int(limit))…\(Int(limit)) 之间的度数", en: "degrees from −\(Int(limit)) to \(Int(limit))")
            return nil
        }
        return x
    }

    /// A code cell: required, or blank allowed when the column is optional.
    mutating func code(_ r: Row, _ k: Int) -> String? {
        let t = r.text(k)
        if t.isEmpty && !r.kind.columns[k].required { return nil }
        guard CodeRule.isValid(t) else { fail(r, k, zh: CodeRule.descriptionZH, en: CodeRule.descriptionEN); return nil }
        return t
    }

    func rows(_ t: ClassroomTable?, _ kind: SeatsFile) -> [Row] {
        guard let t else { return [] }
        return t.rows.map { Row(table: t, kind: kind, number: $0.number, cells: $0.cells) }
    }

    mutating func read(_ tables: [SeatsFile: ClassroomTable], asOfYear: Int?) {
        // Schools first: units name their schools of record.
        var schools: [SeatSchool] = [], schoolBy: [String: SeatSchool] = [:], seenSchools = Set<String>()
        for r in rows(tables[.schools], .schools) {
            let code = code(r, 0)
            let section = SeatSection(name: r.text(1))
            if section == nil { fail(r, 1, zh: "小学 或 初中", en: "primary or junior (小学/初中)") }
            let lon = degrees(r, 2, limit: 180), lat = degrees(r, 3, limit: 90), classes = int(r, 4), limit = int(r, 5)
            if let code, !seenSchools.insert(code).inserted { fail(r, 0, zh: "不重复的学校标识码", en: "a school code not used before"); continue }
            guard let code, let section, let lon, let lat, let classes, let limit else { continue }
            if schools.count >= SeatsImporter.maximumSchools {
                fail(r, 0, zh: "不超过 \(SeatsImporter.maximumSchools) 所学校", en: "at most \(SeatsImporter.maximumSchools) schools"); break
            }
            let s = SeatSchool(code: code, section: section, point: GeoPoint(lon: lon, lat: lat), approvedClasses: classes, classLimit: limit)
            schools.append(s)
            schoolBy[code] = s
        }
        var units: [PlanningUnit] = [], unitCodes = Set<String>(), seenUnits = Set<String>()
        for r in rows(tables[.units], .units) {
            let code = code(r, 0), name = r.text(1)
            if name.isEmpty { fail(r, 1, zh: "非空", en: "a value") }
            let lon = degrees(r, 2, limit: 180), lat = degrees(r, 3, limit: 90)
            var record: [SeatSection: String] = [:]
            for (k, section) in [(4, SeatSection.primary), (5, .junior)] {
                guard let s = self.code(r, k) else { continue }
                guard schoolBy[s]?.section == section else {
                    fail(r, k, zh: "schools 文件中的\(section.zh)学校标识码", en: "a \(section.rawValue) school code of the schools file"); continue
                }
                record[section] = s
            }
            var rings: [[GeoPoint]] = []
            if !r.text(6).isEmpty {
                if let parsed = GeoJSONRings.parse(r.text(6), maximumVertices: SeatsImporter.maximumVertices) { rings = parsed } else {
                    fail(r, 6, zh: "GeoJSON Polygon 或 MultiPolygon（经纬度，至多 \(SeatsImporter.maximumVertices) 个顶点）",
                         en: "a GeoJSON Polygon or MultiPolygon of lon/lat (at most \(SeatsImporter.maximumVertices) vertices)")
                }
            }
            if let code, !seenUnits.insert(code).inserted { fail(r, 0, zh: "不重复的单元代码", en: "a unit code not used before"); continue }
            guard let code, !name.isEmpty, let lon, let lat else { continue }
            if units.count >= SeatsImporter.maximumUnits {
                fail(r, 0, zh: "不超过 \(SeatsImporter.maximumUnits) 个单元", en: "at most \(SeatsImporter.maximumUnits) units"); break
            }
            unitCodes.insert(code)
            units.append(PlanningUnit(code: code, name: name, point: GeoPoint(lon: lon, lat: lat), rings: rings, school: record))
        }
        knownUnits = unitCodes
        knownSchools = Set(schoolBy.keys)
        var children: [ChildCohort] = [], seenCohort = Set<String>()
        for r in rows(tables[.children], .children) {
            let u = unit(r, 0), year = int(r, 1), n = int(r, 2)
            guard let u, let year, let n else { continue }
            if !seenCohort.insert("\(u)/\(year)").inserted { fail(r, 1, zh: "该单元不重复的出生年份", en: "a birth year not listed before for this unit"); continue }
            children.append(ChildCohort(unit: u, birthYear: year, count: n))
        }
        var housing: [HousingProject] = []
        for r in rows(tables[.housing], .housing) {
            let u = unit(r, 0), n = int(r, 1), year = int(r, 2), type = r.text(3)
            if type.isEmpty { fail(r, 3, zh: "住房类型", en: "a housing type") }
            guard let u, let n, let year, !type.isEmpty else { continue }
            housing.append(HousingProject(unit: u, dwellings: n, deliveryYear: year, type: type))
        }
        var adjacency: [(String, String)]?
        if tables[.adjacency] != nil {
            var pairs: [(String, String)] = []
            for r in rows(tables[.adjacency], .adjacency) {
                let a = unit(r, 0), b = unit(r, 1)
                if let a, let b, a == b { fail(r, 1, zh: "另一个单元", en: "a different unit"); continue }
                if let a, let b { pairs.append((a, b)) }
            }
            adjacency = pairs
        }
        var travel: [String: [String: Double]]?
        if tables[.travel] != nil {
            var m: [String: [String: Double]] = [:]
            for r in rows(tables[.travel], .travel) {
                let u = unit(r, 0), s = school(r, 1), d = int(r, 2)
                guard let u, let s, let d else { continue }
                if m[u]?[s] != nil { fail(r, 1, zh: "该单元不重复的学校", en: "a school not listed before for this unit"); continue }
                m[u, default: [:]][s] = Double(d)
            }
            travel = m
        }
        var enrolment: [EnrolmentRecord] = []
        for r in rows(tables[.enrolment], .enrolment) {
            let s = school(r, 0), year = int(r, 1), grade = int(r, 2), n = int(r, 3)
            guard let s, let year, let grade, let n else { continue }
            if let section = schoolBy[s]?.section, !section.grades.contains(grade) {
                fail(r, 2, zh: "\(section.zh)的年级", en: "a grade of the school's section"); continue
            }
            enrolment.append(EnrolmentRecord(school: s, year: year, grade: grade, pupils: n))
        }
        if units.count * schools.count > SeatsImporter.maximumPairs {
            issues.append(ImportIssue(row: 0, column: "", value: "\(units.count) × \(schools.count)",
                                      expectedZH: "单元数 × 学校数不超过 \(SeatsImporter.maximumPairs)（请按区县分开）",
                                      expectedEN: "at most \(SeatsImporter.maximumPairs) units × schools (split the folder by county)",
                                      file: tables[.units]?.file ?? "units.csv"))
        }
        if units.isEmpty && issues.isEmpty {
            issues.append(ImportIssue(row: 0, column: "", value: "", expectedZH: "至少一个规划单元", expectedEN: "at least one planning unit",
                                      file: tables[.units]?.file ?? "units.csv"))
        }
        let asOf = asOfYear ?? ((children.map(\.birthYear).max() ?? 2025) + 1)
        county = SeatsCounty(asOfYear: asOf, units: units, children: children, housing: housing, schools: schools,
                             enrolment: enrolment, adjacency: adjacency, travel: travel)
    }
}

/// The outer rings of a GeoJSON Polygon or MultiPolygon (a bare geometry or a Feature), bounded in vertices.
enum GeoJSONRings {
    static func parse(_ text: String, maximumVertices: Int) -> [[GeoPoint]]? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return nil }
        let geometry = (object["type"] as? String) == "Feature" ? object["geometry"] as? [String: Any] : object
        guard let type = geometry?["type"] as? String, let coords = geometry?["coordinates"] as? [Any] else { return nil }
        let polygons: [Any] = type == "Polygon" ? [coords] : (type == "MultiPolygon" ? coords : [])
        var rings: [[GeoPoint]] = [], vertices = 0
        for polygon in polygons {
            guard let p = polygon as? [Any], let outer = p.first as? [Any], outer.count >= 4 else { return nil }
            var ring: [GeoPoint] = []
            for v in outer {
                guard let xy = v as? [Any], xy.count >= 2, let lon = (xy[0] as? NSNumber)?.doubleValue,
                      let lat = (xy[1] as? NSNumber)?.doubleValue, lon.isFinite, lat.isFinite, abs(lon) <= 180, abs(lat) <= 90 else { return nil }
                vertices += 1
                guard vertices <= maximumVertices else { return nil }
                ring.append(GeoPoint(lon: lon, lat: lat))
            }
            rings.append(ring)
        }
        return rings.isEmpty ? nil : rings
    }
}
