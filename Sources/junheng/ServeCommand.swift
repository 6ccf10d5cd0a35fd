import ArgumentParser
import CreditBank
import Foundation
import Teachers
import JunhengImport
import JunhengWeb

/// `junheng serve`: the web platform (SQLite by default, PostgreSQL with DATABASE_URL).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "启动网页平台 / start the web platform",
        discussion: """
        默认数据库为 ./data/junheng.sqlite（启动时自动创建并迁移）；设置 DATABASE_URL=postgres://… 则使用 PostgreSQL。
        --demo 生成一个演示省（3 个县、两个学年）和演示账户（密码 junheng-demo）。
        Default database ./data/junheng.sqlite (created and migrated on start); DATABASE_URL=postgres://… uses PostgreSQL.
        """)

    @Option(help: "端口 / port")
    var port: Int = 8080

    @Option(help: "监听地址 / address to listen on")
    var hostname: String = "127.0.0.1"

    @Flag(help: "生成演示数据和演示账户 / seed the demo province and demo accounts")
    var demo = false

    @OptionGroup var database: DatabaseOptions

    @Option(help: "同时运行的后台任务数（求解、PDF）/ background jobs run at once (solves, PDFs), 1–8")
    var workers: Int = 2

    @Flag(help: "Cookie 加 Secure 标志（经 HTTPS 提供服务时）/ mark cookies Secure (when served over HTTPS)")
    var secureCookies = false

    @Option(name: .customLong("trusted-proxy"),
            help: "可信反向代理地址（可多次），其 X-Forwarded-For 视为客户端地址 / a reverse proxy whose X-Forwarded-For is believed (repeatable)")
    var trustedProxies: [String] = []

    @Option(name: .customLong("public-url"), help: "公众访问本服务器的地址，用于调查邀请单上的链接和二维码（如 https://edu.example.gov.cn）/ the address the public reaches this server at, for survey slips")
    var publicURL: String?

    @Option(name: .customLong("survey-rate"), help: "每个地址每分钟可提交的调查答卷数（0 不限）/ survey answers per address a minute (0: no limit)")
    var surveyRate: Int = 60

    @Option(name: .customLong("evidence-dir"),
            help: "评估佐证材料存放目录（不要放在代码目录内）/ where assessment evidence files are stored (keep it outside the code tree)")
    var evidenceDir: String?

    @Option(name: .customLong("credit-key"),
            help: "学分银行签名密钥文件（不存在时以 0600 权限创建）/ the credit bank's key file (created with mode 0600 when missing)")
    var creditKey: String?

    @Option(name: .customLong("id-key"),
            help: "身份证号哈希密钥文件（16–1024 字节；教师名册与学分银行共用；默认读 JUNHENG_ID_KEY，均无则本次随机并警告）/ key file hashing ID numbers for the teacher register and the credit bank (16–1024 bytes; default $JUNHENG_ID_KEY, else random for this run, with a warning)")
    var idKey: String?

    @Option(name: .customLong("credit-rules"),
            help: "学分银行规则：acbs / card / national 或规则文件（默认 national）/ the credit bank's rules: a preset id or a rules file (default national)")
    var creditRules: String?

    func validate() throws {
        guard (0...1_000_000).contains(surveyRate) else { throw ValidationError("--survey-rate 应为 0–1000000") }
        if let publicURL {
            guard publicURL.utf8.count <= 200, publicURL.hasPrefix("https://") || publicURL.hasPrefix("http://"),
                  !publicURL.contains(where: { $0 == "\"" || $0 == "<" || $0 == ">" || $0 == " " || $0 == "'" }) else {
                throw ValidationError("--public-url 应为 http(s)://主机[:端口] / --public-url must be http(s)://host[:port]")
            }
        }
        guard (1...65535).contains(port) else { throw ValidationError("端口应为 1–65535 / --port must be 1–65535") }
        guard (1...8).contains(workers) else { throw ValidationError("--workers 应为 1–8 / --workers must be 1–8") }
    }

    func run() async throws {
        // No key configured: nil, and `configure` draws the per-process key and warns.
        let key: IDNumberKey?
        switch IDNumberKey.load(file: idKey, environment: ProcessInfo.processInfo.environment) {
        case .success(let (k, source)): key = source == .random ? nil : k
        case .failure(let e):
            Console.error(e.description)
            if case .unreadable = e { throw ExitCode(66) }
            throw ExitCode(64)
        }
        var rules: CreditRules?
        if let creditRules {
            do { rules = try CreditRulesFile.rules(creditRules) } catch {
                Console.error(error.description)
                throw ExitCode(error.exitCode)
            }
            if let r = rules, !r.problems().isEmpty {
                Console.error("--credit-rules: " + r.problems().joined(separator: "; "))
                throw ExitCode(65)
            }
        }
        try await WebServer.serve(hostname: hostname, port: port, sqlitePath: database.sqlite, secureCookies: secureCookies, demo: demo,
                                  trustedProxies: Set(trustedProxies), auditKeyPath: database.auditKeyPath, workers: workers,
                                  publicURL: publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }, surveyAnswersPerMinute: surveyRate,
                                  evidenceDirectory: evidenceDir, creditKeyPath: creditKey,
                                  creditRules: rules, idKey: key)
    }
}
