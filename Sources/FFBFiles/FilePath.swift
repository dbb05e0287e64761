import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Paths: a user's path read from a folder, and paths with their symbolic links followed (the one
/// place `realpath(3)` is called).
package enum FilePath {
    /// `path` as a user gave it, read from `base` when it is relative.
    package static func url(_ path: String, from base: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
    }

    /// The file a path names with links followed: SQLite names its `-wal` and `-shm` after the
    /// file a link points to, so every check of a store's files starts here. A path that does
    /// not exist yet is returned as given.
    package static func resolved(_ path: String) -> String {
        real(path) ?? path
    }

    /// The absolute path with its folder's links resolved (the file itself may not exist yet, as
    /// a `-wal` SQLite has not made); the path as given when the folder cannot be resolved.
    package static func canonical(_ path: String) -> String {
        let (folder, name) = split(path)
        guard let base = real(folder) else { return path }
        return (base == "/" ? "" : base) + "/" + name
    }

    /// The folder a path is in and its last component (`.` for a bare name).
    package static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }

    private static func real(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
