// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// Tests import what they use less strictly than the modules themselves.
let testSettings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "corridor",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "corridor", targets: ["corridor"]),
        .executable(name: "corridor-bench", targets: ["corridor-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // Layer 1
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Kernel", swiftSettings: swiftSettings),
        .target(
            name: "CorridorCrypto", dependencies: ["COpenSSL"], path: "Sources/Crypto", swiftSettings: swiftSettings),
        // Layer 2
        .target(name: "TextAnalysis", swiftSettings: swiftSettings),
        .target(name: "Tabular", dependencies: ["Kernel", "CZlib"], swiftSettings: swiftSettings),
        .target(
            name: "Store",
            dependencies: [
                "Kernel", "CorridorCrypto", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        // Layer 3
        .target(
            name: "Identity",
            dependencies: [
                "Kernel", "Store", "CorridorCrypto",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "AuditLog",
            dependencies: ["Kernel", "Store", "CorridorCrypto", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        // Layer 4
        .target(
            name: "Listings",
            dependencies: [
                "Kernel", "Store", "Identity", "TextAnalysis", "Tabular", "CorridorCrypto",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Vouchers",
            dependencies: ["Kernel", "Store", "Identity", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        // Layer 5
        .target(
            name: "Matching",
            dependencies: [
                "Kernel", "Store", "Identity", "Listings", "TextAnalysis",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Deals",
            dependencies: [
                "Kernel", "Store", "Identity", "Listings", "Vouchers", "CorridorCrypto",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        // Layer 6
        .target(
            name: "Notifications",
            dependencies: [
                "Kernel", "Store", "Identity", "CorridorCrypto", "Listings", "Matching",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            exclude: ["README.md"],
            swiftSettings: swiftSettings
        ),
        // Layer 6: what the API and the console share — the services, the configuration, the request context.
        .target(
            name: "Platform",
            dependencies: [
                "Kernel", "Store", "Identity", "CorridorCrypto", "AuditLog", "Listings", "Matching", "Vouchers",
                "Deals", "Notifications", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Layer 7
        .target(
            name: "HTTPAPI",
            dependencies: [
                "Kernel", "Store", "Identity", "CorridorCrypto", "AuditLog", "Listings", "Matching", "Vouchers",
                "Platform", "Tabular", "Notifications", "Deals",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdHTTP2", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            exclude: ["Contract/openapi.yaml", "Contract/openapi-generator-config.yaml", "README.md"],
            resources: [.copy("Contract/openapi.json")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Console",
            dependencies: [
                "Kernel", "Store", "Identity", "CorridorCrypto", "AuditLog", "Listings", "Matching", "Vouchers",
                "Tabular", "Platform", "Deals",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["README.md"],
            resources: [.copy("Templates"), .copy("Assets")],
            swiftSettings: swiftSettings
        ),
        // Layer 8
        .target(
            name: "CorridorCLI",
            dependencies: [
                "Kernel", "Store", "Identity", "CorridorCrypto", "AuditLog", "HTTPAPI", "Console", "Platform",
                "Listings",
                "Matching", "Vouchers", "Deals", "Notifications", "Tabular",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "corridor",
            dependencies: ["CorridorCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "corridor-bench",
            dependencies: [
                "Listings", "Matching", "Deals", "Identity", "Store", "Kernel", "TextAnalysis", "Tabular", "AuditLog",
                "Notifications",
                "CorridorCrypto",
                // The instruction counts (issue 19) drive the API's router in process.
                "HTTPAPI", "Platform", "CorridorCLI",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            path: "Sources/corridor-bench",
            swiftSettings: swiftSettings
        ),

        .testTarget(name: "TextAnalysisTests", dependencies: ["TextAnalysis"], swiftSettings: testSettings),
        .testTarget(name: "TabularTests", dependencies: ["Tabular", "Kernel"], swiftSettings: testSettings),
        .testTarget(
            name: "ListingsTests",
            dependencies: [
                "Listings", "Identity", "Store", "Kernel", "TextAnalysis",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "MatchingTests",
            dependencies: [
                "Matching", "Listings", "Identity", "Store", "Kernel", "TextAnalysis",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "NotificationsTests",
            dependencies: [
                "Notifications", "Store", "Kernel", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "VouchersTests",
            dependencies: [
                "Vouchers", "Identity", "Store", "Kernel", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "DealsTests",
            dependencies: [
                "Deals", "Listings", "Vouchers", "Identity", "Store", "Kernel",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "AuditLogTests",
            dependencies: [
                "AuditLog", "Store", "Kernel", "CorridorCrypto", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: testSettings
        ),
        .testTarget(name: "KernelTests", dependencies: ["Kernel"], swiftSettings: testSettings),
        .testTarget(
            name: "CorridorCryptoTests", dependencies: ["CorridorCrypto"], path: "Tests/CryptoTests",
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "Kernel", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "IdentityTests",
            dependencies: ["Identity", "Store", "Kernel", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "HTTPAPITests",
            dependencies: [
                "HTTPAPI", "Platform", "AuditLog", "CorridorCrypto", "Identity", "Store", "Kernel", "Listings",
                "Matching",
                "Vouchers", "Tabular", "Deals", "Notifications",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "ConsoleTests",
            dependencies: [
                "Console", "CorridorCLI", "HTTPAPI", "Platform", "AuditLog", "Identity", "Store", "Kernel", "Listings",
                "Matching",
                "Vouchers", "Tabular", "Deals", "Notifications",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "CorridorCLITests",
            dependencies: [
                "CorridorCLI", "HTTPAPI", "Platform", "AuditLog", "CorridorCrypto", "Identity", "Store", "Kernel",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: testSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "CorridorCLI", "HTTPAPI", "Platform", "AuditLog", "CorridorCrypto", "Identity", "Store", "Kernel",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: testSettings
        ),
    ]
)
