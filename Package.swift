// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "transcendence",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "transcendence", targets: ["transcendence"])
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/vapor/websocket-kit.git", from: "2.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1")
    ],
    targets: [
        // Game rules and physics: no Vapor, no Fluent, no I/O.
        .target(name: "PongCore", linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]),
        // QR codes for authenticator enrolment: no QR library is on the package mirror.
        .target(name: "QRCode"),
        // The quick-match queue and its pairing rule: no Vapor, no database (the benchmark uses it too).
        .target(name: "Matchmaking"),
        // The system's zlib, to gzip the static files once at start (Brotli has no package on the mirror).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(
            name: "App",
            dependencies: [
                "PongCore",
                "QRCode",
                "Matchmaking",
                "CZlib",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "WebSocketKit", package: "websocket-kit"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus")
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(name: "transcendence", dependencies: ["App"]),
        // `make bench`: engine throughput and AI win rates (no server needed).
        .executableTarget(name: "pongbench", dependencies: ["PongCore"]),
        // The browser test of keyframes: seeded games' keyframes and the engine's state at every tick.
        .executableTarget(name: "keyframefixtures", dependencies: ["PongCore"]),
        // `make bench`: the quick-match queue under 2,000 joining players, on a simulated clock.
        .executableTarget(name: "matchbench", dependencies: ["Matchmaking"]),
        // `make bench`: the load generator, real WebSocket clients against the release server.
        .executableTarget(
            name: "loadgen",
            dependencies: [
                "PongCore",
                .product(name: "WebSocketKit", package: "websocket-kit"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio")
            ]
        ),
        .testTarget(name: "PongCoreTests", dependencies: ["PongCore"]),
        .testTarget(name: "QRCodeTests", dependencies: ["QRCode"]),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App",
                "Matchmaking",
                "CZlib",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "WebSocketKit", package: "websocket-kit"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio")
            ],
            // Read by path (ServerEventTests and the browser suite), not bundled.
            exclude: ["Fixtures"]
        )
    ],
    swiftLanguageModes: [.v6]
)
