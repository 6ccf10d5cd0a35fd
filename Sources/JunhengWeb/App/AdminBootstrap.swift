import Fluent
import Foundation
import Vapor

extension WebServer {
    /// Whether `name` is a valid username (3–40 letters, digits, `.`, `_`, `-`).
    public static func isValidUsername(_ name: String) -> Bool {
        name.range(of: "^[A-Za-z0-9._-]{3,40}$", options: .regularExpression) != nil
    }

    public static let usernameRule = "用户名应为 3–40 位字母、数字、点、下划线或连字符 / username: 3–40 letters, digits, . _ -"

    /// Creates an administrator account (the first one of a real installation, without demo data): migrates the
    /// database, hashes the password with bcrypt (cost 12) and audits the creation.
    public static func createAdmin(store: WebConfiguration.Store, username: String, displayName: String, password: String,
                                   auditKeyPath: String?) async throws {
        guard isValidUsername(username) else { throw DatabaseBackup.Failure(description: usernameRule) }
        guard password.count >= 12, password.utf8.count <= 72 else {
            throw DatabaseBackup.Failure(description: "密码应为 12 位以上、不超过 72 字节 / the password needs 12 characters or more and at most 72 bytes")
        }
        let app = try await Application.make(Environment(name: "production", arguments: ["junheng"]))
        do {
            try await configureDatabase(app, store)
            if try await User.query(on: app.db).filter(\.$username == username).first() != nil {
                throw DatabaseBackup.Failure(description: "用户名已存在 / username \(username) exists")
            }
            let hash = try Bcrypt.hash(password, cost: 12)
            try await User(username: username, displayName: displayName, passwordHash: hash, role: .admin,
                           regionID: nil, schoolID: nil, teacherID: nil).create(on: app.db)
            let log = AuditLog(anchor: try auditKeyPath.map { try AuditAnchor(keyPath: $0) })
            try await log.append(on: app.db, actor: "system:cli", action: "user-create", target: "user:\(username)", detail: "role admin (junheng user create-admin)")
            try await app.asyncShutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
