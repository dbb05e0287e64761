#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a file is an SQLite database, by the 16 bytes every SQLite 3 file starts with: an
/// output must never be written over one, and a file that is not one is named as such before
/// anything else is said about it.
package enum SQLiteSignature {
    static let header = Array("SQLite format 3\u{0}".utf8)

    /// The database file and SQLite's companions beside it, whether or not they exist.
    package static func files(ofDatabaseAt path: String) -> [String] {
        [path, path + "-wal", path + "-shm", path + "-journal"]
    }

    package static func matches(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: header.count)
        let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        return count == header.count && bytes == header
    }
}
