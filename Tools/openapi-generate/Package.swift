// swift-tools-version:6.1
import PackageDescription

/// Builds Apple's swift-openapi-generator from the package mirror, so that
/// `Scripts/openapi-generate.sh` regenerates the committed wire types from `openapi.json`
/// without adding the generator's build plugin to the main package (it would run on every
/// build of a 2-core machine).
let package = Package(
    name: "openapi-generate",
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3")
    ]
)
