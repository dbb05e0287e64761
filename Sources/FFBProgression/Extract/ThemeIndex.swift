import FFBCatalog

/// Theme lookup by KL code parsed from bytes (no allocation), or by exact name on a slow path.
struct ThemeIndex: Sendable {
    let themes: [Theme]
    let scored: [Bool]
    private let byCode: [UUIDKey: Int32]
    private let byName: [String: Int32]

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
    }

    func index(base: UnsafePointer<UInt8>, field: (start: Int, end: Int)) -> Int32? {
        if let key = Self.key(base, start: field.start, end: field.end) { return byCode[key] }
        let text = String(decoding: UnsafeBufferPointer(start: base + field.start, count: max(0, field.end - field.start)), as: UTF8.self)
        return byName[text.lowercased()]
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
