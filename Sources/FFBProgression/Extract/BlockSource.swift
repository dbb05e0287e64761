import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A reusable byte buffer for one block of an extract. The reader keeps a few of these and refills
/// them, so reading a large file neither allocates nor page-faults a fresh buffer per block.
final class ByteBlock: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }
    var isEmpty: Bool { count == 0 }

    /// Makes room for at least `extra` more bytes after `count`.
    func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = max(capacity * 2, count + extra)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = grown
    }

    func append(_ bytes: UnsafeRawBufferPointer) {
        reserve(bytes.count)
        if let source = bytes.baseAddress { (base + count).update(from: source.assumingMemoryBound(to: UInt8.self), count: bytes.count) }
        count += bytes.count
    }

    /// Drops the first `n` bytes (a BOM, a header line).
    func removeFirst(_ n: Int) {
        let n = min(n, count)
        (base).update(from: base + n, count: count - n)
        count -= n
    }

    func lastIndex(of byte: UInt8) -> Int? {
        var index = count - 1
        while index >= 0 {
            if base[index] == byte { return index }
            index -= 1
        }
        return nil
    }

    func firstIndex(of byte: UInt8, from start: Int = 0) -> Int? {
        guard start < count, let found = memchr(base + start, Int32(byte), count - start) else { return nil }
        return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - UnsafePointer(base)
    }
}

/// Hands out an extract's bytes in blocks that end at a line end, so each block holds whole lines
/// and can be parsed on its own. Reading from a file keeps only a few blocks in memory at a time,
/// and `read(2)` goes straight into the caller's reused buffer.
struct BlockSource {
    private let descriptor: Int32
    private let data: Data?
    private var offset = 0
    /// The bytes after the last line end of the previous block.
    private var carry: [UInt8] = []
    private var finished = false
    let blockSize: Int

    init(url: URL, blockSize: Int = 8 << 20) throws {
        descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CocoaError(.fileReadNoSuchFile) }
        data = nil
        self.blockSize = blockSize
    }

    init(data: Data, blockSize: Int = 8 << 20) {
        descriptor = -1
        self.data = data
        self.blockSize = blockSize
    }

    func close() {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
    }

    /// A buffer sized for this source's blocks.
    func makeBlock() -> ByteBlock { ByteBlock(capacity: blockSize + (64 << 10)) }

    /// Refills `block` with the next whole lines (the last block may end without a newline);
    /// false at the end of the input.
    mutating func next(into block: ByteBlock) throws -> Bool {
        block.count = 0
        guard !finished else { return false }
        carry.withUnsafeBytes { block.append($0) }
        carry.removeAll(keepingCapacity: true)
        // Fill to a block, then keep reading until the block holds at least one line end.
        var searched = 0
        while !finished {
            if block.count >= blockSize {
                if block.firstIndex(of: 10, from: searched) != nil { break }
                searched = block.count
            }
            let got = try fill(block, upTo: max(blockSize - block.count, 64 << 10))
            if got == 0 { finished = true }
        }
        if !finished, let lastNewline = block.lastIndex(of: 10) {
            carry.append(contentsOf: UnsafeBufferPointer(start: block.base + lastNewline + 1, count: block.count - lastNewline - 1))
            block.count = lastNewline + 1
        }
        return !(block.isEmpty && finished)
    }

    /// The next block as a fresh array (the slow paths: the header and locating duplicates).
    mutating func next() throws -> [UInt8]? {
        let block = makeBlock()
        return try next(into: block) ? Array(block.bytes) : nil
    }

    /// Appends up to `count` bytes to `block`; returns how many (0 at the end).
    private mutating func fill(_ block: ByteBlock, upTo count: Int) throws -> Int {
        if let data {
            guard offset < data.count else { return 0 }
            let end = min(data.count, offset + count)
            data[data.startIndex + offset ..< data.startIndex + end].withUnsafeBytes { block.append($0) }
            let got = end - offset
            offset = end
            return got
        }
        block.reserve(count)
        var result: Int
        repeat {
            result = Glibc.read(descriptor, block.base + block.count, count)
        } while result < 0 && errno == EINTR
        if result < 0 { throw CocoaError(.fileReadUnknown) }
        block.count += result
        return result
    }
}
