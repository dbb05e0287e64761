import Foundation
import Testing
import FFBFuzzTargets

/// Replays every fuzz input kept in the repository — the seed corpora and the inputs that once
/// crashed, hung or blew up a harness — through the same code the fuzzers drive. A regression
/// shows as a crash or a time-out of this test.
@Suite struct FuzzReplayTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    static func inputs(_ folder: String) -> [(harness: String, file: URL)] {
        let base = root.appendingPathComponent(folder)
        var found: [(String, URL)] = []
        for harness in FuzzTargets.all.keys.sorted() {
            let directory = base.appendingPathComponent(harness)
            let files = (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
            found += files.filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }.map { (harness, $0) }
        }
        return found
    }

    @Test func everyHarnessHasSeedsAndTheRegressionFolderExists() {
        for harness in FuzzTargets.all.keys {
            #expect(Self.inputs("corpus").contains { $0.harness == harness }, "no seed corpus for \(harness)")
            #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent("regressions/\(harness)").path))
        }
    }

    @Test func theRegressionCorpusAndTheSeedsRunCleanly() throws {
        let clock = ContinuousClock()
        for (harness, file) in Self.inputs("regressions") + Self.inputs("corpus") {
            let bytes = [UInt8](try Data(contentsOf: file))
            let elapsed = clock.measure { FuzzTargets.all[harness]?(bytes) }
            #expect(elapsed < .seconds(5), "\(harness)/\(file.lastPathComponent) took \(elapsed)")
        }
    }
}
