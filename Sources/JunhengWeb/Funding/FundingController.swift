import Fluent
import Foundation
import Funding
import JunhengImport
import Vapor

/// Adds the finance office's pages (login) and the public portal (no login, no session).
func fundingRoutes(_ app: Application, pages: any RoutesBuilder, forms: any RoutesBuilder, uploads: any RoutesBuilder) {
    let c = FundingController()
    pages.get("counties", ":code", "funding", use: c.office).requires(.manageFunding)
    uploads.on(.POST, "counties", ":code", "funding", "upload", body: .collect(maxSize: Limits.uploadBody), use: c.upload).requires(.manageFunding)
    forms.post("counties", ":code", "funding", "years", ":year", "publish", use: c.publish).requires(.publishFunding)
    // Single-line editing of a draft year; re-opening a published year.
    let year: [PathComponent] = ["counties", ":code", "funding", "years", ":year"]
    let e = FundingEditController()
    pages.get(year, use: e.year).requires(.manageFunding)
    pages.get(year + ["lines", ":item"], use: e.editLine).requires(.manageFunding)
    forms.post(year + ["lines", ":item"], use: e.saveLine).requires(.manageFunding)
    pages.get(year + ["projects", ":item"], use: e.editProject).requires(.manageFunding)
    forms.post(year + ["projects", ":item"], use: e.saveProject).requires(.manageFunding)
    forms.post(year + ["reopen"], use: e.reopen).requires(.publishFunding)
    let d = FundingDocumentController()
    forms.post("plans", ":id", "funding-projects", use: FundingFromPlanController().create).requires(.manageFunding)
    uploads.on(.POST, year + ["projects", ":item", "documents"], body: .collect(maxSize: "11mb"), use: d.upload).requires(.manageFunding)
    pages.get(year + ["documents", ":item"], use: d.download).requires(.manageFunding)

    // The public portal is registered on the application itself: no session middleware runs, so no cookie is read or set.
    let p = PublicFundingController()
    let county: [PathComponent] = ["public", "counties", ":code"]
    app.get(county, use: p.county).requires(.anyone)
    app.get(county + ["years", ":year"], use: p.year).requires(.anyone)
    app.get(county + ["years", ":year", "schools"], use: p.schools).requires(.anyone)
    app.get(county + ["years", ":year", "schools", ":school"], use: p.school).requires(.anyone)
    app.get(county + ["years", ":year", "projects"], use: p.projects).requires(.anyone)
    app.get(county + ["years", ":year", "datapackage.json"], use: p.dataPackage).requires(.anyone)
    app.get(county + ["years", ":year", "budget-lines.csv"], use: p.dataPackage).requires(.anyone)
    app.get(county + ["years", ":year", "projects.csv"], use: p.dataPackage).requires(.anyone)
    app.get(county + ["years", ":year", "documents", ":document"], use: d.publicDownload).requires(.anyone)
}

/// The finance office: its years (draft / published), the upload form, every rule's result, the publish button.
struct FundingController {
    func office(_ req: Request) async throws -> Response {
        let county = try await req.county(.manageFunding)
        return Layout.response(try await FundingOfficeModel.load(county, req: req).render(PageContext(req)))
    }

    func upload(_ req: Request) async throws -> Response {
        let county = try await req.county(.manageFunding)
        struct Form: Content { var budget: File?; var projects: File? }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        let ctx = PageContext(req)
        guard let budget = form.budget, budget.data.readableBytes > 0 else {
            var m = try await FundingOfficeModel.load(county, req: req)
            m.message = ctx.t("请选择预算文件。", "Choose a budget file.")
            return Layout.response(m.render(ctx), status: .unprocessableEntity)
        }
        let projects = form.projects.flatMap { $0.data.readableBytes > 0 ? (name: $0.filename, data: Data($0.data.readableBytesView)) : nil }
        let username = try req.principal().username
        let result = try await FundingStore.importUpload(budget: (budget.filename, Data(budget.data.readableBytesView)), projects: projects,
                                                         county: county, by: username, on: req.db)
        switch result {
        case .success(let years):
            await req.audit("funding-import", target: "county:\(county.code)/funding",
                            detail: "\(budget.filename)\(projects.map { " + \($0.name)" } ?? ""): years \(years.map(String.init).joined(separator: ","))")
            return req.redirect(to: "/counties/\(county.code)/funding?imported=\(years.map(String.init).joined(separator: ","))")
        case .failure(let refusal):
            await req.audit("funding-import-rejected", target: "county:\(county.code)/funding", detail: "\(budget.filename): \(refusal)")
            var m = try await FundingOfficeModel.load(county, req: req)
            if case .invalid(let issues) = refusal {
                m.issues = issues
                m.message = ctx.t("文件有 \(issues.problemTotal) 处错误，未导入任何数据。", "The file has \(issues.problemTotal) problem(s); nothing was imported.")
            } else {
                m.message = refusal.description
            }
            return Layout.response(m.render(ctx), status: .unprocessableEntity)
        }
    }

    func publish(_ req: Request) async throws -> Response {
        let county = try await req.county(.publishFunding)
        guard let year = req.parameters.get("year", as: Int.self), (2000...2100).contains(year) else { throw Abort(.badRequest) }
        let username = try req.principal().username
        switch try await FundingStore.publish(county: county, year: year, by: username, app: req.application, on: req.db) {
        case .success:
            await req.audit("funding-publish", target: "county:\(county.code)/funding/\(year)", detail: "published on the public portal")
            return req.redirect(to: "/counties/\(county.code)/funding?published=\(year)")
        case .failure(let r):
            await req.audit("funding-publish-refused", target: "county:\(county.code)/funding/\(year)", detail: r.description)
            throw Abort(.conflict, reason: r.description)
        }
    }
}

