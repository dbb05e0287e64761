/// Series numbers by (citizen, theme) key: open addressing with linear probing over plain arrays.
/// Several times faster than a `Dictionary` on the parser's hot path, where a lookup happens for
/// every change of citizen or theme.
struct SeriesTable: Sendable {
    private var keys: [Int64]
    private var values: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1 << 10) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: -1, count: size)
        values = Array(repeating: 0, count: size)
        mask = size - 1
    }

    @inline(__always)
    private func slot(_ key: Int64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }

    /// The value for `key`, or the result of `make()` stored under it when new.
    @inline(__always)
    mutating func value(for key: Int64, orInsert make: () -> Int32) -> Int32 {
        var index = slot(key)
        while true {
            let stored = keys[index]
            if stored == key { return values[index] }
            if stored < 0 { break }
            index = (index + 1) & mask
        }
        let value = make()
        keys[index] = key
        values[index] = value
        count += 1
        if count * 2 > keys.count { grow() }
        return value
    }

    func value(for key: Int64) -> Int32? {
        var index = slot(key)
        while true {
            let stored = keys[index]
            if stored == key { return values[index] }
            if stored < 0 { return nil }
            index = (index + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        let size = keys.count * 2
        keys = Array(repeating: -1, count: size)
        values = Array(repeating: 0, count: size)
        mask = size - 1
        for (index, key) in oldKeys.enumerated() where key >= 0 {
            var target = slot(key)
            while keys[target] >= 0 { target = (target + 1) & mask }
            keys[target] = key
            values[target] = oldValues[index]
        }
    }
}
