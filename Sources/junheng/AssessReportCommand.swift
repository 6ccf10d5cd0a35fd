import Accreditation
import ArgumentParser
import EquityKit
import Foundation
import JunhengImport
import JunhengReports

/// `junheng assess DIR|FILE.xlsx`: judges every item and writes the 自评报告 (text), the JSON, or the 申报表 (xlsx).
struct AssessReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "评估数据包并输出自评报告、JSON 或申报表 / assess a package; text report, JSON or the application workbook",
        discussion: "退出码 / exit codes: 0 成功; 64 参数错误; 65 数据错误; 66 无法读取; 73 无法写入。")

    /// Output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, xlsx }

    @Argument(help: "评估数据文件夹或 XLSX 工作簿 / the assessment folder or XLSX workbook")
    var package: String

    @Option(help: "资源配置标准：youzhi-2017 或标准文件 / the resource-allocation standard (id or variant file)")
    var standard: String = "youzhi-2017"

    @Option(help: "评估规则：youzhi-2017 或省级规则文件 (TOML/JSON) / the rules: youzhi-2017 or a province override file")
    var rules: String = "youzhi-2017"

    @Option(help: "输出格式 / output format: text, json, xlsx")
    var format: Format = .text

    @Option(name: .shortAndLong, help: "输出文件（xlsx 必填）/ output file (required for xlsx)")
    var output: String?

    @Option(help: "语言 / language: zh, en")
    var lang: ReportLanguage = .zh

    func validate() throws {
        if format == .xlsx && output == nil {
            throw ValidationError("--format xlsx 需要 --output 文件名 / --format xlsx needs --output FILE")
        }
    }

    func run() throws {
        let chosenStandard: Standard, chosenRules: AccreditationRules
        do {
            chosenStandard = try StandardLoader.standard(standard)
            chosenRules = try RulesLoader.rules(rules)
        } catch {
            Console.error(error.description)
            throw ExitCode(error.exitCode)
        }
        let imported: ImportedAssessment
        do { imported = try AssessmentImporter.importPackage(atPath: package) } catch {
            for line in error.lines(english: lang == .en) { Console.error(line) }
            throw ExitCode(error.exitCode)
        }
        for w in imported.warnings { Console.error(lang == .en ? "warning: " + w.en : "提示：" + w.zh) }
        let assessment = Assessor.assess(imported.input, rules: chosenRules, standard: chosenStandard)
        switch format {
        case .json:
            let bytes = AssessmentJSON.render(assessment, language: lang)
            if let output { try Console.write(Data(bytes), to: output) } else { Console.out(bytes) }
        case .text:
            let bytes = Array(SelfAssessmentReport(language: lang).render(assessment, input: imported.input).utf8)
            if let output { try Console.write(Data(bytes), to: output) } else { Console.out(bytes) }
        case .xlsx:
            let data: Data
            do { data = try ApplicationWorkbook(language: lang).data(assessment, input: imported.input) } catch {
                Console.error("无法生成申报表 / cannot build the workbook: \(error)")
                throw ExitCode(73)
            }
            try Console.write(data, to: output!)
            Console.error(lang == .zh ? "已写入 \(output!)" : "wrote \(output!)")
        }
    }
}