/// The public portal. Nothing here reads a session; only published years are ever loaded.
struct PublicFundingController {
    /// A cached page, or render it (404 when the county or a published year is unknown).
    func cached(_ req: Request, _ build: (Region, Lang) async throws -> (body: String, type: HTTPMediaType)?) async throws -> Response {
        let key = req.url.path + "?" + req.lang.rawValue
        if let hit = req.application.publicFunding.get(key) { return Self.response(hit) }
        let code = try req.pathParameter("code")
        guard CodeRuleWeb.valid(code), let county = try await Region.query(on: req.db).filter(\.$code == code).first(), county.level == .county,
              let page = try await build(county, req.lang) else {
            throw Abort(.notFound)
        }
        var h = HTTPHeaders()
        h.contentType = page.type
        h.add(name: .cacheControl, value: "public, max-age=60")
        let entry = PublicFundingCache.Entry(body: ByteBuffer(string: page.body), headers: h)
        req.application.publicFunding.set(key, entry)
        return Self.response(entry)
    }

    /// The cached bytes are shared, not copied (ByteBuffer is copy-on-write).
    static func response(_ e: PublicFundingCache.Entry) -> Response {
        Response(status: .ok, headers: e.headers, body: .init(buffer: e.body))
    }

    /// The model of a published year (nil when `year` is not published).
    func model(_ county: Region, year: Int?, on db: any Database) async throws -> PublicFundingModel? {
        let published = try await FundingStore.years(of: county, publishedOnly: true, on: db)
        let chosen: FundingYearRecord? = if let year { published.first { $0.fiscalYear == year } } else { published.first }
        guard let record = chosen, let at = record.publishedAt else { return nil }
        let data = try await FundingStore.dataset(county: county, records: published, on: db)
        var m = PublicFundingModel(countyCode: county.code, countyName: county.name, year: record.fiscalYear,
                                   years: published.map(\.fiscalYear), publishedAt: at, dataset: data)
        m.documents = try await FundingDocuments.byProject(yearIDs: record.id.map { [$0] } ?? [], publicOnly: true, on: db)
        return m
    }

    func yearParameter(_ req: Request) -> Int? {
        req.parameters.get("year", as: Int.self).flatMap { (2000...2100).contains($0) ? $0 : nil }
    }

    func ctx(_ req: Request) -> PageContext { PageContext(req, forms: false) }

    func county(_ req: Request) async throws -> Response {
        try await cached(req) { county, _ in
            guard let m = try await model(county, year: nil, on: req.db) else {
                return (PublicFundingView.empty(countyName: county.name, ctx(req)), .html)
            }
            return (PublicFundingView.year(m, ctx(req)), .html)
        }
    }

    func year(_ req: Request) async throws -> Response {
        guard let y = yearParameter(req) else { throw Abort(.notFound) }
        return try await cached(req) { county, _ in try await model(county, year: y, on: req.db).map { (PublicFundingView.year($0, ctx(req)), .html) } }
    }

    func schools(_ req: Request) async throws -> Response {
        guard let y = yearParameter(req) else { throw Abort(.notFound) }
        return try await cached(req) { county, _ in try await model(county, year: y, on: req.db).map { (PublicFundingView.schools($0, ctx(req)), .html) } }
    }

    func school(_ req: Request) async throws -> Response {
        guard let y = yearParameter(req), let code = req.parameters.get("school") else { throw Abort(.notFound) }
        return try await cached(req) { county, _ in
            guard let m = try await model(county, year: y, on: req.db), let s = m.school(code), m.funds.contains(where: { $0.school.code == code }) else { return nil }
            return (PublicFundingView.school(m, s, ctx(req)), .html)
        }
    }

    func projects(_ req: Request) async throws -> Response {
        guard let y = yearParameter(req) else { throw Abort(.notFound) }
        return try await cached(req) { county, _ in try await model(county, year: y, on: req.db).map { (PublicFundingView.projects($0, ctx(req)), .html) } }
    }

    /// datapackage.json and its CSV resources (paths relative to the descriptor).
    func dataPackage(_ req: Request) async throws -> Response {
        guard let y = yearParameter(req) else { throw Abort(.notFound) }
        let file = req.url.path.split(separator: "/").last.map(String.init) ?? ""
        return try await cached(req) { county, _ in
            guard let m = try await model(county, year: y, on: req.db) else { return nil }
            let data = FundingDataset(countyCode: m.countyCode, countyName: m.countyName, schools: m.dataset.schools,
                                      lines: m.lines(), projects: m.projects)
            guard let f = FiscalDataPackage.files(data, year: y, catalog: m.catalog).first(where: { $0.path == file }) else { return nil }
            let type = file.hasSuffix(".json") ? HTTPMediaType(type: "application", subType: "json", parameters: ["charset": "utf-8"])
                : HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            return (String(decoding: f.bytes, as: UTF8.self), type)
        }
    }
}

/// Path codes the public routes accept (so hostile paths never reach the database or the cache).
enum CodeRuleWeb {
    static func valid(_ code: String) -> Bool { CodeRule.isValid(code) }
}
