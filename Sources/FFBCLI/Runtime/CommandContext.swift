import FFBFiles
import Foundation

/// Where a command reads and writes: the real terminal in `ffb`, buffers in tests.
public final class CommandContext {
    public let stdout: OutputSink
    public let stderr: OutputSink
    public let environment: [String: String]
    public let currentDirectory: URL
    /// Standard input, for interactive commands; nil when there is none.
    public let stdin: LineSource?

    public init(
        stdout: OutputSink,
        stderr: OutputSink,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
        stdin: LineSource? = nil
    ) {
        self.stdout = stdout
        self.stderr = stderr
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.stdin = stdin
    }

    /// A context writing to the process's standard streams.
    public static func standard() -> CommandContext {
        CommandContext(stdout: .standardOutput(), stderr: .standardError(), stdin: StandardInputLines())
    }

    /// Resolves a path given on the command line against the working directory.
    public func url(for path: String) -> URL {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
        return currentDirectory.appendingPathComponent(path)
    }
}

/// A text sink that buffers and flushes in large writes; a captured sink keeps the text for tests.
public final class OutputSink {
    private let handle: FileHandle?
    private var buffer: [UInt8] = []
    public private(set) var captured = ""

    private init(handle: FileHandle?) {
        self.handle = handle
    }

    public static func standardOutput() -> OutputSink { OutputSink(handle: .standardOutput) }
    public static func standardError() -> OutputSink { OutputSink(handle: .standardError) }
    public static func capture() -> OutputSink { OutputSink(handle: nil) }

    public func write(_ text: String) {
        guard handle != nil else {
            captured += text
            return
        }
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes `text` as one line: whatever it holds from the store or an imported file (a name
    /// with an escape sequence or a newline) is escaped, so one call is always one line on screen.
    public func line(_ text: String = "") {
        write(TerminalText.safe(text))
        write("\n")
    }

    public func flush() {
        guard let handle, !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// Reads input line by line (interactive prompts).
public protocol LineSource: AnyObject {
    func readLine() -> String?
}

final class StandardInputLines: LineSource {
    func readLine() -> String? { Swift.readLine(strippingNewline: true) }
}

/// Lines given up front, for tests.
public final class ScriptedLines: LineSource {
    private var lines: [String]

    public init(_ lines: [String]) {
        self.lines = lines
    }

    public func readLine() -> String? {
        lines.isEmpty ? nil : lines.removeFirst()
    }
}
