#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CSVTokenizer {
    /// Where text that starts at a row's start can be cut into whole rows: just past its last
    /// line feed outside quotes; nil if it has none. A reader hands out blocks cut here, so a
    /// quoted line break never ends a block, without scanning the rows first.
    ///
    /// Outside quotes is after an even number of quotes (a doubled quote inside quotes is two).
    /// Most files have no quotes at all, which `memchr` finds out at memory speed.
    package static func endOfLastRow(_ base: UnsafePointer<UInt8>, count: Int) -> Int? {
        var odd = false
        if let found = memchr(base, Int32(quote), count) {
            var position = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
            // Whether each byte position holds an odd number of quotes so far, eight at a time.
            var parity: UInt64 = 0
            let quotes = UInt64(quote) &* everyByte
            while position + 8 <= count {
                parity ^= bytes(of: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self), equalTo: quotes)
                position += 8
            }
            while position < count {
                if base[position] == quote { parity ^= 1 }
                position += 1
            }
            odd = parity.nonzeroBitCount % 2 == 1
        }
        // Back from the end; `odd` tells whether the quotes before `index + 1` are odd.
        var index = count - 1
        while index >= 0 {
            let byte = base[index]
            if byte == quote {
                odd.toggle()
            } else if byte == lineFeed, !odd {
                return index + 1
            }
            index -= 1
        }
        return nil
    }
}
