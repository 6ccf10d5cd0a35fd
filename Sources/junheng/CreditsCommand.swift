import ArgumentParser

/// `junheng credits`: 学分银行 / 终身学习卡 — apply credit rules to a ledger, write the demo, verify transcripts.
struct CreditsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credits",
        abstract: "学分银行：认证、积累、转换学习成果并签发可离线验证的成绩单 / credit bank: rules, signed transcripts, verification",
        discussion: "见 README「学分银行」/ see README \"Credit bank\".",
        subcommands: [CreditsApplyCommand.self, CreditsDemoCommand.self, CreditsVerifyCommand.self])
}
