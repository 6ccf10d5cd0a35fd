import Foundation
import Plot
import Survey

/// Printable invitation slips: eight to an A4 page, each with the QR code of its link and the short code.
enum SlipsView {
    struct Slip { var code: String; var url: String }

    static func render(surveyName: String, label: String, school: String?, classLabel: String? = nil, slips: [Slip], _ ctx: PageContext) -> String {
        Layout.page(ctx, title: "邀请单 · \(surveyName)", printable: true, .group(
            .p(.class("no-print"), .text("用浏览器打印（A4）；每张邀请单只能答一次，请逐人发放。")),
            .div(.class("slips"), .forEach(slips) { s in
                .div(.class("slip"),
                     .p(.class("slip-title"), .text(surveyName)),
                     .p(.text("\(label)\(school.map { " · \($0)" } ?? "")\(classLabel.map { " · \($0)" } ?? "")")),
                     .raw(SVGChart.qrCode(s.url, label: "邀请链接二维码")),
                     .p(.text("扫码答题，或打开 \(s.url)")),
                     .p(.class("slip-code"), .text("邀请码 \(InvitationCode.grouped(s.code))")),
                     .p(.class("muted"), .text("匿名调查：答卷不与邀请码关联；每份邀请只能提交一次。")))
            })))
    }
}
