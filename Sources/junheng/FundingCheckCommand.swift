import ArgumentParser
import EquityKit
import Foundation
import Funding
import JunhengImport
import JunhengReports

/// `junheng funding check`: every funding rule's result per school and county.
struct FundingCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "检查经费保障规则 / check the funding rules",
        discussion: """
        例 / examples:
          junheng funding check 预算.xlsx --statistics 学校统计.csv
          junheng funding check budget.csv --projects projects.csv --statistics stats.csv --format json
          junheng funding check budget.csv --statistics stats.csv --rules 本省.json --classification 2026科目.json
        退出码 / exit codes: 0 成功 ok (rule failures are reported, not an error); 64 usage; 65 数据错误 bad data; 66 无法读取 unreadable; 73 cannot write.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "预算文件 BUDGET.csv|xlsx（XLSX: 工作表「预算」，可含「项目」）/ the budget file")
    var budget: String

    @Option(help: "学校统计文件（在校生数、学校类型、城乡类型）/ the school statistics file")
    var statistics: String

    @Option(help: "项目文件 (CSV/XLSX)，CSV 预算文件时使用 / a separate projects file")
    var projects: String?

    @Option(help: "经费规则覆盖文件 (JSON) / funding rules override (JSON)")
    var rules: String?

    @Option(help: "分类科目覆盖文件 (JSON，含 fiscal_year) / classification override (JSON with fiscal_year)")
    var classification: [String] = []

    @Option(help: "区县代码 / county code")
    var county: String = "county"

    @Option(help: "区县名称 / county name")
    var countyName: String = ""

    @Option(help: "输出格式 / output format: text, json")
    var format: Format = .text

    @Option(help: "语言 / language: zh, en")
    var lang: ReportLanguage = .zh

    @Option(name: .shortAndLong, help: "输出文件 / output file")
    var output: String?

    func run() throws {
        let rules = try FundingLoading.rules(self.rules)
        let catalogs = try FundingLoading.catalogs(classification)
        let stats: ImportedStatistics
        do { stats = try StatisticsImporter.importFile(atPath: statistics) } catch {
            for line in error.lines(english: lang == .en) { Console.error(line) }
            throw ExitCode(error.exitCode)
        }
        let schools = FundingSchools.from(stats.records)
        let imported: ImportedBudget
        do {
            imported = try FundingImporter.importFile(atPath: budget, projectsPath: projects, knownSchools: Set(schools.map(\.code)), catalogs: catalogs)
        } catch {
            for line in error.lines(english: lang == .en) { Console.error(line) }
            throw ExitCode(error.exitCode)
        }
        for w in imported.warnings { Console.error(lang == .en ? "warning: " + w.en : "提示：" + w.zh) }
        let data = FundingDataset(countyCode: county, countyName: countyName.isEmpty ? county : countyName, schools: schools,
                                  lines: imported.lines, projects: imported.projects)
        let report = FundingCheckReport(dataset: data, rules: rules)
        let bytes = format == .json ? report.json() : Array(report.text(language: lang).utf8)
        if let output { try Console.write(Data(bytes), to: output) } else { Console.out(bytes) }
    }
}

/// Reading the rules and classification override files (exit 66 unreadable, 65 invalid).
enum FundingLoading {
    static func read(_ path: String) throws -> Data {
        guard let d = FileManager.default.contents(atPath: path) else {
            Console.error("无法读取文件 \(path) / cannot read \(path)")
            throw ExitCode(66)
        }
        return d
    }

    static func rules(_ path: String?) throws -> FundingRules {
        guard let path else { return .national }
        do { return try FundingRules.national.applying(overrideJSON: try read(path)) } catch let e as FundingRules.OverrideError {
            Console.error("\(path): \(e.message)")
            throw ExitCode(65)
        }
    }

    static func catalogs(_ paths: [String]) throws -> [Int: ClassificationCatalog] {
        var catalogs = FundingImporter.builtInCatalogs()
        for path in paths {
            let data = try read(path)
            struct Year: Decodable { var fiscal_year: Int }
            guard let y = try? JSONDecoder().decode(Year.self, from: data), (2000...2100).contains(y.fiscal_year) else {
                Console.error("\(path): 需要 fiscal_year (2000–2100) / needs fiscal_year")
                throw ExitCode(65)
            }
            let base = catalogs[y.fiscal_year] ?? ClassificationCatalog(fiscalYear: y.fiscal_year, functional: [:], economic: [:])
            do { catalogs[y.fiscal_year] = try base.applying(overrideJSON: data) } catch {
                Console.error("\(path): \(error.message)")
                throw ExitCode(65)
            }
        }
        return catalogs
    }
}
