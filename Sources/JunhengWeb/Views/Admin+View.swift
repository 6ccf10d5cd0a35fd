import Foundation
import Plot

/// The administrator's page: regions, users, and forms to add them or change roles.
enum AdminView {
    static func render(regions: [Region], users: [User], schoolCount: Int, message: String?, _ ctx: PageContext) -> String {
        let roleOptions: [Node<HTML.SelectContext>] = Role.allCases.map { .option(.attr(.value, $0.rawValue), .attr(.label, ctx.t($0.zh, $0.en))) }
        return Layout.page(ctx, title: ctx.t("系统管理", "Administration"), .group(
            .h1(.text(ctx.t("系统管理", "Administration"))),
            .unwrap(message) { _ in .p(.class("notice"), .text(ctx.t("已保存。", "Saved."))) },
            .h2(.text(ctx.t("区划（省 → 市 → 县）", "Regions (province → city → county)"))),
            .p(.class("muted"), .text(ctx.t("学校 \(schoolCount) 所（由统计数据上传自动登记，或在下方添加）", "\(schoolCount) schools (registered by uploads or added below)"))),
            .table(.id("region-table"), .tr(.th(.text(ctx.t("代码", "Code"))), .th(.text(ctx.t("名称", "Name"))), .th(.text(ctx.t("层级", "Level")))),
                   .forEach(regions) { r in
                       .tr(.td(.text(r.code)), .td(.text(String(repeating: "　", count: r.path.split(separator: "/").count - 1) + r.name)), .td(.text(ctx.t(r.level.zh, r.level.en))))
                   }),
            .form(.action("/admin/regions"), .method(.post), ctx.csrfField,
                  .label(.text(ctx.t("新区划：代码、名称、层级、上级代码", "New region: code, name, level, parent code"))),
                  .input(.type(.text), .name("code"), .placeholder("330104"), .required(true)),
                  .input(.type(.text), .name("name"), .attr(.placeholder, ctx.t("名称", "name")), .required(true)),
                  .select(.attribute(named: "name", value: "level"), .forEach(RegionLevel.allCases) { .option(.attr(.value, $0.rawValue), .attr(.label, ctx.t($0.zh, $0.en))) }),
                  .input(.type(.text), .name("parent"), .placeholder("3301")),
                  .button(.type(.submit), .text(ctx.t("添加", "Add")))),
            .form(.action("/admin/schools"), .method(.post), ctx.csrfField,
                  .label(.text(ctx.t("新学校：县区代码、学校标识码、名称", "New school: county code, school code, name"))),
                  .input(.type(.text), .name("county"), .placeholder("330101"), .required(true)),
                  .input(.type(.text), .name("code"), .placeholder("3301010001"), .required(true)),
                  .input(.type(.text), .name("name"), .attr(.placeholder, ctx.t("学校名称", "school name")), .required(true)),
                  .button(.type(.submit), .text(ctx.t("添加", "Add")))),
            .h2(.text(ctx.t("用户与角色", "Users and roles"))),
            .div(.class("scroll"), .table(.id("user-table"),
                .tr(.th(.text(ctx.t("用户名", "Username"))), .th(.text(ctx.t("姓名", "Name"))), .th(.text(ctx.t("角色", "Role"))),
                    .th(.text(ctx.t("范围", "Scope"))), .th(.text(ctx.t("状态", "State"))), .th(.text(ctx.t("修改角色 / 范围", "Change role / scope"))),
                    .th(.text(ctx.t("重置密码", "Reset password"))), .th(.text(""))),
                .forEach(users) { userRow($0, roleOptions, ctx) })),
            .form(.action("/admin/users"), .method(.post), ctx.csrfField, .id("new-user"),
                  .label(.text(ctx.t("新用户：用户名、姓名、初始密码（≥10 位）、角色、范围（区划代码；校长为 县区代码/学校标识码；教师为 县区代码/学校标识码:教师编号）",
                                     "New user: username, name, initial password (≥ 10), role, scope (region code; principal: county/school; teacher: county/school:teacher id)"))),
                  .input(.type(.text), .name("username"), .required(true)),
                  .input(.type(.text), .name("display_name"), .required(true)),
                  .input(.type(.password), .name("password"), .required(true)),
                  .select(.attribute(named: "name", value: "role"), .group(roleOptions)),
                  .input(.type(.text), .name("scope")),
                  .button(.type(.submit), .text(ctx.t("创建", "Create"))))
        ))
    }
}

