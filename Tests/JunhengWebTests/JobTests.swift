import EquityKit
import Fluent
import FluentSQL
import Foundation
import JunhengImport
import JunhengPlanner
import JunhengSheets
import ThreeClassrooms
import Testing
import VaporTesting
@testable import JunhengWeb

/// A stand-in for Chromium: a shell script that either prints a small PDF to `--print-to-pdf=` or sleeps.
private func fakeChromium(sleeping: Bool) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("junheng-fake-chromium-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent(sleeping ? "sleepy-chromium" : "chromium").path
    let body = sleeping ? "echo $$ > \"\(dir.path)/pid\"\nexec sleep 120\n"
        : "for a in \"$@\"; do case \"$a\" in --print-to-pdf=*) out=\"${a#--print-to-pdf=}\";; esac; done\nprintf '%%PDF-1.4 fake' > \"$out\"\n"
    try Data(("#!/bin/sh\n" + body).utf8).write(to: URL(fileURLWithPath: path))
    chmod(path, 0o755)
    return path
}

private let plansPath = "/counties/\(Demo.county1)/years/2025/plans"

/// A queued remedy-plan job made through the form, as `demo-county`.
private func queuePlan(_ app: Application, _ form: [String: String] = ["mode": "min-cost", "time_limit": "30", "transfers": "on"])
    async throws -> (TestBrowser, UUID) {
    var b = TestBrowser(app)
    try await b.login("demo-county")
    _ = try await b.get(plansPath)
    let res = try await b.post(plansPath, form: form)
    #expect(res.status == .seeOther)
    return (b, try jobID(res))
}

extension WebTests {
    /// The job queue: requests return at once, workers run the work, cancel, restart recovery, exclusive claims.
    @Suite struct JobTests {
        @Test func planRequestReturnsAJobPageAndTheWorkerSavesWhatAnInlineRunGives() async throws {
            try await withTestApp(schoolsPerCounty: 8, jobs: JobSettings(startWorkers: false)) { app in
                let form = ["mode": "min-cost", "time_limit": "30", "transfers": "on"]
                var (b, id) = try await queuePlan(app, form)
                // No worker runs yet: the request came back with the job queued and nothing saved.
                let page = try await b.get("/jobs/\(id)")
                #expect(page.status == .ok)
                #expect(page.headers.first(name: "Refresh") == "2")
                #expect(page.body.string.contains("data-state=\"queued\""))
                #expect(page.body.string.contains("<progress id=\"job-progress\" max=\"100\" value=\"0\""))
                #expect(try await SavedPlan.query(on: app.db).count() == 0)
                #expect(try await auditEntries(app, action: "job-queued").count == 1)

                // A worker takes it and runs it.
                let job = try #require(try await JobQueue.claim(worker: "test-worker", leaseSeconds: 60, on: app.db))
                #expect(job.id == id && job.state == .running && job.attempts == 1)
                await JobRunner.execute(job, worker: "test-worker", control: JobControl(), app: app)
                let done = try #require(try await JobInfo.load(id, on: app.db))
                #expect(done.state == .succeeded, "\(done.error ?? "")")
                let link = try #require(done.resultURL)
                #expect(link.hasPrefix("/plans/"))
                let finalPage = try await b.get("/jobs/\(id)")
                #expect(finalPage.headers.first(name: "Refresh") == nil)
                #expect(finalPage.body.string.contains("id=\"job-result\" href=\"\(link)\""))

                // The saved plan is what the planner gives when run inline on the same rows and parameters.
                let saved = try #require(try await SavedPlan.find(UUID(uuidString: String(link.dropFirst("/plans/".count))), on: app.db))
                let records = try StatisticsImporter.importData(Array(TemplateWriter.csv(DemoSeeder.records(county: 1, year: 2025, schools: 8)).utf8)).records
                let parameters = try JSONDecoder().decode(PlanParameters.self, from: Data(saved.parameters.utf8))
                let inline = try RemedyPlanner.plan(parameters.request(records: records, standard: BuiltInStandards.youzhi2017))
                #expect(saved.status == inline.status.rawValue)
                let cost = try #require(saved.totalCost), inlineCost = try #require(inline.totalCost)
                #expect(abs(cost - inlineCost) <= 1e-6 * max(1, inlineCost))
                #expect(try await b.get(link).status == .ok)
                // Every state change is in the audit log.
                for action in ["job-queued", "job-started", "plan", "job-succeeded"] {
                    #expect(try await auditEntries(app, action: action).count == 1, "\(action)")
                }
                // The API reports the same job.
                let token = try #require(try await APIClient.token(app, "demo-county"))
                let api = try APIClient.json(try await APIClient.get(app, "/api/v1/jobs/\(id)", token: token)) as? [String: Any]
                #expect(api?["state"] as? String == "succeeded" && api?["result_url"] as? String == link)
            }
        }

