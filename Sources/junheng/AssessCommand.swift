import ArgumentParser

/// `junheng assess`: the whole 优质均衡 督导评估 of an assessment package, and its empty template.
struct AssessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "优质均衡督导评估：四个部分、否决事项、自评报告与申报表 / the whole high-quality balance assessment",
        discussion: """
        例 / examples:
          junheng assess 评估数据/ --format text
          junheng assess 评估.xlsx --rules 浙江.toml --format json -o result.json
          junheng assess 评估.xlsx --format xlsx -o 申报表.xlsx
          junheng assess template -o 评估数据/        (空白数据包 / empty package; -o F.xlsx for a workbook)
        数据包 / package: statistics (学校统计), rooms (专用教室), county (县级数据), monitoring (质量监测),
        reviews (评审意见), vetoes (否决事项): 文件夹中的 CSV 文件或一个 XLSX 工作簿。缺少的数据使相应项目「待补充」。
        """,
        subcommands: [AssessReportCommand.self, AssessTemplateCommand.self],
        defaultSubcommand: AssessReportCommand.self)
}
