// swift-tools-version:6.0
import PackageDescription

let optimisedAlways: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "Descent",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "descent", targets: ["descent"]),
        .executable(name: "descent-fuzz", targets: ["descent-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        // `descent preview`'s HTTP server (docs/cli.md): no dependencies of its own, so it adds
        // about half a minute to a cold build where Hummingbird's SwiftNIO stack adds several
        // (measured in docs/development.md).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // C libraries from Debian, found through pkg-config.
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev", "libpng-dev"])]
        ),
        .systemLibrary(
            name: "CPango",
            pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev"])]
        ),
        // libpng's write API, with the setjmp its errors need in a C function of the header.
        .systemLibrary(
            name: "CPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),

        // The pipeline, one module per stage (docs/architecture.md). Training and Charts are
        // numeric loops (gradients, pixels) that run ~50 times slower unoptimised, so they are
        // optimised in debug builds too: tests and a debug `descent` run at usable speed.
        // The batch kernels of the training loop, in C for vector lanes with a runtime choice of
        // AVX2 (Sources/TrainingKernels/Kernels.c says why); optimised in debug builds too.
        .target(
            name: "TrainingKernels", exclude: ["fit_polynomials.py"],
            cSettings: [.unsafeFlags(["-O2"], .when(configuration: .debug))]
        ),
        // Descent's own elementary functions (sin, cos, exp, log, powers, hypot, cbrt…), built from
        // plain IEEE-754 operations so that results and figure values are the same bits under any
        // libm (docs/development.md, "Numbers owned end to end"). Training and Charts both use them.
        .target(name: "Numerics", swiftSettings: optimisedAlways),
        .target(name: "Training", dependencies: ["TrainingKernels", "Numerics"], swiftSettings: optimisedAlways),
        .target(name: "Charts", dependencies: ["CCairo", "CPango", "CPNG", "CZlib", "Numerics"], swiftSettings: optimisedAlways),
        .target(name: "Lessons", dependencies: ["CCmark", "Yams", "Training"]),
        .target(name: "Site", dependencies: ["Lessons", "CCmark", .product(name: "Mustache", package: "swift-mustache")]),
        .target(name: "Build", dependencies: ["Training", "Charts", "Lessons", "Site", .product(name: "Crypto", package: "swift-crypto")]),
        // `descent preview`: builds, serves the output folder, watches the lessons and reloads pages.
        .target(name: "Preview", dependencies: [
            "Build", "Lessons", .product(name: "FlyingFox", package: "FlyingFox"), .product(name: "FlyingSocks", package: "FlyingFox"),
        ]),
        .executableTarget(
            name: "descent",
            dependencies: ["Build", "Preview", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // The lesson fuzzer (`make fuzz`): builds generated and mutated lessons with the `descent`
        // executable in child processes. Foundation only, so it builds in seconds.
        .target(name: "LessonFuzzing"),
        .executableTarget(name: "descent-fuzz", dependencies: ["LessonFuzzing"]),

        .executableTarget(
            name: "descent-benchmarks",
            dependencies: ["Training", "Charts"],
            path: "benchmarks/Sources/descent-benchmarks"
        ),
        .executableTarget(
            name: "descent-numerics-sweep",
            dependencies: ["Training", "Numerics"],
            path: "benchmarks/Sources/descent-numerics-sweep"
        ),

        .target(name: "TestSupport", dependencies: ["Charts"], path: "Tests/TestSupport"),
        // Counts the test thread's heap allocations (replaces the malloc family in the test executable).
        .target(name: "AllocationCounter", path: "Tests/AllocationCounter"),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "Numerics", "TrainingKernels", "AllocationCounter"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "CCairo", "TestSupport"]),
        .testTarget(name: "LessonsTests", dependencies: ["Lessons"]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "Lessons", "TestSupport"]),
        .testTarget(name: "BuildTests", dependencies: ["Build", "TestSupport", "LessonFuzzing"]),
        .testTarget(name: "PreviewTests", dependencies: ["Preview", "TestSupport", "LessonFuzzing"]),
    ]
)
