/// Labels of the saved-search page and the search page's "save" form.
enum SavedSearchText {
    static let table: [String: (String, String)] = [
        "nav.saved": ("检索订阅", "Saved searches"),
        "nav.subscriptions": ("匹配订阅", "Match alerts"),
        "subscriptions.title": ("匹配订阅", "Match alerts"),
        "subscriptions.mine": ("我的匹配订阅", "My match alerts"),
        "subscriptions.none": ("还没有匹配订阅。", "No match alerts yet."),
        "subscriptions.new": ("新增匹配订阅", "New match alert"),
        "subscriptions.subject": ("订阅内容", "Tell me about"),
        "subscriptions.subject.portfolio": (
            "与本机构成果相匹配的新技术需求（高校、院所）", "New needs matching my organisation's portfolio (research)"
        ),
        "subscriptions.subject.need": ("与本机构某项需求相匹配的新成果、新专利", "New supply matching one of my organisation's needs"),
        "subscriptions.need": ("需求", "Need"),
        "subscriptions.score": ("最低匹配分（0–100）", "Least match score (0–100)"),
        "subscriptions.score.invalid": ("请填写 0 到 100 的整数", "Enter a whole number from 0 to 100"),
        "subscriptions.created": ("创建时间", "Created"),
        "subscriptions.add": ("订阅", "Subscribe"),
        "subscriptions.delete": ("取消订阅", "Unsubscribe"),
        "subscriptions.done.created": ("已订阅。", "Subscribed."),
        "subscriptions.done.deleted": ("已取消订阅。", "Unsubscribed."),
        "saved.title": ("我的检索订阅", "My saved searches"),
        "saved.how": (
            "在检索页保存一次检索后，新发布的相符条目会通知您（站内消息）；私有订阅源（Atom）的地址只显示一次。",
            "Save a search from the search page and you are told of new listings that match it (in your inbox); a private feed's (Atom) address is shown only once."
        ),
        "saved.name": ("名称", "Name"),
        "saved.query": ("检索条件", "Search"),
        "saved.matches": ("新匹配", "New matches"),
        "saved.last": ("最近匹配", "Last match"),
        "saved.feed": ("订阅源", "Feed"),
        "saved.feed.on": ("已开启", "On"),
        "saved.feed.off": ("未开启", "Off"),
        "saved.new_feed": ("生成新订阅地址", "New feed address"),
        "saved.revoke": ("关闭订阅源", "Turn the feed off"),
        "saved.delete": ("删除", "Delete"),
        "saved.none": ("还没有保存的检索。", "No saved searches yet."),
        "saved.feed_once": (
            "这是您的私有订阅源地址，只显示这一次，请妥善保存（持有地址者可读取）：",
            "Your private feed's address, shown only this once; keep it (whoever holds it can read the feed):"
        ),
        "saved.done.revoked": ("订阅源已关闭。", "The feed is off."),
        "saved.done.deleted": ("已删除。", "Deleted."),
        "saved.save": ("保存此检索", "Save this search"),
        "saved.save_name": ("检索名称", "Name of the search"),
    ]
}
