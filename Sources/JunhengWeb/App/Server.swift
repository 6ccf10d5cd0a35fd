import Foundation
import Vapor

/// Entry points the CLI calls, so it need not import Vapor.
public enum WebServer {
    /// Runs the platform until interrupted, printing its URL (and the demo accounts with `demo`).
    public static func serve(hostname: String, port: Int, sqlitePath: String, secureCookies: Bool, demo: Bool,
                             trustedProxies: Set<String> = []) async throws {
        var env = Environment(name: "production", arguments: ["junheng", "serve", "--hostname", hostname, "--port", String(port)])
        try LoggingSystem.bootstrap(from: &env)
        let app = try await Application.make(env)
        do {
            let store = WebConfiguration.storeFromEnvironment(sqlitePath: sqlitePath)
            var config = WebConfiguration(store: store, secureCookies: secureCookies, demo: demo)
            config.trustedProxies = trustedProxies
            try await configure(app, config)
            let host = hostname == "0.0.0.0" ? "localhost" : hostname
            print("均衡 Junheng 网页平台 / web platform: http://\(host):\(port)/")
            if case .postgres = store { print("数据库 / database: PostgreSQL (DATABASE_URL)") }
            else { print("数据库 / database: SQLite \(sqlitePath)") }
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

    /// The audit log of the configured database, in order.
    public static func auditRecords(store: WebConfiguration.Store) async throws -> [AuditRecord] {
        let app = try await Application.make(Environment(name: "production", arguments: ["junheng"]))
        do {
            try await configureDatabase(app, store)
            let records = try await AuditLog.records(on: app.db)
            try await app.asyncShutdown()
            return records
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }
}
