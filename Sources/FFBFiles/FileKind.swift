#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path names on disk, from `stat(2)` (links followed): the one question every reader and
/// writer asks before it trusts a path a user typed.
package enum FileKind: Equatable, Sendable {
    case missing
    case regular(size: Int64)
    case directory
    /// A FIFO (named pipe) or a socket: reading may block for ever.
    case pipe
    /// A character or block device such as `/dev/null` or `/dev/zero`.
    case device
    case other

    package init(path: String) {
        self.init { stat(path, &$0) }
    }

    /// What an open descriptor names: the check that counts, as the path may have changed
    /// between `stat` and `open`.
    package init(descriptor: Int32) {
        self.init { fstat(descriptor, &$0) }
    }

    private init(_ query: (inout stat) -> Int32) {
        var info = stat()
        guard query(&info) == 0 else {
            self = .missing
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: self = .regular(size: Int64(info.st_size))
        case S_IFDIR: self = .directory
        case S_IFIFO, S_IFSOCK: self = .pipe
        case S_IFCHR, S_IFBLK: self = .device
        default: self = .other
        }
    }

    /// How a message names this kind of file ("a folder", "a device such as /dev/null").
    package var noun: String {
        switch self {
        case .missing: "missing"
        case .regular: "a file"
        case .directory: "a folder"
        case .pipe: "a pipe (FIFO or socket)"
        case .device: "a device"
        case .other: "not a regular file"
        }
    }
}
