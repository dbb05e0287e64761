/// Serializes `JSONValue`s deterministically: the same value always gives the
/// same bytes, so written documents can be compared and hashed.
///
/// Members are written in their stored order unless `sortedKeys` is set (then
/// by Unicode code point, which is UTF-8 byte order). Integers are written
/// without a fraction, other numbers in the shortest form that reads back to
/// the same `Double`. Strings escape only what JSON requires (`"`, `\` and
/// control characters); `/` is left alone. Non-finite numbers, which a parsed
/// document cannot contain, are written as `null`.
public struct JSONWriter: Sendable {
    /// How output is laid out.
    public struct Options: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Newlines and two-space indentation, `": "` after keys.
        public static let prettyPrinted = Options(rawValue: 1 << 0)
        /// Members in code point order instead of stored order.
        public static let sortedKeys = Options(rawValue: 1 << 1)
    }

    /// The layout this writer uses.
    public var options: Options

    public init(options: Options = []) {
        self.options = options
    }

    /// The UTF-8 bytes of `value`, without a trailing newline.
    public func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, indent: 0, to: &out)
        return out
    }

    /// The JSON text of `value`, without a trailing newline.
    public func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    /// Appends `value` as it is written nested `indent` levels deep (a streamed document writes
    /// its large array's elements one by one, as `bytes` would have written them in place).
    public func append(_ value: JSONValue, indent: Int, to out: inout [UInt8]) {
        write(value, indent: indent, to: &out)
    }

    private var pretty: Bool { options.contains(.prettyPrinted) }

    private func write(_ value: JSONValue, indent: Int, to out: inout [UInt8]) {
        switch value {
        case .null:
            out.append(contentsOf: "null".utf8)
        case .bool(let flag):
            out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number):
            Self.appendNumber(number, to: &out)
        case .string(let text):
            Self.appendString(text, to: &out)
        case .array(let elements):
            guard !elements.isEmpty else {
                out.append(contentsOf: "[]".utf8)
                return
            }
            out.append(ASCII.openBracket)
            for (position, element) in elements.enumerated() {
                if position > 0 { out.append(ASCII.comma) }
                newline(indent: indent + 1, to: &out)
                write(element, indent: indent + 1, to: &out)
            }
            newline(indent: indent, to: &out)
            out.append(ASCII.closeBracket)
        case .object(let object):
            guard !object.isEmpty else {
                out.append(contentsOf: "{}".utf8)
                return
            }
            var members = object.members
            if options.contains(.sortedKeys) {
                members.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            }
            out.append(ASCII.openBrace)
            for (position, member) in members.enumerated() {
                if position > 0 { out.append(ASCII.comma) }
                newline(indent: indent + 1, to: &out)
                Self.appendString(member.key, to: &out)
                out.append(ASCII.colon)
                if pretty { out.append(ASCII.space) }
                write(member.value, indent: indent + 1, to: &out)
            }
            newline(indent: indent, to: &out)
            out.append(ASCII.closeBrace)
        }
    }

    private func newline(indent: Int, to out: inout [UInt8]) {
        guard pretty else { return }
        out.append(ASCII.newline)
        out.append(contentsOf: repeatElement(ASCII.space, count: indent * 2))
    }

    static func appendNumber(_ number: JSONNumber, to out: inout [UInt8]) {
        if let integer = number.int64 {
            // `-0` keeps its sign so that it reads back as the same double.
            if integer == 0, number.double.sign == .minus {
                out.append(contentsOf: "-0".utf8)
            } else {
                out.append(contentsOf: String(integer).utf8)
            }
            return
        }
        let double = number.double
        guard double.isFinite else {
            out.append(contentsOf: "null".utf8)
            return
        }
        // Whole numbers below 2^53 are exact as integers and read better
        // without Swift's ".0"; beyond that the exponent form is shorter.
        if double.rounded(.towardZero) == double, abs(double) < 9_007_199_254_740_992, double != 0 || double.sign == .plus {
            out.append(contentsOf: String(Int64(double)).utf8)
            return
        }
        // Swift's `description` is the shortest text that reads back to the same
        // `Double`, and its forms ("-0.0", "1e-05", "1.5e+300") are all valid JSON.
        out.append(contentsOf: double.description.utf8)
    }

    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(ASCII.quote)
        var text = text
        text.withUTF8 { bytes in
            // Copy runs that need no escaping in one go; most strings are one run.
            var runStart = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == ASCII.quote || byte == ASCII.backslash else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                appendEscape(for: byte, to: &out)
                runStart = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        out.append(ASCII.quote)
    }

    private static func appendEscape(for byte: UInt8, to out: inout [UInt8]) {
        out.append(ASCII.backslash)
        switch byte {
        case ASCII.quote, ASCII.backslash: out.append(byte)
        case ASCII.newline: out.append(ASCII.n)
        case ASCII.carriageReturn: out.append(ASCII.r)
        case ASCII.tab: out.append(ASCII.t)
        case 0x08: out.append(ASCII.b)
        case 0x0C: out.append(ASCII.f)
        default: out.append(contentsOf: [ASCII.u, ASCII.zero, ASCII.zero, hexDigit(byte >> 4), hexDigit(byte & 0xF)])
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? ASCII.zero + nibble : 0x61 + nibble - 10
    }
}

extension JSONValue {
    /// Compact JSON text (see `JSONWriter`).
    public func jsonString(options: JSONWriter.Options = []) -> String {
        JSONWriter(options: options).string(self)
    }
}

extension JSONWriter {
    /// JSON as ffb writes a file or prints a result: pretty by default, members in the order they
    /// were built, a final newline.
    public static func fileText(_ value: JSONValue, pretty: Bool = true) -> String {
        JSONWriter(options: pretty ? [.prettyPrinted] : []).string(value) + "\n"
    }
}
