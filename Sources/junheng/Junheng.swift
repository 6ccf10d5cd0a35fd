import ArgumentParser

/// The `junheng` command: evaluate, validate, template, demo-data, plan, classrooms, credits, serve, audit, backup, restore, user.
@main
struct Junheng: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "junheng",
        abstract: "均衡 Junheng：县域义务教育优质均衡评估 / county compulsory-education equity evaluation",
        discussion: """
        退出码 / exit codes: 0 成功 ok; 64 参数错误 usage; 65 数据错误 bad data; 66 无法读取文件 unreadable file; 73 无法写入 cannot write.
        """,
        subcommands: [EvaluateCommand.self, AssessCommand.self, ValidateCommand.self, TemplateCommand.self, DemoDataCommand.self,
                      PlanCommand.self, ClassroomsCommand.self, CreditsCommand.self, SeatsCommand.self, TeachersCommand.self, FundingCommand.self, ServeCommand.self, AuditCommand.self,
                      BackupCommand.self, RestoreCommand.self, UserCommand.self])
}
