import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an output path must not be written. A refusal is decided before any work is done, so a
/// command that would have overwritten a store writes nothing at all.
package enum OutputRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path is the store the command reads (or one of SQLite's companion files of it).
    case isTheStore(String)
    /// The path holds an SQLite database (a store, or any other).
    case isADatabase(String)
    /// The path names a folder, a device or a pipe where a file is expected, or the reverse.
    case wrongKind(String, FileKind)

    package var description: String {
        switch self {
        case .isTheStore(let path): "\(path) is the store this command reads (or one of its files); give another output file"
        case .isADatabase(let path): "\(path) is an SQLite database; ffb never writes over one, give another output file"
        case .wrongKind(let path, let kind): "\(path) is \(kind.noun), not a file ffb can write"
        }
    }
}

/// Files a command writes for the user (exports, reports, extracts): created owner-only (0600),
/// because they may hold CPR numbers or figures about few people, and replaced atomically, so
/// nobody ever reads half a file. Nothing here ever writes over a database.
package enum OutputFile {
    /// Refuses `path` as an output when it is the store at `storePath` (or its `-wal`, `-shm` or
    /// `-journal`, whether or not they exist yet), any SQLite database, or not a writable kind of
    /// file. `directory` asks for a folder instead of a file (one that may not exist yet).
    package static func check(_ path: String, notOverwriting storePath: String?, directory: Bool = false) throws(OutputRefusal) {
        if let storePath, Self.names(path, oneOf: storeFiles(storePath)) {
            throw .isTheStore(path)
        }
        let kind = FileKind(path: path)
        switch kind {
        case .missing: return
        case .directory where directory: return
        case .regular where !directory:
            if SQLiteSignature.matches(path) { throw .isADatabase(path) }
        default:
            throw .wrongKind(path, kind)
        }
    }

    /// The store's file and the companions SQLite makes beside it (named after the file a link
    /// points to, so the path is resolved first).
    package static func storeFiles(_ storePath: String) -> [String] {
        SQLiteSignature.files(ofDatabaseAt: FilePath.resolved(storePath))
    }

    /// Writes `bytes` to `path` owner-only and atomically: into a temporary file beside it, then
    /// renamed over it. A temporary file left by a killed earlier run is removed first. `durable`
    /// flushes the file to disk before it takes the name (generated test data skips that).
    package static func write(_ bytes: [UInt8], to path: String, durable: Bool = true) throws(OutputWriteError) {
        let stream = try Stream(path: path, durable: durable)
        stream.write(bytes)
        try stream.commit()
    }

    /// An output file written piece by piece, so a large export never holds its whole text:
    /// owner-only and atomic like `write(_:to:)` (the pieces go to a temporary file that takes
    /// the name only on `commit`; a stream dropped without committing leaves nothing behind).
    ///
    /// Once a file passes a few megabytes its pieces are written on a thread of their own, so the
    /// caller makes the next megabyte while the kernel copies the last (a large export spends as
    /// long in that copy as in making its text); at most two pieces wait for it.
    package final class Stream {
        private let path: String
        private let temporary: String
        private let durable: Bool
        private var descriptor: Int32
        private var buffer: [UInt8] = []
        /// The thread the pieces are written on, started when the file grows large.
        private var writer: PieceWriter?
        private var written = 0
        /// The first failure of a write made here.
        private var failure: Int32?

        package init(path: String, durable: Bool = true) throws(OutputWriteError) {
            // Every writer's last line of defence, whatever its caller checked: never over a database.
            if SQLiteSignature.matches(path) { throw OutputWriteError(errno: EEXIST, reason: "\(path) is an SQLite database; ffb never writes over one") }
            let (folder, name) = FilePath.split(path)
            removeStaleTemporaries(of: name, in: folder)
            self.path = path
            self.durable = durable
            temporary = folder + "/" + temporaryName(of: name, process: getpid())
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw OutputWriteError(errno: errno) }
        }

        /// Adds bytes; they reach the file in large writes. A failure is kept for `commit`.
        package func write(_ bytes: some Sequence<UInt8>) {
            buffer.append(contentsOf: bytes)
            if buffer.count >= 1 << 20 { drain() }
        }

        package func write(_ text: String) {
            write(text.utf8)
        }

        /// Buffers to make pieces in, on any thread (`write(piece:)`): what the writer's thread
        /// has written comes back here, so a large file is made in the same memory again and
        /// again, not in fresh pages (which cost the kernel more than the bytes cost to make).
        package let spares = SpareBuffers()

        /// Adds a piece made whole elsewhere (in a buffer from `spares`): once the file is large,
        /// it is handed to the writer's thread as it is, not copied.
        package func write(piece: [UInt8]) {
            guard writer != nil || written + buffer.count + piece.count >= 4 << 20 else {
                write(piece)
                return spares.give(piece)
            }
            drain()
            written += piece.count
            if writer == nil { writer = PieceWriter(descriptor: descriptor, spares: spares, durable: durable) }
            spares.give(writer!.hand(piece))
        }

        /// Gives the file its name, or throws the first failure (and removes the temporary file).
        package func commit() throws(OutputWriteError) {
            try close()
            if rename(temporary, path) != 0 {
                let failure = errno
                unlink(temporary)
                throw OutputWriteError(errno: failure)
            }
        }

        /// Writes what is buffered, flushes it to disk when durable, and closes the temporary
        /// file, which then belongs to the caller; or throws the first failure (and removes it).
        fileprivate func close() throws(OutputWriteError) {
            drain()
            if let failed = writer?.finish(), failure == nil { failure = failed }
            writer = nil
            if failure == nil, durable, fsync(descriptor) != 0 { failure = errno }
            Glibc.close(descriptor)
            descriptor = -1
            if let failure {
                unlink(temporary)
                throw OutputWriteError(errno: failure)
            }
        }

        fileprivate var temporaryPath: String { temporary }

        /// Hands what is buffered to the file: written here while the file is small, then on
        /// the writer's thread (the buffer swapped for one it has written).
        private func drain() {
            guard !buffer.isEmpty else { return }
            written += buffer.count
            if writer == nil, written >= 4 << 20 { writer = PieceWriter(descriptor: descriptor, spares: spares, durable: durable) }
            if let writer {
                buffer = writer.hand(buffer)
            } else {
                if failure == nil { failure = PieceWriter.write(buffer, to: descriptor) }
                buffer.removeAll(keepingCapacity: true)
            }
        }

        deinit {
            _ = writer?.finish()
            if descriptor >= 0 {
                Glibc.close(descriptor)
                unlink(temporary)
            }
        }
    }

    /// Writes the pieces handed to it to one file, in order, on a thread of its own. The first
    /// failure stops the writing and is what `finish` returns.
    private final class PieceWriter: @unchecked Sendable {
        private let descriptor: Int32
        private let spares: SpareBuffers
        /// Whether the file goes to disk as it is written (a durable stream's), so the flush at
        /// `commit` finds little left: the disk's work overlaps making the rest.
        private let durable: Bool
        private var unflushed = 0
        private static let flushEvery = 64 << 20
        private let condition = NSCondition()
        // Guarded by `condition`.
        private var waiting: [[UInt8]] = []
        private var finished = false
        private var done = false
        private var failure: Int32?

        init(descriptor: Int32, spares: SpareBuffers, durable: Bool) {
            self.descriptor = descriptor
            self.spares = spares
            self.durable = durable
            let thread = Thread { [self] in run() }
            thread.name = "ffb output writer"
            thread.start()
        }

        /// Queues `piece` (waiting while two are queued) and returns an empty buffer to fill next.
        func hand(_ piece: [UInt8]) -> [UInt8] {
            condition.lock()
            defer { condition.unlock() }
            while waiting.count >= 2 { condition.wait() }
            waiting.append(piece)
            condition.broadcast()
            return spares.take()
        }

        /// Waits for every queued piece to be written and the thread to end; the first failure.
        func finish() -> Int32? {
            condition.lock()
            defer { condition.unlock() }
            finished = true
            condition.broadcast()
            while !done { condition.wait() }
            return failure
        }

        private func run() {
            condition.lock()
            while true {
                while waiting.isEmpty, !finished { condition.wait() }
                guard !waiting.isEmpty else { break }
                let piece = waiting[0], failed = failure != nil
                condition.unlock()
                var result = failed ? nil : Self.write(piece, to: descriptor)
                unflushed += piece.count
                if durable, result == nil, unflushed >= Self.flushEvery {
                    if fdatasync(descriptor) != 0 { result = errno }
                    unflushed = 0
                }
                condition.lock()
                if failure == nil { failure = result }
                waiting.removeFirst()
                spares.give(piece)
                condition.broadcast()
            }
            done = true
            condition.broadcast()
            condition.unlock()
        }

        /// Writes all of `bytes`; the error number of a failure, or nil.
        static func write(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
            var written = 0
            return bytes.withUnsafeBytes { bytes in
                while written < bytes.count {
                    let result = Glibc.write(descriptor, bytes.baseAddress.map { $0 + written }, bytes.count - written)
                    if result < 0, errno == EINTR { continue }
                    if result <= 0 { return result < 0 ? errno : ENOSPC }
                    written += result
                }
                return nil
            }
        }
    }

    /// Many files written into one folder and named together, all or none: each goes to a
    /// temporary file beside its name as it is made (owner-only), and `commit` flushes them in one
    /// call (`syncfs`) before each takes its name, instead of a flush per file, which costs a
    /// journal commit each (thousands of reporting bundles). Until `commit` no name is taken; a
    /// batch dropped without committing, or failing, removes what it wrote.
    package final class Batch {
        private let folder: String
        private var pending: [(temporary: String, path: String)] = []
        private var committed = false

        package init(folder: String) {
            self.folder = folder
        }

        /// Writes `bytes` as the folder's file `name` once the batch is committed.
        package func write(_ bytes: [UInt8], named name: String) throws(OutputWriteError) {
            let path = folder + "/" + name
            let stream = try Stream(path: path, durable: false)
            stream.write(bytes)
            try stream.close()
            pending.append((stream.temporaryPath, path))
        }

        /// Flushes every file to disk, names them, and flushes the folder; on a failure nothing
        /// the batch wrote is left, under its name or any other.
        package func commit() throws(OutputWriteError) {
            committed = true
            let directory = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            defer { if directory >= 0 { Glibc.close(directory) } }
            var named = 0
            var failure: Int32? = directory < 0 ? errno : (Self.syncFileSystem(directory) ? nil : errno)
            while failure == nil, named < pending.count {
                if rename(pending[named].temporary, pending[named].path) != 0 { failure = errno } else { named += 1 }
            }
            if failure == nil, fsync(directory) != 0 { failure = errno }
            guard let failure else { return }
            for (index, file) in pending.enumerated() { unlink(index < named ? file.path : file.temporary) }
            throw OutputWriteError(errno: failure)
        }

        deinit {
            if !committed { for file in pending { unlink(file.temporary) } }
        }

        /// `syncfs` (Linux: every file of the folder's file system flushed in one call), looked up at
        /// run time because the Glibc module does not declare it; elsewhere `sync`.
        private static func syncFileSystem(_ descriptor: Int32) -> Bool {
            if let syncfs = Self.syncfs { return syncfs(descriptor) == 0 }
            sync()
            return true
        }

        private static let syncfs: (@convention(c) (Int32) -> Int32)? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs").map {
            unsafeBitCast($0, to: (@convention(c) (Int32) -> Int32).self)
        }
    }

    /// A folder only the owner can enter, made with its parents when missing.
    package static func makeDirectory(_ path: String) throws(OutputWriteError) {
        var built = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            built += "/" + part
            if mkdir(built, 0o700) != 0, errno != EEXIST { throw OutputWriteError(errno: errno) }
        }
        guard FileKind(path: path) == .directory else { throw OutputWriteError(errno: ENOTDIR) }
    }

    /// `.NAME.PID.tmp`: the process id tells a temporary file of a live writer from one a killed
    /// run left behind.
    static func temporaryName(of name: String, process: pid_t) -> String {
        ".\(name).\(process).tmp"
    }

    /// Removes `.NAME.PID.tmp` files in `folder` whose process no longer runs. The folder is
    /// listed once per process (a command writing thousands of files into one folder must not
    /// list it thousands of times); each name's stale temporaries go when that name is written.
    static func removeStaleTemporaries(of name: String, in folder: String) {
        for entry in staleTemporaries.take(name, in: folder) { unlink(folder + "/" + entry) }
    }

    private static let staleTemporaries = StaleTemporaries()

    /// Whether `path` and one of `candidates` name the same file: the same inode where both
    /// exist, else the same canonical path (a `-wal` that SQLite has not made yet).
    static func names(_ path: String, oneOf candidates: [String]) -> Bool {
        let target = FileIdentity(path: path)
        let canonical = FilePath.canonical(path)
        return candidates.contains { candidate in
            if let target, let other = FileIdentity(path: candidate) { return target == other }
            return canonical == FilePath.canonical(candidate)
        }
    }
}

