import Foundation
import Plot
import ThreeClassrooms

/// A printable days × periods grid with lessons and 专递课堂 sessions (sending and receiving marked).
enum TimetableView {
    static let dayNames = ["一", "二", "三", "四", "五", "六", "日"]

    static func render(_ m: TimetableModel, _ ctx: PageContext) -> String {
        let title = ctx.t(m.titleZH, m.titleEN)
        return Layout.page(ctx, title: title, .group(
            .h1(.text(title)),
            .if(!m.published, .p(.class("notice"), .text(ctx.t("此方案尚未发布。", "This plan is not published.")))),
            .p(.class("muted"),
               .span(.class("tt-sending"), .text(ctx.t(" 派出 ", " sending "))), .text(" "),
               .span(.class("tt-receiving"), .text(ctx.t(" 接收 ", " receiving "))), .text(" "),
               .span(.class("tt-lesson"), .text(ctx.t(" 本校课程 ", " own lessons ")))),
            .div(.class("scroll"), .table(.class("timetable"), .id("timetable"),
                .tr(.th(.text(ctx.t("节次", "Period"))),
                    .forEach(1...max(1, m.days)) { d in .th(.text(ctx.t("星期" + dayNames[(d - 1) % 7], "Day \(d)"))) }),
                .forEach(1...max(1, m.periods)) { p in
                    .tr(.th(.text(ctx.t("第\(p)节", "\(p)"))),
                        .forEach(1...max(1, m.days)) { d in
                            let entries = m.cells[Slot(day: d, period: p)] ?? []
                            return .td(.attr(.dataSlot, "\(d)-\(p)"), .forEach(entries) { e in
                                .div(.attr(.class, "tt-\(e.kind.rawValue)"),
                                     e.sessionKey.map { k -> Node<HTML.BodyContext> in
                                         .a(.attr(.href, "/classroom-plans/\(m.planID)/session?key=\(k.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? k)"),
                                            .text(ctx.t(e.zh, e.en)))
                                     } ?? .text(ctx.t(e.zh, e.en)))
                            })
                        })
                })),
            .p(.class("muted"), .id("session-count"), .text(ctx.t("本课表共 \(m.sessions.count) 节专递课堂/周。", "\(m.sessions.count) remote sessions a week."))),
            .p(.class("no-print muted"), .text(ctx.t("打印本页即得纸质课表。", "Print this page for a paper timetable.")))
        ))
    }
}
