import Foundation
import Testing
@testable import JunhengWeb

/// The QR encoder against qrcodegen (Project Nayuki's reference encoder, PyPI): the same modules for every mask, the
/// same version and the same mask chosen by the penalty. Fixtures: scripts/fixtures/qr-reference.py.
@Suite struct SurveyQRCodeTests {
    struct Fixture: Decodable { var text: String; var version: Int; var auto_mask: Int; var masks: [[String]] }

    static func fixtures() throws -> [Fixture] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/qr-reference.json")
        return try JSONDecoder().decode([Fixture].self, from: Data(contentsOf: url))
    }

    @Test func everyMaskMatchesTheReferenceModuleForModule() throws {
        let fixtures = try Self.fixtures()
        #expect(fixtures.count == 6)
        for f in fixtures {
            for mask in 0..<8 {
                let qr = try #require(QRCode(Array(f.text.utf8), forceMask: mask))
                #expect(qr.version == f.version, "\(f.text.prefix(20)): version")
                let rows = qr.modules.map { String($0.map { $0 ? "1" : "0" }) }
                #expect(rows == f.masks[mask], "\(f.text.prefix(20)) mask \(mask) differs from qrcodegen")
            }
        }
    }

    @Test func thePenaltyChoosesAMaskAndTooLongTextIsRefused() throws {
        for f in try Self.fixtures() {
            let qr = try #require(QRCode(Array(f.text.utf8)))
            #expect(qr.mask == f.auto_mask, "\(f.text.prefix(20)): mask \(qr.mask), qrcodegen chose \(f.auto_mask)")
        }
        #expect(QRCode(Array(repeating: 65, count: 214)) == nil)   // over version 10-M's 213 bytes
        #expect(QRCode(Array(repeating: 65, count: 213)) != nil)
        let svg = QRCode.svg("https://x/s/1", label: "a\"<b>")
        #expect(svg.hasPrefix("<svg") && !svg.contains("<b>") && svg.contains("&quot;"))
    }
}
