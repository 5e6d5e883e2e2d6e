// swift-tools-version:6.0
import PackageDescription

// Layers, dependencies one way:
//   C modules (system libraries) -> safe wrappers -> pure Debian formats -> features -> executable.
// Only the wrapper modules import a C module.
let package = Package(
    name: "debwork",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "debwork", targets: ["debwork"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: C modules
        // libarchive, libcrypto, libsolv and libpcre2 are loaded on first use (dlopen): query calls never pay for loading
        // them and their dependencies (libxml2, ICU, nettle, librpm, liblua, …). The trampolines are generated from the real
        // headers by scripts/generate-lazy-shims.py.
        .target(name: "CLazyLoader", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "CArchive", dependencies: ["CLazyLoader"]),
        .systemLibrary(name: "CLZMA", pkgConfig: "liblzma", providers: [.apt(["liblzma-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "CCrypto", dependencies: ["CLazyLoader"]),
        .target(name: "CSolv", dependencies: ["CLazyLoader"]),
        .target(name: "CPCRE2", dependencies: ["CLazyLoader"]),

        // MARK: System calls (Glibc only): opening untrusted files safely
        .target(name: "SystemCalls"),

        // MARK: Safe wrappers (the only importers of the C modules)
        .target(name: "LibArchive", dependencies: ["CArchive", "SystemCalls"]),
        .target(name: "LZMA", dependencies: ["CLZMA"]),
        .target(name: "Gzip", dependencies: ["CZlib"]),
        .target(name: "SQLite", dependencies: ["CSQLite"]),
        .target(name: "Digest", dependencies: ["CCrypto", "SystemCalls"]),
        .target(name: "Solv", dependencies: ["CSolv", "SystemCalls"]),
        .target(name: "PCRE2", dependencies: ["CPCRE2"]),

        // MARK: Pure Debian formats (no C, no I/O)
        .target(name: "DebianFormats"),
        .target(name: "JSONOutput", dependencies: ["DebianFormats"]),
        // A `~` condition's pattern is checked where it is parsed, by the engine that will run it.
        .target(name: "QueryLanguage", dependencies: ["PCRE2"]),
        .target(name: "Diff"),
        .target(name: "MiniBuildd", dependencies: ["DebianFormats"]),

        // MARK: Features
        .target(name: "Artifacts", dependencies: ["LibArchive", "LZMA", "Gzip", "Digest", "DebianFormats", "SystemCalls"]),
        .target(name: "Index", dependencies: ["SystemCalls", "MiniBuildd", "Artifacts", "SQLite", "DebianFormats", "Digest", "LibArchive", "JSONOutput", "QueryLanguage", "PCRE2"]),
        .target(name: "Debdiff", dependencies: ["SystemCalls", "Artifacts", "Diff", "DebianFormats", "LibArchive", "Digest", "Index", "JSONOutput", "PCRE2"]),
        .target(name: "Port", dependencies: ["SystemCalls", "Artifacts", "Diff", "LibArchive", "LZMA", "Digest", "DebianFormats", "MiniBuildd", "Index", "JSONOutput", "Installability"]),
        .target(name: "Installability", dependencies: ["Solv", "Artifacts", "Index", "DebianFormats", "JSONOutput"]),
        .target(name: "ConfigurationFile", dependencies: ["MiniBuildd", "Artifacts"]),
        .target(name: "Query", dependencies: ["SystemCalls", "Index", "MiniBuildd", "DebianFormats", "JSONOutput", "QueryLanguage", "Artifacts", "ConfigurationFile", "PCRE2"]),
        .target(name: "RepositoryState", dependencies: ["Index", "MiniBuildd", "Artifacts", "DebianFormats", "SystemCalls", "Installability", "JSONOutput"]),

        // MARK: The thin executable
        .executableTarget(name: "debwork", dependencies: [
            "Index", "Query", "ConfigurationFile", "Debdiff", "Port", "MiniBuildd", "Artifacts", "DebianFormats", "JSONOutput",
            "RepositoryState", "Installability", "SystemCalls",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], linkerSettings: [
            // Start-up (docs/BENCHMARKS.md, "Start-up"): lld (the toolchain's /opt/swift/usr/bin/ld.lld) packs the
            // 45,000 relative relocations of the PIE into DT_RELR (glibc ≥ 2.36): 9 KB instead of 1 MB of .rela.dyn
            // at every start; the binary stays position-independent (ASLR). --no-export-dynamic undoes the
            // -export-dynamic of the toolchain's static-stdlib-args.lnk: 8,000 dynamic symbols the loader and
            // dladdr walk, and nothing looks up (the dlopened libraries bind to their own dependencies).
            .unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker", "--no-export-dynamic"]),
        ]),

        // MARK: Tests
        .target(name: "DebworkTestSupport", path: "Tests/DebworkTestSupport"),
        .testTarget(name: "DebianFormatsTests", dependencies: ["DebianFormats", "DebworkTestSupport"]),
        .testTarget(name: "ArtifactsTests", dependencies: ["Artifacts", "LibArchive", "LZMA", "Gzip", "Digest", "DebworkTestSupport"]),
        .testTarget(name: "IndexTests", dependencies: ["Index", "SQLite", "DebworkTestSupport"]),
        .testTarget(name: "DebdiffTests", dependencies: ["Debdiff", "Artifacts", "Index", "JSONOutput", "DebworkTestSupport"]),
        .testTarget(name: "PortTests", dependencies: ["Port", "MiniBuildd", "DebianFormats", "Artifacts", "Index", "Query", "ConfigurationFile", "DebworkTestSupport"]),
        .testTarget(name: "MiniBuilddTests", dependencies: ["MiniBuildd", "DebianFormats", "DebworkTestSupport"]),
        .testTarget(name: "DiffTests", dependencies: ["Diff", "DebworkTestSupport"]),
        .testTarget(name: "PCRE2Tests", dependencies: ["PCRE2", "DebworkTestSupport"]),
        .testTarget(name: "QueryLanguageTests", dependencies: ["QueryLanguage", "DebworkTestSupport"]),
        .testTarget(name: "QueryTests", dependencies: ["Query", "Index", "SQLite", "JSONOutput", "ConfigurationFile", "DebianFormats", "DebworkTestSupport"]),
        .testTarget(name: "InstallabilityTests", dependencies: ["Installability", "Solv", "JSONOutput", "DebworkTestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["DebworkTestSupport", "JSONOutput"]),
    ],
    swiftLanguageModes: [.v6]
)
