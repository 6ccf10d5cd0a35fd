import Foundation
import NIOPosix
import Vapor

/// Prints a self-contained HTML page to PDF with headless Chromium (Debian's `chromium`).
enum PDFPrinter {
    static func print(html: String, chromium: String, on pool: NIOThreadPool) async throws -> Data {
        try await pool.runIfActive {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("junheng-pdf-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let page = dir.appendingPathComponent("report.html"), pdf = dir.appendingPathComponent("report.pdf")
            try Data(html.utf8).write(to: page)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: chromium)
            process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                 "--user-data-dir=\(dir.path)/profile", "--print-to-pdf=\(pdf.path)", page.absoluteString]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: pdf.path), data.starts(with: Array("%PDF".utf8)) else {
                throw Abort(.internalServerError, reason: "PDF 生成失败 / Chromium could not print the report (exit \(process.terminationStatus))")
            }
            return data
        }
    }
}
