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

/// `junheng audit verify`: recomputes the hash chain, checks it against the signed head, names the first problem.
struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "校验审计日志的哈希链 / verify the audit log's hash chain",
        discussion: """
        只读取，不迁移数据库。给出 --audit-key（或 JUNHENG_AUDIT_KEY_FILE）时，还核对签名的日志头，发现删除最新记录或改写尾部。
        Reads only; never migrates. With --audit-key (or JUNHENG_AUDIT_KEY_FILE) the signed head is checked too, which
        detects deleted newest entries and a rewritten tail.
        退出码 / exit codes: 0 完整 intact; 1 链断裂或与日志头不符 broken or head mismatch; 65 无 Junheng 表 no schema; 66 找不到数据库 no database.
        """)

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try database.requireExistingDatabase()
        let records: [AuditRecord]
        do {
            records = try await WebServer.auditRecords(store: database.store)
        } catch let missing as WebServer.MissingSchema {
            FileHandle.standardError.write(Data("\(missing)\n".utf8))
            throw ExitCode(65)
        }
        if let broken = AuditChain.verify(records) {
            let entry = records.first { $0.seq == broken.seq }
            print("审计日志哈希链断裂 / audit chain BROKEN at entry \(broken.seq)")
            print("  \(broken.zh)")
            print("  \(broken.en)")
            if let e = entry { print("  #\(e.seq) \(ISO8601DateFormatter().string(from: e.date)) \(e.actor) \(e.action) \(e.target)") }
            throw ExitCode(1)
        }
        if let key = database.auditKeyPath {
            guard FileManager.default.fileExists(atPath: key) else {
                FileHandle.standardError.write(Data("找不到审计密钥 \(key) / no audit key at \(key)\n".utf8))
                throw ExitCode(66)
            }
            if let mismatch = try AuditAnchor(keyPath: key).check(records) {
                print("审计日志与签名的日志头不符 / audit log does NOT match its signed head")
                print("  \(mismatch.zh)")
                print("  \(mismatch.en)")
                throw ExitCode(1)
            }
            print("审计日志头签名一致 / signed audit head matches (entry \(records.last?.seq ?? 0))")
        } else {
            print("未给出 --audit-key：只校验了哈希链，未核对日志头 / no --audit-key: chain only, head not checked")
        }
        print("审计日志完整：\(records.count) 条记录的哈希链均已校验 / audit chain intact: \(records.count) entries verified")
    }
}
