import Foundation

/// How a person types this `ffb` again: `ffb` when the `ffb` on their PATH is this very binary,
/// else its full path (after `swift run ffb demo`, nothing named `ffb` is on the PATH yet), so a
/// command printed for them to try runs as printed.
enum Invocation {
    static func command(environment: [String: String]) -> String {
        guard let running = runningExecutable() else { return "ffb" }
        let onPath = (environment["PATH"] ?? "").split(separator: ":").lazy
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("ffb").resolvingSymlinksInPath().path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        return onPath == running ? "ffb" : shellQuoted(running)
    }

    private static func runningExecutable() -> String? {
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            return Bundle.main.executableURL?.resolvingSymlinksInPath().path
        }
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    /// A path as one shell word: as it is when it has nothing the shell would read, else quoted.
    static func shellQuoted(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "/._-+".unicodeScalars.contains($0) }
        return plain ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
