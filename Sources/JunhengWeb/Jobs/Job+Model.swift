import Fluent
import Foundation
import Vapor

/// A job as its page and the API show it (without payload or result bytes).
struct JobInfo: Sendable, Content {
    var id: UUID
    var kind: JobKind
    var state: JobState
    var progress: Double
    var message: String
    var resultURL: String?
    var error: String?
    var attempts: Int
    var maxAttempts: Int
    var ownerID: UUID
    var countyID: UUID
    var createdAt: Date
    var startedAt: Date?
    var finishedAt: Date?
    var cancelRequested: Bool

    enum CodingKeys: String, CodingKey {
        case id, kind, state, progress, message, error, attempts
        case resultURL = "result_url", maxAttempts = "max_attempts", ownerID = "owner_id", countyID = "county_id"
        case createdAt = "created_at", startedAt = "started_at", finishedAt = "finished_at", cancelRequested = "cancel_requested"
    }

    /// The job with this id, reading only the columns shown.
    static func load(_ id: UUID, on db: any Database) async throws -> JobInfo? {
        guard let j = try await Job.query(on: db).filter(\.$id == id)
            .field(\.$id).field(\.$kind).field(\.$state).field(\.$progress).field(\.$progressMessage).field(\.$resultURL)
            .field(\.$error).field(\.$attempts).field(\.$maxAttempts).field(\.$owner.$id).field(\.$county.$id)
            .field(\.$createdAt).field(\.$startedAt).field(\.$finishedAt).field(\.$cancelRequested).first(),
              let jid = j.id else { return nil }
        return JobInfo(id: jid, kind: j.kind, state: j.state, progress: j.progress, message: j.progressMessage,
                       resultURL: j.resultURL, error: j.error, attempts: j.attempts, maxAttempts: j.maxAttempts,
                       ownerID: j.$owner.id, countyID: j.$county.id, createdAt: j.createdAt, startedAt: j.startedAt,
                       finishedAt: j.finishedAt, cancelRequested: j.cancelRequested)
    }
}

/// The job page: the job, its county, and whether the viewer may cancel it.
struct JobPageModel {
    var job: JobInfo
    var countyName: String
    var canCancel: Bool
}

extension JobKind {
    var zh: String {
        switch self {
        case .remedyPlan: "整改方案计算"
        case .classroomPlan: "专递课堂排课"
        case .reportPDF: "PDF 报告生成"
        case .statisticsImport: "统计数据导入"
        case .classroomImport: "三个课堂数据导入"
        case .assessmentImport: "督导评估数据导入"
        case .seatsPlan: "学区划分方案计算"
        case .seatsImport: "学位数据导入"
        case .teachersRotation: "交流轮岗方案计算"
        case .teachersImport: "教师名册导入"
        case .teachersTrainingImport: "教师培训记录导入"
        }
    }
    var en: String {
        switch self {
        case .remedyPlan: "Remedy plan"
        case .classroomPlan: "Classroom plan"
        case .reportPDF: "PDF report"
        case .statisticsImport: "Statistics import"
        case .classroomImport: "三个课堂 data import"
        case .assessmentImport: "Assessment package import"
        case .seatsPlan: "Catchment plans"
        case .seatsImport: "Seats data import"
        case .teachersRotation: "Teacher rotation plan"
        case .teachersImport: "Teacher register import"
        case .teachersTrainingImport: "Teacher training records import"
        }
    }
}

extension JobState {
    var zh: String {
        switch self {
        case .queued: "排队中"
        case .running: "运行中"
        case .succeeded: "已完成"
        case .failed: "失败"
        case .cancelled: "已取消"
        }
    }
    var en: String { rawValue }
}
