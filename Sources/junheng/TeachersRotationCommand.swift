import ArgumentParser
import EquityKit
import Foundation
import JunhengImport
import JunhengReports
import Teachers

/// `junheng teachers rotation`: next year's 交流轮岗 plan as a MIP on CBC, checked independently.
struct TeachersRotationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotation",
        abstract: "交流轮岗方案 / plan the teacher rotation",
        discussion: """
        符合条件：在编，且到计划年 9 月 1 日在现校任教满 6 年（校长、副校长满 10 年）。交流 ≥ 10% 符合条件人数，骨干 ≥ 20% 交流人数；
        每所派出和接收学校交流后仍符合资源配置学校规则（原未达标的不变差）；学段、学科对应接收校岗位。
        Eligible: tenured and ≥ 6 full years at the school by 1 September of --year (principals 10). Exchanged ≥ 10% of eligible,
        backbone ≥ 20% of exchanged; every school still passes the 资源配置 school rule (or is no worse). status is
        "optimal" only when CBC proved it.
        例 / examples:
          junheng teachers rotation 名册.csv --statistics 学校统计.csv --year 2026 --format json
          junheng teachers rotation 名册.csv --statistics 学校统计.csv --year 2026 --max-out 2 --distance 30 --coordinates 学校坐标.csv
          junheng teachers rotation 名册.csv --statistics 学校统计.csv --year 2026 --pin T1000007>3301000012 --forbid T1000009
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, text, xlsx }

    @OptionGroup var input: TeachersInputOptions

    @Option(help: "计划年份（当年 9 月 1 日起交流）/ plan year (moves take effect on 1 September)")
    var year: Int

    @Option(help: "每校至多交流出 N 人 / at most N teachers out of one school")
    var maxOut: Int?

    @Option(help: "两校直线距离上限（公里，需 --coordinates）/ distance limit between schools in km (needs --coordinates)")
    var distance: Double?

    @Option(help: "学校坐标文件 (school_code, lon, lat) / school coordinates file")
    var coordinates: String?

    @Option(help: "标准（学校规则取自该标准）/ standard whose school rule must keep holding")
    var standard: String = "youzhi-2017"

    @Option(help: "指定交流：教师编号[>学校标识码]，逗号分隔 / pinned moves: TEACHER[>SCHOOL], comma separated")
    var pin: String = ""

    @Option(help: "禁止交流：教师编号[>学校标识码]，逗号分隔 / forbidden moves: TEACHER[>SCHOOL], comma separated")
    var forbid: String = ""

    @Option(help: "求解时间上限（秒，默认取规则 60）/ solver time limit in seconds (default: the rules' 60)")
    var timeLimit: Double?

    @Flag(help: "在标准错误输出显示模型规模与求解进度；--solver-log 另显示 CBC 日志（标准输出）/ print the model size and solve progress on stderr; --solver-log adds CBC's log on stdout")
    var progress = false

    @Flag(help: "CBC 日志 / CBC's own log")
    var solverLog = false

    @Option(help: "输出格式 / output format: json, text, xlsx")
    var format: Format = .json

    @Option(name: .shortAndLong, help: "输出文件（xlsx 必填）/ output file (required for xlsx)")
    var output: String?

    func validate() throws {
        guard (1990...2100).contains(year) else { throw ValidationError("--year 应在 1990…2100 之间 / --year must be 1990…2100") }
        if let maxOut, !(0...10_000).contains(maxOut) { throw ValidationError("--max-out 应在 0…10000 / --max-out must be 0…10,000") }
        if let distance, !(distance.isFinite && distance > 0 && distance <= 20_000) { throw ValidationError("--distance 应在 0…20000 公里 / --distance must be 0…20,000 km") }
        if let timeLimit, !(timeLimit > 0 && timeLimit <= 86_400) { throw ValidationError("--time-limit 应在 0…86400 秒 / --time-limit must be 0…86,400 s") }
        if format == .xlsx && output == nil { throw ValidationError("--format xlsx 需要 --output / --format xlsx needs --output FILE") }
        if pin.count > 100_000 || forbid.count > 100_000 { throw ValidationError("--pin/--forbid 过长 / too long") }
    }

    static func parsePins(_ text: String, option: String) throws -> [RotationPin] {
        try text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { s in
            guard let p = RotationPin(text: s) else { throw ValidationError("\(option): 应为 教师编号 或 教师编号>学校标识码 / expected TEACHER or TEACHER>SCHOOL: \(s)") }
            return p
        }
    }

    func run() throws {
        let (register, statistics) = try input.load()
        var rules = try input.teacherRules()
        if let maxOut { rules.rotation.maxOutPerSchool = maxOut }
        if let distance { rules.rotation.maxDistanceKm = distance }
        if let timeLimit { rules.rotation.timeLimitSeconds = timeLimit }
        let chosen: Standard
        do { chosen = try StandardLoader.standard(standard) } catch {
            Console.error("\(error)")
            throw ExitCode(65)
        }
        var points: [String: SchoolPoint] = [:]
        if let coordinates {
            do { points = try SchoolPointsImporter.importFile(atPath: coordinates) } catch {
                for line in error.lines(english: false) { Console.error(line) }
                throw ExitCode(error.exitCode)
            }
        } else if distance != nil {
            Console.error("提示：没有 --coordinates，距离上限不起作用 / note: without --coordinates the distance limit does not apply")
        }
        let problem = RotationProblem(register: register, records: statistics.records, standard: chosen, rules: rules, year: year,
                                      coordinates: points, pins: try Self.parsePins(pin, option: "--pin"),
                                      forbids: try Self.parsePins(forbid, option: "--forbid"))
        let say: @Sendable (String) -> Void = { Console.error("求解进度 / solver: " + $0) }
        let plan = RotationPlanner.plan(problem, solverLog: solverLog, progress: progress ? say : nil)
        let report = RotationReport(plan: plan, check: plan.moves.isEmpty && plan.status != .optimal ? [] : RotationCheck.problems(plan.moves, problem))
        switch format {
        case .json:
            let bytes = report.json()
            if let output { try Console.write(Data(bytes), to: output) } else { Console.out(bytes) }
        case .text:
            let bytes = Array(report.text().utf8)
            if let output { try Console.write(Data(bytes), to: output) } else { Console.out(bytes) }
        case .xlsx:
            guard let output else { throw ExitCode(64) }
            try Console.write(try report.workbook(), to: output)
        }
        if plan.status != .optimal && plan.status != .feasible { throw ExitCode(1) }
    }
}
