import Crypto
import Fluent
import Foundation
import JunhengImport
import JunhengSheets
import ThreeClassrooms
import Vapor

/// Validates 三个课堂 uploads with the CLI's folder importer and stores them as immutable, versioned datasets.
enum ClassroomStore {
    /// One uploaded file: its name as the user sent it and its bytes.
    struct UploadedFile: Sendable { var name: String; var bytes: [UInt8] }

    /// Why an upload was refused; nothing was stored.
    enum Rejection: Error { case invalid([ImportIssue]) }

    /// Splits one workbook with sheets schools, classes, teachers, lessons into four single-table files (CSV text,
    /// blank lines keeping the sheet's row numbers so errors point at the right row).
    static func split(workbook bytes: [UInt8], name: String) -> Result<[ClassroomFile: UploadedFile], Rejection> {
        var out: [ClassroomFile: UploadedFile] = [:]
        var issues: [ImportIssue] = []
        for kind in ClassroomFile.allCases {
            do {
                let sheet = try XLSXReader.read(data: Data(bytes), preferredSheet: kind.rawValue)
                guard sheet.sheetName.trimmingCharacters(in: .whitespaces).lowercased() == kind.rawValue else {
                    issues.append(ImportIssue(row: 0, column: "", value: sheet.sheetName, expectedZH: "名为「\(kind.rawValue)」的工作表",
                                              expectedEN: "a sheet named \"\(kind.rawValue)\"", file: name))
                    continue
                }
                var csv = CSVWriter()
                var next = 1
                for row in sheet.rows {
                    while next < row.number { csv.append([]); next += 1 }
                    csv.append(row.cells)
                    next = row.number + 1
                }
                out[kind] = UploadedFile(name: "\(name) [\(kind.rawValue)]", bytes: Array(csv.text.utf8))
            } catch {
                issues.append(ImportIssue(row: 0, column: "", value: "(xlsx)", expectedZH: "可读取的 .xlsx 工作簿：\(error)",
                                          expectedEN: "a readable .xlsx workbook: \(error)", file: name))
                break
            }
        }
        return issues.isEmpty ? .success(out) : .failure(.invalid(issues))
    }

