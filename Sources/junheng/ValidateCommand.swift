import ArgumentParser
import EquityKit
import JunhengImport
import JunhengReports

/// `junheng validate`: checks a statistics file without evaluating it.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "只校验学校统计文件 / only validate a statistics file",
        discussion: "每处错误都指明行、列、值和应填内容；有任何错误则不导入。Every error names row, column, value and what was expected.")

    @OptionGroup var input: InputOptions

    @Option(help: "语言 / language: zh, en")
    var lang: ReportLanguage = .zh

    func run() throws {
        let imported = try input.load(language: lang)
        let schools = Set(imported.records.map(\.schoolCode)).count
        let combined = imported.records.filter { $0.section == .combined }.count
        let format: String
        switch imported.format {
        case .csv(let e): format = "CSV (\(e.rawValue))"
        case .xlsx(let sheet): format = "XLSX「\(sheet)」"
        }
        if lang == .zh {
            print("校验通过：\(format)，表头在第\(imported.headerRow)行，\(imported.records.count) 行数据，\(schools) 所学校（合计行 \(combined) 行）。")
            if !imported.ignoredColumns.isEmpty { print("已忽略的额外列：" + imported.ignoredColumns.joined(separator: "、")) }
        } else {
            print("Valid: \(format), header on row \(imported.headerRow), \(imported.records.count) data rows, \(schools) schools (\(combined) combined rows).")
            if !imported.ignoredColumns.isEmpty { print("Extra columns ignored: " + imported.ignoredColumns.joined(separator: ", ")) }
        }
    }
}
