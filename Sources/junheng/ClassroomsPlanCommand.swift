import ArgumentParser
import Foundation
import JunhengImport
import JunhengReports
import ThreeClassrooms

/// `junheng classrooms plan`: reads an input folder and plans 专递课堂 on CBC.
struct ClassroomsPlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "安排专递课堂：派出教师、接收班级和每周节次 / plan live remote lessons: teachers, classes and weekly slots",
        discussion: """
        例 / examples:
          junheng classrooms plan --input 县 --format text
          junheng classrooms plan --input 县 --format json -o plan.json --cap 4
          junheng classrooms plan --input 省 --format xlsx -o 专递课堂.xlsx --time-limit 60
        退出码 / exit codes: 0 成功 ok; 64 参数错误 usage; 65 数据错误 bad data; 66 无法读取 unreadable; 73 无法写入 cannot write.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, xlsx }

    @Option(help: "输入文件夹 / input folder (schools, classes, teachers, lessons)")
    var input: String

    @Option(help: "输出格式 / output format: text, json, xlsx")
    var format: Format = .text

    @Option(name: .shortAndLong, help: "输出文件 / output file")
    var output: String?

    @Option(help: "每节专递课堂的接收班级上限 / most receiving classes a session")
    var cap: Int = 4

    @Option(help: "求解时间上限（秒）/ time limit in seconds")
    var timeLimit: Double = 60

    @Option(help: "课时表覆盖文件 (TOML/JSON) / curriculum override file")
    var curriculum: String?

    @Option(help: "语言 / language: zh, en")
    var lang: ReportLanguage = .zh

    @Flag(help: "显示求解进度（终端中默认显示）/ print solver progress (default when stderr is a terminal)")
    var progress = false

    func validate() throws {
        guard (1...50).contains(cap) else { throw ValidationError("--cap 应在 1…50 之间 / --cap must be 1…50") }
        if timeLimit <= 0 { throw ValidationError("--time-limit 必须大于0 / --time-limit must be > 0") }
        if format == .xlsx && output == nil { throw ValidationError("--format xlsx 需要 --output / --format xlsx needs --output FILE") }
    }

    func run() throws {
        var table = Curriculum.default2022
        if let curriculum {
            do { table = try CurriculumFile.load(path: curriculum) } catch {
                Console.error(error.description)
                throw ExitCode(error.exitCode)
            }
        }
        let capacity: TeachingCapacity
        do { capacity = try ClassroomImporter.importDirectory(atPath: input, curriculum: table) } catch {
            for line in error.lines(english: lang == .en) { Console.error(line) }
            throw ExitCode(error.exitCode)
        }
        let printLine: @Sendable (String) -> Void = { Console.error("求解进度 / solver: " + $0) }
        let plan = ClassroomPlanner.plan(capacity, curriculum: table, options: PlanOptions(cap: cap, timeLimit: timeLimit),
                                         progress: progress || isatty(2) != 0 ? printLine : nil)
        switch format {
        case .xlsx: try Console.write(try ClassroomPlanWorkbook(language: lang).data(plan), to: output!)
        case .json, .text:
            let bytes = format == .json ? ClassroomPlanJSON.json(plan) : Array(ClassroomPlanText.text(plan, language: lang).utf8)
            if let output { try Console.write(Data(bytes), to: output) } else { Console.out(bytes) }
        }
    }
}
