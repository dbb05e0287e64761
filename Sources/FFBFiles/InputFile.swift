#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file a user named, open for reading: the one way every reader of user files gets at its
/// bytes, so none of them can hang on a FIFO, read `/dev/zero` until memory runs out, or take a
/// folder for a file.
///
/// Opening never blocks: a FIFO is opened with `O_NONBLOCK` (which returns at once even with no
/// writer) and then switched back to blocking reads, so a pipe with a writer (`<(zcat x.gz)`)
/// is read as it comes and a FIFO with none reads as empty. Folders and devices are refused
/// before anything is read. A regular file's size is checked against the caller's limit before
/// reading; a pipe is read to the limit and one byte more, then refused.
package final class InputFile {
    package let descriptor: Int32
    /// A regular file's size when it was opened; nil for a pipe, whose size only reading tells.
    package let size: Int64?

    package init(path: String) throws(InputFileError) {
        // Refused before opening: opening a device (a tape, a terminal) can itself do something.
        try Self.refuse(FileKind(path: path))
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { throw InputFileError(errno: errno) }
        // Checked again on what was opened: the path may have been replaced in between.
        let kind = FileKind(descriptor: descriptor)
        let flags = fcntl(descriptor, F_GETFL)
        do throws(InputFileError) {
            try Self.refuse(kind)
            guard flags >= 0, fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) == 0 else { throw InputFileError(errno: errno) }
        } catch {
            close(descriptor)
            throw error
        }
        self.descriptor = descriptor
        if case .regular(let size) = kind { self.size = size } else { size = nil }
    }

    deinit { close(descriptor) }

    /// The bytes of the file at `path`, refused when there are more than `limit`.
    package static func contents(of path: String, limit: Int) throws(InputFileError) -> [UInt8] {
        try InputFile(path: path).readAll(limit: limit)
    }

    /// Every remaining byte, refused when there are more than `limit`.
    package func readAll(limit: Int) throws(InputFileError) -> [UInt8] {
        if let size, size > Int64(limit) { throw InputFileError(.tooLarge(limit: limit)) }
        // A regular file fits in its first read, the one byte more sees its end; a pipe (or a
        // file that grew since) is read in growing chunks, never past limit + 1.
        var bytes = [UInt8](repeating: 0, count: Int(min(size ?? (64 << 10), Int64(limit))) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard count <= limit else { throw InputFileError(.tooLarge(limit: limit)) }
                bytes += repeatElement(0, count: min(count, limit + 1 - count))
            }
            let got = try bytes.withUnsafeMutableBytes { buffer in
                // The array is never empty here, so its buffer has an address.
                Result { () throws(InputFileError) in try readSome(into: buffer.baseAddress.unsafelyUnwrapped + count, count: buffer.count - count) }
            }.get()
            if got == 0 { break }
            count += got
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// Reads up to `count` bytes into `buffer`; 0 at the end.
    package func readSome(into buffer: UnsafeMutableRawPointer, count: Int) throws(InputFileError) -> Int {
        var result: Int
        repeat {
            result = read(descriptor, buffer, count)
        } while result < 0 && errno == EINTR
        guard result >= 0 else { throw InputFileError(errno: errno) }
        return result
    }

    private static func refuse(_ kind: FileKind) throws(InputFileError) {
        switch kind {
        case .directory: throw InputFileError(.folder)
        case .device: throw InputFileError(.device)
        case .other: throw InputFileError(.special)
        case .missing, .regular, .pipe: return
        }
    }
}
