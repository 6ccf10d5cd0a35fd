import ArgumentParser

/// `junheng funding`: budgets, projects and the funding rules of 优质均衡.
struct FundingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "funding",
        abstract: "经费：预算、项目与经费保障规则 / education funding: budgets, projects and funding rules",
        discussion: "See README「经费」.",
        subcommands: [FundingCheckCommand.self, FundingDemoDataCommand.self])
}
