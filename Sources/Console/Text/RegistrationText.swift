/// Labels of self-registration: the public form, the applicant's status page and the city's
/// verification queue (issue 18).
enum RegistrationText {
    static let table: [String: (String, String)] = [
        "nav.register": ("注册机构", "Register"),
        "nav.registration": ("注册审核进度", "Registration"),
        "nav.verifications": ("机构注册审核", "Verifications"),
        "reg.title": ("注册机构", "Register an organisation"),
        "reg.intro": (
            "企业、高校、科研院所、实验室和服务机构可自行注册。注册后即可登录，所在城市审核通过前不能发布、申请、兑付或对接。",
            "Enterprises, universities, institutes, labs and providers register themselves. You can sign in at once; until your city verifies you, you cannot publish, apply, redeem or connect."
        ),
        "reg.organization": ("机构", "Organisation"),
        "reg.kind": ("机构类型", "Kind"),
        "reg.kind.enterprise": ("企业", "Enterprise"),
        "reg.kind.university": ("高校", "University"),
        "reg.kind.institute": ("科研院所", "Institute"),
        "reg.kind.lab": ("实验室", "Lab"),
        "reg.kind.provider": ("服务机构", "Provider"),
        "reg.kind.government": ("政府部门", "Government"),
        "reg.kind.platform": ("平台", "Platform"),
        "reg.name": ("机构名称", "Name"),
        "reg.city": ("所在城市", "City"),
        "reg.creditCode": ("统一社会信用代码（18 位）", "Unified social credit code (18 characters)"),
        "reg.park": ("所在园区代码（可选）", "Park code (optional)"),
        "reg.contact": ("联系人", "Contact"),
        "reg.contact.name": ("联系人姓名", "Contact name"),
        "reg.contact.phone": ("联系电话", "Contact phone"),
        "reg.contact.email": ("联系邮箱", "Contact e-mail"),
        "reg.contact.address": ("地址", "Address"),
        "reg.admin": ("机构管理员（您本人）", "Administrator (you)"),
        "reg.admin.displayName": ("姓名", "Your name"),
        "reg.admin.username": ("用户名（小写字母、数字或 . _ -）", "Username (lower-case letters, digits, . _ -)"),
        "reg.admin.email": ("电子邮箱", "E-mail"),
        "reg.admin.password": (
            "密码（至少 12 个字符，不含用户名）", "Password (at least 12 characters, not containing the username)"
        ),
        "reg.document": (
            "营业执照或机构证书（PDF、PNG 或 JPEG，不超过 5 MB）", "Business licence or certificate (PDF, PNG or JPEG, at most 5 MB)"
        ),
        "reg.submit": ("提交注册", "Register"),
        "reg.done.registered": ("注册已提交，请等待所在城市审核。", "Registered: your city will verify it."),
        "reg.done.uploaded": ("文件已更新。", "The file was replaced."),
        "reg.done.resubmitted": ("已重新提交审核。", "Submitted again for verification."),
        "reg.status.title": ("机构注册审核", "Your registration"),
        "reg.status": ("状态", "Status"),
        "reg.status.pending": ("待审核", "Awaiting verification"),
        "reg.status.verified": ("已通过", "Verified"),
        "reg.status.rejected": ("已驳回", "Rejected"),
        "reg.status.hint.pending": (
            "所在城市审核通过前，不能发布、申请、兑付或对接。", "Until your city verifies it you cannot publish, apply, redeem or connect."
        ),
        "reg.status.hint.rejected": (
            "请按驳回理由修改后重新提交。", "Correct what the reason names and submit again."
        ),
        "reg.reason": ("驳回理由", "Reason"),
        "reg.round": ("提交次数", "Submissions"),
        "reg.submittedAt": ("提交时间", "Submitted"),
        "reg.view": ("查看文件", "View the file"),
        "reg.noDocument": ("尚未上传文件。", "No file uploaded yet."),
        "reg.replace": ("上传新文件", "Upload a new file"),
        "reg.correct": ("修改并重新提交", "Correct and submit again"),
        "reg.resubmit": ("重新提交", "Submit again"),
        "reg.none": ("本机构不是自助注册的，无需审核。", "Your organisation did not register itself; there is nothing to verify."),
        "reg.queue.title": ("机构注册审核", "Registrations to verify"),
        "reg.queue.hint": (
            "本市自助注册的机构。核对营业执照或证书与填写的信息一致后通过，否则说明理由驳回。",
            "Organisations of your city that registered themselves. Verify when the licence matches what they entered; otherwise reject with a reason."
        ),
        "reg.queue.none": ("暂无待审核的注册。", "No registration is waiting."),
        "reg.queue.document": ("营业执照或证书", "Licence or certificate"),
        "reg.queue.pdf": ("在新窗口打开 PDF", "Open the PDF"),
        "reg.queue.admin": ("管理员", "Administrator"),
        "reg.verify": ("审核通过", "Verify"),
        "reg.reject": ("驳回", "Reject"),
        "reg.reject.reason": ("驳回理由", "Reason for rejecting"),
        "reg.done.verify": ("已审核通过。", "Verified."),
        "reg.done.reject": ("已驳回。", "Rejected."),
        "reg.queue.decided": ("最近处理", "Recently decided"),
    ]
}
