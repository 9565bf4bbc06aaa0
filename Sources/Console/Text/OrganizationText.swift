/// Labels of the organisation's own profile page.
enum OrganizationText {
    static let table: [String: (String, String)] = [
        "organization.title": ("本机构信息", "My organisation"),
        "directory.title": ("机构名录", "Directory of organisations"),
        "counterparts.title": ("合作对象推荐", "Counterparts"),
        "counterparts.how": (
            "综合本机构全部在册需求（或成果）计算的对口机构，分数为各项匹配的平均值。",
            "Organisations that fit all of this organisation's open needs (or its supply); the score is the mean over them."
        ),
        "counterparts.fields": ("领域", "Fields"),
        "counterparts.score": ("匹配分", "Score"),
        "counterparts.none": ("暂无推荐：请先发布需求或成果。", "None yet: publish needs or supply first."),
        "agency.title": ("技术转移机构（技术经理人）", "Broker agencies (technology managers)"),
        "agency.how": (
            "城市管理员将本市机构登记为技术转移机构或分市场；机构管理员登记本机构的技术经理人（填写用户编号，可附证书编号）。",
            "A city's administrator registers an organisation of the city as an agency or sub-market; the agency's administrator registers its brokers (by user number, with a certificate number if any)."
        ),
        "agency.kind": ("类型", "Kind"),
        "agency.kind.agency": ("技术转移机构", "Technology-transfer agency"),
        "agency.kind.sub_market": ("技术市场分市场", "Sub-market"),
        "agency.since": ("登记时间", "Registered"),
        "agency.register": ("登记为技术转移机构", "Register as a broker agency"),
        "agency.organization": ("机构编号", "Organisation number"),
        "agency.brokers": ("本机构的技术经理人", "Our brokers"),
        "agency.user": ("用户编号", "User number"),
        "agency.certificate": ("技术经理人证书编号", "Broker certificate number"),
        "agency.add_broker": ("登记技术经理人", "Register a broker"),
        "agency.saved": ("已登记。", "Registered."),
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
