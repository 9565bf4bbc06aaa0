import Hummingbird

/// The provider pages.
struct ProviderPages {
    let site: Site

    func register<Context: RequestContext>(on console: RouterGroup<Context>) {}
}
