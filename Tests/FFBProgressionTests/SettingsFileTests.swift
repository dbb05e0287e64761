import Foundation
import Testing
@testable import FFBProgression

/// Settings files: read within a limit, problems per line and cut short.
@Suite struct SettingsFileTests {
    func problems(_ bytes: [UInt8]) -> [String] {
        do {
            _ = try ProgressionSettings.parse(bytes)
            return []
        } catch {
            return error.problems.map { "\($0.line): \($0.message)" }
        }
    }

    @Test func theDocumentedExampleIsRead() throws {
        let settings = try ProgressionSettings.parse(Array("baseline = previous\nfrom = 2024-01-01\nto = 2025-12-31\nby = area\nmin_n = 5\n".utf8))
        #expect(settings.baseline == .previous)
        #expect(settings.by == .area)
    }

    @Test func theCaseloadsFollowUpMonthsAreTwelveUnlessSetFromOneToTenYears() throws {
        #expect(try ProgressionSettings.parse(Array("baseline = first\n".utf8)).followUpMonths == 12)
        #expect(try ProgressionSettings.parse(Array("follow_up_months = 6 # half a year\n".utf8)).followUpMonths == 6)
        for bad in ["0", "121", "tolv", "1.5"] {
            #expect(problems(Array("follow_up_months = \(bad)\n".utf8)) == ["1: follow_up_months must be a whole number from 1 to 120"])
        }
    }

    @Test func aDeviceOrAFolderIsOneProblemWithTheWholeFile() {
        for (path, message) in [("/dev/zero", "is a device, not a file"), ("/tmp", "is a folder, not a file")] {
            #expect(throws: LineProblems(message)) { try ProgressionSettings.load(path: path) }
        }
    }

    @Test func binaryOrLargeFilesAreNotSettings() {
        let expected = "0: not a settings file (binary, not UTF-8 or over 1 MiB); expected key = value lines"
        #expect(problems([0x62, 0, 0x61]) == [expected])
        #expect(problems([0xFF, 0xFE]) == [expected])
        #expect(problems([UInt8](repeating: 0x20, count: (1 << 20) + 1)) == [expected])
    }

    @Test func valuesAndKeysAreQuotedShort() {
        let long = String(repeating: "q", count: 100_000)
        #expect(problems(Array("baseline = \(long)\n\(long) = 1\n".utf8)) == [
            "1: baseline must be first or previous, not \"\(String(repeating: "q", count: 39))…\"",
            "2: unknown setting \"\(String(repeating: "q", count: 39))…\" (known: baseline, from, to, by, min_n, follow_up_months, trajectory_months, lang, user)",
        ])
    }

    @Test func aFileWrongOnEveryLineGivesTwentyProblemsAndACount() throws {
        let error = try #require(throws: LineProblems.self) {
            try ProgressionSettings.parse(Array(String(repeating: "nonsense\n", count: 5000).utf8))
        }
        #expect(error.problems.count == LineProblems.kept)
        #expect(error.omitted == 5000 - LineProblems.kept)
    }
}
