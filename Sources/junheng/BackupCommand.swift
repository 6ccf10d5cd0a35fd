import ArgumentParser
import Foundation
import JunhengWeb

/// `junheng backup FILE`: a consistent copy of the live database, then a check of the copy.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "备份数据库 / back up the database",
        discussion: """
        SQLite：VACUUM INTO 生成一致的副本（服务可继续运行）；PostgreSQL（DATABASE_URL）：pg_dump -Fc。之后检查审计链并列出各表行数。
        SQLite: VACUUM INTO writes a consistent copy while the server runs; PostgreSQL (DATABASE_URL): pg_dump -Fc.
        Then the audit chain is verified and the rows per table are printed.
        退出码 / exit codes: 0 ok; 1 audit chain broken; 66 no database; 70 backup failed.
        """)

    @Argument(help: "备份文件（不得已存在）/ the backup file (must not exist)")
    var file: String

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if FileManager.default.fileExists(atPath: file) { throw ValidationError("\(file) 已存在 / already exists") }
    }

    func run() async throws {
        try database.requireExistingDatabase()
        let check: DatabaseBackup.Check
        do {
            check = try await DatabaseBackup.backup(store: database.store, to: file)
        } catch {
            FileHandle.standardError.write(Data("备份失败 / backup failed: \(error)\n".utf8))
            throw ExitCode(70)
        }
        print("已备份到 / backed up to \(file)")
        try printCheck(check)
    }
}
