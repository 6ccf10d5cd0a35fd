import Fluent
import Foundation
import SQLiteNIO

/// Allocates "the next version" (snapshots, classroom datasets) safely under concurrency: the transaction reads the
/// newest version and inserts n+1; the unique index on the version rejects the loser of a race, which runs again
/// and takes n+2. Nothing is lost and no version repeats.
enum VersionAllocation {
    /// Runs `body` in a transaction, again (up to `attempts` times) when a concurrent writer took the same version.
    static func transaction<T: Sendable>(on db: any Database, attempts: Int = 8,
                                         _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await db.transaction { tx in try await body(tx) }
            } catch where attempt < attempts && isConflict(error) {
                attempt += 1
                try await Task.sleep(nanoseconds: UInt64.random(in: 1_000_000...20_000_000))
            }
        }
    }

    /// A unique-index violation, or SQLite refusing a second writer (busy / locked).
    static func isConflict(_ error: any Error) -> Bool {
        if let e = error as? any DatabaseError, e.isConstraintFailure { return true }
        if let e = error as? SQLiteError {
            switch e.reason {
            case .busy, .locked, .busyTimeout, .busyInRecovery, .busyInSnapshot, .lockedBySharedCache: return true
            default: return false
            }
        }
        return false
    }
}
