import Hummingbird

/// The enterprise pages.
struct EnterprisePages {
    let site: Site

    func register<Context: RequestContext>(on console: RouterGroup<Context>) {}
}
