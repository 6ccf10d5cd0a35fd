import Crypto
import Fluent
import FluentSQL
import Foundation
import Funding
import JunhengImport
import NIOConcurrencyHelpers
import Vapor

/// Funding years in the database: all-or-nothing import, the audited publish step, and loading a year for the
/// checks and the public portal.
enum FundingStore {
    /// Why an import or publish was refused.
    enum Refusal: Error, CustomStringConvertible {
        case invalid([ImportIssue])
        case noStatistics
        case published([Int])
        case notFound(Int)
        case alreadyPublished(Int)

        var description: String {
            switch self {
            case .invalid(let i): "\(i.problemTotal) 处错误 / problem(s)"
            case .noStatistics: "请先上传本县学校统计（在校生数、学校类型、城乡类型）/ upload the county's school statistics first"
            case .published(let y): "已公开的年度不能覆盖 / published years cannot be replaced: \(y.map(String.init).joined(separator: ", "))"
            case .notFound(let y): "\(y) 年没有经费数据 / no funding data for \(y)"
            case .alreadyPublished(let y): "\(y) 年已公开 / \(y) is already published"
            }
        }
    }

    /// The county's schools as the rules see them, from its newest statistics snapshot.
    static func schools(of county: Region, on db: any Database) async throws -> [FundingSchool]? {
        guard let snapshot = try await Snapshot.query(on: db).filter(\.$county.$id == county.requireID())
            .sort(\.$schoolYear, .descending).sort(\.$version, .descending).first() else { return nil }
        guard let imported = try? StatisticsImporter.importData([UInt8](snapshot.content)) else { return nil }
        return FundingSchools.from(imported.records)
    }

    /// Validates the upload (budget file, optional projects file) and replaces the draft years it covers, in one
    /// transaction; a file touching a published year changes nothing.
    static func importUpload(budget: (name: String, data: Data), projects: (name: String, data: Data)?, county: Region,
                             by username: String, on db: any Database) async throws -> Result<[Int], Refusal> {
        guard let schools = try await schools(of: county, on: db) else { return .failure(.noStatistics) }
        let imported: ImportedBudget
        do {
            imported = try FundingImporter.importData(budget.data, name: budget.name, projects: projects, knownSchools: Set(schools.map(\.code)))
        } catch {
            switch error {
            case .invalid(let issues): return .failure(.invalid(issues))
            case .unreadable(_, let reason):
                return .failure(.invalid([ImportIssue(row: 0, column: "", value: "", expectedZH: reason, expectedEN: reason, file: budget.name)]))
            }
        }
        let years = Set(imported.lines.map(\.fiscalYear)).union(imported.projects.map(\.fiscalYear)).sorted()
        let countyID = try county.requireID()
        let existing = try await FundingYearRecord.query(on: db).filter(\.$county.$id == countyID).filter(\.$fiscalYear ~~ years).all()
        let published = existing.filter(\.isPublished).map(\.fiscalYear).sorted()
        guard published.isEmpty else { return .failure(.published(published)) }
        let schoolsJSON = try JSONEncoder().encode(schools)
        let hash = SHA256.hex([UInt8](budget.data) + [UInt8](projects?.data ?? Data()))
        try await db.transaction { db in
            for year in years {
                let record: FundingYearRecord
                if let old = existing.first(where: { $0.fiscalYear == year }) {
                    let id = try old.requireID()
                    try await FundingLineRecord.query(on: db).filter(\.$year.$id == id).delete()
                    try await FundingProjectRecord.query(on: db).filter(\.$year.$id == id).delete()
                    (old.schools, old.fileName, old.fileHash, old.importedBy, old.importedAt) = (schoolsJSON, budget.name, hash, username, Date())
                    try await old.update(on: db)
                    record = old
                } else {
                    record = FundingYearRecord(countyID: countyID, fiscalYear: year, schools: schoolsJSON, fileName: budget.name,
                                               fileHash: hash, importedBy: username, importedAt: Date())
                    try await record.create(on: db)
                }
                try await insert(lines: imported.lines.filter { $0.fiscalYear == year }, projects: imported.projects.filter { $0.fiscalYear == year },
                                 yearID: record.requireID(), on: db)
            }
        }
        return .success(years)
    }

    /// Inserts lines and projects in batches of 500.
    static func insert(lines: [BudgetLine], projects: [FundingProject], yearID: UUID, on db: any Database) async throws {
        var start = 0
        while start < lines.count {
            let batch = lines[start..<min(lines.count, start + 500)].map { l -> FundingLineRecord in
                let r = FundingLineRecord()
                r.$year.id = yearID
                (r.schoolCode, r.phase, r.functionalCode, r.economicCode) = (l.schoolCode, l.phase.key, l.functionalCode, l.economicCode)
                (r.fundSource, r.programme, r.amountFen) = (l.source.key, l.source.programme, l.amount.fen)
                return r
            }
            try await batch.create(on: db)
            start += 500
        }
        for p in projects {
            let r = FundingProjectRecord()
            r.$year.id = yearID
            (r.code, r.name, r.schoolCode, r.indicator, r.budgetFen) = (p.code, p.name, p.schoolCode, p.indicatorKey, p.budget.fen)
            r.plannedTender = p.plannedTender?.description
            (r.stages, r.execution) = (stagesJSON(p.stages), executionText(p.execution))
            try await r.create(on: db)
        }
    }

