/// Gives each distinct byte string (a citizen's pseudonym in an extract) a dense index without
/// allocating a `String` per row: open addressing over FNV-1a hashes, the keys copied once into
/// one byte arena (so the input can be read in blocks and thrown away).
struct ByteInterner: Sendable {
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private var starts: [Int] = []
    private var lengths: [Int32] = []
    private var arena: [UInt8] = []
    private var mask: Int

    init(capacity: Int = 1 << 10) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { starts.count }

    /// Makes room for `capacity` entries in all, so adding them does not rehash the table again
    /// (each rehash touches every entry in a random order).
    mutating func reserveCapacity(_ capacity: Int) {
        guard capacity * 2 > slots.count else { return }
        var size = slots.count
        while size < capacity * 2 { size <<= 1 }
        rehash(size: size)
        hashes.reserveCapacity(capacity)
        starts.reserveCapacity(capacity)
        lengths.reserveCapacity(capacity)
    }

    /// The index of the bytes `key`, adding them when new.
    mutating func index(of key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let length = key.count
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry < 0 { break }
            let index = Int(entry)
            if hashes[index] == hash, Int(lengths[index]) == length, equals(index, key, length) {
                return entry
            }
            slot = (slot + 1) & mask
        }
        let index = Int32(starts.count)
        slots[slot] = index
        hashes.append(hash)
        starts.append(arena.count)
        lengths.append(Int32(length))
        arena.append(contentsOf: key)
        if starts.count * 2 > slots.count { rehash(size: slots.count * 2) }
        return index
    }

    private func equals(_ index: Int, _ key: UnsafeBufferPointer<UInt8>, _ length: Int) -> Bool {
        withKey(Int32(index)) { stored in
            guard let a = stored.baseAddress, let b = key.baseAddress else { return length == 0 }
            return memcmp(a, b, length) == 0
        }
    }

    /// Calls `body` with the bytes of entry `index`.
    func withKey<T>(_ index: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let start = starts[Int(index)], length = Int(lengths[Int(index)])
        return arena.withUnsafeBufferPointer { buffer in
            body(UnsafeBufferPointer(rebasing: buffer[start..<(start + length)]))
        }
    }

    /// The bytes of entry `index`, as text (for messages only).
    func text(_ index: Int32) -> String {
        withKey(index) { String(decoding: $0, as: UTF8.self) }
    }

    private mutating func rehash(size: Int) {
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
