import ArgumentParser
import EquityKit
import Foundation
import JunhengImport
import JunhengReports
import Seats

/// `junheng seats plan`: several catchment plans for one year as MIPs on CBC, each checked independently.
struct SeatsPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "生成多个学区划分方案 / propose several catchment plans",
        discussion: """
        每个方案：每个单元分到本学段一所学校；最小化学生总路程 + 每名调整学生的惩罚；满足容量区间、班额、规模、
        连片（单元只有在离该校更近的相邻单元也划入时才能划入）和路程限制。
        Each plan assigns every unit to a school of its section, minimising pupil-km plus a penalty per pupil moved,
        within the fill band, G5 class size, G4 school size, contiguity and trip limits (presets `plan`).
        例 / examples:
          junheng seats plan 县 --year 2028 --plans 3 --time-limit 60 --format json
          junheng seats plan 县 --year 2028 --pin U0007,U0012 --format text
        --time-limit 是每个方案的求解上限 / --time-limit applies to each plan.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var input: SeatsInputOptions

    @Option(help: "方案年份（学年，秋季）/ plan year (school year beginning in the autumn)")
    var year: Int

    @Option(help: "方案个数 / number of plans (1–10)")
    var plans: Int = 3

    @Option(help: "每个方案的求解时间上限（秒）/ time limit per plan in seconds")
    var timeLimit: Double = 60

    @Option(help: "固定不动的单元代码，逗号分隔 / units kept at their school of record, comma separated")
    var pin: String = ""

    @Option(help: "输出格式 / output format: text, json")
    var format: Format = .json

    @Option(name: .shortAndLong, help: "输出文件 / output file")
    var output: String?

    @Option(help: "学校统计文件：用方案的在校生数重算资源配置差异系数 / school statistics file: recompute the 资源配置 CVs with each plan's enrolment")
    var statistics: String?

    @Option(help: "与 --statistics 同用的标准 / standard for --statistics")
    var standard: String = "youzhi-2017"

    @Flag(help: "显示求解进度 / print solver progress")
    var progress = false

    func validate() throws {
        guard (1...10).contains(plans) else { throw ValidationError("--plans 应在 1…10 之间 / --plans must be 1…10") }
        guard timeLimit > 0, timeLimit <= 86_400 else { throw ValidationError("--time-limit 应在 0…86400 秒 / --time-limit must be 0…86,400 s") }
        guard (1990...2100).contains(year) else { throw ValidationError("--year 应在 1990…2100 之间 / --year must be 1990…2100") }
    }

    func run() throws {
        let (county, settings) = try SeatsLoading.load(input)
        guard year >= county.asOfYear, year < county.asOfYear + 15 else {
            Console.error("--year 应在 \(county.asOfYear)…\(county.asOfYear + 14) 之间（截至年份起 15 年内）/ --year must be within 15 years of the as-of year \(county.asOfYear)")
            throw ExitCode(64)
        }
        let pins = Set(pin.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        let codes = Set(county.units.map(\.code))
        if let bad = pins.first(where: { !codes.contains($0) }) {
            Console.error("--pin: 未知单元 \(bad) / unknown unit \(bad)")
            throw ExitCode(64)
        }
        let forecast = SeatsForecaster.forecast(county, years: year - county.asOfYear + 1, coefficients: settings.coefficients)
        let problem = CatchmentProblem(county: county, forecast: forecast, year: year, rules: settings.plan, pinned: pins)
        let say: @Sendable (String) -> Void = { Console.error("求解进度 / solver: " + $0) }
        let result = CatchmentPlanner.plans(problem, count: plans, timeLimit: timeLimit, progress: progress ? say : nil)
        var cvs: [Int: [SeatsPlanReport.CVRow]] = [:]
        if let statistics {
            let imported: ImportedStatistics
            do { imported = try StatisticsImporter.importFile(atPath: statistics) } catch {
                for line in error.lines(english: false) { Console.error(line) }
                throw ExitCode(error.exitCode)
            }
            let chosen: Standard
            do { chosen = try StandardLoader.standard(standard) } catch {
                Console.error("\(error)")
                throw ExitCode(65)
            }
            let today = SeatsPlanReport(problem: problem, plans: []).statusQuo
            cvs[0] = SeatsCV.rows(records: imported.records, standard: chosen, schools: county.schools, enrolment: today.enrolment)
            for p in result { if let m = p.metrics { cvs[p.number] = SeatsCV.rows(records: imported.records, standard: chosen, schools: county.schools, enrolment: m.enrolment) } }
        }
        let report = SeatsPlanReport(problem: problem, plans: result, cvs: cvs)
        let bytes = format == .json ? report.json() : Array(report.text().utf8)
        if let output { try Console.write(Data(bytes), to: output) } else { Console.out(bytes) }
    }
}
