import ArgumentParser
import Foundation
import JunhengImport
import JunhengReports
import JunhengSheets

/// How to read a statistics file.
struct InputOptions: ParsableArguments {
    @Argument(help: "学校统计文件 (CSV or XLSX) / the school statistics file")
    var file: String

    @Option(help: "CSV 编码：auto, utf-8, gb18030 (gbk) / CSV text encoding")
    var encoding: String = "auto"

    @Option(help: "XLSX 工作表名（默认「学校统计」或第一张）/ XLSX sheet name")
    var sheet: String?

    func validate() throws {
        if encoding != "auto" && TextEncoding(label: encoding) == nil {
            throw ValidationError("--encoding 应为 auto、utf-8 或 gb18030 / --encoding must be auto, utf-8 or gb18030")
        }
    }

    var importOptions: ImportOptions {
        ImportOptions(encoding: encoding == "auto" ? nil : TextEncoding(label: encoding), sheet: sheet)
    }

    /// Imports the file, printing every located problem to stderr and exiting 65/66 on failure.
    func load(language: ReportLanguage) throws -> ImportedStatistics {
        do {
            let imported = try StatisticsImporter.importFile(atPath: file, options: importOptions)
            for w in imported.warnings { Console.error((language == .en ? "warning: " + w.en : "提示：" + w.zh)) }
            return imported
        } catch {
            for line in error.lines(english: language == .en) { Console.error(line) }
            throw ExitCode(error.exitCode)
        }
    }
}

extension ReportLanguage: ExpressibleByArgument {}
extension SchoolListing: ExpressibleByArgument {}

/// Writing to the terminal and to files.
enum Console {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Writes bytes to stdout without copying them into `Data` (large JSON goes through here).
    static func out(_ bytes: [UInt8]) {
        writeAll(bytes, to: 1)
    }

    /// write(2) until every byte is out; false on an error such as a closed pipe.
    @discardableResult
    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
    }

    /// Streams pieces to stdout, or to `path` through a temporary file renamed at the end (exit 73 on failure).
    static func stream(to path: String?, _ body: (([UInt8]) -> Void) -> Void) throws {
        guard let path else {
            body { out($0) }
            return
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: temporary) else {
            Console.error("无法写入 \(path) / cannot write \(path)")
            throw ExitCode(73)
        }
        var failure: (any Error)?
        body { piece in
            guard failure == nil else { return }
            if !writeAll(piece, to: handle.fileDescriptor) { failure = CocoaError(.fileWriteUnknown) }
        }
        try? handle.close()
        do {
            if let failure { throw failure }
            // rename(2) replaces an existing file atomically (FileManager.replaceItemAt fails on Linux).
            guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            Console.error("无法写入 \(path)：\(error.localizedDescription) / cannot write \(path)")
            throw ExitCode(73)
        }
    }

    /// Writes `data` next to `path` first and renames it, so a failure never leaves a half-written file (exit 73).
    static func write(_ data: Data, to path: String) throws {
        try stream(to: path) { sink in sink([UInt8](data)) }
    }
}
