import FFBParallel
import KLConformance
import Foundation
import Testing
@testable import FFBCLI

/// The progress line as the terminal gets it: its text, when it is drawn, and that it is wiped.
@Suite struct ProgressLineTests {
    /// A clock the test moves by hand, and the bytes the line wrote.
    final class Terminal: @unchecked Sendable {
        var now = 0.0
        var written: [String] = []
    }

    static func line(_ terminal: Terminal, label: String = "import", unit: String = "documents") -> ProgressLine {
        ProgressLine(label: label, unit: unit, clock: { terminal.now }, write: { terminal.written.append($0) })
    }

    @Test func theLineSaysHowFarHowFastAndHowLongIsLeft() {
        // 40,000 in 20 s is 2,000/s; the 35,000 left take 17.5 s, shown rounded up.
        #expect(ProgressLine.text(label: "import", unit: "documents", done: 40_000, total: 75_000, seconds: 20)
            == "import  40,000 / 75,000 documents  2,000/s  18 s left")
        // 1,000 per 10 s leaves 99,000 for 990 s; 999,000 for 9,990 s = 2 h 46 min 30 s.
        #expect(ProgressLine.text(label: "x", unit: "rows", done: 1_000, total: 100_000, seconds: 10) == "x  1,000 / 100,000 rows  100/s  16 min 30 s left")
        #expect(ProgressLine.text(label: "x", unit: "rows", done: 1_000, total: 1_000_000, seconds: 10) == "x  1,000 / 1,000,000 rows  100/s  2 h 46 min left")
        // Under 10 a second the rate keeps a decimal: 3 in 4 s is 0.75/s, 7 left take 9.3 s.
        #expect(ProgressLine.text(label: "check", unit: "pages", done: 3, total: 10, seconds: 4) == "check  3 / 10 pages  0.8/s  10 s left")
    }

    @Test func withNothingDoneOrNoTotalTheLineSaysOnlyWhatItKnows() {
        #expect(ProgressLine.text(label: "check", unit: "pages", done: 0, total: 19_462, seconds: 3) == "check  0 / 19,462 pages")
        #expect(ProgressLine.text(label: "synth", unit: "citizens", done: 1_234_567, total: 0, seconds: 2) == "synth  1,234,567 citizens  617,284/s")
        #expect(ProgressLine.text(label: "import", unit: "documents", done: 75_000, total: 75_000, seconds: 20) == "import  75,000 / 75,000 documents  3,750/s")
    }

    @Test func numbersAreGroupedInThreesAndTimesInSecondsMinutesOrHours() {
        #expect([0, 7, 999, 1_000, 75_000, 1_234_567, -4_200].map(ProgressLine.grouped) == ["0", "7", "999", "1,000", "75,000", "1,234,567", "-4,200"])
        #expect([0, 59, 60, 125, 3_599, 3_600, 7_260].map(ProgressLine.duration) == ["0 s", "59 s", "1 min 0 s", "2 min 5 s", "59 min 59 s", "1 h 0 min", "2 h 1 min"])
    }

    @Test func nothingIsDrawnInTheFirstSecondAndNothingIsWipedThen() {
        let terminal = Terminal()
        let line = Self.line(terminal)
        line.record(.total(100))
        terminal.now = 0.99
        line.record(.advanced(50))
        line.tick()
        line.finish()
        #expect(terminal.written == [])
    }

    @Test func afterASecondTheLineIsDrawnAtMostTenTimesASecondAndWipedAtTheEnd() {
        let terminal = Terminal()
        let line = Self.line(terminal)
        line.record(.total(100))
        terminal.now = 1
        line.record(.advanced(10))
        terminal.now = 1.05
        line.record(.advanced(10))
        line.tick()
        terminal.now = 1.25
        line.record(.advanced(5))
        terminal.now = 2.5
        line.tick()
        line.finish()
        terminal.now = 9
        line.record(.advanced(75))
        line.tick()
        #expect(terminal.written == [
            "\rimport  10 / 100 documents  10/s  9 s left\u{1B}[K",
            // 25 in 1.25 s is 20/s: 75 left take 3.75 s.
            "\rimport  25 / 100 documents  20/s  4 s left\u{1B}[K",
            // A tick without news redraws with the rate fallen: 25 in 2.5 s, 75 left take 7.5 s.
            "\rimport  25 / 100 documents  10/s  8 s left\u{1B}[K",
            "\r\u{1B}[K",
        ])
    }

    @Test func workersMayAdvanceFromManyThreadsAtOnce() {
        let terminal = Terminal()
        let line = ProgressLine(label: "x", unit: "items", after: 5, clock: { terminal.now }, write: { terminal.written.append($0) })
        let progress = line.progress
        progress.start(total: 80_000)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<10_000 { progress.advance() }
        }
        terminal.now = 10
        line.tick()
        #expect(terminal.written == ["\rx  80,000 / 80,000 items  8,000/s\u{1B}[K"])
    }
}

