import FFBFiles

/// Why and where a document is not acceptable JSON.
///
/// `pointer` names the value that was being read (`/entry/3/resource/code`
/// while inside that string; the enclosing container for errors between
/// values, such as a missing comma or a duplicate key), so the error line
/// says where the problem is in the document's own terms. `line` and `column`
/// say where it is in the file.
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable, Hashable {
        case emptyDocument
        case unexpectedEndOfInput
        /// A byte that cannot start or continue what was expected there.
        case unexpectedCharacter(found: String, expected: String)
        /// Something after the one top-level value.
        case trailingData
        case trailingComma
        case duplicateKey(String)
        case leadingZeros
        case invalidNumber(String)
        case numberOutOfRange
        case nonFiniteNumber(String)
        case invalidEscape(String)
        case invalidUnicodeEscape
        case loneSurrogate(String)
        case controlCharacterInString(UInt8)
        case invalidUTF8
        case nestingTooDeep(limit: Int)
        case documentTooLarge(limit: Int)
        case stringTooLong(limit: Int)
        case arrayTooLong(limit: Int)
        case objectTooLarge(limit: Int)
    }

    /// What went wrong, as a value to match on.
    public let reason: Reason
    /// Offset of the offending byte from the start of the input (0-based).
    public let offset: Int
    /// Line of the offending byte (1-based; `\n`, `\r\n` and `\r` end lines).
    public let line: Int
    /// Column of the offending byte (1-based, counted in Unicode scalars so
    /// that `æøå` count as one column each).
    public let column: Int
    /// The value being parsed when the error happened.
    public let pointer: JSONPointer

    public init(reason: Reason, offset: Int, line: Int, column: Int, pointer: JSONPointer) {
        self.reason = reason
        self.offset = offset
        self.line = line
        self.column = column
        self.pointer = pointer
    }

    /// Raised before any byte is read, so it has no position inside the file.
    static func documentTooLarge(limit: Int) -> JSONSyntaxError {
        JSONSyntaxError(reason: .documentTooLarge(limit: limit), offset: 0, line: 1, column: 1, pointer: JSONPointer())
    }

    /// What went wrong, without the position.
    public var message: String {
        switch reason {
        case .emptyDocument:
            "empty document"
        case .unexpectedEndOfInput:
            "unexpected end of input (truncated file?)"
        case .unexpectedCharacter(let found, let expected):
            "unexpected \(found), expected \(expected)"
        case .trailingData:
            "unexpected data after the JSON value"
        case .trailingComma:
            "trailing comma"
        case .duplicateKey(let key):
            "duplicate key \(Excerpt.quoted(key))"
        case .leadingZeros:
            "leading zeros are not allowed in numbers"
        case .invalidNumber(let detail):
            "invalid number: \(detail)"
        case .numberOutOfRange:
            "number is out of range (larger than a 64-bit floating-point number can hold)"
        case .nonFiniteNumber(let word):
            "\(word) is not valid JSON (numbers must be finite)"
        case .invalidEscape(let escape):
            "invalid escape \"\(escape)\""
        case .invalidUnicodeEscape:
            "invalid escape: \\u must be followed by four hexadecimal digits"
        case .loneSurrogate(let escape):
            "lone surrogate \"\(escape)\" (a UTF-16 surrogate escape must be part of a high-low pair)"
        case .controlCharacterInString(let byte):
            "unescaped control character \(Self.unicodeName(byte)) in string"
        case .invalidUTF8:
            "invalid UTF-8"
        case .nestingTooDeep(let limit):
            "nesting deeper than \(limit) levels"
        case .documentTooLarge(let limit):
            "document larger than \(ByteCount.text(limit))"
        case .stringTooLong(let limit):
            "string longer than \(ByteCount.text(limit))"
        case .arrayTooLong(let limit):
            "array has more than \(limit) elements"
        case .objectTooLarge(let limit):
            "object has more than \(limit) members"
        }
    }

    /// `LOCATION: message (line L, column C)`, ready to follow `FILE:` on an error line.
    public var description: String {
        "\(pointer.location): \(message) (line \(line), column \(column))"
    }

    static func unicodeName(_ byte: UInt8) -> String {
        let hex = String(byte, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