        @Test func jobsAreVisibleToTheirOwnerAndCountyReadersOnly() async throws {
            try await withTestApp(schoolsPerCounty: 6, jobs: JobSettings(startWorkers: false)) { app in
                let (_, id) = try await queuePlan(app)
                for (user, status) in [("demo-province", HTTPStatus.ok), ("demo-admin", .ok), ("demo-other-county", .notFound), ("demo-school", .notFound)] {
                    var b = TestBrowser(app)
                    try await b.login(user)
                    #expect(try await b.get("/jobs/\(id)").status == status, "\(user)")
                }
                var other = TestBrowser(app)
                try await other.login("demo-other-county")
                _ = try await other.get("/counties")
                #expect(try await other.post("/jobs/\(id)/cancel", form: [:]).status == .notFound)
                let token = try #require(try await APIClient.token(app, "demo-other-county"))
                #expect(try await APIClient.get(app, "/api/v1/jobs/\(id)", token: token).status == .notFound)
                #expect(try await auditEntries(app, action: "denied").filter { $0.target == "job:\(id)" }.count == 4)
                #expect(try await JobInfo.load(id, on: app.db)?.state == .queued)
            }
        }

        @Test func cancelStopsAQueuedJobAndDiscardsARunningOnesResult() async throws {
            try await withTestApp(schoolsPerCounty: 6, jobs: JobSettings(startWorkers: false)) { app in
                var (b, queued) = try await queuePlan(app)
                _ = try await b.get("/jobs/\(queued)")
                #expect(try await b.post("/jobs/\(queued)/cancel", form: [:]).status == .seeOther)
                #expect(try await JobInfo.load(queued, on: app.db)?.state == .cancelled)
                #expect(try await JobQueue.claim(worker: "w", leaseSeconds: 60, on: app.db) == nil)

                // Cancelled while running: the worker finishes the solve but keeps nothing.
                let (_, running) = try await queuePlan(app)
                let job = try #require(try await JobQueue.claim(worker: "w", leaseSeconds: 60, on: app.db))
                #expect(job.id == running)
                _ = try await b.get("/jobs/\(running)")
                #expect(try await b.post("/jobs/\(running)/cancel", form: [:]).status == .seeOther)
                #expect(try await JobInfo.load(running, on: app.db)?.cancelRequested == true)
                await JobRunner.execute(job, worker: "w", control: JobControl(), app: app)
                let info = try #require(try await JobInfo.load(running, on: app.db))
                #expect(info.state == .cancelled)
                #expect(info.resultURL == nil)
                #expect(try await SavedPlan.query(on: app.db).count() == 0)
                #expect(try await auditEntries(app, action: "job-cancelled").count == 2)
                #expect(try await auditEntries(app, action: "job-cancel-requested").count == 1)
            }
        }

