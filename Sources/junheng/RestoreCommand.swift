import ArgumentParser
import Foundation
import JunhengWeb

/// `junheng restore FILE`: replaces the database with a backup, then checks it.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "从备份恢复数据库 / restore the database from a backup",
        discussion: """
        先停止 junheng serve。SQLite：备份文件经检查后替换数据库文件；PostgreSQL（DATABASE_URL）：pg_restore --clean。
        之后检查审计链并列出各表行数；给出 --audit-key 时，把恢复后的最新记录签为审计日志头并记录这次恢复。
        Stop `junheng serve` first. SQLite: the checked backup replaces the database file; PostgreSQL: pg_restore --clean.
        Then the audit chain is verified and rows per table printed; with --audit-key the restored log's newest entry is
        signed as the audit head and the restore is recorded.
        退出码 / exit codes: 0 ok; 1 audit chain broken; 66 no backup file; 70 restore failed.
        """)

    @Argument(help: "备份文件 / the backup file")
    var file: String

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        guard FileManager.default.fileExists(atPath: file) else {
            FileHandle.standardError.write(Data("找不到备份 \(file) / no backup at \(file)\n".utf8))
            throw ExitCode(66)
        }
        let check: DatabaseBackup.Check
        do {
            check = try await DatabaseBackup.restore(store: database.store, from: file)
            if check.chainBreak == nil, let key = database.auditKeyPath {
                try await DatabaseBackup.reanchor(store: database.store, keyPath: key, restoredFrom: file)
            }
        } catch {
            FileHandle.standardError.write(Data("恢复失败 / restore failed: \(error)\n".utf8))
            throw ExitCode(70)
        }
        print("已从 \(file) 恢复 / restored from \(file)")
        try printCheck(check)
    }
}
