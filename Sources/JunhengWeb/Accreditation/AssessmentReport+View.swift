import Accreditation
import JunhengReports
import Plot

/// The printable 自评报告 (accreditation.md §5 sections), as `SelfAssessmentReport` writes it, with the item tables.
enum AssessmentReportView {
    static func render(county: Region, year: Int, _ loaded: AssessmentStore.Loaded, _ ctx: PageContext) -> String {
        let L: ReportLanguage = ctx.lang == .zh ? .zh : .en
        let text = SelfAssessmentReport(language: L, county: county.name).render(loaded.assessment, input: loaded.input)
        let title = ctx.t("自评报告", "Self-assessment report")
        return Layout.page(ctx, title: "\(county.name) · \(year) · \(title)", printable: true, .group(
            .p(.class("no-print"), .a(.attr(.href, "/counties/\(county.code)/years/\(year)/assessment"), .text(ctx.t("← 返回评估", "← Back to the assessment")))),
            .pre(.id("self-assessment-report"), .text(text))
        ))
    }
}
