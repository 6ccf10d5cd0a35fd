import ArgumentParser
import EquityKit
import Foundation
import JunhengImport
import JunhengPlanner
import JunhengReports

/// `junheng plan`: the cheapest 整改 plan that makes the county pass, solved on CBC.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "计算使县域达标的最低成本整改方案 / the cheapest remedy plan that makes the county pass",
        discussion: """
        例 / examples:
          junheng plan 学校统计.csv --standard youzhi-2017
          junheng plan 学校统计.csv --budget 5000000 --format json
          junheng plan 学校统计.csv --forbid build_teaching_area@3301000005 --limit hire<=2 --max-out 3301000002=3
          junheng plan 学校统计.csv --output-data planned.csv && junheng evaluate planned.csv
        措施 / actions: \(RemedyAction.allCases.map(\.rawValue).joined(separator: ", "))
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, xlsx }

    @OptionGroup var input: InputOptions

    @Option(help: "标准 / standard id or variant file")
    var standard: String = "youzhi-2017"

    @Option(help: "单价文件 (JSON, 如 {\"hire\": 150000}) / unit cost overrides")
    var costs: String?

    @Option(help: "预算（元）：在预算内使未达标学校最少 / budget in yuan: fewest failing schools within it")
    var budget: Double?

    @Option(help: "求解时间上限（秒）/ time limit in seconds")
    var timeLimit: Double = 60

    @Option(help: "输出格式 / output format: text, json, xlsx")
    var format: Format = .text

    @Option(name: .shortAndLong, help: "输出文件 / output file")
    var output: String?

    @Option(help: "按导入模板写出整改后的数据 / write the statistics after the plan (template format)")
    var outputData: String?

    @Option(parsing: .singleValue, help: "禁止某措施 / forbid an action: ACTION@SCHOOL or ACTION (everywhere)")
    var forbid: [String] = []

    @Option(parsing: .singleValue, help: "限定措施数量 / bound an action: ACTION@SCHOOL<=N, >=N, =N")
    var limit: [String] = []

    @Option(parsing: .singleValue, help: "限定调出教师数 / most teachers sent away: SCHOOL=N")
    var maxOut: [String] = []

    @Option(help: "假设文件 (JSON 数组 of {schoolCode, action, minimum, maximum}) / what-if rules file")
    var whatIf: String?

    @Flag(help: "不允许交流轮岗 / no teacher transfers (best per-school plan)")
    var noTransfers = false

    @Flag(help: "要求交流轮岗比例 ≥10%，其中骨干 ≥20% / require the rotation policy")
    var rotation = false

    @Option(help: "语言 / language: zh, en")
    var lang: ReportLanguage = .zh

    @Flag(help: "显示每轮求解进度（终端中默认显示）/ print solver progress (default when stderr is a terminal)")
    var progress = false

    func validate() throws {
        if let budget, budget < 0 { throw ValidationError("--budget 不能为负 / --budget must be ≥ 0") }
        if format == .xlsx && output == nil { throw ValidationError("--format xlsx 需要 --output / --format xlsx needs --output FILE") }
        if timeLimit <= 0 { throw ValidationError("--time-limit 必须大于0 / --time-limit must be > 0") }
        for text in forbid + limit where WhatIfRule.parse(text) == nil {
            throw ValidationError("无法理解「\(text)」，应为 ACTION@SCHOOL 或 ACTION@SCHOOL<=N / cannot read '\(text)'")
        }
        for text in maxOut where parseMaxOut(text) == nil {
            throw ValidationError("--max-out 应为 SCHOOL=N / --max-out takes SCHOOL=N, not '\(text)'")
        }
    }

    func parseMaxOut(_ text: String) -> TransferOutLimit? {
        let parts = text.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, let n = Int(parts[1]), n >= 0 else { return nil }
        return TransferOutLimit(schoolCode: String(parts[0]), maximum: n)
    }

    func run() throws {
        let chosen: Standard
        do { chosen = try StandardLoader.standard(standard) } catch {
            Console.error(error.description)
            throw ExitCode(error.exitCode)
        }
        let imported = try input.load(language: lang)
        let printLine: @Sendable (String) -> Void = { Console.error("求解进度 / solver: " + $0) }
        let report = progress || isatty(2) != 0 ? printLine : nil
        let mode: PlanMode = budget.map(PlanMode.budget) ?? .minimumCost
        let unitCosts = try costs.map { try decode(ActionCosts.self, from: $0, what: "costs") } ?? .defaults
        var rules = (forbid + limit).compactMap(WhatIfRule.parse)
        if let whatIf { rules += try decode([WhatIfRule].self, from: whatIf, what: "what-if") }
        let request = PlanRequest(
            records: imported.records, standard: chosen, mode: mode, costs: unitCosts,
            rules: rules, transferOutLimits: maxOut.compactMap(parseMaxOut),
            rotation: rotation ? RotationPolicy() : nil, allowTransfers: !noTransfers, timeLimit: timeLimit,
            progress: report)
        let plan: RemedyPlan
        do { plan = try RemedyPlanner.plan(request) } catch {
            Console.error(error.description)
            throw ExitCode(65)
        }
        if let outputData, plan.totalCost != nil {
            try SheetOutput.write(format: .csv, output: outputData, csv: { TemplateWriter.csv(plan.plannedRecords) },
                                  xlsx: { try TemplateWriter.xlsx(plan.plannedRecords) })
        }
        switch format {
        case .xlsx: try Console.write(try PlanWorkbook(language: lang).data(plan), to: output!)
        case .json, .text:
            let bytes = format == .json ? PlanReport.json(plan) : Array(PlanReport.text(plan, language: lang).utf8)
            if let output { try Console.write(Data(bytes), to: output) } else { Console.out(bytes) }
        }
        if plan.status == .infeasible || plan.status == .noPlanFound { throw ExitCode(1) }
    }

    private func decode<T: Decodable>(_ type: T.Type, from path: String, what: String) throws -> T {
        guard let data = FileManager.default.contents(atPath: path) else {
            Console.error("无法读取 \(what) 文件 \(path) / cannot read \(path)")
            throw ExitCode(66)
        }
        do { return try JSONDecoder().decode(type, from: data) } catch {
            Console.error("\(path): \(what) 文件格式错误 / invalid \(what) file: \(error)")
            throw ExitCode(65)
        }
    }
}
