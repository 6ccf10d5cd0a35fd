import Crypto
import Fluent
import Foundation
import JunhengImport
import Seats
import Vapor

/// Validates seats uploads with the CLI's importer, stores them as immutable versions, and reads a county's inputs
/// with the catchments of record (the uploaded ones, or the plan that took effect since).
enum SeatsStore {
    /// Why an upload was refused; nothing was stored.
    enum Rejection: Error { case invalid([ImportIssue]) }

    /// One stored file: the name the user sent and the bytes.
    struct StoredFile: Codable, Sendable { var name: String; var bytes: Data }

    /// The built-in presets (a county's own presets file is a CLI option; the web uses these).
    static let settings: SeatsSettings? = try? SeatsPresets.load()

    /// Runs the folder importer's checks on the uploaded files.
    static func validate(_ files: [SeatsFile: StoredFile]) -> Result<SeatsCounty, Rejection> {
        var input: [SeatsFile: (name: String, data: Data)] = [:]
        for (kind, f) in files { input[kind] = (f.name, f.bytes) }
        do { return .success(try SeatsImporter.importFiles(input)) } catch {
            switch error {
            case .invalid(let issues): return .failure(.invalid(issues))
            case .unreadable(let path, let reason):
                return .failure(.invalid([ImportIssue(row: 0, column: "", value: "", expectedZH: reason, expectedEN: reason, file: path)]))
            }
        }
    }

    /// Validates on a worker thread and, only if valid, stores version n+1 (audited).
    static func store(_ files: [SeatsFile: StoredFile], county: Region, by userID: UUID, on req: Request) async throws -> Result<SeatsDataset, Rejection> {
        let result = try await req.application.threadPool.runIfActive { validate(files) }
        let parsed: SeatsCounty
        switch result {
        case .failure(let r): return .failure(r)
        case .success(let c): parsed = c
        }
        let countyID = try county.requireID()
        let dataset = try await VersionAllocation.transaction(on: req.db) { db in
            try await insert(parsed, files: files, countyID: countyID, by: userID, on: db)
        }
        await req.audit("seats-upload", target: "county:\(county.code)/seats",
                        detail: "version \(dataset.version), \(dataset.fileNames), sha256 \(dataset.fileHash), \(dataset.unitCount) units, \(dataset.schoolCount) schools")
        return .success(dataset)
    }

