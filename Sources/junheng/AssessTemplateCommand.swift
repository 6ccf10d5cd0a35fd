import Accreditation
import ArgumentParser
import Foundation
import JunhengImport

/// `junheng assess template -o DIR|F.xlsx`: writes the empty assessment package.
struct AssessTemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "生成空白评估数据包 / write the empty assessment package",
        discussion: "-o 以 .xlsx 结尾时写一个工作簿，否则写一个 CSV 文件夹。A path ending in .xlsx gives a workbook, anything else a folder of CSV files.")

    @Option(name: .shortAndLong, help: "输出文件夹或 .xlsx 文件 / output folder or .xlsx file")
    var output: String

    func run() throws {
        try AssessmentPackageOutput.write(nil, to: output)
    }
}

/// Writes an assessment package where the path says: a workbook for `.xlsx`, else a folder of CSV files (exit 73 on failure).
enum AssessmentPackageOutput {
    static func write(_ input: AssessmentInput?, to path: String) throws {
        if path.lowercased().hasSuffix(".xlsx") {
            let data: Data
            do { data = try AssessmentPackageWriter.xlsx(input) } catch {
                Console.error("无法生成工作簿 / cannot build the workbook: \(error)")
                throw ExitCode(73)
            }
            try Console.write(data, to: path)
        } else {
            do { try AssessmentPackageWriter.writeFolder(input, to: path) } catch {
                Console.error("无法写入 \(path)：\(error.localizedDescription) / cannot write \(path)")
                throw ExitCode(73)
            }
        }
    }
}
