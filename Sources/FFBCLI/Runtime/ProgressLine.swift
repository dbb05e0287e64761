import FFBCommandLine
import FFBParallel
import Foundation

/// Long work's progress on a terminal: one line on stderr, redrawn in place,
/// `import  41,203 / 75,000 documents  2,150/s  16 s left`. Drawn only once the work has run
/// `after` seconds, at most once per `interval`, and wiped by `finish()`, so what is printed
/// afterwards reads as it would have without it.
final class ProgressLine: @unchecked Sendable {
    private let label: String
    private let unit: String
    private let after: Double
    private let interval: Double
    /// Seconds on a monotonic clock.
    private let clock: @Sendable () -> Double
    private let write: @Sendable (String) -> Void
    private let started: Double

    // Every mutable member below is read and written only while `lock` is held: a loop spread
    // over worker threads advances from each of them, and the ticker redraws from its own.
    private let lock = NSLock()
    private var total = 0
    private var done = 0
    private var drawnAt: Double?
    private var finished = false

    init(label: String, unit: String, after: Double = 1, interval: Double = 0.1,
         clock: @escaping @Sendable () -> Double, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.unit = unit
        self.after = after
        self.interval = interval
        self.clock = clock
        self.write = write
        started = clock()
    }

    /// What the work advances.
    var progress: WorkProgress {
        WorkProgress { [self] event in record(event) }
    }

    func record(_ event: WorkProgress.Event) {
        lock.withLock {
            switch event {
            case .total(let count): total = count
            case .advanced(let count): done += count
            }
            drawIfDue()
        }
    }

    /// Redraws without news, so the line appears on time and stays current during a long step
    /// that does not advance (one SQLite statement).
    func tick() {
        lock.withLock { drawIfDue() }
    }

    /// Wipes the line, if one was drawn; nothing is drawn after this.
    func finish() {
        lock.withLock {
            if drawnAt != nil { write("\r\u{1B}[K") }
            finished = true
        }
    }

    /// Ticks every `interval` on a thread of its own until `finish()`.
    func startTicking() {
        Thread.detachNewThread { [self] in
            while !lock.withLock({ finished }) {
                Thread.sleep(forTimeInterval: interval)
                tick()
            }
        }
    }

    private func drawIfDue() {
        let now = clock()
        guard !finished, now - started >= after, drawnAt.map({ now - $0 >= interval }) ?? true else { return }
        drawnAt = now
        write("\r" + Self.text(label: label, unit: unit, done: done, total: total, seconds: now - started) + "\u{1B}[K")
    }

    /// The line: what runs, how far (`done / total unit`, or `done unit` while the total is not
    /// known), and, once anything is done, the rate and the time left at that rate.
    static func text(label: String, unit: String, done: Int, total: Int, seconds: Double) -> String {
        var parts = [label, total > 0 ? "\(grouped(done)) / \(grouped(total)) \(unit)" : "\(grouped(done)) \(unit)"]
        if done > 0, seconds > 0 {
            let rate = Double(done) / seconds
            parts.append(rate >= 10 ? "\(grouped(Int(rate.rounded())))/s" : String(format: "%.1f/s", rate))
            if total > done { parts.append(duration(Int((Double(total - done) / rate).rounded(.up))) + " left") }
        }
        return parts.joined(separator: "  ")
    }

    /// `75,000`: digits in groups of three, the same in every locale.
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number.magnitude))
        var text = number < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }

    /// `16 s`, `2 min 5 s`, `1 h 4 min`.
    static func duration(_ seconds: Int) -> String {
        if seconds < 60 { return "\(seconds) s" }
        if seconds < 3600 { return "\(seconds / 60) min \(seconds % 60) s" }
        return "\(seconds / 3600) h \(seconds % 3600 / 60) min"
    }
}

extension OptionSpec {
    /// `--quiet` of a command that shows progress.
    static let quiet = OptionSpec.flag("quiet", short: "q", help: "Print no progress line while the work runs.")
}

extension CommandContext {
    /// Runs long work, showing its progress on stderr as a `ProgressLine` when stderr is a
    /// terminal and `--quiet` was not given; otherwise the work gets `.none` and nothing extra is
    /// printed. The line is wiped when the work returns or throws.
    ///
    /// `$FFB_PROGRESS_AFTER` sets the seconds before the line appears (default 1; the tests use 0).
    func withProgress<T, Failure: Error>(
        _ arguments: ParsedArguments, _ label: String, unit: String,
        _ work: (WorkProgress) throws(Failure) -> T
    ) throws(Failure) -> T {
        guard !arguments.flag("quiet"), let terminal = stderr.terminal else { return try work(.none) }
        stderr.flush()
        let line = ProgressLine(label: label, unit: unit, after: environment["FFB_PROGRESS_AFTER"].flatMap(Double.init) ?? 1,
                                clock: { ProcessInfo.processInfo.systemUptime }, write: { terminal.write(Data($0.utf8)) })
        line.startTicking()
        defer { line.finish() }
        return try work(line.progress)
    }
}
