import Crypto
import Foundation

extension SHA256 {
    /// SHA-256 of `data` as 64 lowercase hex digits (file hashes, token and session hashes, the audit chain).
    /// Written with a digit table: `String(format: "%02x")` per byte was 12% of a dashboard view (two session hashes).
    static func hex<D: DataProtocol>(_ data: D) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for b in hash(data: data) {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
