import Hummingbird

/// The university pages.
struct UniversityPages {
    let site: Site

    func register<Context: RequestContext>(on console: RouterGroup<Context>) {}
}
