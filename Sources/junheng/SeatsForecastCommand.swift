import ArgumentParser
import Foundation
import JunhengImport
import JunhengReports
import Seats

/// `junheng seats forecast`: grade-1 / grade-7 demand per school and year, low/base/high, with 学位预警 bands.
struct SeatsForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "预测学位需求并预警 / forecast seats demand and warn",
        discussion: """
        例 / examples:
          junheng seats forecast 县 --years 6 --format text
          junheng seats forecast 县 --format json -o 学位预测.json
          junheng seats forecast 县 --format xlsx -o 学位预警.xlsx --presets 本县系数.json
        退出码 / exit codes: 0 成功 ok; 64 参数错误 usage; 65 数据错误 bad data; 66 无法读取 unreadable; 73 无法写入 cannot write.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, xlsx }

    @OptionGroup var input: SeatsInputOptions

    @Option(help: "预测年数 / years to forecast (1–15)")
    var years: Int = 6

    @Option(help: "输出格式 / output format: text, json, xlsx")
    var format: Format = .text

    @Option(name: .shortAndLong, help: "输出文件 / output file")
    var output: String?

    func validate() throws {
        guard (1...15).contains(years) else { throw ValidationError("--years 应在 1…15 之间 / --years must be 1…15") }
        if format == .xlsx && output == nil { throw ValidationError("--format xlsx 需要 --output / --format xlsx needs --output FILE") }
    }

    func run() throws {
        let (county, settings) = try SeatsLoading.load(input)
        let forecast = SeatsForecaster.forecast(county, years: years, coefficients: settings.coefficients)
        let report = SeatsForecastReport(county: county, forecast: forecast, settings: settings)
        switch format {
        case .xlsx: try Console.write(try report.workbook(), to: output ?? "")
        case .json, .text:
            let bytes = format == .json ? report.json() : Array(report.text().utf8)
            if let output { try Console.write(Data(bytes), to: output) } else { Console.out(bytes) }
        }
    }
}

/// Reading the folder and the presets with located errors and sysexits codes.
enum SeatsLoading {
    static func load(_ input: SeatsInputOptions) throws -> (SeatsCounty, SeatsSettings) {
        var overrides: Data?
        if let path = input.presets {
            guard let data = FileManager.default.contents(atPath: path) else {
                Console.error("无法读取文件 \(path) / cannot read \(path)")
                throw ExitCode(66)
            }
            overrides = data
        }
        let settings: SeatsSettings
        do { settings = try SeatsPresets.load(overrides: overrides) } catch {
            Console.error(error.description)
            throw ExitCode(65)
        }
        do { return (try SeatsImporter.importDirectory(atPath: input.dir, asOfYear: input.asOf), settings) } catch {
            for line in error.lines(english: false) { Console.error(line) }
            throw ExitCode(error.exitCode)
        }
    }
}
