/// The parser's cursor: one pass over the bytes, with an explicit stack of
/// open containers instead of recursion so that no input can overflow the
/// call stack.
struct JSONScanner {
    /// One open array or object.
    struct Frame {
        let isObject: Bool
        var elements: [JSONValue] = []
        var members: [JSONObject.Member] = []
        /// Key → member position, built once an object grows past a handful
        /// of members so that duplicate detection stays linear overall.
        var keyPositions: [String: Int]?
        /// The key whose value is being parsed, for objects.
        var pendingKey: String?
        /// Whether an element is being parsed, for arrays.
        var awaitingElement = false
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let limits: JSONParser.Limits
    var position = 0
    var stack: [Frame] = []
    /// Reused between strings that contain escapes.
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, limits: JSONParser.Limits) {
        self.bytes = bytes
        self.limits = limits
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        guard bytes.count <= limits.maxBytes else { throw .documentTooLarge(limit: limits.maxBytes) }
        if hasByteOrderMark { position = 3 }
        skipWhitespace()
        guard position < bytes.count else { throw error(.emptyDocument) }

        var value: JSONValue
        parsing: while true {
            // A value starts here.
            guard position < bytes.count else { throw error(.unexpectedEndOfInput) }
            switch bytes[position] {
            case ASCII.openBrace:
                try checkDepth()
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == ASCII.closeBrace {
                    position += 1
                    value = .object(JSONObject())
                } else {
                    stack.append(Frame(isObject: true))
                    try readKey()
                    continue parsing
                }
            case ASCII.openBracket:
                try checkDepth()
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == ASCII.closeBracket {
                    position += 1
                    value = .array([])
                } else {
                    stack.append(Frame(isObject: false, awaitingElement: true))
                    continue parsing
                }
            case ASCII.quote:
                value = .string(try parseString())
            case ASCII.minus, ASCII.zero...ASCII.nine:
                value = .number(try parseNumber())
            case ASCII.t:
                try expectLiteral("true")
                value = .bool(true)
            case ASCII.f:
                try expectLiteral("false")
                value = .bool(false)
            case ASCII.n:
                try expectLiteral("null")
                value = .null
            default:
                throw unexpectedValueStart()
            }

            // A value is complete: attach it to its container, and close every
            // container that ends right after it.
            while let top = stack.indices.last {
                if stack[top].isObject {
                    let key = stack[top].pendingKey ?? ""
                    stack[top].pendingKey = nil
                    stack[top].members.append(JSONObject.Member(key: key, value: value))
                    skipWhitespace()
                    guard position < bytes.count else { throw error(.unexpectedEndOfInput) }
                    switch bytes[position] {
                    case ASCII.comma:
                        try skipComma(closer: ASCII.closeBrace)
                        try readKey()
                        continue parsing
                    case ASCII.closeBrace:
                        position += 1
                        let frame = stack.removeLast()
                        value = .object(JSONObject(uniqueMembers: frame.members, index: frame.keyPositions))
                    default:
                        throw unexpectedCharacter(expected: "',' or '}' after an object member")
                    }
                } else {
                    stack[top].elements.append(value)
                    stack[top].awaitingElement = false
                    skipWhitespace()
                    guard position < bytes.count else { throw error(.unexpectedEndOfInput) }
                    switch bytes[position] {
                    case ASCII.comma:
                        try skipComma(closer: ASCII.closeBracket)
                        guard stack[top].elements.count < limits.maxArrayCount else {
                            throw error(.arrayTooLong(limit: limits.maxArrayCount))
                        }
                        stack[top].awaitingElement = true
                        continue parsing
                    case ASCII.closeBracket:
                        position += 1
                        value = .array(stack.removeLast().elements)
                    default:
                        throw unexpectedCharacter(expected: "',' or ']' after an array element")
                    }
                }
            }

            skipWhitespace()
            guard position == bytes.count else { throw error(.trailingData) }
            return value
        }
    }

