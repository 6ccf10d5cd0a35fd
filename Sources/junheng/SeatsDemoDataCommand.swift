import ArgumentParser
import Foundation
import JunhengDemo
import JunhengImport

/// `junheng seats demo-data`: writes a synthetic county's seats input folder.
struct SeatsDemoDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-data",
        abstract: "生成模拟学位输入文件夹 / write a synthetic seats input folder",
        discussion: """
        写出 units、children、housing、schools、enrolment；含一个新建小区（新城花园，2000 套，明年交付）和一个人口减少的村（落霞村）。
        Writes units, children, housing, schools and enrolment, with a new estate and a shrinking village.
        例 / example: junheng seats demo-data -o 县 --units 400 --schools 40
        """)

    @Option(name: [.short, .customLong("out")], help: "输出文件夹 / output folder")
    var out: String

    @Option(help: "规划单元数 / planning units")
    var units: Int = 120

    @Option(help: "小学数（初中为其四分之一）/ primary schools (junior schools: a quarter as many)")
    var schools: Int = 12

    @Option(help: "截至年份 / as-of year")
    var asOf: Int = 2026

    @Option(help: "随机种子 / random seed")
    var seed: UInt64 = 2026

    @Option(help: "格式 / format: csv, xlsx")
    var format: SheetFormat = .csv

    func validate() throws {
        guard (4...20_000).contains(units) else { throw ValidationError("--units 应在 4…20000 之间 / --units must be 4…20,000") }
        guard (2...2_000).contains(schools), schools * 2 <= units else {
            throw ValidationError("--schools 应在 2…2000 之间且不超过单元数的一半 / --schools must be 2…2,000 and at most half the units")
        }
        guard (2000...2090).contains(asOf) else { throw ValidationError("--as-of 应在 2000…2090 之间 / --as-of must be 2000…2090") }
    }

    func run() throws {
        let county = SeatsDemo.county(units: units, schools: schools, asOfYear: asOf, seed: seed)
        do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
            Console.error("无法创建文件夹 \(out) / cannot create \(out)")
            throw ExitCode(73)
        }
        for (file, rows) in SeatsWriter.tables(county) {
            let path = URL(fileURLWithPath: out).appendingPathComponent(file.rawValue + "." + format.rawValue).path
            try SheetOutput.write(format: format, output: path, csv: { ClassroomWriter.csv(rows) },
                                  xlsx: { try ClassroomWriter.xlsx(rows, sheet: file.rawValue) })
        }
        Console.error("已生成 \(county.units.count) 个单元、\(county.schools.count) 所学校 / wrote \(out)")
    }
}