/// `ffb` with its stderr on a pseudo-terminal, as a person at a terminal runs it: the long
/// commands draw the line there and wipe it; piped or with `--quiet` they print nothing extra.
@Suite struct ProgressOnATerminalTests {
    /// Shows the line from the start, so these short runs draw it.
    static let now = ["FFB_PROGRESS_AFTER": "0"]

    /// Every piece of a terminal's output between carriage returns, the empty ones left out.
    static func redraws(_ terminal: String) -> [String] {
        terminal.split(separator: "\r").map(String.init)
    }

    @Test func importDrawsTheDocumentsAppliedOnTheTerminalAndWipesTheLine() throws {
        let directory = try TemporaryDirectory()
        let documents = try Self.synth(directory, citizens: 10)
        // An order per citizen and a follow-up report per later visit: 34 documents for these 10.
        let count = try FileManager.default.contentsOfDirectory(atPath: documents.path).count
        #expect(count == 34)
        let shown = try TerminalProcess.run(["import", "--db", directory.file("a.sqlite").path, documents.path], environment: Self.now)
        #expect(shown.status == 0)
        let redraws = Self.redraws(shown.terminal)
        #expect(redraws.contains { $0.hasPrefix("import  ") && $0.contains(" / \(count) documents") }, "\(shown.terminal.debugDescription)")
        // Every redraw is the line, ended by erasing what a longer one left; the last erases the line.
        let line = try Regex(#"import  [0-9,]+( / \#(count))? documents(  [0-9.,]+/s(  [0-9a-z ]+ left)?)?\x{1B}\[K"#)
        #expect(redraws.dropLast().allSatisfy { $0.wholeMatch(of: line) != nil }, "\(shown.terminal.debugDescription)")
        #expect(shown.terminal.hasSuffix("\r\u{1B}[K"))
        #expect(shown.stdout.hasPrefix("\(count) documents imported.\n"))

        let piped = try FFBProcess.run(["import", "--db", directory.file("b.sqlite").path, documents.path], environment: Self.now)
        #expect(piped.status == 0)
        #expect(piped.stderr == "")
        #expect(piped.stdout.hasPrefix("\(count) documents imported.\n"))

        let quiet = try TerminalProcess.run(["import", "--quiet", "--db", directory.file("c.sqlite").path, documents.path], environment: Self.now)
        #expect(quiet.status == 0)
        #expect(quiet.terminal == "")
    }

    @Test func aShortImportOnATerminalPrintsNothingExtra() throws {
        let directory = try TemporaryDirectory()
        let documents = try Self.synth(directory, citizens: 2)
        let shown = try TerminalProcess.run(["import", "--db", directory.file("a.sqlite").path, documents.path], environment: ["FFB_PROGRESS_AFTER": "60"])
        #expect(shown.status == 0)
        #expect(shown.terminal == "")
    }

    @Test(.storeFile) func synthAndCheckDrawTheirLinesOnTheTerminal() throws {
        let directory = try TemporaryDirectory()
        let synth = try TerminalProcess.run(["synth", "--citizens", "30", "--out", directory.file("s").path], environment: Self.now)
        #expect(synth.status == 0)
        #expect(Self.redraws(synth.terminal).contains { $0.hasPrefix("synth extract  ") && $0.contains(" / 30 citizens") })
        #expect(Self.redraws(synth.terminal).contains { $0.hasPrefix("synth exchange  ") && $0.contains(" / 30 citizens") })
        #expect(synth.terminal.hasSuffix("\r\u{1B}[K"))
        let piped = try FFBProcess.run(["synth", "--citizens", "30", "--out", directory.file("t").path], environment: Self.now)
        #expect(piped.stderr == "")
        // The same report on stdout, but for the folder's name and the time taken.
        let words = { (text: String) in text.split(separator: " ").filter { !$0.contains("/") && Double($0) == nil } }
        #expect(words(piped.stdout) == words(synth.stdout))
        let quiet = try TerminalProcess.run(["synth", "--quiet", "--citizens", "30", "--out", directory.file("u").path], environment: Self.now)
        #expect(quiet.status == 0)
        #expect(quiet.terminal == "")

        let db = directory.file("store.sqlite").path
        #expect(try FFBProcess.run(["import", "--db", db, directory.file("s/exchange").path]).status == 0)
        let pages = Int(try StoreShell.run(db, "PRAGMA page_count").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(pages > 0)
        let check = try TerminalProcess.run(["check", "--db", db], environment: Self.now)
        #expect(check.status == 0)
        // Two passes over the file: SQLite's integrity check, then the references.
        #expect(Self.redraws(check.terminal).contains { $0.hasPrefix("check  ") && $0.contains(" / \(ProgressLine.grouped(2 * pages)) pages") }, "\(check.terminal.debugDescription)")
        #expect(check.terminal.hasSuffix("\r\u{1B}[K"))
        let pipedCheck = try FFBProcess.run(["check", "--db", db], environment: Self.now)
        #expect(pipedCheck.stderr == "")
        #expect(pipedCheck.stdout == check.stdout)
        #expect(try TerminalProcess.run(["check", "-q", "--db", db], environment: Self.now).terminal == "")
    }

    @Test func theStoreWideReadsDrawTheirLinesAndPrintTheSameResults() throws {
        let directory = try TemporaryDirectory()
        let db = directory.file("store.sqlite").path
        #expect(try FFBProcess.run(["import", "--db", db, try Self.synth(directory, citizens: 12).path]).status == 0)
        let runs: [(arguments: [String], line: String)] = [
            (["stats", "--db", db, "--by", "theme"], "stats  "),
            (["stats", "--db", db, "--by", "provider"], "stats  "),
            (["report", "--db", db, "--out", directory.file("r-NAME.html").path], "report  "),
            (["export", "--db", db, "--extract", "csv", "--out", directory.file("x-NAME.csv").path], "export  "),
            (["export", "--db", db, "--fhir", "reporting", "--reporting-organisation", "7f3c9a1e-2b4d-4e8f-9a6b-1c2d3e4f5a6b", "--out", directory.file("f-NAME").path], "export  "),
        ]
        for (arguments, prefix) in runs {
            let named = { (name: String) in arguments.map { $0.replacingOccurrences(of: "NAME", with: name) } }
            let shown = try TerminalProcess.run(named("terminal"), environment: Self.now)
            #expect(shown.status == 0, "\(arguments)")
            #expect(Self.redraws(shown.terminal).contains { $0.hasPrefix(prefix) }, "\(arguments): \(shown.terminal.debugDescription)")
            #expect(shown.terminal.hasSuffix("\r\u{1B}[K"), "\(arguments)")
            let piped = try FFBProcess.run(named("piped"), environment: Self.now)
            #expect(piped.stderr == "", "\(arguments)")
            #expect(piped.stdout.replacingOccurrences(of: "piped", with: "terminal") == shown.stdout, "\(arguments)")
            #expect(try TerminalProcess.run(named("quiet") + ["--quiet"], environment: Self.now).terminal == "", "\(arguments)")
        }
        // The reporting export counts citizens against their total.
        let reporting = try TerminalProcess.run(["export", "--db", db, "--fhir", "reporting", "--reporting-organisation", "7f3c9a1e-2b4d-4e8f-9a6b-1c2d3e4f5a6b", "--out", directory.file("g").path], environment: Self.now)
        #expect(Self.redraws(reporting.terminal).contains { $0.contains(" / 12 citizens") }, "\(reporting.terminal.debugDescription)")
        // Written as they were built, the files are those of one whole write.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("g").path).sorted()
            == FileManager.default.contentsOfDirectory(atPath: directory.file("f-piped").path).sorted())
        // And every bundle written with a progress line passes KL's reporting profiles.
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.file("g").path) {
            #expect(Conformance.klReporting().violations(of: try Data(contentsOf: directory.file("g").appendingPathComponent(file))) == [], "\(file)")
        }
        #expect(try Data(contentsOf: directory.file("x-terminal.csv")) == Data(contentsOf: directory.file("x-piped.csv")))
    }

    /// `ffb synth`'s exchange documents for `citizens` citizens (an order and three follow-up
    /// reports each).
    static func synth(_ directory: TemporaryDirectory, citizens: Int) throws -> URL {
        let out = directory.file("synth")
        #expect(try FFBProcess.run(["synth", "--citizens", "\(citizens)", "--out", out.path]).status == 0)
        return out.appendingPathComponent("exchange")
    }
}