    /// Stage dates as stored: `{"intent": "2026-02-10", …}`.
    static func stagesJSON(_ stages: [ProcurementStage: CivilDate]) -> String {
        let keyed = Dictionary(uniqueKeysWithValues: stages.map { ($0.key.key, $0.value.description) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(keyed)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// Execution as stored: `2026-06-30:40;2026-09-30:70`.
    static func executionText(_ points: [ExecutionPoint]) -> String { points.map { "\($0.date):\($0.percent)" }.joined(separator: ";") }

    /// Publishes a draft year (audited by the caller); the public cache is cleared.
    static func publish(county: Region, year: Int, by username: String, app: Application, on db: any Database) async throws -> Result<Void, Refusal> {
        guard let record = try await FundingYearRecord.query(on: db).filter(\.$county.$id == county.requireID()).filter(\.$fiscalYear == year).first() else {
            return .failure(.notFound(year))
        }
        guard !record.isPublished else { return .failure(.alreadyPublished(year)) }
        record.publishedBy = username
        record.publishedAt = Date()
        try await record.update(on: db)
        app.publicFunding.clear()
        return .success(())
    }

    /// The county's year records, newest first (`publishedOnly` for the public portal).
    static func years(of county: Region, publishedOnly: Bool, on db: any Database) async throws -> [FundingYearRecord] {
        var q = try FundingYearRecord.query(on: db).filter(\.$county.$id == county.requireID())
        if publishedOnly { q = q.filter(\.$publishedAt != nil) }
        return try await q.sort(\.$fiscalYear, .descending).all()
    }

    /// The dataset of `records` (their lines, projects and the newest record's schools).
    static func dataset(county: Region, records: [FundingYearRecord], on db: any Database) async throws -> FundingDataset {
        let ids = records.compactMap(\.id)
        let byID = Dictionary(uniqueKeysWithValues: records.compactMap { r in r.id.map { ($0, r.fiscalYear) } })
        let schools = records.max { $0.fiscalYear < $1.fiscalYear }.flatMap { try? JSONDecoder().decode([FundingSchool].self, from: $0.schools) } ?? []
        var lines: [BudgetLine] = []
        // No years, no query: PostgreSQL refuses the empty `IN ()` that SQLite accepts.
        if !ids.isEmpty, let sql = db as? any SQLDatabase {
            // Raw rows: decoding 8,000 models per county-year through Fluent is the slow part of a cold page.
            struct Row: Decodable { var year_id: UUID; var school_code: String; var phase: String; var functional_code: String
                                    var economic_code: String; var fund_source: String; var programme: String; var amount_fen: Int }
            let rows = try await sql.select().columns("year_id", "school_code", "phase", "functional_code", "economic_code", "fund_source", "programme", "amount_fen")
                .from(FundingLineRecord.schema).where(SQLColumn("year_id"), .in, SQLBind.group(ids)).all(decoding: Row.self)
            lines = rows.compactMap { r in
                guard let y = byID[r.year_id], let phase = BudgetPhase(label: r.phase),
                      let source = FundSource(label: r.fund_source, programme: r.programme) else { return nil }
                return BudgetLine(schoolCode: r.school_code, fiscalYear: y, phase: phase, functionalCode: r.functional_code,
                                  economicCode: r.economic_code, source: source, amount: Fen(r.amount_fen))
            }
        }
        let projects = ids.isEmpty ? [] : try await FundingProjectRecord.query(on: db).filter(\.$year.$id ~~ ids).sort(\.$code).all().compactMap { r -> FundingProject? in
            guard let y = byID[r.$year.id] else { return nil }
            let raw = (try? JSONDecoder().decode([String: String].self, from: Data(r.stages.utf8))) ?? [:]
            var stages: [ProcurementStage: CivilDate] = [:]
            for s in ProcurementStage.allCases { if let d = raw[s.key].flatMap(CivilDate.init) { stages[s] = d } }
            let execution = r.execution.split(separator: ";").compactMap { p -> ExecutionPoint? in
                let kv = p.split(separator: ":")
                guard kv.count == 2, let d = CivilDate(String(kv[0])), let pct = Int(kv[1]) else { return nil }
                return ExecutionPoint(date: d, percent: pct)
            }
            return FundingProject(code: r.code, name: r.name, schoolCode: r.schoolCode, fiscalYear: y, indicatorKey: r.indicator,
                                  budget: Fen(r.budgetFen), plannedTender: r.plannedTender.flatMap(CivilDate.init), stages: stages, execution: execution)
        }
        return FundingDataset(countyCode: county.code, countyName: county.name, schools: schools, lines: lines, projects: projects)
    }
}

/// Rendered public pages by path, cleared whenever a year is published (the only change the public can see).
final class PublicFundingCache: Sendable {
    struct Entry: Sendable { var body: ByteBuffer; var headers: HTTPHeaders }
    private let box = NIOLockedValueBox<[String: Entry]>([:])
    let capacity = 20_000

    func get(_ key: String) -> Entry? { box.withLockedValue { $0[key] } }

    func set(_ key: String, _ entry: Entry) {
        box.withLockedValue { d in
            if d.count >= capacity { d.removeAll(keepingCapacity: true) }
            d[key] = entry
        }
    }

    func clear() { box.withLockedValue { $0.removeAll() } }
}

extension Application {
    private struct PublicFundingKey: StorageKey { typealias Value = PublicFundingCache }

    /// The public portal's page cache (set up by `configure`).
    var publicFunding: PublicFundingCache {
        get { storage[PublicFundingKey.self] ?? PublicFundingCache() }
        set { storage[PublicFundingKey.self] = newValue }
    }
}
