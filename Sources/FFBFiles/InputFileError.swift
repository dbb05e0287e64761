#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file a user named cannot be read. The description is one short line without the path:
/// the caller's diagnostic names the file (`extract.csv: is a device, not a file`).
public struct InputFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case missing
        case permissionDenied
        case folder
        case device
        /// A socket, or another kind of file that cannot be read as one.
        case special
        case tooLarge(limit: Int)
        /// What the system said, such as "Input/output error".
        case unreadable(String)
    }

    public let reason: Reason

    package init(_ reason: Reason) {
        self.reason = reason
    }

    /// The reason `open(2)` or `read(2)` failed with `code`.
    package init(errno code: Int32) {
        switch code {
        case ENOENT, ENOTDIR: reason = .missing
        case EACCES, EPERM: reason = .permissionDenied
        case EISDIR: reason = .folder
        case ENXIO, ENODEV: reason = .special
        default: reason = .unreadable(String(cString: strerror(code)))
        }
    }

    public var description: String {
        switch reason {
        case .missing: "no such file"
        case .permissionDenied: "permission denied"
        case .folder: "is a folder, not a file"
        case .device: "is a device, not a file"
        case .special: "is a socket or another special file, not a file"
        case .tooLarge(let limit): "is larger than \(ByteCount.text(limit))"
        case .unreadable(let why): "cannot be read (\(why))"
        }
    }
}