        @Test func plannerStopsBetweenRoundsWhenAsked() throws {
            let records = try StatisticsImporter.importData(Array(TemplateWriter.csv(DemoSeeder.records(county: 1, year: 2025, schools: 8)).utf8)).records
            var request = PlanRequest(records: records, standard: BuiltInStandards.youzhi2017, timeLimit: 60)
            request.shouldStop = { true }
            let plan = try RemedyPlanner.plan(request)
            #expect(plan.rounds == 0)
        }

        @Test func classroomPlannerSkipsStagesAndSuggestionsWhenAsked() async throws {
            try await withTestApp(schoolsPerCounty: 4, jobs: JobSettings(startWorkers: false)) { app in
                let input = try await ClassroomTest.input(app)
                var options = PlanOptions(cap: 4, timeLimit: 60)
                options.shouldStop = { true }
                let stopped = ClassroomPlanner.plan(input, curriculum: .default2022, options: options)
                #expect(stopped.sessions.isEmpty)
                #expect(stopped.suggestions.isEmpty)
                // Not stopped, the same input does give sessions (so the empty plan above is the stop's doing).
                let full = ClassroomPlanner.plan(input, curriculum: .default2022, options: PlanOptions(cap: 4, timeLimit: 60))
                #expect(!full.sessions.isEmpty)
            }
        }

        @Test func anInterruptedJobIsRetriedOnceThenFailed() async throws {
            try await withTestApp(schoolsPerCounty: 6, jobs: JobSettings(maxAttempts: 2, startWorkers: false)) { app in
                let (_, id) = try await queuePlan(app)
                // A live lease is left alone.
                _ = try #require(try await JobQueue.claim(worker: "alive", leaseSeconds: 60, on: app.db))
                #expect(try await JobQueue.recover(on: app.db).isEmpty)
                try await (app.db as! any SQLDatabase).raw("UPDATE jobs SET lease_expires_ms = 0 WHERE id = \(bind: id)").run()
                // The worker died: the job is queued again, and the dead worker can no longer finish it.
                #expect(try await JobQueue.recover(on: app.db) == [.init(id: id, state: .queued, attempts: 1)])
                #expect(try await JobQueue.finish(id, worker: "alive", state: .succeeded, on: app.db) == false)
                let second = try #require(try await JobQueue.claim(worker: "second", leaseSeconds: 0, on: app.db))
                #expect(second.attempts == 2)
                try await Task.sleep(nanoseconds: 5_000_000)
                try await JobRunner.recover(app)
                let info = try #require(try await JobInfo.load(id, on: app.db))
                #expect(info.state == .failed)
                #expect(info.error?.contains("attempt 2 of 2") == true)
                #expect(try await JobQueue.claim(worker: "third", leaseSeconds: 60, on: app.db) == nil)
                #expect(try await auditEntries(app, action: "job-failed").count == 1)
            }
        }

        @Test func concurrentClaimsNeverTakeTheSameJob() async throws {
            try await withTestApp(schoolsPerCounty: 4, jobs: JobSettings(startWorkers: false)) { app in
                let owner = try #require(try await User.query(on: app.db).filter(\.$username == "demo-county").first())
                let county = try #require(try await Region.query(on: app.db).filter(\.$code == Demo.county1).first())
                let count = 24
                for _ in 0..<count {
                    try await Job(kind: .reportPDF, payload: Data("{}".utf8), ownerID: owner.requireID(), countyID: county.requireID(),
                                  maxAttempts: 2, message: "").create(on: app.db)
                }
                let claimed = try await withThrowingTaskGroup(of: [UUID].self) { group in
                    for w in 0..<6 {
                        group.addTask {
                            var mine: [UUID] = []
                            while let job = try await JobQueue.claim(worker: "w\(w)", leaseSeconds: 60, on: app.db) { mine.append(job.id!) }
                            return mine
                        }
                    }
                    return try await group.reduce(into: []) { $0 += $1 }
                }
                #expect(claimed.count == count)
                #expect(Set(claimed).count == count)
                let attempts = try await Job.query(on: app.db).all().map(\.attempts)
                #expect(attempts.allSatisfy { $0 == 1 })
            }
        }

