import Crypto
import Foundation

/// An audit entry as plain data, with the hash that chains it to the previous one.
public struct AuditRecord: Sendable, Equatable {
    public var seq: Int
    public var atMillis: Int64
    public var actor: String
    public var action: String
    public var target: String
    public var detail: String
    public var prevHash: String
    public var hash: String

    public var date: Date { Date(timeIntervalSince1970: Double(atMillis) / 1000) }
}

/// The hash chain: each entry's hash covers its fields and the previous entry's hash.
public enum AuditChain {
    /// The previous hash of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// SHA-256 over the entry's fields, length-prefixed so no two field lists hash alike.
    public static func hash(seq: Int, atMillis: Int64, actor: String, action: String, target: String,
                            detail: String, prevHash: String) -> String {
        var bytes: [UInt8] = []
        for field in [String(seq), String(atMillis), actor, action, target, detail, prevHash] {
            let utf8 = Array(field.utf8)
            bytes += Array(String(utf8.count).utf8) + [0x3A] + utf8
        }
        return SHA256.hex(bytes)
    }

    /// Makes the record that follows `previous` (nil for the first).
    public static func next(after previous: AuditRecord?, atMillis: Int64, actor: String, action: String,
                            target: String, detail: String) -> AuditRecord {
        let seq = (previous?.seq ?? 0) + 1
        let prev = previous?.hash ?? genesis
        return AuditRecord(seq: seq, atMillis: atMillis, actor: actor, action: action, target: target, detail: detail,
                           prevHash: prev, hash: hash(seq: seq, atMillis: atMillis, actor: actor, action: action,
                                                      target: target, detail: detail, prevHash: prev))
    }

    /// Why a chain is broken.
    public enum Break: Equatable, Sendable {
        /// The entry's stored hash does not match its fields.
        case alteredEntry(seq: Int)
        /// The entry does not point at the hash of the entry before it.
        case brokenLink(seq: Int)
        /// Sequence numbers skip or repeat (an entry was removed or inserted).
        case gap(expected: Int, found: Int)

        public var seq: Int {
            switch self { case .alteredEntry(let s), .brokenLink(let s): s; case .gap(_, let found): found }
        }
        public var zh: String {
            switch self {
            case .alteredEntry(let s): "第 \(s) 条记录的内容与其哈希不符（被修改）"
            case .brokenLink(let s): "第 \(s) 条记录未指向上一条记录的哈希（链断裂）"
            case .gap(let e, let f): "序号不连续：应为 \(e)，实为 \(f)（记录被删除或插入）"
            }
        }
        public var en: String {
            switch self {
            case .alteredEntry(let s): "entry \(s) does not match its hash (altered)"
            case .brokenLink(let s): "entry \(s) does not point at the previous entry's hash (broken link)"
            case .gap(let e, let f): "sequence skips: expected \(e), found \(f) (entry removed or inserted)"
            }
        }
    }

    /// The first break in `records` (in seq order), or nil when the whole chain holds.
    public static func verify(_ records: [AuditRecord]) -> Break? {
        var previousHash = genesis
        for (i, r) in records.enumerated() {
            if r.seq != i + 1 { return .gap(expected: i + 1, found: r.seq) }
            if r.prevHash != previousHash { return .brokenLink(seq: r.seq) }
            let expected = hash(seq: r.seq, atMillis: r.atMillis, actor: r.actor, action: r.action, target: r.target,
                                detail: r.detail, prevHash: r.prevHash)
            if r.hash != expected { return .alteredEntry(seq: r.seq) }
            previousHash = r.hash
        }
        return nil
    }
}
