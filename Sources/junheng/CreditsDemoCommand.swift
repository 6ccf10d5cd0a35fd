import ArgumentParser
import CreditBank
import Foundation
import JunhengDemo

/// `junheng credits demo --out DIR`: a demo issuer (did:key and key), a signed CLR transcript, the signed status list,
/// a revoked credential, the hash-chained ledger and its outcomes as a ledger CSV.
struct CreditsDemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "写出学分银行演示：签发者、成绩单、状态列表、已撤销凭证 / write the credit-bank demo files")

    @Option(help: "输出文件夹 / output folder") var out: String
    @Option(help: "固定种子（可重复的密钥与索引，仅测试用）/ fixed seed for a reproducible key and indices (tests only)") var seed: UInt64?

    func run() throws {
        let key: IssuerKey
        var g = SeededGenerator(seed: seed ?? UInt64.random(in: 0...UInt64.max))
        if seed != nil {
            key = try IssuerKey(seed: (0..<4).flatMap { _ in withUnsafeBytes(of: g.next()) { Array($0) } })
        } else {
            key = IssuerKey()
        }
        let now = ISO8601DateFormatter().string(from: Date())
        let demo = try CreditDemo.build(key: key, now: now, random: &g)
        let dir = URL(fileURLWithPath: out)
        do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) } catch {
            Console.error("无法创建 \(out) / cannot create \(out)"); throw ExitCode(73)
        }
        let keyFile: JSONValue = [
            "warning": "演示密钥，切勿用于正式签发 / DEMO KEY: never use for real credentials",
            "did": .string(key.didKey), "verificationMethod": .string(key.didKeyVerificationMethod),
            "publicKeyMultibase": .string(key.publicKeyMultibase), "privateKeyMultibase": .string(key.privateKeyMultibase),
        ]
        var csv = "learner_id,outcome_id,institution,kind,title,credits,hours,end_date,attendance_pct,score\n"
        for learner in demo.ledger.learners {
            for o in demo.ledger.live(learnerID: learner).sorted(by: { $0.key < $1.key }).map(\.value) {
                csv += [o.learnerID, o.id, o.institution, o.kind.rawValue, o.title, o.credits?.description ?? "", o.hours?.description ?? "",
                        o.endDate.description, o.attendancePct?.description ?? "", o.score?.description ?? ""].joined(separator: ",") + "\n"
            }
        }
        let files: [(String, String)] = [
            ("issuer-did.json", JSONText.pretty(demo.didDocument)),
            ("issuer-key.json", JSONText.pretty(keyFile)),
            ("transcript.json", JSONText.pretty(demo.transcript)),
            ("status-list.json", JSONText.pretty(demo.statusList)),
            ("revoked-credential.json", JSONText.pretty(demo.revokedCredential)),
            ("ledger.json", JSONText.pretty(.array(demo.ledger.entries.map(\.json)))),
            ("ledger.csv", csv),
        ]
        for (name, text) in files {
            do { try Data(text.utf8).write(to: dir.appendingPathComponent(name), options: .atomic) } catch {
                Console.error("无法写入 \(name) / cannot write \(name)"); throw ExitCode(73)
            }
        }
        Console.out(Array("""
        已写出 / written to \(out): \(files.map(\.0).joined(separator: ", "))
        签发者 / issuer: \(key.didKey)
        学习者 \(demo.learnerID) 累计 \(demo.balance.creditedTotal) 学分（要求 \(demo.balance.required?.description ?? "-")）
        验证 / verify:
          junheng credits verify \(out)/transcript.json --status-list \(out)/status-list.json
          junheng credits verify \(out)/revoked-credential.json --status-list \(out)/status-list.json   # exit 1: revoked

        """.utf8))
    }
}
