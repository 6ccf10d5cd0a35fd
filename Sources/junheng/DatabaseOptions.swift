import ArgumentParser
import Foundation
import JunhengWeb

/// Which database and audit key a command uses: SQLite by default, PostgreSQL with DATABASE_URL.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "SQLite 文件（未设置 DATABASE_URL 时）/ SQLite file when DATABASE_URL is unset")
    var sqlite: String = "data/junheng.sqlite"

    @Option(name: .customLong("audit-key"),
            help: "审计日志头的 HMAC 密钥文件（默认 $JUNHENG_AUDIT_KEY_FILE；放在数据目录之外）/ HMAC key file anchoring the audit head (default $JUNHENG_AUDIT_KEY_FILE; keep it outside the data directory)")
    var auditKey: String?

    var store: WebConfiguration.Store { WebConfiguration.storeFromEnvironment(sqlitePath: sqlite) }

    /// `--audit-key`, else `JUNHENG_AUDIT_KEY_FILE`, else none.
    var auditKeyPath: String? {
        if let auditKey, !auditKey.isEmpty { return auditKey }
        let env = ProcessInfo.processInfo.environment["JUNHENG_AUDIT_KEY_FILE"]
        return env?.isEmpty == false ? env : nil
    }

    /// Exits 66 when the SQLite file does not exist (so nothing creates an empty database by mistake).
    func requireExistingDatabase() throws {
        if case .sqliteFile(let path) = store, !FileManager.default.fileExists(atPath: path) {
            FileHandle.standardError.write(Data("找不到数据库 \(path) / no database at \(path)\n".utf8))
            throw ExitCode(66)
        }
    }
}

/// Prints a database check: rows per table and the audit chain; exits 1 when the chain is broken.
func printCheck(_ check: DatabaseBackup.Check) throws {
    print("行数 / rows per table:")
    for (table, rows) in check.counts { print("  \(table.padding(toLength: 32, withPad: " ", startingAt: 0)) \(rows)") }
    if let b = check.chainBreak {
        print("审计日志哈希链断裂 / audit chain BROKEN at entry \(b.seq): \(b.zh) / \(b.en)")
        throw ExitCode(1)
    }
    print("审计日志完整：\(check.auditEntries) 条 / audit chain intact: \(check.auditEntries) entries")
}
