import ArgumentParser
import Foundation
import JunhengDemo
import JunhengImport

/// `junheng classrooms demo-data`: writes a synthetic county or province as an input folder.
struct ClassroomsDemoDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-data",
        abstract: "生成模拟三个课堂输入文件夹 / write a synthetic 三个课堂 input folder",
        discussion: """
        写出 schools、classes、teachers、lessons 四个文件。同样的参数总是生成同样的数据。
        Writes schools, classes, teachers and lessons; the same arguments always give the same data.
        例 / example: junheng classrooms demo-data --out 省 --schools 2300 --counties 40 --sending-share 0.13
        """)

    @Option(help: "输出文件夹 / output folder")
    var out: String

    @Option(help: "学校数 / number of schools")
    var schools: Int = 40

    @Option(help: "区县数（每 8 个县一个地市）/ number of counties (eight to a prefecture)")
    var counties: Int = 1

    @Option(help: "每县可派出教师的城镇学校占比 / share of town (sending) schools in each county")
    var sendingShare: Double = 0.25

    @Option(help: "教师紧缺程度 0…1：英语、音乐、美术、信息科技、科学专任教师的空余课时减少的比例 / scarcity 0…1: share of the specialists' spare periods taken away")
    var scarcity: Double = 0

    @Option(help: "随机种子 / random seed")
    var seed: UInt64 = 2022

    @Option(help: "格式 / format: csv, xlsx")
    var format: SheetFormat = .csv

    func validate() throws {
        guard (1...100_000).contains(schools) else { throw ValidationError("--schools 应在 1…100000 之间 / --schools must be 1…100,000") }
        guard (1...schools).contains(counties) else { throw ValidationError("--counties 应在 1…学校数 之间 / --counties must be 1…schools") }
        guard (0...1).contains(sendingShare) else { throw ValidationError("--sending-share 应在 0…1 之间 / --sending-share must be 0…1") }
        guard (0...1).contains(scarcity) else { throw ValidationError("--scarcity 应在 0…1 之间 / --scarcity must be 0…1") }
    }

    func run() throws {
        let capacity = ClassroomDemo.capacity(schools: schools, counties: counties, sendingShare: sendingShare, seed: seed,
                                              scarcity: scarcity)
        do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
            Console.error("无法创建文件夹 \(out) / cannot create \(out)")
            throw ExitCode(73)
        }
        for (file, rows) in ClassroomWriter.tables(capacity) {
            let path = URL(fileURLWithPath: out).appendingPathComponent(file.rawValue + "." + format.rawValue).path
            try SheetOutput.write(format: format, output: path, csv: { ClassroomWriter.csv(rows) },
                                  xlsx: { try ClassroomWriter.xlsx(rows, sheet: file.rawValue) })
        }
        Console.error("已生成 \(capacity.schools.count) 所学校、\(capacity.teachers.count) 名教师、\(capacity.lessons.count) 节课 / wrote \(out)")
    }
}
