/// Labels of the organisation's own profile page.
enum OrganizationText {
    static let table: [String: (String, String)] = [
        "organization.title": ("本机构信息", "My organisation"),
        "directory.title": ("机构名录", "Directory of organisations"),
        "directory.all": ("全部", "All"),
        "directory.filter": ("筛选", "Filter"),
        "directory.name": ("机构名称", "Name"),
        "directory.none": ("没有符合条件的机构。", "No organisation matches."),
        "directory.more": ("下一页", "Next page"),
        "organization.kind": ("机构类型", "Kind"),
        "organization.city": ("所在城市", "City"),
        "organization.creditCode": ("统一社会信用代码", "Unified social credit code"),
        "organization.attributes": ("已认定资质", "Certified attributes"),
        "organization.highTech": ("高新技术企业", "High-tech enterprise"),
        "organization.techSME": ("科技型中小企业", "Tech-based SME"),
        "organization.specialized": ("专精特新", "Specialised and innovative"),
        "organization.park": ("所在园区（代码）", "Park (code)"),
        "organization.contact": ("联系方式", "Contact"),
        "organization.contactName": ("联系人", "Contact person"),
        "organization.contactPhone": ("联系电话", "Phone"),
        "organization.contactEmail": ("联系邮箱", "E-mail"),
        "organization.contactAddress": ("联系地址", "Address"),
        "organization.save": ("保存", "Save"),
        "organization.saved": ("机构信息已保存。", "The organisation's details were saved."),
        "organization.how": (
            "名称与类型以注册审核为准，资质须经城市认定；联系方式与园区可由本机构管理员修改。",
            "The name and kind come from the verified registration and attributes from the city's certification; administrators correct the contact details and park here."
        ),
    ]
}