    /// Runs the folder importer on the four files (in a private temporary folder) and checks every school is in `countyCode`.
    /// Issues name the uploaded file.
    static func validate(_ files: [ClassroomFile: UploadedFile], countyCode: String) -> Result<TeachingCapacity, Rejection> {
        let missing = ClassroomFile.allCases.filter { files[$0] == nil }
        guard missing.isEmpty else {
            return .failure(.invalid(missing.map {
                ImportIssue(row: 0, column: "", value: "", expectedZH: "上传 \($0.rawValue) 文件（CSV 或 XLSX）",
                            expectedEN: "the \($0.rawValue) file (CSV or XLSX)", file: $0.rawValue)
            }))
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("junheng-classrooms-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var display: [String: String] = [:]
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            for (kind, file) in files {
                let isXLSX = file.bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
                let local = kind.rawValue + (isXLSX ? ".xlsx" : ".csv")
                display[local] = file.name
                try Data(file.bytes).write(to: dir.appendingPathComponent(local))
            }
        } catch {
            return .failure(.invalid([ImportIssue(row: 0, column: "", value: "", expectedZH: "服务器临时目录可写：\(error)",
                                                  expectedEN: "a writable temporary folder on the server: \(error)")]))
        }
        let capacity: TeachingCapacity
        do {
            capacity = try ClassroomImporter.importDirectory(atPath: dir.path)
        } catch {
            switch error {
            case .invalid(let issues):
                return .failure(.invalid(issues.map { var i = $0; i.file = display[i.file] ?? i.file; return i }))
            case .unreadable(_, let reason):
                return .failure(.invalid([ImportIssue(row: 0, column: "", value: "", expectedZH: reason, expectedEN: reason)]))
            }
        }
        // The importer keeps the schools file's order and skips blank rows; rows are numbered from the header (row 1).
        let foreign = capacity.schools.enumerated().filter { $0.element.county != countyCode }.map { k, s in
            ImportIssue(row: k + 2, column: ClassroomFile.schools.columns[2].zh, value: s.county,
                        expectedZH: "本县代码 \(countyCode)", expectedEN: "this county's code \(countyCode)",
                        file: display.first { $0.key.hasPrefix("schools.") }?.value ?? "schools")
        }
        return foreign.isEmpty ? .success(capacity) : .failure(.invalid(foreign))
    }

    /// Validates on a worker thread and, only if valid, stores dataset version n+1 and any schools the county lacks.
    static func store(_ files: [ClassroomFile: UploadedFile], county: Region, by userID: UUID,
                      on req: Request) async throws -> Result<ClassroomDataset, Rejection> {
        let code = county.code
        let result = try await req.application.threadPool.runIfActive { validate(files, countyCode: code) }
        let capacity: TeachingCapacity
        switch result {
        case .failure(let rejection): return .failure(rejection)
        case .success(let c): capacity = c
        }
        let dataset = try await save(capacity, files: files, county: county, by: userID, on: req.db)
        await req.audit("classroom-upload", target: "county:\(county.code)/classrooms",
                        detail: "version \(dataset.version), \(dataset.fileNames), sha256 \(dataset.fileHash), \(dataset.schoolCount) schools")
        return .success(dataset)
    }

    /// Stores an already validated capacity as the county's next version (also used by the demo seeder).
    static func save(_ capacity: TeachingCapacity, files: [ClassroomFile: UploadedFile], county: Region, by userID: UUID,
                     on db: any Database) async throws -> ClassroomDataset {
        let countyID = try county.requireID()
        return try await VersionAllocation.transaction(on: db) { db in
            try await insert(capacity, files: files, countyID: countyID, by: userID, on: db)
        }
    }

    /// Inserts the next version inside the caller's transaction (also the import job's).
    static func insert(_ capacity: TeachingCapacity, files: [ClassroomFile: UploadedFile], countyID: UUID, by userID: UUID,
                       on db: any Database) async throws -> ClassroomDataset {
        let ordered = ClassroomFile.allCases.compactMap { files[$0] }
        let hash = SHA256.hex(Data(ordered.map { SHA256.hex($0.bytes) }.joined().utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let raw = try encoder.encode(Dictionary(uniqueKeysWithValues: ordered.map { ($0.name, Data($0.bytes)) }))
        let last = try await ClassroomDataset.query(on: db).filter(\.$county.$id == countyID)
            .sort(\.$version, .descending).field(\.$id).field(\.$version).first()
        let dataset = ClassroomDataset(countyID: countyID, version: (last?.version ?? 0) + 1, uploadedBy: userID, uploadedAt: Date(),
                                       fileNames: ordered.map(\.name).joined(separator: ", "), fileHash: hash,
                                       schoolCount: capacity.schools.count, teacherCount: capacity.teachers.count,
                                       files: raw, capacityJSON: try encoder.encode(capacity))
        try await dataset.create(on: db)
        let known = Set(try await School.query(on: db).filter(\.$county.$id == countyID).all().map(\.code))
        for s in capacity.schools where !known.contains(s.code) {
            try await School(countyID: countyID, code: s.code, name: s.name).create(on: db)
        }
        return dataset
    }

    /// The county's newest dataset, or nil.
    static func latest(countyID: UUID, on db: any Database) async throws -> ClassroomDataset? {
        try await ClassroomDataset.query(on: db).filter(\.$county.$id == countyID).sort(\.$version, .descending).first()
    }

    /// The dataset's validated input.
    static func capacity(_ dataset: ClassroomDataset) throws -> TeachingCapacity {
        try JSONDecoder().decode(TeachingCapacity.self, from: dataset.capacityJSON)
    }

    /// The input a plan was computed from, with its school names by code.
    static func input(of record: ClassroomPlanRecord, on db: any Database) async throws -> (TeachingCapacity, [String: String]) {
        guard let dataset = try await ClassroomDataset.find(record.$dataset.id, on: db) else { throw Abort(.notFound) }
        let capacity = try capacity(dataset)
        return (capacity, names(capacity))
    }

    /// School names by code.
    static func names(_ capacity: TeachingCapacity) -> [String: String] {
        Dictionary(capacity.schools.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
    }
}
