import Hummingbird

/// The audit pages.
struct AuditPages {
    let site: Site

    func register<Context: RequestContext>(on console: RouterGroup<Context>) {}
}
