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
}
