import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which file a store path named when the store was opened (device and inode).
///
/// SQLite keeps writing to an open file even after it was deleted or replaced on disk, so a
/// command whose store vanished mid-run would "succeed" into a file nobody can reach. Checking the
/// identity just before commit turns that into an error and a rollback.
struct StoreFileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
