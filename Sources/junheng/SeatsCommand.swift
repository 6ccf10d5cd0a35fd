import ArgumentParser

/// `junheng seats`: 学位 forecasting, 学位预警 and catchment (学区) plans.
struct SeatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seats",
        abstract: "学位预测、学位预警与学区划分方案 / seats forecast, warnings and catchment plans",
        discussion: """
        输入文件夹 / input folder: units, children, housing, schools (.csv or .xlsx); optional adjacency, travel, enrolment.
        See README「学位与学区」.
        """,
        subcommands: [SeatsForecastCommand.self, SeatsPlanCommand.self, SeatsDemoDataCommand.self])
}

/// Options both seats commands share: the folder, the as-of year and the presets override file.
struct SeatsInputOptions: ParsableArguments {
    @Argument(help: "输入文件夹 / input folder")
    var dir: String

    @Option(help: "户籍/出生数据截至年份（默认：最晚出生年份 + 1）/ as-of year of the children records (default: last birth year + 1)")
    var asOf: Int?

    @Option(help: "学位参数覆盖文件 (JSON) / presets override file (JSON)")
    var presets: String?

    func validate() throws {
        if let asOf, !(1990...2100).contains(asOf) { throw ValidationError("--as-of 应在 1990…2100 之间 / --as-of must be 1990…2100") }
    }
}
