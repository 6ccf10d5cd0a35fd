import ArgumentParser
import Foundation
import JunhengImport
import JunhengReports
import Teachers

/// `junheng teachers derive`: each school section's teacher figures from the register, beside the statistics.
struct TeachersDeriveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "derive",
        abstract: "由名册派生各校各学段教师数据并列出与统计表的差异 / derive each section's teacher figures and list the differences",
        discussion: """
        专任教师数, 高于规定学历教师数 (小学 专科+, 初中 本科+), 县级及以上骨干教师数, 体育艺术专任教师数 (体育/体育与健康/音乐/美术),
        持教师资格证教师数 (证书学段 ≥ 任教学段), 完成360学时, 中级及以上职称教师数. A 合计 row is compared with its sections' sum.
        例 / example: junheng teachers derive 名册.csv --statistics 学校统计.csv --format csv
        Exit 0 also when there are differences; --fail-on-difference exits 1 then.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, csv }

    @OptionGroup var input: TeachersInputOptions

    @Option(help: "输出格式 / output format: json, csv")
    var format: Format = .json

    @Option(name: .shortAndLong, help: "输出文件 / output file")
    var output: String?

    @Option(help: "写出采用名册数据的新统计表 (CSV) / write a new statistics snapshot with the derived figures adopted (CSV)")
    var adoptOutput: String?

    @Option(help: "培训记录文件（teacher_id, course, level, hours, day）：完成360学时按其计，无记录的教师取名册列 / training records file: 完成360学时 counts from it, the register column only for teachers without a record")
    var training: String?

    @Option(help: "培训周期首年（默认：今年所在的全国周期 2021–2025、2026–2030…）/ the training cycle's first year (default: the national cycle holding this year)")
    var cycle: Int?

    @Flag(help: "有差异时以 1 退出 / exit 1 when there are differences")
    var failOnDifference = false

    func run() throws {
        let (register, statistics) = try input.load()
        let rules = try input.teacherRules()
        var hours = TrainingHours.registerOnly
        if let training {
            let records: [TrainingRecord]
            do { records = try TrainingRecordsImporter.importFile(atPath: training) } catch {
                for line in error.lines(english: false) { Console.error(line) }
                throw ExitCode(error.exitCode)
            }
            let year = Calendar(identifier: .gregorian).component(.year, from: Date())
            hours = TrainingHours(cycle: TrainingCycle.containing(year, start: cycle), entries: records.map(\.entry))
        }
        let comparison = TeacherFigures.compare(register, with: statistics.records, rules: rules.derivation, training: hours)
        let report = TeacherFiguresReport(comparison: comparison)
        let bytes = format == .json ? report.json() : [0xEF, 0xBB, 0xBF] + Array(report.csv().utf8)
        if let output { try Console.write(Data(bytes), to: output) } else { Console.out(bytes) }
        if let adoptOutput {
            let adopted = TeacherFigures.adopt(register, into: statistics.records, rules: rules.derivation)
            try Console.write(Data([0xEF, 0xBB, 0xBF] + Array(TemplateWriter.csv(adopted).utf8)), to: adoptOutput)
        }
        Console.error("\(comparison.figures.count) 个学校学段，\(comparison.differences.count) 处差异 / \(comparison.figures.count) sections, \(comparison.differences.count) differences")
        if failOnDifference && !comparison.differences.isEmpty { throw ExitCode(1) }
    }
}
