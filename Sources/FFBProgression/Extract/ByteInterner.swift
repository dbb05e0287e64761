/// Gives each distinct byte string (a citizen's pseudonym in an extract) a dense index without
/// allocating a `String` per row: open addressing over FNV-1a hashes, keys kept as ranges of the
/// (memory-mapped) input that outlives the interner.
struct ByteInterner: Sendable {
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private var starts: [Int] = []
    private var lengths: [Int32] = []
    private var mask: Int

    init(capacity: Int = 1 << 14) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { starts.count }

    /// The index of `base[start..<start+length]`, adding it when new.
    mutating func index(of base: UnsafePointer<UInt8>, start: Int, length: Int) -> Int32 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for offset in 0..<length {
            hash = (hash ^ UInt64(base[start + offset])) &* 0x100_0000_01b3
        }
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry < 0 { break }
            let index = Int(entry)
            if hashes[index] == hash, Int(lengths[index]) == length,
               memcmp(base + starts[index], base + start, length) == 0 {
                return entry
            }
            slot = (slot + 1) & mask
        }
        let index = Int32(starts.count)
        slots[slot] = index
        hashes.append(hash)
        starts.append(start)
        lengths.append(Int32(length))
        if starts.count * 2 > slots.count { grow() }
        return index
    }

    /// Where entry `index` lies in the input.
    func range(_ index: Int32) -> (start: Int, length: Int) {
        (starts[Int(index)], Int(lengths[Int(index)]))
    }

    /// The bytes of entry `index`, as text (for messages and output only).
    func text(_ index: Int32, base: UnsafePointer<UInt8>) -> String {
        let start = starts[Int(index)]
        let buffer = UnsafeBufferPointer(start: base + start, count: Int(lengths[Int(index)]))
        return String(decoding: buffer, as: UTF8.self)
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index)
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