        @Test func surveySlipsNameTheirClassAndPrintToPDFInTheJobQueue() async throws {
            let printer = try fakeChromium(sleeping: false)
            try await withTestApp(schoolsPerCounty: 6, chromiumPath: printer) { app in
                let token = try await APIClient.token(app, "demo-county")
                let survey = try await WebTests.SurveyRoutesTests.survey(app, token)
                var b = TestBrowser(app)
                try await b.login("demo-county")
                _ = try await b.get("/surveys/\(survey)")    // a page gives the form token
                let school = try #require(try await School.query(on: app.db).sort(\.$code).first())
                // A hostile class label is escaped on the slips; an over-long one is refused naming the field.
                let long = try await b.post("/surveys/\(survey)/invitations",
                                            form: ["group": "parent", "count": "2", "school_code": school.code, "class_label": String(repeating: "班", count: 41)])
                #expect(long.status == .unprocessableEntity && long.body.string.contains("class_label"), "\(long.status) \(long.body.string.prefix(300))")
                let made = try await b.post("/surveys/\(survey)/invitations",
                                            form: ["group": "parent", "count": "2", "school_code": school.code, "class_label": "三年级<b>2</b>班"])
                #expect(made.status == .seeOther)
                let slipsPath = try #require(made.headers.first(name: .location))
                let slips = try await b.get(slipsPath)
                #expect(slips.status == .ok)
                #expect(slips.body.string.contains("三年级&lt;b&gt;2&lt;/b&gt;班") && !slips.body.string.contains("<b>2</b>"))
                #expect(slips.body.string.contains(school.name))
                let batch = try #require(try await InvitationBatch.query(on: app.db).filter(\.$classLabel != nil).first())
                #expect(batch.classLabel == "三年级<b>2</b>班")
                // The PDF: a form (GET changes nothing), then a job whose result is the printed slips.
                let form = try await b.get(slipsPath + "/slips.pdf")
                #expect(form.status == .ok && form.body.string.contains("id=\"pdf-start\""))
                let (job, link) = try await b.followJob(try await b.post(slipsPath + "/slips.pdf", form: [:]))
                #expect(job.state == .succeeded, "\(job.error ?? "")")
                let pdf = try await b.get(try #require(link))
                #expect(pdf.status == .ok && pdf.body.string.hasPrefix("%PDF"))
                #expect(try await auditEntries(app, action: "export").contains { $0.detail.hasPrefix("slips pdf") })
                // A principal of the county may not print the county's slips.
                var other = TestBrowser(app)
                try await other.login("demo-school")
                _ = try await other.get("/")
                #expect(other.csrf != nil)
                #expect(try await other.post(slipsPath + "/slips.pdf", form: [:]).status == .forbidden)
            }
        }

        @Test func pdfJobPrintsAndPagesAreServedWhileALongJobRuns() async throws {
            let printer = try fakeChromium(sleeping: false)
            try await withTestApp(schoolsPerCounty: 6, chromiumPath: printer) { app in
                var b = TestBrowser(app)
                try await b.login("demo-county")
                let pdfPath = "/counties/\(Demo.county1)/years/2025/report.pdf"
                let form = try await b.get(pdfPath)
                #expect(form.status == .ok && form.body.string.contains("id=\"pdf-start\""))
                let (job, link) = try await b.followJob(try await b.post(pdfPath + "?standard=youzhi-2017", form: [:]))
                #expect(job.state == .succeeded, "\(job.error ?? "")")
                let pdf = try await b.get(try #require(link))
                #expect(pdf.status == .ok)
                #expect(pdf.body.string.hasPrefix("%PDF"))
                #expect(try await auditEntries(app, action: "export").contains { $0.detail.hasPrefix("pdf") })
            }
            // Chromium that never finishes: pages, logins (bcrypt) still answer; cancel kills it.
            let sleepy = try fakeChromium(sleeping: true)
            try await withTestApp(schoolsPerCounty: 6, chromiumPath: sleepy, jobs: JobSettings(workers: 1, heartbeatSeconds: 0.2, pollSeconds: 0.1)) { app in
                var b = TestBrowser(app)
                try await b.login("demo-county")
                _ = try await b.get("/counties/\(Demo.county1)/years/2025/report.pdf")
                let res = try await b.post("/counties/\(Demo.county1)/years/2025/report.pdf", form: [:])
                let id = try jobID(res)
                let start = Date()
                while try await JobInfo.load(id, on: app.db)?.state != .running, Date().timeIntervalSince(start) < 10 {
                    try await Task.sleep(nanoseconds: 20_000_000)
                }
                #expect(try await JobInfo.load(id, on: app.db)?.state == .running)
                var other = TestBrowser(app)
                #expect(try await other.login("demo-province").status == .seeOther)  // bcrypt on the NIO pool
                #expect(try await other.get("/counties/\(Demo.county1)/years/2025").status == .ok)
                #expect(try await JobInfo.load(id, on: app.db)?.state == .running, "the page did not wait for the job")
                _ = try await b.get("/jobs/\(id)")
                #expect(try await b.post("/jobs/\(id)/cancel", form: [:]).status == .seeOther)
                let done = try await finishedJob(app, id, seconds: 30)
                #expect(done.state == .cancelled)
                let pidFile = (sleepy as NSString).deletingLastPathComponent + "/pid"
                if let pid = Int32(String(decoding: FileManager.default.contents(atPath: pidFile) ?? Data(), as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)) {
                    #expect(kill(pid, 0) != 0, "the sleeping Chromium was killed")
                }
            }
            // And with a short time limit it is killed and the job fails, naming the timeout.
            try await withTestApp(schoolsPerCounty: 6, chromiumPath: sleepy, jobs: JobSettings(workers: 1, heartbeatSeconds: 0.2, pollSeconds: 0.1, pdfTimeoutSeconds: 1)) { app in
                var b = TestBrowser(app)
                try await b.login("demo-county")
                _ = try await b.get("/counties/\(Demo.county1)/years/2025/report.pdf")
                let (job, _) = try await b.followJob(try await b.post("/counties/\(Demo.county1)/years/2025/report.pdf", form: [:]))
                #expect(job.state == .failed)
                #expect(job.error?.contains("within 1 s") == true)
            }
        }
    
        @Test func aLargeUploadIsImportedInTheQueue() async throws {
            var settings = JobSettings.tests
            settings.largeImportBytes = 1
            try await withTestApp(schoolsPerCounty: 4, jobs: settings) { app in
                var b = TestBrowser(app)
                try await b.login("demo-county")
                let page = "/counties/\(Demo.county1)/upload"
                _ = try await b.get(page)
                let (done, link) = try await b.followJob(try await b.upload(page, fields: ["year": "2026"], file: WebTests.UploadAPITests.validCSV, fileName: "big.csv"))
                #expect(done.state == .succeeded, "\(done.error ?? "")")
                #expect(link == "/counties/\(Demo.county1)/years/2026?uploaded=1")
                let stored = try await Snapshot.query(on: app.db).filter(\.$schoolYear == 2026).all()
                #expect(stored.map(\.version) == [1] && stored.first?.fileName == "big.csv")
                #expect(try await b.get(try #require(link)).status == .ok)

                _ = try await b.get(page)
                let (failed, _) = try await b.followJob(try await b.upload(page, fields: ["year": "2026"], file: WebTests.UploadAPITests.invalidCSV, fileName: "bad.csv"))
                #expect(failed.state == .failed)
                let error = try #require(failed.error)
                #expect(error.contains("2 problem(s)") && error.contains("row 3, 专任教师数: -3") && error.contains("row 4, 学段"))
                #expect(try await Snapshot.query(on: app.db).filter(\.$schoolYear == 2026).count() == 1)
                #expect(try await auditEntries(app, action: "upload-rejected").count == 1)
            }
        }

        @Test func aLargeAPIUploadIsQueuedAndPolled() async throws {
            var settings = JobSettings.tests
            settings.largeImportBytes = 1
            try await withTestApp(schoolsPerCounty: 4, jobs: settings) { app in
                let token = try #require(try await APIClient.token(app, "demo-county"))
                let res = try await APIClient.post(app, "/api/v1/counties/\(Demo.county1)/years/2026/statistics?filename=big.csv", token: token,
                                                   body: WebTests.UploadAPITests.validCSV)
                #expect(res.status == .accepted)
                let body = try #require(try APIClient.json(res) as? [String: Any])
                let id = try #require((body["job"] as? String).flatMap(UUID.init(uuidString:)))
                #expect(res.headers.first(name: .location) == "/api/v1/jobs/\(id)")
                #expect(try await finishedJob(app, id).state == .succeeded)
                let polled = try #require(try APIClient.json(try await APIClient.get(app, "/api/v1/jobs/\(id)", token: token)) as? [String: Any])
                #expect(polled["state"] as? String == "succeeded")
                let stored = try await Snapshot.query(on: app.db).filter(\.$schoolYear == 2026).all()
                #expect(stored.map(\.version) == [1] && stored.first?.fileName == "big.csv")
                #expect(stored.first?.content == Data(WebTests.UploadAPITests.validCSV))
            }
        }

        @Test func aLargeClassroomUploadIsImportedInTheQueueAllOrNothing() async throws {
            var settings = JobSettings.tests
            settings.largeImportBytes = 1
            try await withTestApp(jobs: settings) { app in
                var b = TestBrowser(app)
                try await b.login("demo-county")
                let input = try await ClassroomTest.input(app)
                let good = Dictionary(uniqueKeysWithValues: ClassroomWriter.tables(input).map { ($0.file.rawValue, $0.rows) })
                var bad = good
                bad["teachers"]![3][4] = "1"          // row 4 of teachers.csv: maximum below the load
                func files(_ t: [String: [[String]]]) -> [(field: String, name: String, bytes: [UInt8])] {
                    ["schools", "classes", "teachers", "lessons"].map { ($0, "\($0).csv", Array(ClassroomWriter.csv(t[$0]!).utf8)) }
                }
                let page = "\(ClassroomTest.page)/upload"
                _ = try await b.get(page)
                let (failed, _) = try await b.followJob(try await ClassroomTest.upload(&b, page, files: files(bad)))
                #expect(failed.state == .failed)
                #expect(failed.error?.contains("teachers.csv 第 4 行") == true, "\(failed.error ?? "")")
                #expect(try await ClassroomDataset.query(on: app.db).count() == 1)
                #expect(try await auditEntries(app, action: "classroom-upload-rejected").count == 1)

                var book = XLSXWorkbook()
                for name in ["schools", "classes", "teachers", "lessons"] { book.addSheet(name: name, rows: good[name]!.map { $0.map { XLSXCell.text($0) } }) }
                _ = try await b.get(page)
                let (done, link) = try await b.followJob(try await ClassroomTest.upload(&b, page, files: [("workbook", "三个课堂.xlsx", [UInt8](try book.data()))]))
                #expect(done.state == .succeeded, "\(done.error ?? "")")
                #expect(link == "\(ClassroomTest.page)?uploaded=2")
                let versions = try await ClassroomDataset.query(on: app.db).sort(\.$version).all()
                #expect(versions.map(\.version) == [1, 2])
                #expect(try JSONDecoder().decode(TeachingCapacity.self, from: versions[1].capacityJSON).lessons.count == input.lessons.count)
                #expect(try await auditEntries(app, action: "classroom-upload").count == 1)
            }
        }
    }
}
