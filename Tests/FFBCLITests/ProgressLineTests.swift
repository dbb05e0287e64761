import FFBParallel
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
