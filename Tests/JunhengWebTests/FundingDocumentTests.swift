import Crypto
import Fluent
import Foundation
import Funding
import JunhengDemo
import Testing
import VaporTesting
@testable import JunhengWeb

extension WebTests {
    /// Procurement stage documents: PDF/image only (by content), bounded, stored by SHA-256 in the evidence storage,
    /// public only once the year is published and the document is marked public.
    @Suite struct FundingDocumentTests {
        static let pdf = Array("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".utf8)
        static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]

        @Test func documentsAreCheckedStoredAndShownOnlyWhenPublic() async throws {
            try await withTestApp { app in
                var finance = TestBrowser(app)
                try await finance.login("demo-finance")
                let year = try #require(try await FundingYearRecord.query(on: app.db).filter(\.$fiscalYear == 2026).first())
                let project = try #require(try await FundingProjectRecord.query(on: app.db).filter(\.$year.$id == year.requireID())
                    .filter(\.$code == "P202601").first())
                let page = "/counties/\(Demo.county1)/funding/years/2026/projects/\(try project.requireID().uuidString)"
                let upload = page + "/documents"
                #expect(try await finance.get(page).body.string.contains("id=\"document-form\""))
                // Not a PDF although named so: 415. No stage: 422. Over 10 MB: 413. Each refusal audited.
                #expect(try await finance.upload(upload, fields: ["stage": "tender"], file: Array("hello".utf8), fileName: "a.pdf").status == .unsupportedMediaType)
                #expect(try await finance.upload(upload, fields: ["stage": "nope"], file: Self.pdf, fileName: "a.pdf").status == .unprocessableEntity)
                let big = Self.pdf + [UInt8](repeating: 0x20, count: FundingDocuments.maxBytes)
                #expect(try await finance.upload(upload, fields: ["stage": "tender"], file: big, fileName: "big.pdf").status == .payloadTooLarge)
                #expect(try await auditEntries(app, action: "funding-document-rejected").count == 3)
                // A public tender notice (PDF) and an internal contract scan (PNG).
                #expect(try await finance.upload(upload, fields: ["stage": "tender", "public": "1"], file: Self.pdf, fileName: "招标公告.pdf").status == .seeOther)
                #expect(try await finance.upload(upload, fields: ["stage": "contract"], file: Self.png, fileName: "合同.png").status == .seeOther)
                let docs = try await FundingDocumentRecord.query(on: app.db).filter(\.$projectCode == "P202601").all()
                #expect(docs.count == 2)
                let notice = try #require(docs.first { $0.stage == "tender" }), contract = try #require(docs.first { $0.stage == "contract" })
                #expect(notice.sha256 == SHA256.hex(Self.pdf) && notice.isPublic && notice.fileType == "pdf" && notice.size == Self.pdf.count)
                #expect(!contract.isPublic && contract.fileType == "png")
                // Stored like the assessment evidence: the county's folder, named by the hash.
                #expect(EvidenceStorage.read(dir: app.evidenceDirectory, county: Demo.county1, sha256: notice.sha256).map([UInt8].init) == Self.pdf)
                #expect(try await auditEntries(app, action: "funding-document-upload").count == 2)
                let edit = try await finance.get(page).body.string
                #expect(edit.contains("id=\"document-list\"") && edit.contains("招标公告.pdf") && edit.contains(notice.sha256))
                let own = try await finance.get("/counties/\(Demo.county1)/funding/years/2026/documents/\(try notice.requireID().uuidString)")
                #expect(own.status == .ok && [UInt8](own.body.readableBytesView) == Self.pdf)

                // Draft year: nothing public.
                let publicDoc = "/public/counties/\(Demo.county1)/years/2026/documents/\(try notice.requireID().uuidString)"
                let internalDoc = "/public/counties/\(Demo.county1)/years/2026/documents/\(try contract.requireID().uuidString)"
                #expect(try await app.testing().sendRequest(.GET, publicDoc).status == .notFound)
                // Published: the public notice is on the project page and downloads without login; the internal one never.
                #expect(try await finance.post("/counties/\(Demo.county1)/funding/years/2026/publish", form: [:]).status == .seeOther)
                let projects = try await app.testing().sendRequest(.GET, "/public/counties/\(Demo.county1)/years/2026/projects")
                #expect(projects.status == .ok)
                #expect(projects.body.string.contains(publicDoc) && projects.body.string.contains("招标公告.pdf"))
                #expect(!projects.body.string.contains("合同.png") && !projects.body.string.contains(internalDoc))
                let got = try await app.testing().sendRequest(.GET, publicDoc)
                #expect(got.status == .ok && [UInt8](got.body.readableBytesView) == Self.pdf)
                #expect(got.headers[.setCookie].isEmpty && got.headers.contentType?.description.hasPrefix("application/pdf") == true)
                #expect(try await app.testing().sendRequest(.GET, internalDoc).status == .notFound)
                // A published year takes no new document until re-opened.
                #expect(try await finance.upload(upload, fields: ["stage": "award", "public": "1"], file: Self.pdf, fileName: "中标.pdf").status == .conflict)
            }
        }
    }
}
