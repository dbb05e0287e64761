extension Database {
    /// How to open a store.
    package struct Options: Sendable, Equatable {
        /// Open with `SQLITE_OPEN_READONLY`: every write fails with
        /// ``SQLiteError/Kind/readOnly``.
        package var readOnly: Bool
        /// Create the file (owner-only, mode 0600) when it does not exist.
        /// Off by default so that a mistyped path fails instead of silently
        /// starting an empty store.
        package var create: Bool
        /// How long to wait for another connection's lock before failing with
        /// ``SQLiteError/Kind/busy``.
        package var busyTimeout: Duration
        /// The `PRAGMA synchronous` level; see ``Synchronous``.
        package var synchronous: Synchronous
        /// `PRAGMA secure_delete`: overwrite deleted content with zeros so that
        /// erased personal data does not linger in free pages of the file.
        package var secureDelete: Bool
        /// How many prepared statements to keep, keyed by SQL text.
        package var statementCacheCapacity: Int
        /// Open read-only with SQLite's `immutable` URI parameter: no locks, no `-wal` or `-shm`
        /// files. For a store on read-only media, where a WAL store cannot otherwise be read;
        /// only safe while nothing else writes the file.
        package var immutable: Bool

        package init(
            readOnly: Bool = false,
            create: Bool = false,
            busyTimeout: Duration = .milliseconds(5000),
            synchronous: Synchronous = .full,
            secureDelete: Bool = true,
            statementCacheCapacity: Int = 128,
            immutable: Bool = false
        ) {
            self.immutable = immutable
            self.readOnly = readOnly
            self.create = create
            self.busyTimeout = busyTimeout
            self.synchronous = synchronous
            self.secureDelete = secureDelete
            self.statementCacheCapacity = statementCacheCapacity
        }

        var busyTimeoutMilliseconds: Int32 {
            let (seconds, attoseconds) = busyTimeout.components
            let milliseconds = seconds.multipliedReportingOverflow(by: 1000)
            guard !milliseconds.overflow else { return seconds < 0 ? 0 : Int32.max }
            let total = milliseconds.partialValue.addingReportingOverflow(attoseconds / 1_000_000_000_000_000)
            guard !total.overflow else { return Int32.max }
            return Int32(clamping: total.partialValue)
        }
    }

    /// The `PRAGMA synchronous` level.
    ///
    /// In WAL mode, `FULL` syncs the log on every commit, so a committed
    /// assessment survives a power cut; `NORMAL` may lose the last commits
    /// (without corruption). Clinical facts that a caseworker was told were
    /// saved must stay saved, so ``full`` is the default; bulk work inside one
    /// transaction pays for a single sync either way.
    package enum Synchronous: String, Sendable {
        case normal = "NORMAL"
        case full = "FULL"
    }
}
