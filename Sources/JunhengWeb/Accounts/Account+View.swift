import Foundation
import Plot

/// What the account page shows.
struct AccountModel {
    var username: String
    var role: Role
    var hasTOTP: Bool
    var mayUseTOTP: Bool
    /// A secret being set up (shown once, until confirmed with a code).
    var enrollingSecret: String?
    var message: String?
    var error: String?
}

/// The account page: change password; set up or remove the second factor.
enum AccountView {
    static func render(_ m: AccountModel, _ ctx: PageContext) -> String {
        Layout.page(ctx, title: ctx.t("我的账户", "My account"), .group(
            .h1(.text("\(ctx.t("我的账户", "My account")) · \(m.username)")),
            .unwrap(m.message) { _ in .p(.class("notice"), .id("account-done"), .text(ctx.t("已保存。", "Saved."))) },
            .unwrap(m.error) { .p(.class("error-box"), .id("account-error"), .text($0)) },
            .h2(.text(ctx.t("修改密码", "Change password"))),
            .form(.id("password-form"), .action("/account/password"), .method(.post), ctx.csrfField,
                  .label(.for("current"), .text(ctx.t("当前密码", "Current password"))),
                  .input(.type(.password), .id("current"), .name("current"), .required(true)),
                  .label(.for("new"), .text(ctx.t("新密码（至少 10 个字符，不含用户名）", "New password (10+ characters, not containing the username)"))),
                  .input(.type(.password), .id("new"), .name("new"), .required(true)),
                  .label(.for("confirm"), .text(ctx.t("再次输入新密码", "New password again"))),
                  .input(.type(.password), .id("confirm"), .name("confirm"), .required(true)),
                  .p(.button(.type(.submit), .id("password-submit"), .text(ctx.t("修改密码", "Change password"))))),
            .if(m.mayUseTOTP, totp(m, ctx))
        ))
    }

    private static func totp(_ m: AccountModel, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        .group(
            .h2(.text(ctx.t("两步验证", "Second factor"))),
            .if(m.hasTOTP,
                .form(.id("totp-disable-form"), .action("/account/totp/disable"), .method(.post), ctx.csrfField,
                      .p(.id("totp-on"), .text(ctx.t("已启用。关闭需输入当前密码：", "On. To turn it off, enter your password:"))),
                      .input(.type(.password), .name("current"), .required(true)),
                      .button(.type(.submit), .text(ctx.t("关闭两步验证", "Turn off")))),
                else: .unwrap(m.enrollingSecret, { secret in
                    .form(.id("totp-confirm-form"), .action("/account/totp"), .method(.post), ctx.csrfField,
                          .p(.text(ctx.t("在身份验证器中添加此密钥（或导入下面的链接），然后输入显示的 6 位验证码：",
                                         "Add this key to your authenticator app (or import the link), then enter the 6-digit code it shows:"))),
                          .p(.code(.id("totp-secret"), .text(secret))),
                          .p(.code(.class("muted"), .text(TOTP.uri(secret: secret, username: m.username)))),
                          .input(.type(.text), .name("code"), .required(true), .autocomplete(false)),
                          .button(.type(.submit), .id("totp-confirm"), .text(ctx.t("确认启用", "Confirm"))))
                }, else: .form(.id("totp-start-form"), .action("/account/totp"), .method(.post), ctx.csrfField,
                               .button(.type(.submit), .id("totp-start"), .text(ctx.t("启用两步验证", "Set up a second factor")))))
            )
        )
    }
}
