import CreditBank
import Teachers
import Foundation
import Vapor

/// How the web platform runs: database, cookies, password cost, demo mode.
public struct WebConfiguration: Sendable {
    /// Where the data lives.
    public enum Store: Sendable, Equatable {
        /// An SQLite file (created on start).
        case sqliteFile(String)
        /// An in-memory SQLite database (tests).
        case sqliteMemory
        /// PostgreSQL at this URL (`postgres://user:pass@host:port/db`).
        case postgres(String)
    }

    public var store: Store
    /// Bcrypt cost for new password hashes (12 in production; tests use 4).
    public var bcryptCost: Int
    /// Whether cookies carry the Secure flag (set it when served over HTTPS).
    public var secureCookies: Bool
    /// Seeds the demo province and accounts and allows their shared password.
    public var demo: Bool
    /// Chromium executable for PDF downloads, if any.
    public var chromiumPath: String?
    /// Addresses of reverse proxies whose forwarding header is believed (e.g. ["127.0.0.1"] behind a local nginx).
    public var trustedProxies: Set<String> = []
    /// The header a trusted proxy puts the client's address in.
    public var forwardedHeader: String = "X-Forwarded-For"
    /// The HMAC key file that anchors the audit log's head (`--audit-key`); keep it outside the data directory.
    public var auditKeyPath: String?
    /// The credit bank's key file (issuer Ed25519 seed, then 32 bytes no longer used for ID numbers; created 0600 when
    /// missing); nil: a per-process key.
    public var creditKeyPath: String?
    /// The key hashing 身份证号 for the teacher register and the credit bank alike (`serve --id-key FILE` or
    /// `JUNHENG_ID_KEY`); nil: a random key per process, drawn at `configure` (`idKeyIsEphemeral`).
    public var idKey: IDNumberKey?
    /// Whether `idKey` was drawn at random because none was configured.
    public internal(set) var idKeyIsEphemeral = false
    /// The credit framework the web bank applies (`--credit-rules`: a preset id or a rules file); default `national`.
    public var creditRules: CreditRules? = RulePresets.rules(id: "national")
    /// Ledger entries whose credentials share one status list of the bank (see `CreditStore.list(forSeq:)`).
    public var creditStatusEntriesPerList = 16_384
    /// The job queue's workers, lease and time limits.
    public var jobs: JobSettings
    /// The address the public reaches the server at (`--public-url`), for the links and QR codes on survey slips;
    /// nil: the request's host.
    public var publicURL: String?
    /// Survey answers admitted per client address a minute on the public answer path (0: no limit).
    public var surveyAnswersPerMinute = 60
    /// Where assessment evidence files are stored (`--evidence-dir`); nil: beside the SQLite file, or a temporary directory.
    public var evidenceDirectory: String?
    /// Largest evidence file accepted (20 MB).
    public var evidenceMaxBytes: Int = 20 << 20
    /// Hash checked when a login names no known user, so response time does not reveal usernames.
    var unknownUserHash: String = ""

    public init(store: Store, bcryptCost: Int = 12, secureCookies: Bool = false, demo: Bool = false,
                chromiumPath: String? = WebConfiguration.findChromium(), jobs: JobSettings = JobSettings(),
                auditKeyPath: String? = nil) {
        self.store = store
        self.bcryptCost = bcryptCost
        self.secureCookies = secureCookies
        self.demo = demo
        self.chromiumPath = chromiumPath
        self.jobs = jobs
        self.auditKeyPath = auditKeyPath
    }

    /// `DATABASE_URL` when set, else `./data/junheng.sqlite`.
    public static func storeFromEnvironment(sqlitePath: String = "data/junheng.sqlite") -> Store {
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty { return .postgres(url) }
        return .sqliteFile(sqlitePath)
    }

    /// The first of Debian's chromium names found on PATH.
    public static func findChromium() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for dir in path.split(separator: ":") {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }
}

extension Application {
    private struct WebConfigurationKey: StorageKey { typealias Value = WebConfiguration }

    /// The configuration the app was set up with.
    public var web: WebConfiguration {
        get { storage[WebConfigurationKey.self]! }
        set { storage[WebConfigurationKey.self] = newValue }
    }
}
