import Fluent
import Foundation

/// One entry of the append-only audit log, hash-chained to the entry before it.
public final class AuditEntry: Model, @unchecked Sendable {
    public static let schema = "audit_log"

    @ID(key: .id) public var id: UUID?
    /// 1, 2, 3, … with no gaps; unique, so two writers cannot fork the chain.
    @Field(key: "seq") public var seq: Int
    /// Milliseconds since 1970 (an integer, so the hash survives every database's date rounding).
    @Field(key: "at_ms") public var atMillis: Int64
    /// Username, or "-" when nobody is logged in.
    @Field(key: "actor") public var actor: String
    @Field(key: "action") public var action: String
    @Field(key: "target") public var target: String
    @Field(key: "detail") public var detail: String
    @Field(key: "prev_hash") public var prevHash: String
    @Field(key: "hash") public var hash: String

    public init() {}

    init(_ record: AuditRecord) {
        seq = record.seq
        atMillis = record.atMillis
        actor = record.actor
        action = record.action
        target = record.target
        detail = record.detail
        prevHash = record.prevHash
        hash = record.hash
    }

    var record: AuditRecord {
        AuditRecord(seq: seq, atMillis: atMillis, actor: actor, action: action, target: target, detail: detail,
                    prevHash: prevHash, hash: hash)
    }
}
