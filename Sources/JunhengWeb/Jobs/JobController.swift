import Fluent
import Foundation
import Vapor

/// Adds the job pages (state, cancel, a PDF result) and the API's job status.
func jobRoutes(pages: any RoutesBuilder, forms: any RoutesBuilder, api: any RoutesBuilder) {
    let jobs = JobController()
    pages.get("jobs", ":id", use: jobs.show).requires(.readJob)
    pages.get("jobs", ":id", "result", use: jobs.result).requires(.readJob)
    forms.post("jobs", ":id", "cancel", use: jobs.cancel).requires(.cancelJob)
    api.get("jobs", ":id", use: jobs.api).requires(.readJob)
}

/// A job's page, its cancel action, its kept result (PDF) and its JSON status.
struct JobController {
    func show(_ req: Request) async throws -> Response {
        let (job, county) = try await visibleJob(req)
        let model = JobPageModel(job: job, countyName: county.name, canCancel: req.may(.cancelJob, Self.resource(job, county)))
        let response = Layout.response(JobView.render(model, PageContext(req)))
        // A refresh header, not inline script: the page follows the job without JavaScript.
        if !job.state.isFinal { response.headers.replaceOrAdd(name: "Refresh", value: "2") }
        return response
    }

    func cancel(_ req: Request) async throws -> Response {
        let (job, county) = try await visibleJob(req)
        try await req.authorize(.cancelJob, Self.resource(job, county), target: "job:\(job.id)")
        let outcome = try await JobQueue.cancel(job.id, on: req.db)
        switch outcome {
        case .cancelled: await req.audit("job-cancelled", target: "job:\(job.id)", detail: "cancelled before it started")
        case .stopping:
            req.application.jobWorkers?.stopIfRunning(job.id)
            await req.audit("job-cancel-requested", target: "job:\(job.id)", detail: "stop asked while running")
        case .alreadyFinished: break
        }
        return req.redirect(to: "/jobs/\(job.id)")
    }

    /// The bytes a job kept (the printed PDF).
    func result(_ req: Request) async throws -> Response {
        let (info, _) = try await visibleJob(req)
        guard info.state == .succeeded, info.kind == .reportPDF,
              let job = try await Job.find(info.id, on: req.db), let data = job.resultData else { throw Abort(.notFound) }
        let payload = try? JSONDecoder().decode(ReportPDFPayload.self, from: job.payload)
        return CountyController().download(data, type: "application/pdf", name: payload?.fileName ?? "junheng-report.pdf")
    }

    /// `GET /api/v1/jobs/{id}`: the job's state as JSON.
    func api(_ req: Request) async throws -> JobInfo {
        try await visibleJob(req).0
    }

    /// The job if the user owns it or may read its county; 404 (audited) otherwise.
    private func visibleJob(_ req: Request) async throws -> (JobInfo, Region) {
        let text = req.parameters.get("id")
        guard let text, let id = UUID(uuidString: text), let job = try await JobInfo.load(id, on: req.db),
              let county = try await Region.find(job.countyID, on: req.db),
              req.may(.readJob, Self.resource(job, county))
        else { throw await req.denial("job:\(text ?? "")", Ability.readJob.rawValue, status: .notFound) }
        return (job, county)
    }

    /// A job as a policy resource.
    static func resource(_ job: JobInfo, _ county: Region) -> Resource {
        .job(owner: job.ownerID, countyID: job.countyID, countyPath: county.path)
    }
}
