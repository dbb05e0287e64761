import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the built `ffb` with stdin, stdout and stderr all on one pseudo-terminal in its normal
/// (canonical, echoing) mode, as a caseworker at a terminal runs it: keys are typed, Ctrl-D is
/// the terminal's end of input, and the screen is read back as the person would see it.
final class InteractiveTerminal {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let process = Process()
    private let master: Int32
    private let arguments: [String]
    private var bytes: [UInt8] = []
    /// Where the next `waitFor` starts looking, so a prompt shown twice is waited for twice.
    private var searchFrom = 0

    /// What the terminal has shown so far, with the line discipline's "\r\n" as "\n".
    var screen: String {
        String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        var master: Int32 = -1, slave: Int32 = -1
        guard openpty(&master, &slave, nil, nil, nil) == 0 else { throw Failure(description: "no pseudo-terminal: errno \(errno)") }
        self.master = master
        self.arguments = arguments
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
        process.executableURL = FFBProcess.binary
        let (given, extra) = try StoreBackend.redirect(arguments, environment: environment, directory: nil)
        process.arguments = given
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "FFB_DB")
        for (key, value) in extra { env[key] = value }
        process.environment = env
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardInput = terminal
        process.standardOutput = terminal
        process.standardError = terminal
        do {
            try process.run()
        } catch {
            close(slave)
            close(master)
            throw error
        }
        close(slave)
    }

    deinit {
        if process.isRunning { process.terminate() }
        close(master)
    }

    /// Types `text` (a "\n" is the Enter key).
    func type(_ text: String) {
        let data = Array(text.utf8)
        data.withUnsafeBytes { _ = write(master, $0.baseAddress, $0.count) }
    }

    /// Ctrl-D at the start of a line: the terminal's end of input.
    func endOfInput() {
        type("\u{04}")
    }

    /// Waits until `text` appears on the screen after what was waited for before.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 30) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let shown = screen
            let start = shown.index(shown.startIndex, offsetBy: min(searchFrom, shown.count))
            if let found = shown.range(of: text, range: start..<shown.endIndex) {
                searchFrom = shown.distance(from: shown.startIndex, to: found.upperBound)
                return shown
            }
            guard Date() < deadline, readSome(timeout: 200) || process.isRunning else {
                throw Failure(description: "\"\(text)\" never appeared; the screen:\n\(shown)")
            }
        }
    }

    /// Waits for the process to end (reading what it still shows) and returns its exit status.
    func finish(seconds: Double = 30) throws -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        while readSome(timeout: 200) || process.isRunning {
            if Date() > deadline {
                process.terminate()
                throw Failure(description: "ffb did not finish; the screen:\n\(screen)")
            }
        }
        process.waitUntilExit()
        PrivacyScan.check(arguments, FFBProcess.Result(status: process.terminationStatus, stdout: screen, stderr: ""))
        return process.terminationStatus
    }

    /// Reads what is there within `timeout` milliseconds; false when nothing more will come.
    private func readSome(timeout: Int32) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, timeout)
        guard ready > 0 else { return ready == 0 }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(master, &buffer, buffer.count)
        if count > 0 {
            bytes += buffer[0..<count]
            return true
        }
        // EIO once the child has closed its end (Linux), 0 elsewhere.
        return count < 0 && errno == EINTR
    }
}
