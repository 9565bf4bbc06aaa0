/// Labels of invitations, password resets, one-time passwords and one's own sessions (issue 18).
enum AccountSecurityText {
    static let table: [String: (String, String)] = [
        "login.code": ("动态口令或恢复码", "One-time code or recovery code"),
        "login.code_hint": (
            "已启用两步验证：请输入身份验证器中的 6 位动态口令，或一个恢复码，并重新输入密码。",
            "Two-step sign-in is on: enter the 6-digit code from your authenticator app, or a recovery code, and your password again."
        ),
        "login.forgot": ("忘记密码？", "Forgot your password?"),
        "login.invited": ("账号已创建，请登录。", "Your account is ready; sign in."),
        "login.reset_done": ("密码已重置，请用新密码登录。", "Your password was reset; sign in with the new one."),
        "invite.title": ("邀请同事", "Invite colleagues"),
        "invite.intro": (
            "按电子邮箱邀请同事加入本机构；对方通过一次性链接（72 小时内有效）自行设置用户名和密码，任何人都看不到其密码。",
            "Invite a colleague by e-mail; they choose their own username and password through a single-use link (valid 72 hours). Nobody else ever sees their password."
        ),
        "invite.email": ("电子邮箱", "E-mail"),
        "invite.name": ("姓名", "Name"),
        "invite.role": ("角色", "Role"),
        "invite.submit": ("发送邀请", "Send the invitation"),
        "invite.link_once": (
            "未配置邮件服务：请把下面的邀请链接交给对方。链接只显示这一次，不会保存：",
            "No mail relay is configured: give this link to your colleague. It is shown only this once and is not stored:"
        ),
        "invite.mailed": ("邀请已发送至对方邮箱。", "The invitation was mailed."),
        "invite.pending": ("邀请记录", "Invitations"),
        "invite.status": ("状态", "Status"),
        "invite.expires": ("有效期至", "Expires"),
        "invite.revoke": ("撤销", "Revoke"),
        "invite.revoked": ("邀请已撤销。", "The invitation was revoked."),
        "invite.none": ("还没有邀请。", "No invitations yet."),
        "invite.status.pending": ("待接受", "Pending"),
        "invite.status.accepted": ("已接受", "Accepted"),
        "invite.status.revoked": ("已撤销", "Revoked"),
        "invite.status.expired": ("已过期", "Expired"),
        "accept.title": ("接受邀请", "Accept the invitation"),
        "accept.intro": ("邀请您以下列身份加入：", "You are invited to join as:"),
        "accept.organization": ("机构", "Organisation"),
        "accept.username": ("用户名（小写字母、数字、点、横线）", "Username (lower-case letters, digits, dots, dashes)"),
        "accept.password": ("密码（至少 10 个字符，勿用常见密码）", "Password (at least 10 characters, not a common one)"),
        "accept.submit": ("创建我的账号", "Create my account"),
        "reset.title": ("重置密码", "Reset your password"),
        "reset.intro": (
            "输入用户名或电子邮箱；如账号存在并登记了邮箱，我们会把重置链接（1 小时内有效）发到该邮箱。",
            "Enter your username or e-mail; if the account exists and has an address, we mail a reset link (valid one hour) to it."
        ),
        "reset.identifier": ("用户名或电子邮箱", "Username or e-mail"),
        "reset.request": ("发送重置链接", "Send a reset link"),
        "reset.sent": (
            "如果该账号存在，重置链接已发送至其登记的邮箱。",
            "If the account exists, a reset link was sent to its address."
        ),
        "reset.new": ("新密码", "New password"),
        "reset.submit": ("设置新密码", "Set the new password"),
        "security.title": ("账号安全", "Account security"),
        "security.totp": ("两步验证（动态口令）", "Two-step sign-in (one-time passwords)"),
        "security.totp_on": ("已启用。剩余恢复码：", "On. Recovery codes left:"),
        "security.totp_off": ("未启用。", "Off."),
        "security.totp_required": (
            "管理员账号必须启用两步验证：启用之前，本次登录只能用于设置。",
            "Administrators must use two-step sign-in: until it is on, this session can only set it up."
        ),
        "security.start": ("启用两步验证", "Turn two-step sign-in on"),
        "security.secret": (
            "在身份验证器应用中添加以下密钥（或打开下面的 otpauth 链接），然后输入应用显示的 6 位动态口令。密钥只显示这一次：",
            "Add this key to your authenticator app (or open the otpauth link), then enter the 6-digit code it shows. The key is shown only this once:"
        ),
        "security.code": ("动态口令", "Code"),
        "security.confirm": ("确认并启用", "Confirm and turn on"),
        "security.recovery": (
            "两步验证已启用。以下 10 个恢复码各可代替动态口令使用一次，只显示这一次，请妥善保存：",
            "Two-step sign-in is on. Each of these 10 recovery codes signs you in once instead of a code; they are shown only this once:"
        ),
        "security.disable": ("关闭两步验证", "Turn two-step sign-in off"),
        "security.password": ("当前密码", "Current password"),
        "security.disabled": ("两步验证已关闭。", "Two-step sign-in is off."),
        "security.sessions": ("我的会话和令牌", "My sessions and tokens"),
        "security.kind": ("类型", "Kind"),
        "security.created": ("创建", "Created"),
        "security.current": ("当前会话", "This session"),
        "security.revoke": ("撤销", "Revoke"),
        "security.revoked": ("已撤销。", "Revoked."),
        "security.kind.session": ("登录会话", "Session"),
        "security.kind.api": ("API 令牌", "API token"),
        "security.kind.service": ("服务令牌", "Service token"),
        "account.security_link": ("账号安全（两步验证、会话）", "Account security (two-step sign-in, sessions)"),
        "account.invite_link": ("邀请同事", "Invite colleagues"),
    ]
}
