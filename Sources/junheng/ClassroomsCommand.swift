import ArgumentParser

/// `junheng classrooms`: 三个课堂 — find the periods schools cannot teach and plan 专递课堂 to cover them.
struct ClassroomsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classrooms",
        abstract: "三个课堂：查找开不齐开不足的课程并安排专递课堂 / plan live remote lessons for missing courses",
        discussion: """
        输入文件夹 / input folder: schools, classes, teachers, lessons (.csv or .xlsx); see README「三个课堂」.
        """,
        subcommands: [ClassroomsDemoDataCommand.self, ClassroomsPlanCommand.self])
}
