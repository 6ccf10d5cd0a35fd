import EquityKit
import Fluent
import Foundation
import JunhengReports
import JunhengSheets
import Plot
import Vapor

/// County pages: the list of counties in scope, the dashboard, exports and the upload history.
struct CountyController {
    func list(_ req: Request) async throws -> Response {
        let counties = try await req.visibleCounties()
        var rows: [CountyListView.Row] = []
        for c in counties {
            let latest = try await req.latestSnapshots(of: c)
            let year = latest.keys.max()
            var evaluation: Evaluation?
            if let year, let snap = latest[year] {
                evaluation = try await req.application.evaluations.evaluation(of: snap, standard: BuiltInStandards.youzhi2017, on: req).evaluation
            }
            rows.append(.init(code: c.code, name: c.name, year: year, evaluation: evaluation))
        }
        return Layout.response(CountyListView.render(rows, PageContext(req)))
    }

    func county(_ req: Request) async throws -> Response {
        let county = try await req.county(.readCounty)
        if let y = try await req.latestSnapshots(of: county).keys.max() {
            return req.redirect(to: "/counties/\(county.code)/years/\(y)")
        }
        let ctx = PageContext(req)
        let canUpload = req.may(.uploadStatistics, county.resource)
        return Layout.response(Layout.page(ctx, title: county.name, .group(
            .h1(.text(county.name)),
            .p(.id("no-data"), .text(ctx.t("尚无统计数据。", "No statistics uploaded yet."))),
            .if(canUpload, .p(.a(.id("upload-link"), .attr(.href, "/counties/\(county.code)/upload"), .text(ctx.t("上传统计数据", "Upload statistics")))))
        )))
    }

    func dashboard(_ req: Request) async throws -> Response {
        let (county, year, standard, latest) = try await countyYear(req)
        let snapshot = latest[year]!
        let p = try req.principal()
        let years = latest.keys.sorted()
        var trend: [(Int, Evaluation)] = []
        var evaluated: EvaluatedSnapshot?
        for y in years {
            let e = try await req.application.evaluations.evaluation(of: latest[y]!, standard: standard, on: req)
            trend.append((y, e.evaluation))
            if y == year { evaluated = e }
        }
        let uploader = try await req.application.lookups.names.value(snapshot.uploadedBy) {
            try await User.find(snapshot.uploadedBy, on: req.db)?.displayName ?? "?"
        }
        let model = DashboardModel(
            countyCode: county.code, countyName: county.name, years: years, evaluated: evaluated!, trend: trend,
            canUpload: req.may(.uploadStatistics, county.resource), pdfAvailable: req.application.web.chromiumPath != nil,
            sort: MatrixSort(query: try? req.query.get(String.self, at: "sort"), descending: (try? req.query.get(String.self, at: "dir")) == "desc"),
            uploader: Masking.seesNames(p.role) ? uploader : Masking.name(uploader))
        let ctx = PageContext(req)
        let key = ["dashboard", county.code, years.map { latest[$0]!.id.uuidString }.joined(separator: ","), String(year), standard.id,
                   ctx.lang.rawValue, model.sort.queryValue, String(model.sort.descending), String(model.canUpload),
                   String(model.pdfAvailable), model.uploader].joined(separator: "|")
        let content = req.application.lookups.pages.computed(key) { DashboardView.content(model, ctx) }
        return Layout.response(Layout.page(ctx, title: DashboardView.title(model, ctx.lang), html: content))
    }

    func report(_ req: Request) async throws -> Response {
        let (county, evaluated) = try await evaluated(req)
        await req.audit("report", target: "county:\(county.code)/\(evaluated.snapshot.schoolYear)", detail: "print, \(evaluated.evaluation.standard.id)")
        return Layout.response(ReportView.render(countyName: county.name, evaluated, PageContext(req)))
    }

    func xlsx(_ req: Request) async throws -> Response {
        let (county, evaluated) = try await evaluated(req)
        let data = try WorkbookReport(language: req.lang == .zh ? .zh : .en).data(evaluated.evaluation)
        await req.audit("export", target: "county:\(county.code)/\(evaluated.snapshot.schoolYear)", detail: "xlsx, \(evaluated.evaluation.standard.id)")
        return download(data, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        name: "junheng-\(county.code)-\(evaluated.snapshot.schoolYear).xlsx")
    }

