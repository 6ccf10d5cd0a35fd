import EquityKit
import Testing
@testable import Accreditation

/// The diff between two versions, and 整改 tasks that close only on newer data.
@Suite struct DiffAndRectificationTests {
    @Test func diffListsExactlyWhatChanged() {
        let a = goodInput()
        var b = a
        b.county[.rotationExchanged] = 8
        b.statistics[0].record.quantities[.maxClassSize] = 47
        b.vetoes[2] = VetoDeclaration(key: "V3", present: true, explanation: "重点班")
        let changes = InputDiff.between(a, b)
        #expect(changes == [
            InputChange(sheet: "statistics", subject: "P1/小学", field: "max_class_size", old: "42", new: "47"),
            InputChange(sheet: "county", subject: "rotation_exchanged", field: "value", old: "12", new: "8"),
            InputChange(sheet: "vetoes", subject: "V3", field: "value", old: "否 ", new: "是 重点班"),
        ])
        #expect(InputDiff.between(a, a).isEmpty)
        var c = a
        c.statistics.removeLast()
        #expect(InputDiff.between(a, c).contains(InputChange(sheet: "statistics", subject: "J2/初中", field: "row", old: "removed", new: "")))
    }

    @Test func tasksFromFailuresAndClosingOnNewerData() {
        var v1 = goodInput()
        v1.statistics[0].record.quantities[.maxClassSize] = 47         // P1 fails G5
        v1.county[.rotationExchanged] = 8                               // G11 fails
        let a1 = assess(v1)
        let tasks = Rectification.tasks(from: a1, version: 1)
        #expect(tasks.map(\.id).sorted() == ["G11", "G5:P1:小学"])
        // The same version's data never close a task.
        #expect(Rectification.update(tasks, with: a1, version: 1).allSatisfy { $0.status == .open })
        // Version 2 fixes the class size only.
        var v2 = v1
        v2.statistics[0].record.quantities[.maxClassSize] = 45
        let after2 = Rectification.update(tasks, with: assess(v2), version: 2)
        #expect(after2.first { $0.id == "G5:P1:小学" }?.status == .closed)
        #expect(after2.first { $0.id == "G5:P1:小学" }?.closedInVersion == 2)
        #expect(after2.first { $0.id == "G11" }?.status == .open)
        // Missing data (pending) is not "met": the task stays open.
        let v3 = v2.with(.rotationExchanged, nil)
        #expect(Rectification.update(after2, with: assess(v3), version: 3).first { $0.id == "G11" }?.status == .open)
        // A new failure in a later version opens a new task; the open one is not duplicated.
        var v4 = v2
        v4.schools["J1"]?.trainingBudget = 1_000
        let after4 = Rectification.update(after2, with: assess(v4), version: 4)
        #expect(after4.filter { $0.id == "G11" }.count == 1)
        #expect(after4.contains { $0.id == "Q4:J1" && $0.openedInVersion == 4 })
    }

    @Test func vetoAndCVTasks() {
        var i = goodInput()
        i.vetoes[0] = VetoDeclaration(key: "V1", present: true)
        #expect(Rectification.tasks(from: assess(i), version: 1).map(\.id) == ["V1"])
    }
}
