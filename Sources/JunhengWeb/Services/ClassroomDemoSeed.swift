import Fluent
import Foundation
import JunhengDemo
import JunhengImport
import ThreeClassrooms
import Vapor

/// Demo 三个课堂 data for the first demo county, on its own schools' codes and names, stored through the upload validation;
/// plus `demo-teacher`, a teacher of the county's first school.
enum ClassroomDemoSeed {
    static func seed(_ app: Application) async throws {
        let db = app.db
        guard let county = try await Region.query(on: db).filter(\.$code == DemoCounty.regionCode(county: 1)).first(),
              let admin = try await User.query(on: db).filter(\.$username == "demo-admin").first(),
              try await ClassroomStore.latest(countyID: county.requireID(), on: db) == nil
        else { return }
        let schools = try await School.query(on: db).filter(\.$county.$id == county.requireID()).sort(\.$code).all()
        guard !schools.isEmpty else { return }
        let capacity = renamed(ClassroomDemo.capacity(schools: schools.count, seed: 2022), county: county.code, schools: schools)
        var files: [ClassroomFile: ClassroomStore.UploadedFile] = [:]
        for (kind, rows) in ClassroomWriter.tables(capacity) {
            files[kind] = .init(name: "demo-\(kind.rawValue).csv", bytes: Array(ClassroomWriter.csv(rows).utf8))
        }
        // The demo goes through the same validation as an upload.
        guard case .success(let validated) = ClassroomStore.validate(files, countyCode: county.code) else {
            throw Abort(.internalServerError, reason: "demo classroom data failed validation")
        }
        _ = try await ClassroomStore.save(validated, files: files, county: county, by: admin.requireID(), on: db)
        let first = schools[0]
        let remoteSubjects: Set<Subject> = [.english, .music, .art, .it, .science]
        if let teacher = validated.teachers.first(where: { $0.school == first.code && $0.spare > 0 && !remoteSubjects.isDisjoint(with: $0.subjects) }),
           try await User.query(on: db).filter(\.$username == "demo-teacher").first() == nil {
            let hash = try await app.password.async.hash(DemoSeeder.password)
            try await User(username: "demo-teacher", displayName: "孙老师", passwordHash: hash, role: .teacher, regionID: nil,
                           schoolID: first.requireID(), teacherID: teacher.id, demo: true).create(on: db)
        }
    }

    /// The generated input with school i renamed to the county's i-th school (codes in order) and teacher ids following.
    static func renamed(_ c: TeachingCapacity, county: String, schools: [School]) -> TeachingCapacity {
        var code: [String: String] = [:]
        var out = c
        for (i, s) in c.schools.enumerated() where i < schools.count {
            code[s.code] = schools[i].code
            out.schools[i].code = schools[i].code
            out.schools[i].name = schools[i].name
            out.schools[i].county = county
        }
        func map(_ s: String) -> String { code[s] ?? s }
        func teacher(_ id: String) -> String {
            guard let dash = id.firstIndex(of: "-") else { return id }
            return map(String(id[..<dash])) + id[dash...]
        }
        out.classCounts = c.classCounts.map { var x = $0; x.school = map(x.school); return x }
        out.teachers = c.teachers.map { var t = $0; t.id = teacher(t.id); t.school = map(t.school); return t }
        out.lessons = c.lessons.map { l in
            var x = l
            x.classID.school = map(l.classID.school)
            x.teacher = l.teacher.map(teacher)
            return x
        }
        return out
    }
}
