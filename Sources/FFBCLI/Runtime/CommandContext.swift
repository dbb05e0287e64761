import FFBCatalog
import FFBFiles
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command reads and writes: the real terminal in `ffb`, buffers in tests.
package final class CommandContext {
    package let stdout: OutputSink
    package let stderr: OutputSink
    package let environment: [String: String]
    package let currentDirectory: URL
    /// Standard input, for interactive commands; nil when there is none.
    package let stdin: LineSource?
    /// The language people read this command's output in (`--lang`, else `$FFB_LANG`, else Danish).
    package var language: Language = .da

    package init(
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
    package static func standard() -> CommandContext {
        CommandContext(stdout: .standardOutput(), stderr: .standardError(), stdin: StandardInputLines())
    }

    /// Resolves a path given on the command line against the working directory.
    package func url(for path: String) -> URL {
        FilePath.url(path, from: currentDirectory)
    }
}

/// A text sink that buffers and flushes in large writes; a captured sink keeps the text for tests.
package final class OutputSink {
    private let handle: FileHandle?
    private var buffer: [UInt8] = []
    package private(set) var captured = ""

    private init(handle: FileHandle?) {
        self.handle = handle
    }

    package static func standardOutput() -> OutputSink { OutputSink(handle: .standardOutput) }
    package static func standardError() -> OutputSink { OutputSink(handle: .standardError) }
    package static func capture() -> OutputSink { OutputSink(handle: nil) }

    /// The sink's file when it is a terminal (where a progress line may be drawn); nil for a
    /// pipe, a file or a capture.
    package var terminal: FileHandle? {
        guard let handle, isatty(handle.fileDescriptor) != 0 else { return nil }
        return handle
    }

    package func write(_ text: String) {
        guard handle != nil else {
            captured += text
            return
        }
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes text already in UTF-8 (a large listing made as bytes, not made a `String` only to
    /// be taken apart again).
    package func write(utf8 bytes: [UInt8]) {
        guard handle != nil else {
            captured += String(decoding: bytes, as: UTF8.self)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes `text` as one line: whatever it holds from the store or an imported file (a name
    /// with an escape sequence or a newline) is escaped, so one call is always one line on screen.
    package func line(_ text: String = "") {
        write(TerminalText.safe(text))
        write("\n")
    }

    package func flush() {
        guard let handle, !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// Reads input line by line (interactive prompts).
package protocol LineSource: AnyObject {
    func readLine() -> String?
}

final class StandardInputLines: LineSource {
    func readLine() -> String? { Swift.readLine(strippingNewline: true) }
}

/// Lines given up front, for tests.
package final class ScriptedLines: LineSource {
    private var lines: [String]

    package init(_ lines: [String]) {
        self.lines = lines
    }

    package func readLine() -> String? {
        lines.isEmpty ? nil : lines.removeFirst()
    }
}
