import Vapor

/// Sizes and lengths the web platform accepts; anything larger is refused with 413 or a located 422.
enum Limits {
    /// Bodies of ordinary forms and JSON requests.
    static let formBody: ByteCount = "64kb"
    /// Bodies of the upload routes (statistics and 三个课堂 files).
    static let uploadBody: ByteCount = "64mb"
    /// Usernames (also what a failed login may write to the audit log).
    static let username = 40
    /// Passwords: bcrypt reads 72 bytes; longer passwords are refused rather than silently truncated.
    static let passwordBytes = 72
    /// Shortest new password.
    static let passwordMinimum = 10
    /// Display names, titles and other one-line text fields.
    static let lineField = 200
    /// Free text (notes, comments).
    static let textField = 2000
}