/// A write that failed, with the system's reason ("No space left on device").
package struct OutputWriteError: Error, Sendable, CustomStringConvertible {
    package let code: Int32
    let reason: String?

    init(errno code: Int32, reason: String? = nil) {
        self.code = code
        self.reason = reason
    }

    package var description: String { reason ?? String(cString: strerror(code)) }
}

/// A file's device and inode: two paths naming one file have the same. SQLite keeps writing to
/// an open file even after it was deleted or replaced on disk, so the store compares this just
/// before commit, and an output path is compared with the store's files.
package struct FileIdentity: Equatable, Sendable {
    let device: UInt64
    let inode: UInt64

    package init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// The temporaries dead writers left, per folder and output name, found by one listing of each
/// folder.
private final class StaleTemporaries: @unchecked Sendable {
    private let lock = NSLock()
    /// Folder → output name → its stale temporaries.
    private var found: [String: [String: [String]]] = [:]

    func take(_ name: String, in folder: String) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        if found[folder] == nil { found[folder] = Self.list(folder) }
        return found[folder]?.removeValue(forKey: name) ?? []
    }

    /// `.NAME.PID.tmp` entries whose process no longer runs, by NAME.
    private static func list(_ folder: String) -> [String: [String]] {
        guard let entries = opendir(folder) else { return [:] }
        defer { closedir(entries) }
        var stale: [String: [String]] = [:]
        while let entry = readdir(entries) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            guard entryName.hasPrefix("."), entryName.hasSuffix(".tmp") else { continue }
            let parts = entryName.dropFirst().dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count >= 2, let process = pid_t(parts[parts.count - 1]), process > 0 else { continue }
            if kill(process, 0) != 0, errno == ESRCH {
                stale[parts.dropLast().joined(separator: "."), default: []].append(entryName)
            }
        }
        return stale
    }
}

/// Byte buffers kept for reuse, taken and given back on any thread (an output stream's pieces:
/// `OutputFile.Stream.spares`). A few are kept; what is given past that is freed.
package final class SpareBuffers: @unchecked Sendable {
    private let lock = NSLock()
    private var buffers: [[UInt8]] = []
    private static let kept = 8

    /// An empty buffer, with the room of one given back when there is one.
    package func take() -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        return buffers.popLast() ?? []
    }

    /// Keeps `buffer`'s room for the next `take`.
    package func give(_ buffer: consuming [UInt8]) {
        var buffer = buffer
        buffer.removeAll(keepingCapacity: true)
        lock.lock()
        defer { lock.unlock() }
        if buffers.count < Self.kept { buffers.append(buffer) }
    }
}
