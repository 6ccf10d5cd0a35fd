import Foundation
import Vapor

/// Prints a self-contained HTML page to PDF with headless Chromium (Debian's `chromium`), on a thread of its own,
/// killed (with its child processes) when it runs longer than `timeout` seconds or the job is cancelled.
enum PDFPrinter {
    static func print(html: String, chromium: String, timeout: Double,
                      shouldStop: @escaping @Sendable () -> Bool = { false }) async throws -> Data {
        try await SolverThread.run {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("junheng-pdf-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let page = dir.appendingPathComponent("report.html"), pdf = dir.appendingPathComponent("report.pdf")
            try Data(html.utf8).write(to: page)
            let chromiumArguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                     "--user-data-dir=\(dir.path)/profile", "--print-to-pdf=\(pdf.path)", page.absoluteString]
            let process = Process()
            // coreutils `timeout` leads its own process group and signals all of it, so Chromium's helpers die too.
            let seconds = max(1, Int(timeout.rounded(.up)))
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/timeout") {
                process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
                process.arguments = ["--kill-after=5", String(seconds), chromium] + chromiumArguments
            } else {
                process.executableURL = URL(fileURLWithPath: chromium)
                process.arguments = chromiumArguments
            }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(Double(seconds) + 6)
            var stopped = false
            while process.isRunning {
                if !stopped, shouldStop() || Date() >= deadline {
                    stopped = true
                    process.terminate()
                    let grace = Date().addingTimeInterval(5)
                    while process.isRunning, Date() < grace { usleep(50_000) }
                    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                }
                usleep(50_000)
            }
            process.waitUntilExit()
            if stopped || process.terminationStatus == 124 || process.terminationStatus == 137 {
                throw Abort(.gatewayTimeout, reason: shouldStop() ? "PDF 打印已停止 / PDF printing stopped"
                            : "PDF 生成超时（\(seconds) 秒）/ Chromium did not finish the PDF within \(seconds) s")
            }
            guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: pdf.path), data.starts(with: Array("%PDF".utf8)) else {
                throw Abort(.internalServerError, reason: "PDF 生成失败 / Chromium could not print the report (exit \(process.terminationStatus))")
            }
            return data
        }
    }
}
