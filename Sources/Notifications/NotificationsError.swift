import Kernel

/// The one catalogue of the notifications module's refusals (code, kind, field, zh/en), in
/// the order the services check them.
public enum NotificationsError {
    /// Only a signed-in person has an inbox (a machine token of no user has none).
    public static var noInbox: DomainError {
        DomainError(.forbidden, code: "no_inbox", zh: "只有登录用户才有通知收件箱", en: "Only a signed-in user has an inbox")
    }

    /// At most this many ids in one request.
    public static func tooManyIds(max: Int) -> DomainError {
        .invalid(
            "too_many_ids", field: "ids", zh: "一次最多标记 \(max) 条通知",
            en: "At most \(max) notifications can be marked at once")
    }

    // MARK: webhooks

    public static var webhookNotFound: DomainError { .notFound("webhook", zh: "回调地址") }

    public static var webhookURLInvalid: DomainError {
        .invalid(
            "webhook_url_invalid", field: "url", zh: "回调地址须是不含账号、控制字符的完整网址（最长 2048 字节）",
            en: "The webhook URL must be a full URL without credentials or control characters (at most 2,048 bytes)")
    }

    public static var webhookURLNotHTTPS: DomainError {
        .invalid("webhook_url_not_https", field: "url", zh: "回调地址须使用 HTTPS", en: "The webhook URL must use HTTPS")
    }

    public static var webhookHostNotPublic: DomainError {
        .invalid(
            "webhook_host_not_public", field: "url", zh: "回调地址不能指向内网、本机或链路本地地址",
            en: "The webhook URL must not point at a private, loopback or link-local address")
    }

    public static func webhookLimit(_ max: Int) -> DomainError {
        DomainError(
            .conflict, code: "webhook_limit", field: "url", zh: "每个机构最多登记 \(max) 个回调地址",
            en: "An organisation has at most \(max) webhook endpoints")
    }

    public static var webhookDisabled: DomainError {
        DomainError(
            .conflict, code: "webhook_disabled", zh: "该回调地址已停用", en: "This webhook endpoint is disabled")
    }

    public static var webhookDeliveryNotFound: DomainError { .notFound("webhook_delivery", zh: "回调投递记录") }

    /// Only a delivery that was given up is put back in the queue (a pending one is still tried,
    /// a delivered one arrived).
    public static var webhookDeliveryNotFailed: DomainError {
        DomainError(
            .conflict, code: "webhook_delivery_not_failed", zh: "只有投递失败的记录才能重新投递",
            en: "Only a failed delivery can be redelivered")
    }

    // MARK: preferences

    /// Each category of events at most once in one request.
    public static var preferenceRepeated: DomainError {
        .invalid(
            "preference_repeated", field: "items", zh: "每类通知只能设置一次", en: "Each category can be set only once")
    }

    /// A category with every channel off would never reach anyone.
    public static func preferenceNoChannel(_ category: String) -> DomainError {
        .invalid(
            "preference_no_channel", field: "items", zh: "每类通知至少选择一个渠道（\(category)）",
            en: "Each category needs at least one channel (\(category))")
    }

    /// An unsubscribe link the server did not make (or altered).
    public static var unsubscribeLinkInvalid: DomainError {
        DomainError(
            .notFound, code: "unsubscribe_link_invalid", zh: "退订链接无效或已损坏",
            en: "This unsubscribe link is not valid")
    }

    public static var savedSearchNotFound: DomainError { .notFound("saved_search", zh: "保存的检索") }

    public static func savedSearchLimit(_ max: Int) -> DomainError {
        DomainError(
            .conflict, code: "saved_search_limit", zh: "每位用户最多保存 \(max) 个检索",
            en: "A user keeps at most \(max) saved searches")
    }

    public static var subscriptionNotFound: DomainError { .notFound("subscription", zh: "匹配订阅") }

    public static var subscriptionNeedsResearch: DomainError {
        DomainError(
            .forbidden, code: "subscription_not_research",
            zh: "只有高校、科研院所和实验室可以订阅与本机构成果匹配的新需求",
            en: "Only universities, institutes and labs subscribe to new needs matching their portfolio")
    }

    public static func subscriptionLimit(_ max: Int) -> DomainError {
        DomainError(
            .conflict, code: "subscription_limit", zh: "每位用户最多 \(max) 个匹配订阅",
            en: "A user keeps at most \(max) match subscriptions")
    }
}
