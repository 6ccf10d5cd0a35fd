import Crypto
import Foundation

extension SHA256 {
    /// SHA-256 of `data` as 64 lowercase hex digits (file hashes, token hashes, the audit chain).
    static func hex<D: DataProtocol>(_ data: D) -> String {
        hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
