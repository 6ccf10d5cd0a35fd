import EquityKit
import Foundation
import JunhengImport
import JunhengReports
import NIOConcurrencyHelpers
import Vapor

/// A snapshot evaluated by EquityKit against one standard, with its JSON contract rendered once.
public struct EvaluatedSnapshot: Sendable {
    public var snapshot: SnapshotInfo
    public var records: [StatisticsRecord]
    public var evaluation: Evaluation
    /// Exactly what `junheng evaluate --format json` prints.
    public var json: [UInt8]
}

/// Evaluations of immutable snapshots, computed once per (snapshot, standard) and shared by every page and API call.
final class EvaluationCache: Sendable {
    /// A computation under way (shared by everyone who asks meanwhile), or its result.
    private enum Entry: Sendable {
        case running(Task<EvaluatedSnapshot, any Error>)
        case done(EvaluatedSnapshot)
    }
    private let entries = NIOLockedValueBox<[String: Entry]>([:])

    /// The evaluation, computing it on a worker thread on first use (and auditing that it was run).
    func evaluation(of snapshot: SnapshotInfo, standard: Standard, on req: Request) async throws -> EvaluatedSnapshot {
        let key = "\(snapshot.id)|\(standard.id)"
        let pool = req.application.threadPool
        let db = req.db
        let (entry, created) = entries.withLockedValue { e -> (Entry, Bool) in
            if let existing = e[key] { return (existing, false) }
            let t = Task<EvaluatedSnapshot, any Error> {
                let bytes = try await SnapshotStore.content(of: snapshot.id, on: db)
                return try await pool.runIfActive {
                    let records = try StatisticsImporter.importData(bytes).records
                    let evaluation = try Evaluator.evaluate(records, standard: standard)
                    return EvaluatedSnapshot(snapshot: snapshot, records: records, evaluation: evaluation,
                                             json: JSONReport.render(evaluation))
                }
            }
            e[key] = .running(t)
            return (.running(t), true)
        }
        let task: Task<EvaluatedSnapshot, any Error>
        switch entry {
        case .done(let result): return result  // the hot path of every page view: no await
        case .running(let t): task = t
        }
        do {
            let result = try await task.value
            entries.withLockedValue { $0[key] = .done(result) }
            if created {
                await req.audit("evaluate", target: "snapshot:\(snapshot.id)",
                                detail: "\(standard.id), year \(snapshot.schoolYear) v\(snapshot.version)")
            }
            return result
        } catch {
            entries.withLockedValue { $0[key] = nil }
            throw error
        }
    }
}

extension Application {
    private struct EvaluationCacheKey: StorageKey { typealias Value = EvaluationCache }

    /// The process's evaluation cache.
    var evaluations: EvaluationCache {
        get { storage[EvaluationCacheKey.self]! }
        set { storage[EvaluationCacheKey.self] = newValue }
    }
}

/// Standards a user can pick on the pages and in the API (`?standard=`).
enum StandardChoice {
    static let defaultID = "youzhi-2017"

    /// The built-in standard named by the query, youzhi-2017 when absent; 400 when unknown.
    static func from(_ req: Request) throws -> Standard {
        let id = (try? req.query.get(String.self, at: "standard")) ?? defaultID
        guard let s = BuiltInStandards.standard(id: id) else {
            throw Abort(.badRequest, reason: "未知标准 '\(id)'，可选：\(BuiltInStandards.all.map(\.id).joined(separator: ", ")) / unknown standard")
        }
        return s
    }
}
