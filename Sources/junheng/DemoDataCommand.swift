import Accreditation
import ArgumentParser
import JunhengDemo
import JunhengImport

/// `junheng demo-data`: writes a synthetic county in the template format.
struct DemoDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-data",
        abstract: "生成模拟县域学校统计数据 / write a synthetic county's statistics",
        discussion: "同样的 --county/--schools/--seed 总是生成同样的数据。The same arguments always give the same data.")

    @Option(help: "县编号（决定县名和学校标识码）/ county number")
    var county: Int = 1

    @Option(help: "学校数（九年一贯制学校可能有两行）/ number of schools")
    var schools: Int = 60

    @Option(help: "改为按学段数生成：至少这么多个学校学段（小学/初中部分）/ instead: at least this many school sections")
    var sections: Int?

    @Option(help: "随机种子 / random seed")
    var seed: UInt64 = 2017

    @Option(help: "格式 / format: csv, xlsx")
    var format: SheetFormat = .csv

    @Option(name: .shortAndLong, help: "输出文件（默认输出到终端；xlsx 必填）/ output file")
    var output: String?

    @Flag(help: "改为生成完整的优质均衡评估数据包（-o 文件夹或 .xlsx）/ instead write a complete assessment package (-o DIR or F.xlsx)")
    var assessment = false

    @Flag(help: "与 --assessment 同用：生成可申报的县（默认为有未达标项目的县）/ with --assessment: an eligible county")
    var eligible = false

    func validate() throws {
        guard county >= 0 else { throw ValidationError("--county 不能为负 / --county must be ≥ 0") }
        guard (1...5_000_000).contains(schools) else { throw ValidationError("--schools 应在 1…5000000 之间 / --schools must be 1…5,000,000") }
        if let sections, !(1...5_000_000).contains(sections) {
            throw ValidationError("--sections 应在 1…5000000 之间 / --sections must be 1…5,000,000")
        }
        if format == .xlsx && output == nil { throw ValidationError("--format xlsx 需要 --output / --format xlsx needs --output FILE") }
        if assessment && output == nil { throw ValidationError("--assessment 需要 --output 文件夹或 .xlsx / --assessment needs --output DIR|F.xlsx") }
        if eligible && !assessment { throw ValidationError("--eligible 只与 --assessment 同用 / --eligible goes with --assessment") }
        if assessment && schools > 5_000 { throw ValidationError("--assessment 的 --schools 不超过 5000 / at most 5000 schools with --assessment") }
    }

    func run() throws {
        if assessment, let output {
            try AssessmentPackageOutput.write(DemoAssessment.input(county: county, schools: schools, seed: seed, eligible: eligible), to: output)
            Console.error("已生成 \(DemoCounty.name(county: county)) 评估数据包 \(output) / wrote the assessment package")
            return
        }
        let records = sections.map { DemoCounty.records(county: county, sections: $0, seed: seed) }
            ?? DemoCounty.records(county: county, schools: schools, seed: seed)
        try SheetOutput.write(format: format, output: output, csv: { TemplateWriter.csv(records) },
                              xlsx: { try TemplateWriter.xlsx(records) })
        if output != nil {
            let schoolCount = Set(records.map(\.schoolCode)).count
            Console.error("已生成 \(DemoCounty.name(county: county)) \(schoolCount) 所学校、\(records.count) 行 / wrote \(records.count) rows")
        }
    }
}
