import ArgumentParser
import EquityKit
import Foundation
import JunhengDemo
import JunhengImport
import JunhengSheets
import Teachers

/// `junheng teachers demo-data`: a teacher register for the demo county's statistics, with a few planted differences.
struct TeachersDemoDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-data",
        abstract: "为模拟县生成教师名册（含少量差异）/ write a teacher register for the demo county, with planted differences",
        discussion: """
        与 `junheng demo-data` 相同的 --county/--schools/--seed 生成同一县的名册：派生数据与统计表一致，只有 --planted 处差异。
        The same --county/--schools/--seed as `junheng demo-data` give the register of the same county.
        例 / example:
          junheng demo-data -o 学校统计.csv
          junheng teachers demo-data -o 名册.csv --statistics-output 学校统计.csv --coordinates-output 学校坐标.csv
        """)

    @Option(help: "县编号 / county number")
    var county: Int = 1

    @Option(help: "学校数 / number of schools")
    var schools: Int = 60

    @Option(help: "改为生成约 N 名教师的合成县（单学段学校，用于基准测试；需 --statistics-output）/ instead a synthetic county of about N teachers in --schools single-section schools (benchmarks; needs --statistics-output)")
    var teachers: Int?

    @Option(help: "随机种子（与 demo-data 相同）/ random seed (as for demo-data)")
    var seed: UInt64 = 2017

    @Option(help: "名册的任教年限以该年 9 月 1 日计 / plan year the register's years are drawn for")
    var year: Int = 2026

    @Option(help: "埋设的差异数 (0–3) / planted differences (0–3)")
    var planted: Int = 3

    @Option(name: .shortAndLong, help: "名册 CSV 输出文件 / register CSV output")
    var output: String

    @Option(help: "同时写出学校统计 CSV / also write the statistics CSV")
    var statisticsOutput: String?

    @Option(help: "同时写出学校坐标 CSV / also write the school coordinates CSV")
    var coordinatesOutput: String?

    func validate() throws {
        guard county >= 0 else { throw ValidationError("--county 不能为负 / --county must be ≥ 0") }
        guard (1...5_000).contains(schools) else { throw ValidationError("--schools 应在 1…5000 之间 / --schools must be 1…5,000") }
        if let teachers, !(1...200_000).contains(teachers) { throw ValidationError("--teachers 应在 1…200000 / --teachers must be 1…200,000") }
        if teachers != nil && statisticsOutput == nil { throw ValidationError("--teachers 需要 --statistics-output / --teachers needs --statistics-output") }
        guard (0...3).contains(planted) else { throw ValidationError("--planted 应在 0…3 / --planted must be 0…3") }
        guard (1990...2100).contains(year) else { throw ValidationError("--year 应在 1990…2100 / --year must be 1990…2100") }
    }

    func run() throws {
        let records: [StatisticsRecord], demo: DemoRegister
        if let teachers {
            (records, demo) = TeacherDemo.county(teachers: teachers, schools: schools, seed: seed)
        } else {
            records = DemoCounty.records(county: county, schools: schools, seed: seed)
            demo = TeacherDemo.register(for: records, year: year, seed: seed, planted: planted)
        }
        var csv = CSVWriter()
        csv.append(demo.header)
        for r in demo.rows { csv.append(r) }
        try Console.write(Data([0xEF, 0xBB, 0xBF] + Array(csv.text.utf8)), to: output)
        if let statisticsOutput { try Console.write(Data([0xEF, 0xBB, 0xBF] + Array(TemplateWriter.csv(records).utf8)), to: statisticsOutput) }
        if let coordinatesOutput {
            var c = CSVWriter()
            c.append(["school_code", "lon", "lat"])
            for p in demo.coordinates { c.append([p.code, String(p.lon), String(p.lat)]) }
            try Console.write(Data(Array(c.text.utf8)), to: coordinatesOutput)
        }
        Console.error("已生成 \(DemoCounty.name(county: county)) 教师名册 \(demo.rows.count) 人 / wrote \(demo.rows.count) teachers")
        for p in demo.planted { Console.error("埋设差异 / planted: \(p)") }
    }
}
