import Foundation
import Vapor
#if canImport(Glibc)
import Glibc
#endif

/// Prints a self-contained HTML page to PDF with headless Chromium (Debian's `chromium`), on a thread of its own.
/// Chromium runs in a process group of its own, so on timeout or cancel the whole group (its helper processes
/// too) is sent SIGTERM, then SIGKILL.
enum PDFPrinter {
    static func print(html: String, chromium: String, timeout: Double,
                      shouldStop: @escaping @Sendable () -> Bool = { false }) async throws -> Data {
        try await SolverThread.run {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("junheng-pdf-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let page = dir.appendingPathComponent("report.html"), pdf = dir.appendingPathComponent("report.pdf")
            try Data(html.utf8).write(to: page)
            let pid = try spawn(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                           "--user-data-dir=\(dir.path)/profile", "--print-to-pdf=\(pdf.path)", page.absoluteString])
            let deadline = Date().addingTimeInterval(timeout)
            var status: Int32 = 0
            var stoppedAt: Date?
            while waitpid(pid, &status, WNOHANG) == 0 {
                if stoppedAt == nil, shouldStop() || Date() >= deadline {
                    stoppedAt = Date()
                    kill(-pid, SIGTERM)
                } else if let t = stoppedAt, Date().timeIntervalSince(t) > 3 {
                    kill(-pid, SIGKILL)
                }
                usleep(20_000)
            }
            kill(-pid, SIGKILL)  // helpers left behind by an exited Chromium
            if stoppedAt != nil {
                throw Abort(.gatewayTimeout, reason: shouldStop() ? "PDF 打印已停止 / PDF printing stopped"
                            : "PDF 生成超时（\(format(timeout)) 秒）/ Chromium did not finish the PDF within \(format(timeout)) s")
            }
            let exited = (status & 0x7f) == 0, code = (status >> 8) & 0xff
            guard exited, code == 0, let data = FileManager.default.contents(atPath: pdf.path), data.starts(with: Array("%PDF".utf8)) else {
                throw Abort(.internalServerError, reason: "PDF 生成失败 / Chromium could not print the report (status \(status))")
            }
            return data
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    /// Starts `path` with `arguments` as the leader of a new process group, default signal handling, output discarded.
    private static func spawn(_ path: String, _ arguments: [String]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        var files = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&files)
        defer { posix_spawn_file_actions_destroy(&files) }
        for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_addopen(&files, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0) }
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &files, &attributes, argv, environ)
        guard result == 0 else {
            throw Abort(.internalServerError, reason: "Chromium 无法启动 / cannot start \(path): \(String(cString: strerror(result)))")
        }
        return pid
    }
}
