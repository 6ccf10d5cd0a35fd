import CreditBank
import FluentSQL
import Foundation
import Teachers
import Vapor

/// Entry points the CLI calls, so it need not import Vapor.
public enum WebServer {
    /// Runs the platform until interrupted, printing its URL (and the demo accounts with `demo`).
    public static func serve(hostname: String, port: Int, sqlitePath: String, secureCookies: Bool, demo: Bool,
                             trustedProxies: Set<String> = [], auditKeyPath: String? = nil, workers: Int = 2,
                             publicURL: String? = nil, surveyAnswersPerMinute: Int = 60,
                             evidenceDirectory: String? = nil, creditKeyPath: String? = nil,
                             creditRules: CreditRules? = nil, idKey: IDNumberKey? = nil) async throws {
        var env = Environment(name: "production", arguments: ["junheng", "serve", "--hostname", hostname, "--port", String(port)])
        try LoggingSystem.bootstrap(from: &env)
        let app = try await Application.make(env)
        do {
            let store = WebConfiguration.storeFromEnvironment(sqlitePath: sqlitePath)
            var config = WebConfiguration(store: store, secureCookies: secureCookies, demo: demo,
                                          jobs: JobSettings(workers: workers), auditKeyPath: auditKeyPath)
            config.trustedProxies = trustedProxies
            config.publicURL = publicURL
            config.surveyAnswersPerMinute = surveyAnswersPerMinute
            config.evidenceDirectory = evidenceDirectory
            config.creditKeyPath = creditKeyPath
            config.idKey = idKey
            if let creditRules { config.creditRules = creditRules }
            try await configure(app, config)
            let host = hostname == "0.0.0.0" ? "localhost" : hostname
            print("均衡 Junheng 网页平台 / web platform: http://\(host):\(port)/")
            if case .postgres = store { print("数据库 / database: PostgreSQL (DATABASE_URL)") }
            else { print("数据库 / database: SQLite \(sqlitePath)") }
            if let auditKeyPath { print("审计日志头签名密钥 / audit head key: \(auditKeyPath)") }
            else { print("警告：未设置 --audit-key，审计日志头未锚定 / warning: no --audit-key, the audit head is not anchored") }
            if app.web.idKeyIsEphemeral { print(IDNumberKey.ephemeralWarning) }
            if demo {
                let accounts = try await DemoSeeder.seed(app)
                print("演示账户（密码 \(DemoSeeder.password)）/ demo accounts (password \(DemoSeeder.password)):")
                for a in accounts { print("  \(a.username.padding(toLength: 18, withPad: " ", startingAt: 0)) \(a.roleZH)  \(a.scope)") }
            }
            fflush(nil)
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// The audit log of the configured database, in order, read without migrating (a missing schema is an error).
    public static func auditRecords(store: WebConfiguration.Store) async throws -> [AuditRecord] {
        try await withDatabase(store) { app in
            try await requireTables(["audit_log"], on: app.db)
            return try await AuditLog.records(on: app.db)
        }
    }

    /// Runs `body` with the database connected but not migrated, then shuts it down.
    static func withDatabase<T: Sendable>(_ store: WebConfiguration.Store, _ body: (Application) async throws -> T) async throws -> T {
        let app = try await Application.make(Environment(name: "production", arguments: ["junheng"]))
        do {
            try connectDatabase(app, store)
            let result = try await body(app)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    /// The database has no Junheng schema (never served, or another database).
    public struct MissingSchema: Error, CustomStringConvertible {
        public var tables: [String]
        public var description: String {
            "数据库中没有 Junheng 的表 \(tables.joined(separator: ", "))（从未运行 junheng serve？）/ the database lacks Junheng's tables \(tables.joined(separator: ", ")) (never served?)"
        }
    }

    /// The tables of the database (user tables only).
    static func tableNames(on db: any Database) async throws -> Set<String> {
        guard let sql = db as? any SQLDatabase else { return [] }
        let rows = sql.dialect.name == "postgresql"
            ? try await sql.raw("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()").all()
            : try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table'").all()
        return Set(try rows.map { try $0.decode(column: "name", as: String.self) })
    }

    static func requireTables(_ names: [String], on db: any Database) async throws {
        let present = try await tableNames(on: db)
        let missing = names.filter { !present.contains($0) }
        if !missing.isEmpty { throw MissingSchema(tables: missing) }
    }
}
