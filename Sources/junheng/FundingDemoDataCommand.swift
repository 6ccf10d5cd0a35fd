import ArgumentParser
import Foundation
import Funding
import JunhengDemo
import JunhengImport

/// `junheng funding demo-data`: the demo county's statistics, budget and projects, with two planted rule failures.
struct FundingDemoDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-data",
        abstract: "生成模拟经费数据 / write a demo budget for the demo county",
        discussion: """
        写出 statistics.csv、budget.csv、projects.csv（两年），最后一年有两处有意设置的不达标：一所学校培训经费为公用经费的 4.5%（F6），
        一个项目的采购意向仅提前 20 日公开（F7）。
        Writes statistics.csv, budget.csv and projects.csv (two years); the last year has two planted failures (F6, F7).
        例 / example: junheng funding demo-data -o 经费 && junheng funding check 经费/budget.csv --projects 经费/projects.csv --statistics 经费/statistics.csv
        """)

    @Option(name: [.short, .customLong("out")], help: "输出文件夹 / output folder")
    var out: String

    @Option(help: "区县序号 (1–3，与 serve --demo 相同) / demo county number")
    var county: Int = 1

    @Option(help: "学校数 / schools")
    var schools: Int = 40

    @Option(help: "最后一年 / last fiscal year")
    var year: Int = 2026

    @Flag(help: "只写最后一年（serve --demo 已公开之前各年，用于网页导入演示）/ write the last year only (for the web import demo)")
    var lastYearOnly = false

    func validate() throws {
        guard (1...3).contains(county) else { throw ValidationError("--county 应为 1…3 / --county must be 1…3") }
        guard (5...2_000).contains(schools) else { throw ValidationError("--schools 应在 5…2000 之间 / --schools must be 5…2,000") }
        guard ClassificationCatalog.builtInYears.contains(year), ClassificationCatalog.builtInYears.contains(year - 1) else {
            throw ValidationError("--year 应为 2026 / --year must be 2026 (both years need a built-in classification list)")
        }
    }

    func run() throws {
        let records = DemoCounty.records(county: county, schools: schools, seed: 2025)
        let fundingSchools = FundingSchools.from(records)
        let data = FundingDemo.dataset(countyCode: DemoCounty.regionCode(county: county), countyName: DemoCounty.name(county: county),
                                       schools: fundingSchools, years: [year - 1, year])
        do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
            Console.error("无法创建文件夹 \(out) / cannot create \(out)")
            throw ExitCode(73)
        }
        let dir = URL(fileURLWithPath: out)
        try Console.write(Data(TemplateWriter.csv(records).utf8), to: dir.appendingPathComponent("statistics.csv").path)
        let lines = lastYearOnly ? data.lines.filter { $0.fiscalYear == year } : data.lines
        let projects = lastYearOnly ? data.projects.filter { $0.fiscalYear == year } : data.projects
        try Console.write(Data(FundingWriter.csv(FundingWriter.budgetRows(lines)).utf8), to: dir.appendingPathComponent("budget.csv").path)
        try Console.write(Data(FundingWriter.csv(FundingWriter.projectRows(projects)).utf8), to: dir.appendingPathComponent("projects.csv").path)
        Console.error("已生成 \(fundingSchools.count) 所学校、\(lines.count) 行预算、\(projects.count) 个项目 / wrote \(out)")
    }
}
