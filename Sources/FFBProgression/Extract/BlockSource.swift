import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hands out an extract's bytes in blocks that end at a line end, so each block holds whole lines
/// and can be parsed on its own. Reading from a file keeps only a few blocks in memory at a time.
struct BlockSource {
    private let descriptor: Int32
    private let data: Data?
    private var offset = 0
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

    /// The next block of whole lines (the last block may end without a newline), or nil at the end.
    mutating func next() throws -> [UInt8]? {
        guard !finished else { return nil }
        var block = carry
        carry = []
        // Fill to a block, then keep reading until the block holds at least one line end.
        while !finished, block.count < blockSize || !block.contains(10) {
            let got = try fill(&block, upTo: max(blockSize - block.count, 64 << 10))
            if got == 0 { finished = true }
        }
        if !finished, let lastNewline = block.lastIndex(of: 10) {
            carry = Array(block[(lastNewline + 1)...])
            block.removeSubrange((lastNewline + 1)...)
        }
        return block.isEmpty && finished ? nil : block
    }

    /// Appends up to `count` bytes to `block`; returns how many (0 at the end).
    private mutating func fill(_ block: inout [UInt8], upTo count: Int) throws -> Int {
        if let data {
            guard offset < data.count else { return 0 }
            let end = min(data.count, offset + count)
            block.append(contentsOf: data[data.startIndex + offset ..< data.startIndex + end])
            let got = end - offset
            offset = end
            return got
        }
        var failed = false
        let chunk = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress else { return }
            var result: Int
            repeat {
                result = Glibc.read(descriptor, base, count)
            } while result < 0 && errno == EINTR
            if result < 0 { failed = true } else { initialized = result }
        }
        if failed { throw CocoaError(.fileReadUnknown) }
        block.append(contentsOf: chunk)
        let got = chunk.count
        return got
    }
}
