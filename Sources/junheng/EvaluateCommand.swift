import ArgumentParser
import EquityKit
import Foundation
import JunhengImport
import JunhengReports

/// `junheng evaluate`: the official evaluation of a statistics file.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "按标准评估学校统计文件 / evaluate a statistics file against a standard",
        discussion: """
        例 / example:  junheng evaluate 学校统计.csv --standard youzhi-2017
        --standard 可为内置标准 (youzhi-2017, jiben-2012) 或派生标准文件 (JSON/TOML)。
        """)

    /// Output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, xlsx }

    @OptionGroup var input: InputOptions

    @Option(help: "标准：youzhi-2017、jiben-2012 或标准文件路径 / built-in standard id or a JSON/TOML variant file")
    var standard: String = "youzhi-2017"

    @Option(help: "输出格式 / output format: text, json, xlsx")
    var format: Format = .text

    @Option(name: .shortAndLong, help: "输出文件（xlsx 必填）/ output file (required for xlsx)")
    var output: String?

    @Option(help: "语言 / language: zh, en")
    var lang: ReportLanguage = .zh

    @Option(help: "文本报告列出的学校：all, failing, none / schools listed in the text report")
    var schools: SchoolListing = .all

    @Option(help: "每个指标列出的差异来源学校数 / gap-driving schools listed per indicator")
    var drivers: Int = 5

    func validate() throws {
        if format == .xlsx && output == nil {
            throw ValidationError("--format xlsx 需要 --output 文件名 / --format xlsx needs --output FILE")
        }
        if drivers < 0 { throw ValidationError("--drivers 不能为负 / --drivers must be ≥ 0") }
    }

    func run() throws {
        let chosen: Standard
        do { chosen = try StandardLoader.standard(standard) } catch {
            Console.error(error.description)
            throw ExitCode(error.exitCode)
        }
        let t0 = Date()
        let imported = try input.load(language: lang)
        let t1 = Date()
        let evaluation: Evaluation
        do {
            evaluation = try Evaluator.evaluate(imported.records, standard: chosen,
                                                options: EvaluationOptions(driversPerIndicator: drivers))
        } catch {
            Console.error(error.description)
            throw ExitCode(65)
        }
        let t2 = Date()
        defer {
            if ProcessInfo.processInfo.environment["JUNHENG_PHASES"] != nil {
                Console.error(String(format: "phases: import %.3f s, evaluate %.3f s, output %.3f s",
                                     t1.timeIntervalSince(t0), t2.timeIntervalSince(t1), Date().timeIntervalSince(t2)))
            }
        }
        let bytes: [UInt8]
        switch format {
        case .json:
            try Console.stream(to: output) { sink in JSONReport.write(evaluation, to: sink) }
            ProcessExit.reclaims(imported, evaluation)
            return
        case .text: bytes = Array(TextReport(language: lang, listing: schools).render(evaluation).utf8)
        case .xlsx:
            let data = try WorkbookReport(language: lang).data(evaluation)
            try Console.write(data, to: output!)
            Console.error(lang == .zh ? "已写入 \(output!)" : "wrote \(output!)")
            return
        }
        if let output { try Console.write(Data(bytes), to: output) } else { Console.out(bytes) }
    }
}

/// Values left for the process exit to reclaim: freeing a national file's 250,000 schools object by object
/// took longer than an exit that returns all the memory at once (scripts/bench-evaluate.sh).
enum ProcessExit {
    nonisolated(unsafe) private static var kept: [Any] = []

    /// Keeps `values` alive until the process ends (call only right before a command returns).
    static func reclaims(_ values: Any...) { kept += values }
}
