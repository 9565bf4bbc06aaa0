import Hummingbird

/// The city pages.
struct CityPages {
    let site: Site

    func register<Context: RequestContext>(on console: RouterGroup<Context>) {}
}
