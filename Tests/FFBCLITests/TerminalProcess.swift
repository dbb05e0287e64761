import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the built `ffb` with its stderr on a pseudo-terminal (stdout and stdin piped), as when a
/// person runs it at a terminal and `isatty(2)` holds.
enum TerminalProcess {
    struct Result {
        var status: Int32
        var stdout: String
        /// Every byte the terminal received, as written (stderr only; `\r` and escapes kept).
        var terminal: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        var master: Int32 = -1, slave: Int32 = -1
        guard openpty(&master, &slave, nil, nil, nil) == 0 else { throw Failure(description: "no pseudo-terminal: errno \(errno)") }
        defer { close(master) }
        // Close-on-exec, so no other process the suite starts meanwhile holds the terminal open
        // (the child gets it as its fd 2 all the same).
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
        // The line discipline would turn "\n" into "\r\n"; raw, the terminal passes stderr's
        // bytes as written.
        var settings = termios()
        tcgetattr(slave, &settings)
        cfmakeraw(&settings)
        tcsetattr(slave, TCSANOW, &settings)

        let process = Process()
        process.executableURL = FFBProcess.binary
        let (given, environment) = try StoreBackend.redirect(arguments, environment: environment, directory: nil)
        process.arguments = given
        process.environment = FFBProcess.environment(environment)
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        process.standardError = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        do {
            try process.run()
        } catch {
            close(slave)
            throw error
        }
        close(slave)
        // Read until the child has closed its end: then the master reads EIO (Linux) or 0.
        var terminal: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(master, &buffer, buffer.count)
            if count > 0 {
                terminal += buffer[0..<count]
            } else if count < 0, errno == EINTR {
                continue
            } else {
                break
            }
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let result = Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                            terminal: String(decoding: terminal, as: UTF8.self))
        PrivacyScan.check(arguments, FFBProcess.Result(status: result.status, stdout: result.stdout, stderr: result.terminal))
        return result
    }
}
