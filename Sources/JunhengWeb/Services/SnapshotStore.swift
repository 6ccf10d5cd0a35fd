import Crypto
import EquityKit
import Fluent
import Foundation
import JunhengImport
import Vapor

/// A snapshot's metadata, loaded without its file bytes.
public struct SnapshotInfo: Sendable, Codable {
    public var id: UUID
    public var countyID: UUID
    public var schoolYear: Int
    public var version: Int
    public var uploadedBy: UUID
    public var uploadedAt: Date
    public var fileName: String
    public var fileHash: String
    public var schoolCount: Int
    public var rowCount: Int
}

/// Validates uploads with the CLI's importer and stores them as immutable, versioned snapshots.
enum SnapshotStore {
    /// The range of school years accepted (学年 by first calendar year).
    static let years = 2000...2100

    /// Why an upload was refused; nothing was stored.
    enum Rejection: Error {
        case invalid([ImportIssue])
        case unreadable(String)
    }

    /// Validates `bytes` (on a worker thread) and, only if valid, stores snapshot version n+1 with its schools;
    /// either way the outcome is audited.
    static func store(_ bytes: [UInt8], fileName: String, county: Region, year: Int, by userID: UUID,
                      on req: Request) async throws -> Result<SnapshotInfo, Rejection> {
        let imported: ImportedStatistics
        do {
            imported = try await req.application.threadPool.runIfActive { () throws(ImportError) -> ImportedStatistics in
                try StatisticsImporter.importData(bytes)
            }
        } catch let error as ImportError {
            let problems: Int
            let rejection: Rejection
            switch error {
            case .invalid(let issues): (problems, rejection) = (issues.problemTotal, .invalid(issues))
            case .unreadable(_, let reason): (problems, rejection) = (1, .unreadable(reason))
            }
            await req.audit("upload-rejected", target: "county:\(county.code)/\(year)", detail: "\(fileName): \(problems) problem(s)")
            return .failure(rejection)
        }
        let countyID = try county.requireID()
        let records = imported.records
        let info = try await VersionAllocation.transaction(on: req.db) { db in
            try await insert(bytes, records: records, fileName: fileName, countyID: countyID, year: year, by: userID, on: db)
        }
        req.application.lookups.history.invalidate(countyID)
        await req.audit("upload", target: "county:\(county.code)/\(year)",
                        detail: "version \(info.version), \(fileName), sha256 \(info.fileHash), \(info.rowCount) rows")
        return .success(info)
    }

    /// Stores already validated bytes as the county-year's next version and registers schools not yet known.
    /// Run it inside the caller's transaction (`VersionAllocation.transaction` when uploads may run concurrently).
    static func insert(_ bytes: [UInt8], records: [StatisticsRecord], fileName: String, countyID: UUID, year: Int,
                       by userID: UUID, on db: any Database) async throws -> SnapshotInfo {
        let names = schoolNames(records)
        let last = try await Snapshot.query(on: db).filter(\.$county.$id == countyID).filter(\.$schoolYear == year)
            .sort(\.$version, .descending).field(\.$id).field(\.$version).first()
        let snapshot = Snapshot(countyID: countyID, schoolYear: year, version: (last?.version ?? 0) + 1,
                                uploadedBy: userID, uploadedAt: Date(), fileName: fileName, fileHash: SHA256.hex(bytes),
                                schoolCount: names.count, rowCount: records.count, content: Data(bytes))
        try await snapshot.create(on: db)
        let known = Set(try await School.query(on: db).filter(\.$county.$id == countyID).all().map(\.code))
        for (code, name) in names.sorted(by: { $0.key < $1.key }) where !known.contains(code) {
            try await School(countyID: countyID, code: code, name: name).create(on: db)
        }
        return snapshot.info
    }

    /// Each school code's name (first row wins).
    static func schoolNames(_ records: [StatisticsRecord]) -> [String: String] {
        var names: [String: String] = [:]
        for r in records where names[r.schoolCode] == nil { names[r.schoolCode] = r.schoolName }
        return names
    }

    /// Every version of a county, newest first, without bytes.
    static func history(countyID: UUID, on db: any Database) async throws -> [SnapshotInfo] {
        try await infoQuery(on: db).filter(\.$county.$id == countyID)
            .sort(\.$schoolYear, .descending).sort(\.$version, .descending).all().map(\.info)
    }

    /// A snapshot's file bytes.
    static func content(of id: UUID, on db: any Database) async throws -> [UInt8] {
        guard let s = try await Snapshot.query(on: db).filter(\.$id == id).field(\.$id).field(\.$content).first()
        else { throw Abort(.notFound) }
        return [UInt8](s.content)
    }

    private static func infoQuery(on db: any Database) -> QueryBuilder<Snapshot> {
        Snapshot.query(on: db).field(\.$id).field(\.$county.$id).field(\.$schoolYear).field(\.$version)
            .field(\.$uploadedBy.$id).field(\.$uploadedAt).field(\.$fileName).field(\.$fileHash)
            .field(\.$schoolCount).field(\.$rowCount)
    }
}

extension Snapshot {
    var info: SnapshotInfo {
        SnapshotInfo(id: id!, countyID: $county.id, schoolYear: schoolYear, version: version, uploadedBy: $uploadedBy.id,
                     uploadedAt: uploadedAt, fileName: fileName, fileHash: fileHash, schoolCount: schoolCount, rowCount: rowCount)
    }
}

extension Request {
    /// The newest version of each school year of a county, from its (briefly cached) history: the one shown
    /// everywhere a county-year is evaluated.
    func latestSnapshots(of county: Region) async throws -> [Int: SnapshotInfo] {
        let countyID = try county.requireID()
        let history = try await application.lookups.history.value(countyID) { try await SnapshotStore.history(countyID: countyID, on: self.db) }
        var latest: [Int: SnapshotInfo] = [:]
        for s in history where latest[s.schoolYear] == nil { latest[s.schoolYear] = s }  // history is newest first
        return latest
    }
}
