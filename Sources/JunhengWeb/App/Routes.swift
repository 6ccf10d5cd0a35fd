import Vapor

/// Every route of the platform; browser pages use session cookies + CSRF, the API uses bearer tokens.
func routes(_ app: Application) throws {
    let browser = app.grouped(app.sessions.middleware, SessionPrincipalMiddleware())
    let auth = AuthController()
    browser.get("login", use: auth.loginForm)
    browser.grouped(CSRFMiddleware()).post("login", use: auth.login)

    let pages = browser.grouped(RequireLoginMiddleware())
    // Signed-in users' forms may carry uploads (statistics files), so their bodies are read up to 64 MB.
    let forms = pages.grouped(CSRFMiddleware(maxBody: "64mb"))
    forms.post("logout", use: auth.logout)
    pages.get(use: auth.home)

    let counties = CountyController()
    pages.get("counties", use: counties.list)
    pages.get("counties", ":code", use: counties.county)
    pages.get("counties", ":code", "snapshots", use: counties.snapshots)
    pages.get("counties", ":code", "years", ":year", use: counties.dashboard)
    pages.get("counties", ":code", "years", ":year", "report", use: counties.report)
    pages.get("counties", ":code", "years", ":year", "report.xlsx", use: counties.xlsx)
    pages.get("counties", ":code", "years", ":year", "report.pdf", use: counties.pdfForm)
    forms.post("counties", ":code", "years", ":year", "report.pdf", use: counties.pdf)
    pages.get("counties", ":code", "years", ":year", "matrix.csv", use: counties.matrixCSV)

    let upload = UploadController()
    pages.get("counties", ":code", "upload", use: upload.form)
    forms.on(.POST, "counties", ":code", "upload", body: .collect(maxSize: "64mb"), use: upload.upload)

    pages.get("schools", ":code", use: SchoolController().show)
    planRoutes(pages: pages, forms: forms)
    classroomRoutes(pages: pages, forms: forms)
    jobRoutes(pages: pages, forms: forms, api: app.grouped("api", "v1").grouped(BearerPrincipalMiddleware(), RequireTokenMiddleware()))

    let admin = AdminController()
    let adminPages = pages.grouped(AdminOnlyMiddleware())
    let adminForms = forms.grouped(AdminOnlyMiddleware())
    adminPages.get("admin", use: admin.index)
    adminPages.get("admin", "audit", use: admin.audit)
    adminForms.post("admin", "regions", use: admin.createRegion)
    adminForms.post("admin", "schools", use: admin.createSchool)
    adminForms.post("admin", "users", use: admin.createUser)
    adminForms.post("admin", "users", ":id", "role", use: admin.changeRole)
    adminForms.post("admin", "users", ":id", "delete", use: admin.deleteUser)

    let api = app.grouped("api", "v1")
    let apiController = APIController()
    api.get("openapi.json", use: { _ in OpenAPIDocument.response() })
    api.post("auth", "login", use: apiController.login)
    let authed = api.grouped(BearerPrincipalMiddleware(), RequireTokenMiddleware())
    authed.get("counties", use: apiController.counties)
    authed.get("counties", ":code", "snapshots", use: apiController.snapshots)
    authed.get("counties", ":code", "years", ":year", "evaluation", use: apiController.evaluation)
    authed.on(.POST, "counties", ":code", "years", ":year", "statistics", body: .collect(maxSize: "64mb"), use: apiController.upload)
    let classrooms = ClassroomAPIController()
    authed.get("counties", ":code", "classrooms", "plan", use: classrooms.plan)
    authed.get("counties", ":code", "classrooms", "timetables", ":school", use: classrooms.timetable)
    authed.post("classroom-plans", ":id", "logs", use: classrooms.log)
}