    /// Chromium prints in the job queue: the page asks for it with a form (a GET changes nothing).
    func pdfForm(_ req: Request) async throws -> Response {
        let (county, evaluated) = try await evaluated(req)
        guard req.application.web.chromiumPath != nil else { throw Self.noChromium }
        let year = evaluated.snapshot.schoolYear
        let action = "/counties/\(county.code)/years/\(year)/report.pdf?standard=\(evaluated.evaluation.standard.id)"
        return Layout.response(JobView.pdfForm(countyName: county.name, year: year, action: action, PageContext(req)))
    }

    func pdf(_ req: Request) async throws -> Response {
        let (county, evaluated) = try await evaluated(req)
        guard req.application.web.chromiumPath != nil else { throw Self.noChromium }
        let year = evaluated.snapshot.schoolYear
        let html = ReportView.render(countyName: county.name, evaluated, PageContext(req, forms: false))
        let job = try await JobQueue.enqueue(.reportPDF, payload: ReportPDFPayload(
            html: html, fileName: "junheng-\(county.code)-\(year).pdf", target: "county:\(county.code)/\(year)",
            detail: "pdf, \(evaluated.evaluation.standard.id)"), county: county, message: "排队中 / queued", on: req)
        return req.redirect(to: "/jobs/\(try job.requireID())")
    }

    private static let noChromium = Abort(.serviceUnavailable, reason: "此服务器未安装 Chromium，无法生成 PDF；请使用打印报告页面 / PDF needs Chromium on the server")

    func matrixCSV(_ req: Request) async throws -> Response {
        let (county, evaluated) = try await evaluated(req)
        let e = evaluated.evaluation
        let lang = req.lang
        var csv = CSVWriter()
        csv.append([lang.t("学段", "section"), lang.t("学校标识码", "school_code"), lang.t("学校名称", "school_name"), lang.t("在校生数", "students")]
                   + e.standard.indicators.map { lang.t($0.nameZH, $0.key) } + [lang.t("达标项数", "met"), lang.t("结论", "verdict")])
        for s in e.schools {
            csv.append([lang.t(s.school.section.rawValue, s.school.section.english), s.school.schoolCode, s.school.schoolName, String(s.school.students)]
                       + s.values.map { $0.map { String($0) } ?? "" } + [String(s.met), s.passed.map { $0 ? "1" : "0" } ?? ""])
        }
        await req.audit("export", target: "county:\(county.code)/\(evaluated.snapshot.schoolYear)", detail: "matrix csv")
        return download(Data(("\u{FEFF}" + csv.text).utf8), type: "text/csv; charset=utf-8",
                        name: "junheng-\(county.code)-\(evaluated.snapshot.schoolYear)-matrix.csv")
    }

    func snapshots(_ req: Request) async throws -> Response {
        let county = try await req.county(.readCounty)
        let history = try await SnapshotStore.history(countyID: county.requireID(), on: req.db)
        let p = try req.principal()
        var names: [UUID: String] = [:]
        for u in try await User.query(on: req.db).filter(\.$id ~~ Set(history.map(\.uploadedBy))).all() {
            names[u.id!] = Masking.seesNames(p.role) ? u.displayName : Masking.name(u.displayName)
        }
        return Layout.response(SnapshotListView.render(countyCode: county.code, countyName: county.name, history, names: names, PageContext(req)))
    }

    /// The county (read access) and its evaluated snapshot for the year in the path (its newest version).
    func evaluated(_ req: Request) async throws -> (Region, EvaluatedSnapshot) {
        let (county, year, standard, latest) = try await countyYear(req)
        return (county, try await req.application.evaluations.evaluation(of: latest[year]!, standard: standard, on: req))
    }

    /// The county in the path (read access), the year in the path, the standard asked for, and the newest snapshot
    /// of every year; 400 when the year or standard is wrong, 404 when that year has no snapshot.
    func countyYear(_ req: Request) async throws -> (county: Region, year: Int, standard: Standard, latest: [Int: SnapshotInfo]) {
        let county = try await req.county(.readCounty)
        guard let year = req.parameters.get("year", as: Int.self) else { throw Abort(.badRequest, reason: "学年应为整数 / year must be a number") }
        let standard = try StandardChoice.from(req)
        let latest = try await req.latestSnapshots(of: county)
        guard latest[year] != nil else {
            throw Abort(.notFound, reason: "\(county.name) \(year) 学年尚无数据 / no statistics for that year")
        }
        return (county, year, standard, latest)
    }

    func download(_ data: Data, type: String, name: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: type)
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
