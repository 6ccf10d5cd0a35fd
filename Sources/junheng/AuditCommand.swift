import ArgumentParser
import Foundation
import JunhengWeb

/// `junheng audit`: checks the web platform's audit log.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "审计日志 / audit log",
        subcommands: [AuditVerifyCommand.self])
}

/// `junheng audit verify`: recomputes the hash chain and names the first broken entry.
struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "校验审计日志的哈希链 / verify the audit log's hash chain",
        discussion: "退出码 / exit codes: 0 完整 intact; 1 链断裂 broken; 66 找不到数据库 no database.")

    @Option(help: "SQLite 文件（未设置 DATABASE_URL 时）/ SQLite file when DATABASE_URL is unset")
    var sqlite: String = "data/junheng.sqlite"

    func run() async throws {
        let store = WebConfiguration.storeFromEnvironment(sqlitePath: sqlite)
        if case .sqliteFile(let path) = store, !FileManager.default.fileExists(atPath: path) {
            FileHandle.standardError.write(Data("找不到数据库 \(path) / no database at \(path)\n".utf8))
            throw ExitCode(66)
        }
        let records = try await WebServer.auditRecords(store: store)
        if let broken = AuditChain.verify(records) {
            let entry = records.first { $0.seq == broken.seq }
            print("审计日志哈希链断裂 / audit chain BROKEN at entry \(broken.seq)")
            print("  \(broken.zh)")
            print("  \(broken.en)")
            if let e = entry { print("  #\(e.seq) \(ISO8601DateFormatter().string(from: e.date)) \(e.actor) \(e.action) \(e.target)") }
            throw ExitCode(1)
        }
        print("审计日志完整：\(records.count) 条记录的哈希链均已校验 / audit chain intact: \(records.count) entries verified")
    }
}
