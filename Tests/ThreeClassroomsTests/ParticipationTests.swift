import Testing
@testable import ThreeClassrooms

// 名师课堂 and 名校网络课堂 participation on a county of 6 schools, S1–S4 ordinary and P1, P2 教学点; counted by hand in
// the comments. Window: 2025-09-01 through 2025-09-30.

private let schools: Set<String> = ["S1", "S2", "S3", "S4", "P1", "P2"]
private let points: Set<String> = ["P1", "P2"]

private let activities = [
    // Host S1; S2 with 3 teachers, P1 with 2.
    MasterClassActivity(date: "2025-09-03", masterSchool: "S1", teacherID: "S1-T01", topic: "英语听说", participants: ["S2": 3, "P1": 2]),
    // Host S1 again; S2 with 1, S3 with 0 (joined, no teacher counted), X9 is not a school of the county.
    MasterClassActivity(date: "2025-09-17", masterSchool: "S1", teacherID: "S1-T01", topic: "音乐欣赏", participants: ["S2": 1, "S3": 0, "X9": 5]),
    // Outside the window: S4 and P2 would otherwise take part.
    MasterClassActivity(date: "2025-10-08", masterSchool: "S4", teacherID: "S4-T02", topic: "美术", participants: ["P2": 4]),
]

private let lessons = [
    OpenLesson(date: "2025-09-02", sourceSchool: "S1", subject: .english, grade: 4, receivers: ["S2", "P1"]),
    OpenLesson(date: "2025-09-09", sourceSchool: "S1", subject: .music, grade: 3, receivers: ["P1"]),
    OpenLesson(date: "2025-09-30", sourceSchool: "S2", subject: .science, grade: 5, receivers: ["P2", "X9"]),  // last day counts
    OpenLesson(date: "2025-08-31", sourceSchool: "S1", subject: .art, grade: 2, receivers: ["S4"]),           // day before
]

@Suite("名师课堂 and 名校网络课堂 participation, counted by hand")
struct ParticipationTests {
    @Test("名师课堂: S1, S2, S3, P1 take part (4 of 6, 1 of 2 教学点); 3 + 2 + 1 + 0 = 6 teachers, 1 per school")
    func masterClasses() {
        let p = Participation.compute(schools: schools, teachingPoints: points, activities: activities, lessons: lessons,
                                      from: "2025-09-01", through: "2025-09-30")
        #expect(p.schools == 6 && p.teachingPoints == 2 && p.activities == 2)
        #expect(p.masterSchools == 4 && p.masterTeachingPoints == 1 && p.teacherParticipations == 6)
        #expect(abs(p.masterShare - 4.0 / 6.0) < 1e-12)
        #expect(p.masterTeachingPointShare == 0.5)
        #expect(p.teacherParticipationsPerSchool == 1)
    }

    @Test("名校网络课堂: 3 lessons; S2, P1, P2 receive (3 of 6, 2 of 2 教学点); 2 + 1 + 1 = 4 receptions, 4/3 per school")
    func openLessons() {
        let p = Participation.compute(schools: schools, teachingPoints: points, activities: activities, lessons: lessons,
                                      from: "2025-09-01", through: "2025-09-30")
        #expect(p.lessons == 3 && p.receivingSchools == 3 && p.receivingTeachingPoints == 2 && p.receptions == 4)
        #expect(p.receivingShare == 0.5 && p.receivingTeachingPointShare == 1)
        #expect(abs(p.lessonsPerReceivingSchool - 4.0 / 3.0) < 1e-12)
    }

    @Test("a wider window takes in the October activity and the August lesson; an empty county gives zeros")
    func windowsAndEmpty() {
        let p = Participation.compute(schools: schools, teachingPoints: points, activities: activities, lessons: lessons,
                                      from: "2025-08-01", through: "2025-10-31")
        // S4 (host) and P2 join: S1, S2, S3, S4, P1, P2 = all 6; teachers 6 + 4 = 10. S4 now also receives: 4 schools, 5 receptions.
        #expect(p.masterSchools == 6 && p.masterTeachingPoints == 2 && p.teacherParticipations == 10)
        #expect(p.receivingSchools == 4 && p.receptions == 5 && p.lessons == 4)
        let none = Participation.compute(schools: [], teachingPoints: [], activities: activities, lessons: lessons,
                                         from: "2025-09-01", through: "2025-09-30")
        #expect(none.masterSchools == 0 && none.masterShare == 0 && none.lessonsPerReceivingSchool == 0 && none.teachingPoints == 0)
        #expect(none.activities == 2 && none.lessons == 3)
    }
}
