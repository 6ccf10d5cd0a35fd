import Crypto
import Foundation

/// Anchors the audit chain's head outside the database: after every append the newest entry's seq and hash are
/// written, with an HMAC under a key kept in a file the database never sees, to `<key file>.head`. Truncating the
/// newest rows or rewriting the tail then no longer matches the signed head, which `junheng audit verify` checks.
public struct AuditAnchor: Sendable {
    /// The key file (32 random bytes, hex), created with mode 0600 when missing.
    public let keyPath: String
    private let key: SymmetricKey

    /// The signed head file beside the key.
    public var headPath: String { keyPath + ".head" }

    /// Loads the key, creating it (0600, in a directory created 0700) when the file does not exist.
    public init(keyPath: String) throws {
        self.keyPath = keyPath
        let fm = FileManager.default
        if !fm.fileExists(atPath: keyPath) {
            let dir = (keyPath as NSString).deletingLastPathComponent
            if !dir.isEmpty { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) }
            let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
            let hex = bytes.map { String(format: "%02x", $0) }.joined()
            guard fm.createFile(atPath: keyPath, contents: Data((hex + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
                throw AnchorError.unusableKey(keyPath, "cannot create the key file")
            }
        }
        guard let text = fm.contents(atPath: keyPath).map({ String(decoding: $0, as: UTF8.self) })?
            .trimmingCharacters(in: .whitespacesAndNewlines), text.count == 64 else {
            throw AnchorError.unusableKey(keyPath, "expected 64 hex digits")
        }
        var bytes: [UInt8] = []
        var chars = Array(text.utf8)[...]
        while chars.count >= 2 {
            guard let b = UInt8(String(decoding: chars.prefix(2), as: UTF8.self), radix: 16) else {
                throw AnchorError.unusableKey(keyPath, "expected 64 hex digits")
            }
            bytes.append(b)
            chars = chars.dropFirst(2)
        }
        key = SymmetricKey(data: bytes)
    }

    /// A signed head: the newest entry's seq and hash.
    public struct Head: Equatable, Sendable {
        public var seq: Int
        public var hash: String
        public var mac: String
    }

    /// Why an anchored log does not match its head.
    public enum Mismatch: Equatable, Sendable {
        /// The head file is missing or unreadable although the log has entries.
        case missingHead
        /// The head's HMAC is wrong (the file was edited or belongs to another key).
        case forgedHead
        /// The log ends before the signed head: its newest entries were deleted.
        case truncated(head: Int, last: Int)
        /// The entry at the head's seq has another hash: the tail was rewritten.
        case rewritten(seq: Int)

        public var zh: String {
            switch self {
            case .missingHead: "找不到签名的审计日志头（.head 文件）"
            case .forgedHead: "审计日志头的 HMAC 不符（文件被修改或密钥不对）"
            case .truncated(let h, let l): "日志止于第 \(l) 条，而签名的头为第 \(h) 条：最新的 \(h - l) 条记录被删除"
            case .rewritten(let s): "第 \(s) 条记录与签名的头不符：日志尾部被改写"
            }
        }
        public var en: String {
            switch self {
            case .missingHead: "no signed audit head (.head file)"
            case .forgedHead: "the audit head's HMAC does not match (file edited, or another key)"
            case .truncated(let h, let l): "the log ends at entry \(l) but the signed head is entry \(h): the newest \(h - l) entries were deleted"
            case .rewritten(let s): "entry \(s) does not match the signed head: the tail was rewritten"
            }
        }
    }

    /// Problems reading or writing the key.
    public enum AnchorError: Error, CustomStringConvertible {
        case unusableKey(String, String)
        public var description: String {
            switch self { case .unusableKey(let p, let why): "audit key \(p): \(why)" }
        }
    }

    func mac(seq: Int, hash: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data("junheng-audit-head:\(seq):\(hash)".utf8), using: key)
        return code.map { String(format: "%02x", $0) }.joined()
    }

    /// Writes the signed head for `record` (atomically: a temporary file renamed over the old one), unless the
    /// file already names a newer entry (`force` after a restore, which rolls the log back on purpose).
    func write(_ record: AuditRecord, force: Bool = false) throws {
        if !force, let current = readHead(), current.seq >= record.seq, current.mac == mac(seq: current.seq, hash: current.hash) { return }
        let line = "\(record.seq) \(record.hash) \(mac(seq: record.seq, hash: record.hash))\n"
        let tmp = headPath + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: tmp, contents: Data(line.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw AnchorError.unusableKey(headPath, "cannot write the audit head")
        }
        guard rename(tmp, headPath) == 0 else { throw AnchorError.unusableKey(headPath, "cannot replace the audit head") }
    }

    /// The head file as stored, or nil when missing or malformed.
    public func readHead() -> Head? {
        guard let data = FileManager.default.contents(atPath: headPath) else { return nil }
        let parts = String(decoding: data, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard parts.count == 3, let seq = Int(parts[0]) else { return nil }
        return Head(seq: seq, hash: String(parts[1]), mac: String(parts[2]))
    }

    /// Checks the log (already verified as a chain) against the signed head; nil when they agree.
    public func check(_ records: [AuditRecord]) -> Mismatch? {
        guard let head = readHead() else { return records.isEmpty ? nil : .missingHead }
        guard head.mac == mac(seq: head.seq, hash: head.hash) else { return .forgedHead }
        let last = records.last?.seq ?? 0
        if last < head.seq { return .truncated(head: head.seq, last: last) }
        guard let entry = records.first(where: { $0.seq == head.seq }), entry.hash == head.hash else { return .rewritten(seq: head.seq) }
        return nil
    }
}