    /// Inserts the next version inside the caller's transaction (also the import job's and the demo's).
    static func insert(_ parsed: SeatsCounty, files: [SeatsFile: StoredFile], countyID: UUID, by userID: UUID,
                       on db: any Database) async throws -> SeatsDataset {
        let ordered = SeatsFile.allCases.compactMap { k in files[k].map { (k, $0) } }
        let hash = SHA256.hex(Data(ordered.map { SHA256.hex([UInt8]($0.1.bytes)) }.joined().utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let raw = try encoder.encode(Dictionary(uniqueKeysWithValues: ordered.map { ($0.0.rawValue, $0.1) }))
        let last = try await SeatsDataset.query(on: db).filter(\.$county.$id == countyID)
            .sort(\.$version, .descending).field(\.$id).field(\.$version).first()
        let d = SeatsDataset()
        d.$county.id = countyID
        d.version = (last?.version ?? 0) + 1
        d.$uploadedBy.id = userID
        d.uploadedAt = Date()
        d.fileNames = ordered.map(\.1.name).joined(separator: ", ")
        d.fileHash = hash
        d.unitCount = parsed.units.count
        d.schoolCount = parsed.schools.count
        d.asOfYear = parsed.asOfYear
        d.files = raw
        try await d.create(on: db)
        return d
    }

    /// The county's newest dataset, or nil.
    static func latest(countyID: UUID, on db: any Database) async throws -> SeatsDataset? {
        try await SeatsDataset.query(on: db).filter(\.$county.$id == countyID).sort(\.$version, .descending).first()
    }

    /// The stored files of a dataset.
    static func files(_ d: SeatsDataset) throws -> [SeatsFile: StoredFile] {
        let raw = try JSONDecoder().decode([String: StoredFile].self, from: d.files)
        var out: [SeatsFile: StoredFile] = [:]
        for (k, f) in raw { if let kind = SeatsFile(rawValue: k) { out[kind] = f } }
        return out
    }

    /// Parsed datasets by id: a stored dataset never changes, so pages parse its files once per process.
    private static let parsed = TTLCache<UUID, SeatsCounty>(lifetime: .infinity, capacity: 16)

    /// `county(_:)` through the per-process cache of parsed datasets.
    static func cachedCounty(_ d: SeatsDataset) async throws -> SeatsCounty {
        try await parsed.value(try d.requireID()) { try county(d) }
    }

    /// The dataset's county as uploaded (re-validated: a stored dataset that no longer passes is an error, not a crash).
    static func county(_ d: SeatsDataset) throws -> SeatsCounty {
        switch validate(try files(d)) {
        case .success(let c): return c
        case .failure: throw Abort(.internalServerError, reason: "学位数据版本 v\(d.version) 无法读取 / seats dataset v\(d.version) is unreadable")
        }
    }

    /// Where the catchments of record come from.
    enum CatchmentSource: Sendable {
        case upload(version: Int)
        case plan(id: UUID, number: Int, effective: Date)
    }

    /// The county with the catchments of record: a plan that took effect after the dataset was uploaded re-assigns the
    /// units it covers; otherwise the uploaded schools of record stand.
    static func ofRecord(_ d: SeatsDataset, on db: any Database) async throws -> (SeatsCounty, CatchmentSource) {
        var county = try county(d)
        guard let plan = try await effectivePlan(countyID: d.$county.id, on: db), let at = plan.effectiveAt, at > d.uploadedAt else {
            return (county, .upload(version: d.version))
        }
        let assignment = (try? planAssignment(plan)) ?? [:]
        let schools = Set(county.schools.map(\.code))
        for k in county.units.indices {
            guard let a = assignment[county.units[k].code] else { continue }
            for (section, school) in a where schools.contains(school) { county.units[k].school[section] = school }
        }
        return (county, .plan(id: try plan.requireID(), number: plan.number, effective: at))
    }

    /// The plan in effect for the county, if any.
    static func effectivePlan(countyID: UUID, on db: any Database) async throws -> SeatsPlanRecord? {
        try await SeatsPlanRecord.query(on: db).filter(\.$county.$id == countyID)
            .filter(\.$stage == AdoptionStage.effective.rawValue).filter(\.$supersededAt == nil)
            .sort(\.$effectiveAt, .descending).first()
    }

    /// A stored plan's assignment, from its JSON (`plans[0].assignment`: unit → {primary, junior} → school).
    static func planAssignment(_ r: SeatsPlanRecord) throws -> [String: [SeatSection: String]] {
        try StoredPlan.decode(r.resultJSON).plan?.assignment.mapValues { byKey in
            var out: [SeatSection: String] = [:]
            for (k, v) in byKey { if let s = SeatSection(rawValue: k) { out[s] = v } }
            return out
        } ?? [:]
    }

    /// The county's map background (its bounds and URL), if one was uploaded; the bytes are not read.
    static func background(county: Region, on db: any Database) async throws -> SeatsMap.Background? {
        guard let b = try await SeatsBackground.query(on: db).filter(\.$county.$id == county.requireID())
            .field(\.$id).field(\.$county.$id).field(\.$west).field(\.$south).field(\.$east).field(\.$north).field(\.$sha256).first() else { return nil }
        return .init(href: "/counties/\(county.code)/seats/background?v=\(b.sha256.prefix(12))", west: b.west, south: b.south, east: b.east, north: b.north)
    }

    /// School names by code from the county's school register (codes the register lacks show as codes).
    static func schoolNames(countyID: UUID, on db: any Database) async throws -> [String: String] {
        var names: [String: String] = [:]
        for s in try await School.query(on: db).filter(\.$county.$id == countyID).all() { names[s.code] = s.name }
        return names
    }
}

/// A stored plan read back through the `seats plan` JSON contract (the keys other tools use).
struct StoredPlan: Decodable {
    /// The metrics of one assignment (the status quo or a plan).
    struct Metrics: Decodable {
        var movedPupils: Double
        var maxTripM: Double
        var fill: [String: Double]
        var enrolment: [String: Double]
        var g4OversizeSchools: [String]
        var g5LargestClass: Double
        var g5OversizeClasses: [String]
        var g13: [String: Double]
        var cv: [CV]?
        enum CodingKeys: String, CodingKey {
            case movedPupils = "moved_pupils", maxTripM = "max_trip_m", fill, enrolment, g4OversizeSchools = "g4_oversize_schools"
            case g5LargestClass = "g5_largest_class", g5OversizeClasses = "g5_oversize_classes", g13, cv
        }
    }
    struct CV: Decodable { var section: String; var indicator: String; var cv: Double?; var limit: Double }
    struct Check: Decodable { var passed: Bool; var violations: [String] }
    struct Plan: Decodable {
        var plan: Int
        var status: String
        var movePenaltyKm: Double
        var objective: Double?
        var bestBound: Double?
        var gap: Double?
        var seconds: Double
        var diagnosis: [String]?
        var assignment: [String: [String: String]]
        var check: Check
        var metrics: Metrics?
        enum CodingKeys: String, CodingKey {
            case plan, status, movePenaltyKm = "move_penalty_km", objective, bestBound = "best_bound", gap, seconds, diagnosis, assignment, check
        }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            plan = try c.decode(Int.self, forKey: .plan)
            status = try c.decode(String.self, forKey: .status)
            movePenaltyKm = try c.decode(Double.self, forKey: .movePenaltyKm)
            objective = try c.decodeIfPresent(Double.self, forKey: .objective)
            bestBound = try c.decodeIfPresent(Double.self, forKey: .bestBound)
            gap = try c.decodeIfPresent(Double.self, forKey: .gap)
            seconds = try c.decode(Double.self, forKey: .seconds)
            diagnosis = try c.decodeIfPresent([String].self, forKey: .diagnosis)
            assignment = try c.decode([String: [String: String]].self, forKey: .assignment)
            check = try c.decode(Check.self, forKey: .check)
            // The metrics are written inline in the plan object when the plan has an assignment.
            metrics = try? Metrics(from: decoder)
        }
    }
    var year: Int
    var statusQuo: Metrics
    var plans: [Plan]
    enum CodingKeys: String, CodingKey { case year, statusQuo = "status_quo", plans }

    var plan: Plan? { plans.first }

    static func decode(_ data: Data) throws -> StoredPlan { try JSONDecoder().decode(StoredPlan.self, from: data) }
}
