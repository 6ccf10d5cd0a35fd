import ArgumentParser
import CreditBank
import Foundation

/// `junheng credits verify FILE [--status-list FILE] [--did FILE]`: exit 0 valid, 1 invalid, 2 status unknown.
struct CreditsVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "离线验证成绩单或徽章凭证 / verify a transcript or credential offline",
        discussion: """
        退出码 / exit codes: 0 有效 valid; 1 无效 invalid（签名不符、已撤销、过期、格式错误）; 2 无法确认 status unknown
        （缺少或无法信任状态列表、找不到签名密钥）。无法读取状态时绝不报告「有效」。
        """)

    @Argument(help: "凭证 JSON（ClrCredential 或 AchievementCredential）/ the credential JSON") var file: String
    @Option(name: .customLong("status-list"), help: "已签名的状态列表凭证（可重复）/ a signed status list credential (repeatable)")
    var statusList: [String] = []
    @Option(help: "签发者的 DID 文档（did:web 需要；可重复）/ the issuer's DID document (repeatable)") var did: [String] = []
    @Option(help: "验证时刻（默认现在）/ the time to check validity at (default now), YYYY-MM-DDTHH:MM:SSZ") var at: String?

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file), data.count <= JSONParser.maxBytes else {
            Console.error("无法读取 \(file) / cannot read \(file)")
            throw ExitCode(66)
        }
        let document: JSONValue
        do { document = try JSONParser.parse([UInt8](data)) } catch {
            Console.out(Array("无效 / invalid\n  ✗ \(file): \(error)\n".utf8))
            throw ExitCode(1)
        }
        var notes: [String] = []
        func load(_ paths: [String], what: String) -> [JSONValue] {
            paths.compactMap { p in
                guard let d = FileManager.default.contents(atPath: p), d.count <= JSONParser.maxBytes,
                      let v = try? JSONParser.parse([UInt8](d)) else {
                    notes.append("  ! 无法读取\(what) \(p)（按缺失处理）/ cannot read \(p): treated as missing")
                    return nil
                }
                return v
            }
        }
        let lists = load(statusList, what: "状态列表"), dids = load(did, what: "DID 文档")
        let now = at ?? ISO8601DateFormatter().string(from: Date())
        let report = CredentialVerifier(didDocuments: dids, statusLists: lists, now: now).verify(document)
        var lines = [report.verdict.label] + notes
        lines += report.failures.map { "  ✗ " + $0 }
        lines += report.passed.map { "  ✓ " + $0 }
        if !report.revoked.isEmpty { lines.append("已撤销 / revoked: " + report.revoked.joined(separator: ", ")) }
        Console.out(Array((lines.joined(separator: "\n") + "\n").utf8))
        if report.verdict != .valid { throw ExitCode(Int32(report.verdict.rawValue)) }
    }
}
