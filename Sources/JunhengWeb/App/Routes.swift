import Vapor

/// Every route of the platform; browser pages use session cookies + CSRF, the API uses bearer tokens.
func routes(_ app: Application) throws {
    let browser = app.grouped(app.sessions.middleware, SessionPrincipalMiddleware())
    let auth = AuthController()
    browser.get("login", use: auth.loginForm).requires(.anyone)
    browser.grouped(CSRFMiddleware()).post("login", use: auth.login).requires(.anyone)
    browser.get("login", "totp", use: auth.totpForm).requires(.anyone)
    browser.grouped(CSRFMiddleware()).post("login", "totp", use: auth.totp).requires(.anyone)

    creditBankRoutes(browser: browser)

    let pages = browser.grouped(RequireLoginMiddleware())
    // Forms are small (64 KB); only the upload routes read bodies up to the upload limit.
    let forms = pages.grouped(CSRFMiddleware())
    let uploads = pages.grouped(CSRFMiddleware(maxBody: Limits.uploadBody))
    forms.post("logout", use: auth.logout).requires(.signedIn)
    pages.get(use: auth.home).requires(.signedIn)

    let counties = CountyController()
    pages.get("counties", use: counties.list).requires(.signedIn)
    pages.get("counties", ":code", use: counties.county).requires(.readCounty)
    pages.get("counties", ":code", "snapshots", use: counties.snapshots).requires(.readCounty)
    pages.get("counties", ":code", "years", ":year", use: counties.dashboard).requires(.readCounty)
    pages.get("counties", ":code", "years", ":year", "report", use: counties.report).requires(.readCounty)
    pages.get("counties", ":code", "years", ":year", "report.xlsx", use: counties.xlsx).requires(.readCounty)
    pages.get("counties", ":code", "years", ":year", "report.pdf", use: counties.pdfForm).requires(.readCounty)
    forms.post("counties", ":code", "years", ":year", "report.pdf", use: counties.pdf).requires(.readCounty)
    pages.get("counties", ":code", "years", ":year", "matrix.csv", use: counties.matrixCSV).requires(.readCounty)

    let upload = UploadController()
    pages.get("counties", ":code", "upload", use: upload.form).requires(.uploadStatistics)
    uploads.on(.POST, "counties", ":code", "upload", body: .collect(maxSize: Limits.uploadBody), use: upload.upload).requires(.uploadStatistics)

    pages.get("schools", ":code", use: SchoolController().show).requires(.readSchool)
    accountRoutes(pages: pages, forms: forms)
    planRoutes(pages: pages, forms: forms)
    classroomRoutes(pages: pages, forms: forms, uploads: uploads)
    jobRoutes(pages: pages, forms: forms, api: app.grouped("api", "v1").grouped(BearerPrincipalMiddleware(), RequireTokenMiddleware()))

    let admin = AdminController()
    let adminPages = pages.grouped(AdminOnlyMiddleware())
    let adminForms = forms.grouped(AdminOnlyMiddleware())
    adminPages.get("admin", use: admin.index).requires(.administer)
    adminPages.get("admin", "audit", use: admin.audit).requires(.administer)
    adminForms.post("admin", "regions", use: admin.createRegion).requires(.administer)
    adminForms.post("admin", "schools", use: admin.createSchool).requires(.administer)
    adminForms.post("admin", "users", use: admin.createUser).requires(.administer)
    adminForms.post("admin", "users", ":id", "role", use: admin.changeRole).requires(.administer)
    adminForms.post("admin", "users", ":id", "password", use: admin.resetPassword).requires(.administer)
    adminForms.post("admin", "users", ":id", "deactivate", use: admin.deactivate).requires(.administer)
    adminForms.post("admin", "users", ":id", "activate", use: admin.activate).requires(.administer)

    let api = app.grouped("api", "v1")
    let apiController = APIController()
    api.get("openapi.json", use: { _ in OpenAPIDocument.response() }).requires(.anyone)
    api.post("auth", "login", use: apiController.login).requires(.anyone)
    creditBankAPIRoutes(api: api)
    let authed = api.grouped(BearerPrincipalMiddleware(), RequireTokenMiddleware())
    authed.get("counties", use: apiController.counties).requires(.signedIn)
    authed.get("counties", ":code", "snapshots", use: apiController.snapshots).requires(.readCounty)
    authed.get("counties", ":code", "years", ":year", "evaluation", use: apiController.evaluation).requires(.readCounty)
    authed.on(.POST, "counties", ":code", "years", ":year", "statistics", body: .collect(maxSize: Limits.uploadBody), use: apiController.upload).requires(.uploadStatistics)
    let classrooms = ClassroomAPIController()
    authed.get("counties", ":code", "classrooms", "plan", use: classrooms.plan).requires(.readCounty)
    authed.get("counties", ":code", "classrooms", "timetables", ":school", use: classrooms.timetable).requires(.readOwnTimetable)
    authed.post("classroom-plans", ":id", "logs", use: classrooms.log).requires(.logClassroomSession)
}
