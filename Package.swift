// swift-tools-version:6.0
import Foundation
import PackageDescription

// Intel's ISA-L inflates gzip about 2.6 times faster than zlib on the benchmark machine. It is used
// when its headers are installed (Debian: libisal-dev); zlib alone is the fallback, and
// HSARCHIVE_ZLIB_ONLY=1 forces it. Run `make clean` after installing or removing ISA-L.
let useISAL =
    FileManager.default.fileExists(atPath: "/usr/include/isa-l/igzip_lib.h")
    && ProcessInfo.processInfo.environment["HSARCHIVE_ZLIB_ONLY"] == nil

let package = Package(
    name: "hsarchive",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "hsarchive", targets: ["hsarchive"]),
        .library(name: "HelpScoutArchive", targets: ["HelpScoutArchive"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
    ],
    targets: (useISAL ? [.systemLibrary(name: "CISAL", providers: [.apt(["libisal-dev"])])] : []) + [
        // zlib from the system (Debian: zlib1g-dev), so inflate runs at the library's own speed.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // AVX-512 kernels for the JSON scanner's hot loops, chosen at run time; Swift does the rest.
        .target(name: "CJSONKernels"),
        // Linux calls Swift cannot make directly: renameat2 (an atomic swap of the report folder),
        // statx (mount points), prctl (no core dumps while a secret is in memory).
        .target(name: "CPlatform"),
        .target(
            name: "HelpScoutArchive",
            dependencies: [
                "CZlib",
                "CJSONKernels",
                "CPlatform",
                .product(name: "Crypto", package: "swift-crypto"),
            ] + (useISAL ? ["CISAL"] : []),
            // Release builds skip run-time exclusivity checks (about 1% of `report`); debug builds,
            // and so the tests and the fuzzer, keep them.
            swiftSettings: (useISAL ? [.define("HSARCHIVE_ISAL")] : [])
                + [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .executableTarget(
            name: "hsarchive",
            dependencies: [
                "HelpScoutArchive",
                "CPlatform",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The fuzz target (make fuzz builds it with libFuzzer); otherwise a replayer of saved inputs.
        .executableTarget(
            name: "hsarchive-fuzz",
            dependencies: ["HelpScoutArchive", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Times each stage of the hot path alone, for `make bench`.
        .executableTarget(
            name: "hsarchive-stages",
            dependencies: ["HelpScoutArchive", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Realistic signed archives for sample-data/, benchmarks and test fixtures.
        .target(
            name: "HelpScoutArchiveSamples",
            dependencies: ["HelpScoutArchive", "CZlib", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .executableTarget(
            name: "sample-archives",
            dependencies: [
                "HelpScoutArchiveSamples",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What both test targets share: a temporary folder per test, the repository's root.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "HelpScoutArchiveTests",
            dependencies: [
                "HelpScoutArchive", "HelpScoutArchiveSamples", "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "hsarchiveEndToEndTests",
            dependencies: [
                "hsarchive", "sample-archives", "hsarchive-fuzz", "HelpScoutArchiveSamples", "CPlatform", "TestSupport",
            ],
            exclude: ["HelpSnapshots"]
        ),
    ]
)
