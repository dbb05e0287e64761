import FFBCSV
import FFBFiles
import Foundation

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
}

/// Hands out an extract's bytes in blocks that end at a row's end, so each block holds whole rows
/// and can be parsed on its own. Reading from a file keeps only a few blocks in memory at a time,
/// and `read(2)` goes straight into the caller's reused buffer.
///
/// A block grows past its size only to reach the next row end, and only while that row is
/// within `lineLimit`: a file with no line ends fails after one block, not when memory runs out.
struct BlockSource {
    /// The first row of the block being read is longer than the limit.
    struct LineTooLong: Error {}

    private let file: InputFile?
    private let data: Data?
    private var offset = 0
    /// The bytes after the last line end of the previous block.
    private var carry: [UInt8] = []
    private var finished = false
    let blockSize: Int
    let lineLimit: Int

    /// Streams the file at `path`: no size limit, but no folder or device either.
    init(path: String, blockSize: Int = 8 << 20, lineLimit: Int) throws(InputFileError) {
        file = try InputFile(path: path)
        data = nil
        self.blockSize = blockSize
        self.lineLimit = lineLimit
    }

    init(data: Data, blockSize: Int = 8 << 20, lineLimit: Int) {
        file = nil
        self.data = data
        self.blockSize = blockSize
        self.lineLimit = lineLimit
    }

    /// The input's size in bytes, when known before it is read (a regular file, data in memory).
    var byteCount: Int? {
        if let data { return data.count }
        return file?.size.map { Int(clamping: $0) }
    }

    /// A buffer sized for this source's blocks.
    func makeBlock() -> ByteBlock { ByteBlock(capacity: blockSize + (64 << 10)) }

    /// Refills `block` with the next whole rows (the last block may end without a newline);
    /// false at the end of the input.
    mutating func next(into block: ByteBlock) throws -> Bool {
        block.count = 0
        guard !finished else { return false }
        carry.withUnsafeBytes { block.append($0) }
        carry.removeAll(keepingCapacity: true)
        // Fill to a block, then keep reading until the block holds at least one row end.
        var rowsEnd: Int?
        while !finished {
            if block.count >= blockSize {
                rowsEnd = CSVTokenizer.endOfLastRow(block.base, count: block.count)
                if rowsEnd != nil { break }
                // No row end in the whole block: its first row is all of it so far. (One byte
                // more for a CR before the line end, which is not part of the row.)
                if block.count > lineLimit + 1 { throw LineTooLong() }
            }
            let got = try fill(block, upTo: max(blockSize - block.count, 64 << 10))
            if got == 0 { finished = true }
        }
        if !finished, let rowsEnd {
            carry.append(contentsOf: UnsafeBufferPointer(start: block.base + rowsEnd, count: block.count - rowsEnd))
            block.count = rowsEnd
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
        guard let file else { return 0 }
        block.reserve(count)
        let got = try file.readSome(into: block.base + block.count, count: count)
        block.count += got
        return got
    }
}
