import ArgumentParser
import Foundation
import JunhengWeb

/// `junheng user`: accounts from the command line.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "账户 / accounts",
        subcommands: [CreateAdminCommand.self])
}

/// `junheng user create-admin NAME`: the first administrator of a real installation (no demo data needed).
struct CreateAdminCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-admin",
        abstract: "创建管理员账户 / create an administrator account",
        discussion: """
        密码从标准输入的第一行读取（或 JUNHENG_ADMIN_PASSWORD），不出现在命令行上；至少 12 个字符。
        The password is read from the first line of standard input (or JUNHENG_ADMIN_PASSWORD), never from the command
        line; at least 12 characters. The database is created and migrated if needed.
        """)

    @Argument(help: "用户名 / username")
    var username: String

    @Option(name: .customLong("display-name"), help: "显示名 / display name")
    var displayName: String = "管理员"

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard WebServer.isValidUsername(username) else { throw ValidationError(WebServer.usernameRule) }
        guard displayName.count <= 100 else { throw ValidationError("--display-name: at most 100 characters") }
    }

    func run() async throws {
        let env = ProcessInfo.processInfo.environment["JUNHENG_ADMIN_PASSWORD"]
        guard let password = env?.isEmpty == false ? env : readLine(strippingNewline: true), !password.isEmpty else {
            FileHandle.standardError.write(Data("没有密码 / no password on standard input\n".utf8))
            throw ExitCode(64)
        }
        do {
            try await WebServer.createAdmin(store: database.store, username: username, displayName: displayName,
                                            password: password, auditKeyPath: database.auditKeyPath)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(65)
        }
        print("已创建管理员 / administrator created: \(username)")
    }
}