extension AdminView {
    /// One user's row: who, scope, state, and the forms to change role, reset the password, (de)activate.
    static func userRow(_ u: User, _ roleOptions: [Node<HTML.SelectContext>], _ ctx: PageContext) -> Node<HTML.TableContext> {
        let base = "/admin/users/\(u.id?.uuidString ?? "-")"
        let scope = u.region.map { "\($0.name) \($0.code)" } ?? u.school.map { "\($0.name) \($0.code)" } ?? ctx.t("全部", "all")
        let state = (u.active ? (u.demo ? ctx.t("演示账户", "demo") : ctx.t("启用", "active")) : ctx.t("已停用", "deactivated"))
            + (u.totpSecret != nil ? ctx.t(" · 两步验证", " · 2FA") : "")
        let role: Node<HTML.TableRowContext> = .td(.form(.class("inline"), .attr(.action, base + "/role"), .method(.post), ctx.csrfField,
            .select(.attribute(named: "name", value: "role"), .group(roleOptions)),
            .input(.type(.text), .name("scope"), .attr(.placeholder, ctx.t("区划或学校代码", "region or school code"))),
            .button(.type(.submit), .text(ctx.t("保存", "Save")))))
        let reset: Node<HTML.TableRowContext> = .td(.form(.class("inline"), .attr(.action, base + "/password"), .method(.post), ctx.csrfField,
            .input(.type(.password), .name("password"), .attr(.placeholder, ctx.t("新密码", "new password"))),
            .button(.type(.submit), .text(ctx.t("重置", "Reset")))))
        let toggle: Node<HTML.TableRowContext> = .td(.form(.class("inline"), .attr(.action, base + (u.active ? "/deactivate" : "/activate")),
            .method(.post), ctx.csrfField, .button(.type(.submit), .text(u.active ? ctx.t("停用", "Deactivate") : ctx.t("启用", "Activate")))))
        return .tr(.td(.text(u.username)), .td(.text(u.displayName)), .td(.text(ctx.t(u.role.zh, u.role.en))), .td(.text(scope)),
                   .td(.text(state)), role, reset, toggle)
    }
}

/// The audit log, newest first, with the chain's verification result.
enum AuditView {
    static func render(_ records: [AuditRecord], total: Int, broken: AuditChain.Break?, _ ctx: PageContext) -> String {
        Layout.page(ctx, title: ctx.t("审计日志", "Audit log"), .group(
            .h1(.text(ctx.t("审计日志", "Audit log"))),
            .unwrap(broken, { b in .p(.class("error-box"), .id("chain-status"), .text(ctx.t("哈希链校验失败：\(b.zh)", "Hash chain broken: \(b.en)"))) },
                    else: .p(.class("notice"), .id("chain-status"), .text(ctx.t("哈希链完整：共 \(total) 条记录均已校验。", "Hash chain intact: all \(total) entries verified.")))),
            .div(.class("scroll"), .table(.id("audit-table"),
                .tr(.th(.text("#")), .th(.text(ctx.t("时间", "Time"))), .th(.text(ctx.t("用户", "User"))), .th(.text(ctx.t("操作", "Action"))),
                    .th(.text(ctx.t("对象", "Target"))), .th(.text(ctx.t("详情", "Detail"))), .th(.text(ctx.t("哈希", "Hash")))),
                .forEach(records) { r in
                    .tr(.td(.class("num"), .text(String(r.seq))), .td(.text(ISO8601DateFormatter().string(from: r.date))), .td(.text(r.actor)),
                        .td(.text(r.action)), .td(.text(r.target)), .td(.text(r.detail)), .td(.code(.text(String(r.hash.prefix(12))))))
                }))
        ))
    }
}
