// swift-tools-version:6.0
import PackageDescription

// FFBKit: executable FFB (Fælles Faglige Begreber) for Danish adult social services.
// No package dependencies: the toolchain and system C libraries only.
let package = Package(
    name: "FFBKit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ffb", targets: ["ffb"]),
        // The libraries without the command line, for another Swift package (LibraryUseTests
        // uses them this way); the CLI's commands stay inside the `ffb` executable.
        .library(name: "FFBKit", targets: ["FFBCatalog", "FFBJSON", "FFBModel", "FFBStatistics", "FFBStore", "FFBExchange", "FFBProgression", "FFBReport", "FFBWorkflows"]),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),

        .target(name: "FFBFiles"),
        .target(name: "FFBText"),
        .target(name: "FFBDigest"),
        .target(name: "FFBCommandLine", dependencies: ["FFBText"]),
        .target(name: "FFBParallel"),
        .target(name: "FFBJSON", dependencies: ["FFBFiles"]),
        .target(name: "FFBCSV", dependencies: ["FFBFiles"]),
        .target(name: "FFBStatistics"),
        .target(name: "FFBPostgres", dependencies: ["CLibPQ"]),
        .target(name: "FFBSQLite", dependencies: ["CSQLite", "FFBFiles", "FFBPostgres"]),
        .target(name: "FFBCatalog", dependencies: ["FFBFiles", "FFBText"]),
        .target(name: "FFBModel", dependencies: ["FFBCatalog", "FFBText"]),
        .target(name: "FFBStore", dependencies: ["FFBDigest", "FFBFiles", "FFBModel", "FFBParallel", "FFBSQLite", "FFBText"]),
        .target(name: "FFBProgression", dependencies: ["FFBCSV", "FFBFiles", "FFBModel", "FFBParallel", "FFBStatistics"]),
        .target(name: "FFBExchange", dependencies: ["FFBCatalog", "FFBDigest", "FFBFiles", "FFBJSON", "FFBModel"]),
        .target(name: "FFBWorkflows", dependencies: ["FFBCatalog", "FFBCSV", "FFBDigest", "FFBExchange", "FFBFiles", "FFBJSON", "FFBModel", "FFBParallel", "FFBProgression", "FFBReport", "FFBStore", "FFBSynthetic", "FFBText"]),
        .target(name: "FFBSynthetic", dependencies: ["FFBCatalog", "FFBCSV", "FFBModel", "FFBParallel"]),
        .target(name: "FFBReport", dependencies: ["FFBCatalog", "FFBProgression", "FFBStatistics"]),
        .target(name: "FFBCLI", dependencies: ["FFBCSV", "FFBDigest", "FFBFiles", "FFBCatalog", "FFBCommandLine", "FFBJSON", "FFBModel", "FFBParallel", "FFBStore", "FFBProgression", "FFBStatistics", "FFBExchange", "FFBWorkflows", "FFBSynthetic", "FFBReport", "FFBText"]),
        .executableTarget(name: "ffb", dependencies: ["FFBCLI"]),

        .testTarget(name: "FFBFilesTests", dependencies: ["FFBFiles"]),
        .testTarget(name: "FFBTextTests", dependencies: ["FFBText"]),
        .testTarget(name: "FFBDigestTests", dependencies: ["FFBDigest"]),
        .testTarget(name: "FFBCommandLineTests", dependencies: ["FFBCommandLine"]),
        .testTarget(name: "FFBParallelTests", dependencies: ["FFBParallel"]),
        .testTarget(name: "FFBJSONTests", dependencies: ["FFBJSON", "FFBSynthetic"]),
        .testTarget(name: "FFBCSVTests", dependencies: ["FFBCSV", "FFBSynthetic"], exclude: ["Fixtures"]),
        .testTarget(
            name: "FFBStatisticsTests", dependencies: ["FFBStatistics", "FFBSynthetic", "FFBProgression", "FFBCatalog"],
            exclude: ["oracle.py", "cluster_oracle.py", "extract_cluster_oracle.py", "casemix_oracle.py"]
        ),
        .testTarget(name: "FFBSQLiteTests", dependencies: ["FFBSQLite"]),
        .testTarget(name: "FFBPostgresTests", dependencies: ["FFBPostgres", "FFBSQLite"]),
        .testTarget(name: "FFBCatalogTests", dependencies: ["FFBCatalog", "FFBText"]),
        .testTarget(name: "FFBModelTests", dependencies: ["FFBModel"]),
        .testTarget(name: "FFBStoreTests", dependencies: ["FFBPostgres", "FFBStore"], exclude: ["Fixtures"]),
        .testTarget(name: "FFBProgressionTests", dependencies: ["FFBProgression", "FFBStatistics"]),
        .testTarget(name: "FFBSyntheticTests", dependencies: ["FFBCatalog", "FFBModel", "FFBSynthetic"]),
        .testTarget(name: "FFBReportTests", dependencies: ["FFBCatalog", "FFBProgression", "FFBReport", "FFBStatistics"]),
        .testTarget(name: "FFBWorkflowsTests", dependencies: ["FFBCatalog", "FFBCSV", "FFBExchange", "FFBModel", "FFBProgression", "FFBStore", "FFBWorkflows"]),
        .testTarget(name: "FFBExchangeTests", dependencies: ["FFBExchange", "FFBStore", "FFBWorkflows", "KLConformance"], exclude: ["Fixtures"]),
        .testTarget(name: "FFBCLITests", dependencies: ["FFBCLI", "FFBParallel", "FFBPostgres", "FFBSynthetic", "KLConformance"], exclude: ["Fixtures", "stats_oracle.py", "compare_oracle.py"]),
    ],
    swiftLanguageModes: [.v6]
)

// Test support, not a product: KL's profile rules as a conformance checker (Tests/KLConformance),
// run by the exchange and command-line tests on KL's examples and on every bundle they export.
package.targets.append(.target(name: "KLConformance", dependencies: ["FFBCatalog", "FFBJSON"], path: "Tests/KLConformance"))

// Fuzzing (Scripts/fuzz): the harness bodies live in FFBFuzzTargets, built and tested like any
// library (FFBFuzzReplayTests replays the kept inputs); Scripts/fuzz builds it with
// -sanitize=fuzzer and links the libFuzzer entry points of Tests/Fuzz/harness itself.
package.targets.append(.target(name: "FFBFuzzTargets", dependencies: ["FFBCatalog", "FFBCommandLine", "FFBExchange", "FFBJSON", "FFBProgression"]))
package.targets.append(.testTarget(name: "FFBFuzzReplayTests", dependencies: ["FFBFuzzTargets"], path: "Tests/Fuzz", exclude: ["corpus", "regressions", "harness"], sources: ["FuzzReplayTests.swift"]))