    private var hasByteOrderMark: Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case ASCII.space, ASCII.newline, ASCII.carriageReturn, ASCII.tab:
                position += 1
            default:
                return
            }
        }
    }

    private func checkDepth() throws(JSONSyntaxError) {
        guard stack.count < limits.maxDepth else { throw error(.nestingTooDeep(limit: limits.maxDepth)) }
    }

    /// Steps over a comma and rejects `,]` and `,}`, pointing at the comma.
    private mutating func skipComma(closer: UInt8) throws(JSONSyntaxError) {
        let comma = position
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == closer {
            throw error(.trailingComma, at: comma)
        }
    }

    /// Reads `"key" :` in the innermost object and leaves the cursor on the value.
    private mutating func readKey() throws(JSONSyntaxError) {
        let top = stack.count - 1
        guard position < bytes.count else { throw error(.unexpectedEndOfInput) }
        guard bytes[position] == ASCII.quote else {
            throw unexpectedCharacter(expected: "a member name in double quotes")
        }
        guard stack[top].members.count < limits.maxObjectMembers else {
            throw error(.objectTooLarge(limit: limits.maxObjectMembers))
        }
        let keyStart = position
        let key = try parseString()
        try register(key, at: keyStart, in: top)
        skipWhitespace()
        guard position < bytes.count else { throw error(.unexpectedEndOfInput) }
        guard bytes[position] == ASCII.colon else { throw unexpectedCharacter(expected: "':' after the member name") }
        position += 1
        skipWhitespace()
        stack[top].pendingKey = key
    }

    private mutating func register(_ key: String, at keyStart: Int, in top: Int) throws(JSONSyntaxError) {
        let position = stack[top].members.count
        if stack[top].keyPositions != nil {
            if stack[top].keyPositions?.updateValue(position, forKey: key) != nil {
                throw error(.duplicateKey(key), at: keyStart)
            }
            return
        }
        if stack[top].members.contains(where: { $0.key == key }) {
            throw error(.duplicateKey(key), at: keyStart)
        }
        if position >= JSONObject.indexThreshold {
            var positions: [String: Int] = [:]
            for (index, member) in stack[top].members.enumerated() { positions[member.key] = index }
            positions[key] = position
            stack[top].keyPositions = positions
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let start = position
        let count = literal.utf8CodeUnitCount
        let matched = literal.withUTF8Buffer { expected -> Int in
            var matched = 0
            while matched < count, start + matched < bytes.count, bytes[start + matched] == expected[matched] {
                matched += 1
            }
            return matched
        }
        if matched == count {
            position += count
            return
        }
        position = start + matched
        if position == bytes.count { throw error(.unexpectedEndOfInput) }
        let word = word(at: start)
        // `True` is best named as a word, `nul1` by the character that breaks it.
        if word.utf8.count > matched {
            throw error(.unexpectedCharacter(found: "\"\(word)\"", expected: "\(literal)"), at: start)
        }
        throw unexpectedCharacter(expected: "\(literal)")
    }

    private func unexpectedValueStart() -> JSONSyntaxError {
        let word = word(at: position)
        if word == "NaN" || word == "Infinity" { return error(.nonFiniteNumber(word)) }
        if !word.isEmpty { return error(.unexpectedCharacter(found: "\"\(word)\"", expected: "a value")) }
        return unexpectedCharacter(expected: "a value")
    }

    func unexpectedCharacter(expected: String) -> JSONSyntaxError {
        error(.unexpectedCharacter(found: describeCharacter(at: position), expected: expected))
    }

    /// The run of ASCII letters starting at `start`, for naming bare words
    /// such as `True` or `undefined` in messages.
    func word(at start: Int) -> String {
        var end = start
        while end < bytes.count, end - start < 24, ASCII.isLetter(bytes[end]) { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    func describeCharacter(at offset: Int) -> String {
        let byte = bytes[offset]
        if byte >= 0x21 && byte <= 0x7E { return "character '\(Character(Unicode.Scalar(byte)))'" }
        if byte < 0x80 { return "control character \(JSONSyntaxError.unicodeName(byte))" }
        if let end = utf8SequenceEnd(at: offset) {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
            return "character '\(text)'"
        }
        return "invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    /// An error at `offset` (the cursor by default), located by line, column
    /// and the pointer of the value being parsed.
    func error(_ reason: JSONSyntaxError.Reason, at offset: Int? = nil) -> JSONSyntaxError {
        let offset = min(offset ?? position, bytes.count)
        let (line, column) = lineAndColumn(of: offset)
        return JSONSyntaxError(reason: reason, offset: offset, line: line, column: column, pointer: currentPointer())
    }

    private func currentPointer() -> JSONPointer {
        var components: [JSONPointer.Component] = []
        components.reserveCapacity(stack.count)
        for frame in stack {
            if frame.isObject {
                guard let key = frame.pendingKey else { break }
                components.append(.key(key))
            } else {
                guard frame.awaitingElement else { break }
                components.append(.index(frame.elements.count))
            }
        }
        return JSONPointer(components)
    }

    /// Computed only when an error is raised, so the happy path never counts lines.
    private func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var index = hasByteOrderMark && offset >= 3 ? 3 : 0
        while index < offset {
            let byte = bytes[index]
            if byte == ASCII.newline {
                line += 1
                column = 1
            } else if byte == ASCII.carriageReturn {
                if index + 1 >= bytes.count || bytes[index + 1] != ASCII.newline {
                    line += 1
                    column = 1
                }
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }
}

/// The bytes JSON's grammar is written in.
enum ASCII {
    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let plus: UInt8 = 0x2B
    static let comma: UInt8 = 0x2C
    static let minus: UInt8 = 0x2D
    static let period: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let colon: UInt8 = 0x3A
    static let upperE: UInt8 = 0x45
    static let upperI: UInt8 = 0x49
    static let openBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let closeBracket: UInt8 = 0x5D
    static let b: UInt8 = 0x62
    static let e: UInt8 = 0x65
    static let f: UInt8 = 0x66
    static let n: UInt8 = 0x6E
    static let r: UInt8 = 0x72
    static let t: UInt8 = 0x74
    static let u: UInt8 = 0x75
    static let openBrace: UInt8 = 0x7B
    static let closeBrace: UInt8 = 0x7D

    static func isDigit(_ byte: UInt8) -> Bool { byte &- zero < 10 }
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }
}
