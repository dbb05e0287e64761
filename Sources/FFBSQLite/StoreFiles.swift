import FFBFiles
import Foundation

/// The permission bits of one file belonging to a store.
package struct StoreFileMode: Sendable, Equatable {
    /// The file's path.
    package let path: String
    /// Its permission bits, e.g. `0o600`.
    package let permissions: Int
}

/// The files of a store on disk: the database itself and SQLite's companions.
///
/// The store holds case data about vulnerable citizens, so every one of its
/// files must be readable and writable by the owner only (mode 0600).
package enum StoreFiles {
    /// The permissions every store file must have.
    package static let ownerOnly = 0o600

    /// The database path and SQLite's companion files for it, whether or not they exist.
    package static func paths(forStoreAt path: String) -> [String] {
        SQLiteSignature.files(ofDatabaseAt: FilePath.resolved(path))
    }

    /// The store file a path belongs to: the path itself, or the store beside a companion file.
    package static func storePath(of path: String) -> String {
        for suffix in ["-wal", "-shm", "-journal"] where path.hasSuffix(suffix) { return String(path.dropLast(suffix.count)) }
        return path
    }

    /// The permission bits of the store file and of each companion that exists.
    ///
    /// - Throws: ``SQLiteError/Kind/cantOpen`` when the store file itself is missing.
    package static func modes(ofStoreAt path: String) throws(SQLiteError) -> [StoreFileMode] {
        var modes: [StoreFileMode] = []
        for file in paths(forStoreAt: path) {
            var info = stat()
            if stat(file, &info) == 0 {
                modes.append(StoreFileMode(path: file, permissions: Int(info.st_mode) & 0o7777))
            } else if file == path {
                throw SQLiteError(.cantOpen, message: "cannot inspect the store file: \(String(cString: strerror(errno)))")
            }
        }
        return modes
    }

    /// Throws when the store file or an existing companion grants anything to its group or to
    /// others. Checked on every open: a store someone made readable with `chmod` is refused until
    /// it is owner-only again, rather than quietly used (or quietly fixed, which would hide that
    /// it was exposed).
    ///
    /// - Throws: ``SQLiteError/Kind/insecurePermissions(path:mode:)`` for the
    ///   first file found with other permissions.
    package static func requireOwnerOnly(storeAt path: String) throws(SQLiteError) {
        for mode in try modes(ofStoreAt: path) where mode.permissions & 0o077 != 0 {
            throw SQLiteError(.insecurePermissions(path: mode.path, mode: mode.permissions))
        }
    }

    /// Creates an empty file with mode 0600 unless something already exists at
    /// `path`.
    ///
    /// The file is created by this process, not by SQLite, so it is never
    /// world-readable even for an instant, and no process-wide `umask` change
    /// (which would race with other threads creating files) is needed.
    /// `O_EXCL` also refuses to follow a symbolic link planted at `path`.
    static func createOwnerOnlyIfMissing(atPath path: String) throws(SQLiteError) {
        let descriptor = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, mode_t(ownerOnly))
        guard descriptor >= 0 else {
            let code = errno
            if code == EEXIST { return }
            throw SQLiteError(.cantOpen, message: "cannot create the store file: \(String(cString: strerror(code)))")
        }
        defer { close(descriptor) }
        // The umask may have removed bits from 0600 (e.g. umask 0277); set them exactly.
        guard fchmod(descriptor, mode_t(ownerOnly)) == 0 else {
            throw SQLiteError(.cantOpen, message: "cannot set the store file's mode: \(String(cString: strerror(errno)))")
        }
    }
}
