import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Teachers
import Vapor

/// Sets up databases, migrations, sessions, middleware and routes.
public func configure(_ app: Application, _ config: WebConfiguration) async throws {
    var config = config
    try await configureDatabase(app, config.store)

    app.passwords.use(.bcrypt(cost: config.bcryptCost))
    config.unknownUserHash = try Bcrypt.hash("unknown-user-placeholder", cost: config.bcryptCost)
    if config.idKey == nil {
        config.idKey = .random()
        config.idKeyIsEphemeral = true
        app.logger.warning("\(IDNumberKey.ephemeralWarning)")
    }
    app.web = config
    app.loginThrottle = LoginThrottle()
    app.evaluations = EvaluationCache()
    app.lookups = LookupCaches()
    app.surveys = SurveyService()
    app.publicFunding = PublicFundingCache()
    app.surveyThrottle = SurveyThrottle(perMinute: config.surveyAnswersPerMinute)
    app.auditLog = AuditLog(anchor: try config.auditKeyPath.map { try AuditAnchor(keyPath: $0) })
    let workers = JobWorkers(settings: config.jobs)
    app.jobWorkers = workers
    app.lifecycle.use(workers)

    let secure = config.secureCookies
    app.sessions.configuration = SessionsConfiguration(cookieName: "junheng-session") { id in
        HTTPCookies.Value(string: id.string, maxAge: 8 * 3600, path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }
    let sessionStore = DatabaseSessions()
    app.sessionStore = sessionStore
    app.sessions.use { _ in sessionStore }
    app.middleware = Middlewares()
    app.middleware.use(SecurityHeadersMiddleware(hsts: secure))
    app.middleware.use(RouteLoggingMiddleware(logLevel: .debug))
    app.middleware.use(ErrorPageMiddleware())
    app.middleware.use(AuditGuardMiddleware())
    app.middleware.use(LanguageCookieMiddleware())
    app.routes.defaultMaxBodySize = Limits.formBody

    try routes(app)
}

/// Connects the database and brings its schema up to date (the server; `junheng audit verify` only connects).
public func configureDatabase(_ app: Application, _ store: WebConfiguration.Store) async throws {
    try connectDatabase(app, store)
    if case .sqliteFile = store { try await useWriteAheadLog(app.db) }
    app.migrations.add(Migrations.all)
    try await app.autoMigrate().get()
}

/// SQLite in WAL mode (kept in the file; `synchronous` stays at SQLite's default FULL): a commit is one fsync of the
/// log instead of the rollback journal's several, and pages read while answers are written. Still durable: a commit
/// is on disk before it returns. The survey's answer path measured 911 accepted/s with the rollback journal.
func useWriteAheadLog(_ db: any Database) async throws {
    guard let sql = db as? any SQLDatabase else { return }
    try await sql.raw("PRAGMA journal_mode = WAL").run()
}

/// Connects the database without changing it (no migrations).
func connectDatabase(_ app: Application, _ store: WebConfiguration.Store) throws {
    switch store {
    case .sqliteFile(let path):
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory), as: .sqlite)
    case .postgres(let url):
        app.databases.use(try .postgres(url: url), as: .psql)
    }
}
