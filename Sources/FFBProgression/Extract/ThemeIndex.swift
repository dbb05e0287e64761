import FFBCatalog

/// Theme lookup by KL code parsed from bytes (no allocation), or by exact name on a slow path.
struct ThemeIndex: Sendable {
    let themes: [Theme]
    let scored: [Bool]
    private let byCode: [UUIDKey: Int32]
    private let byName: [String: Int32]
    /// Lowercase codes by their first eight bytes, in a 256-slot open-addressing table.
    private let prefixTable: [Entry?]

    struct Entry: @unchecked Sendable {
        var prefix: UInt64
        var bytes: UnsafePointer<UInt8>
        var index: Int32
        /// Whether the code is a UUID's hex digits and hyphens (a user catalogue may have others).
        var isUUID: Bool
    }
    /// Owns the lowercase code bytes the table points into; kept alive with the index.
    private let storage: CodeStorage

    final class CodeStorage: @unchecked Sendable {
        let buffer: UnsafeMutablePointer<UInt8>
        let count: Int

        init(count: Int) {
            self.count = count
            buffer = .allocate(capacity: max(count, 1))
        }

        deinit { buffer.deallocate() }
    }

    struct UUIDKey: Hashable, Sendable {
        var high: UInt64
        var low: UInt64
    }

    init(catalog: Catalog) {
        themes = catalog.themes
        scored = themes.map(\.scored)
        var codes: [UUIDKey: Int32] = [:]
        var names: [String: Int32] = [:]
        for (index, theme) in themes.enumerated() {
            let bytes = Array(theme.code.rawValue.utf8)
            let key = bytes.withUnsafeBufferPointer { buffer in buffer.baseAddress.flatMap { Self.key($0, start: 0, end: buffer.count) } }
            if let key { codes[key] = Int32(index) }
            names[theme.name.lowercased()] = Int32(index)
        }
        byCode = codes
        byName = names
        storage = CodeStorage(count: themes.count * 36)
        var table = [Entry?](repeating: nil, count: 256)
        for (index, theme) in themes.enumerated() {
            let bytes = Array(theme.code.rawValue.utf8)
            guard bytes.count == 36 else { continue }
            let target = storage.buffer + index * 36
            for (offset, byte) in bytes.enumerated() { target[offset] = byte }
            let prefix = UnsafeRawPointer(target).loadUnaligned(as: UInt64.self)
            var slot = Int(truncatingIfNeeded: (prefix &* 0x9E37_79B9_7F4A_7C15) >> 56) & 255
            while table[slot] != nil { slot = (slot + 1) & 255 }
            let isUUID = Self.key(UnsafePointer(target), start: 0, end: 36) != nil
            table[slot] = Entry(prefix: prefix, bytes: UnsafePointer(target), index: Int32(index), isUUID: isUUID)
        }
        prefixTable = table
    }

    func index(base: UnsafePointer<UInt8>, field: (start: Int, end: Int)) -> Int32? {
        if field.end - field.start == 36, let entry = entry(at: base + field.start) { return entry.index }
        if let key = Self.key(base, start: field.start, end: field.end) { return byCode[key] }
        let text = String(decoding: UnsafeBufferPointer(start: base + field.start, count: max(0, field.end - field.start)), as: UTF8.self)
        return byName[text.lowercased()]
    }

    /// The theme whose code, as the catalogue spells it, is the 36 bytes at `bytes`.
    @inline(__always)
    private func entry(at bytes: UnsafePointer<UInt8>) -> Entry? {
        // KL codes differ in their first eight bytes; confirm with the whole code.
        let prefix = UnsafeRawPointer(bytes).loadUnaligned(as: UInt64.self)
        var slot = Int(truncatingIfNeeded: (prefix &* 0x9E37_79B9_7F4A_7C15) >> 56) & 255
        while let candidate = prefixTable[slot] {
            if candidate.prefix == prefix, BlockParser.equal(bytes, candidate.bytes, 36) { return candidate }
            slot = (slot + 1) & 255
        }
        return nil
    }

    /// The theme whose UUID code, as the catalogue spells it, is the 36 bytes at `bytes`; nil for
    /// anything else (another spelling, a name, a user catalogue's own code: `index(base:field:)`).
    /// A match holds only hex digits and hyphens, so no separator, quote or line end: the
    /// extract reader's fixed-offset rows rely on that.
    @inline(__always)
    func uuidCode(at bytes: UnsafePointer<UInt8>) -> Int32? {
        guard let entry = entry(at: bytes), entry.isUUID else { return nil }
        return entry.index
    }

    /// The 36 bytes of theme `index`'s code, for a theme `uuidCode(at:)` found.
    @inline(__always)
    func uuidCode(_ index: Int32) -> UnsafePointer<UInt8> {
        UnsafePointer(storage.buffer + Int(index) * 36)
    }

    /// A UUID's 32 hex digits as two 64-bit words; nil for anything else.
    static func key(_ base: UnsafePointer<UInt8>, start: Int, end: Int) -> UUIDKey? {
        guard end - start == 36 else { return nil }
        var high: UInt64 = 0, low: UInt64 = 0
        var nibbles = 0
        for offset in start..<end {
            let byte = base[offset]
            let value: UInt8
            switch byte {
            case 48...57: value = byte - 48
            case 97...102: value = byte - 87
            case 65...70: value = byte - 55
            case 45: continue
            default: return nil
            }
            if nibbles < 16 { high = high << 4 | UInt64(value) } else { low = low << 4 | UInt64(value) }
            nibbles += 1
        }
        return nibbles == 32 ? UUIDKey(high: high, low: low) : nil
    }
}
