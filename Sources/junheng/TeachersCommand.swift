import ArgumentParser
import EquityKit
import Foundation
import JunhengImport
import Teachers

/// `junheng teachers`: the teacher register as the one source of the teacher figures, and 交流轮岗 plans.
struct TeachersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "teachers",
        abstract: "教师名册：派生教师数据、交流轮岗方案 / teacher register: derived figures, rotation plans",
        discussion: """
        名册列 / register columns (English key or 中文表头): teacher_id 教师编号, name 姓名, id_number 身份证号, school_code 学校标识码,
        section 任教学段, subjects 任教学科, degree 最高学历, title 职称, backbone 骨干级别, certificate 教师资格证学段, tenured 在编,
        school_since 现校任教起始日期; optional training_hours_cycle 本周期培训学时, no_move 不宜交流, role 职务, volunteer 自愿交流.
        See README「教师名册与交流轮岗」.
        """,
        subcommands: [TeachersDeriveCommand.self, TeachersRotationCommand.self, TeachersDemoDataCommand.self])
}

/// Options the teachers commands share: the register, the statistics, the ID-number key and the rules file.
struct TeachersInputOptions: ParsableArguments {
    @Argument(help: "教师名册 (CSV or XLSX) / the teacher register")
    var register: String

    @Option(help: "学校统计文件 / the school statistics file")
    var statistics: String

    @Option(help: "身份证号哈希密钥文件（≥16 字节；默认读环境变量 JUNHENG_ID_KEY，均无则本次随机）/ key file for hashing ID numbers (≥ 16 bytes; default: $JUNHENG_ID_KEY, else random for this run)")
    var idKeyFile: String?

    @Option(help: "教师规则覆盖文件 (JSON) / teacher rules override file (JSON)")
    var rules: String?

    /// The key: the file's bytes, else the environment variable's, else a random one.
    func key() throws -> IDNumberKey {
        switch IDNumberKey.load(file: idKeyFile, environment: ProcessInfo.processInfo.environment) {
        case .success(let (k, _)): return k
        case .failure(let e):
            Console.error(e.description)
            if case .unreadable = e { throw ExitCode(66) }
            throw ExitCode(64)
        }
    }

    func teacherRules() throws -> TeacherRules {
        do {
            guard let rules else { return try TeacherRules.load() }
            guard let data = FileManager.default.contents(atPath: rules) else { Console.error("无法读取 \(rules) / cannot read \(rules)"); throw ExitCode(66) }
            return try TeacherRules.load(overrides: data)
        } catch let e as TeacherRulesError {
            Console.error(e.description)
            throw ExitCode(65)
        }
    }

    /// The register and the statistics, every located problem printed (exit 65/66).
    func load() throws -> (TeacherRegister, ImportedStatistics) {
        let register: TeacherRegister
        do { register = try TeacherRegisterImporter.importFile(atPath: self.register, key: key()) } catch let error as ImportError {
            for line in error.lines(english: false) { Console.error(line) }
            throw ExitCode(error.exitCode)
        }
        do { return (register, try StatisticsImporter.importFile(atPath: statistics)) } catch {
            for line in error.lines(english: false) { Console.error(line) }
            throw ExitCode(error.exitCode)
        }
    }
}
