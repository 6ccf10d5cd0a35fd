import ArgumentParser
import Foundation
import JunhengImport

/// Formats of files the CLI writes.
enum SheetFormat: String, ExpressibleByArgument, CaseIterable { case csv, xlsx }

/// `junheng template`: writes the empty statistics template.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "生成空白学校统计模板 / write the empty statistics template")

    @Option(help: "格式 / format: csv, xlsx")
    var format: SheetFormat = .csv

    @Option(name: .shortAndLong, help: "输出文件（xlsx 必填；csv 默认输出到终端）/ output file")
    var output: String?

    func validate() throws {
        if format == .xlsx && output == nil { throw ValidationError("--format xlsx 需要 --output / --format xlsx needs --output FILE") }
    }

    func run() throws {
        try SheetOutput.write(format: format, output: output, csv: { TemplateWriter.csv() }, xlsx: { try TemplateWriter.xlsx() })
    }
}

/// Writes template-shaped data as CSV (UTF-8 with BOM, so Excel shows Chinese) or XLSX.
enum SheetOutput {
    static func write(format: SheetFormat, output: String?, csv: () -> String, xlsx: () throws -> Data) throws {
        switch format {
        case .csv:
            let bytes = [0xEF, 0xBB, 0xBF] + Array(csv().utf8)
            if let output { try Console.write(Data(bytes), to: output) } else { Console.out(bytes) }
        case .xlsx:
            try Console.write(try xlsx(), to: output!)
        }
    }
}
