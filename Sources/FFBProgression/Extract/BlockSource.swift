import Foundation

/// Hands out an extract's bytes in blocks that end at a line end, so each block holds whole lines
/// and can be parsed on its own. Reading from a file keeps only a few blocks in memory at a time.
struct BlockSource {
    private let handle: FileHandle?
    private let data: Data?
    private var offset = 0
    private var carry: [UInt8] = []
    private var finished = false
    let blockSize: Int

    init(url: URL, blockSize: Int = 8 << 20) throws {
        handle = try FileHandle(forReadingFrom: url)
        data = nil
        self.blockSize = blockSize
    }

    init(data: Data, blockSize: Int = 8 << 20) {
        handle = nil
        self.data = data
        self.blockSize = blockSize
    }

    func close() {
        try? handle?.close()
    }

    /// The next block of whole lines (the last block may end without a newline), or nil at the end.
    mutating func next() throws -> [UInt8]? {
        guard !finished else { return nil }
        var block = carry
        carry = []
        while block.count < blockSize {
            let chunk = try read(blockSize - block.count)
            if chunk.isEmpty {
                finished = true
                break
            }
            block.append(contentsOf: chunk)
        }
        if !finished, let lastNewline = block.lastIndex(of: 10) {
            carry = Array(block[(lastNewline + 1)...])
            block.removeSubrange((lastNewline + 1)...)
        } else if !finished {
            // One line longer than a block: keep reading until it ends.
            while let more = try Optional(read(blockSize)), !more.isEmpty {
                block.append(contentsOf: more)
                if let newline = more.firstIndex(of: 10) {
                    let cut = block.count - more.count + newline + 1
                    carry = Array(block[cut...])
                    block.removeSubrange(cut...)
                    break
                }
            }
            if carry.isEmpty { finished = true }
        }
        return block.isEmpty && finished ? nil : block
    }

    private mutating func read(_ count: Int) throws -> [UInt8] {
        if let handle {
            return [UInt8](try handle.read(upToCount: count) ?? Data())
        }
        guard let data, offset < data.count else { return [] }
        let end = min(data.count, offset + count)
        let slice = [UInt8](data[data.startIndex + offset ..< data.startIndex + end])
        offset = end
        return slice
    }
}
