import Foundation

/// The rules a new password must meet (bcrypt reads 72 bytes, so longer ones are refused, not truncated).
struct PasswordPolicy: Sendable {
    var minimumCharacters = Limits.passwordMinimum
    var maximumBytes = Limits.passwordBytes
    /// Passwords refused outright (compared case-insensitively): the published demo password and common choices.
    var refused: Set<String> = ["junheng-demo", "password123", "1234567890", "0123456789", "qwertyuiop", "12345678910",
                                "password1234", "iloveyou123", "abcdefghij", "1qaz2wsx3edc", "woaini1314", "a123456789",
                                "admin12345", "administrator", "junheng123", "junheng2017"]

    static let standard = PasswordPolicy()

    /// Why the password is refused (zh, en), or nil when it is acceptable.
    func problem(_ password: String, username: String) -> (zh: String, en: String)? {
        if password.count < minimumCharacters {
            return ("密码至少 \(minimumCharacters) 个字符", "a password needs at least \(minimumCharacters) characters")
        }
        if password.utf8.count > maximumBytes {
            return ("密码不能超过 \(maximumBytes) 字节（约 24 个汉字）", "a password may have at most \(maximumBytes) bytes")
        }
        let lower = password.lowercased()
        if refused.contains(lower) { return ("该密码过于常见或已公开，请换一个", "that password is too common or published") }
        if !username.isEmpty, lower.contains(username.lowercased()) { return ("密码不能包含用户名", "a password may not contain the username") }
        if Set(password).count < 4 { return ("密码至少要有 4 个不同的字符", "a password needs at least 4 different characters") }
        return nil
    }
}
