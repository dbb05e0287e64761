/// The parser's cursor: one pass over the bytes, with an explicit stack of
/// open containers instead of recursion so that no input can overflow the
/// call stack.
struct JSONScanner {
    /// One open array or object. Its finished children wait on the shared
    /// `values` (and `keys`) stacks until it closes, when they are moved into
    /// one exactly sized array: no per-container buffer grows and reallocates.
    struct Frame {
        let isObject: Bool
        /// Where this container's children start in `values`.
        let valuesStart: Int
        /// Where this object's keys start in `keys`.
        let keysStart: Int
        /// Key → member position, built once an object grows past a handful
        /// of members so that duplicate detection stays linear overall.
        var keyPositions: [String: Int]?
        /// Whether a child value is being parsed (for objects: its key has
        /// been read and is the last of `keys`).
        var awaitingValue: Bool
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let limits: JSONParser.Limits
    var position = 0
    var stack: [Frame] = []
    var values: [JSONValue] = []
    var keys: [String] = []
    /// Reused between strings that contain escapes.
    var scratch: [UInt8] = []

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
            case ASCII.openBrace, ASCII.openBracket:
                let isObject = bytes[position] == ASCII.openBrace
                try checkDepth()
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == (isObject ? ASCII.closeBrace : ASCII.closeBracket) {
                    position += 1
                    value = isObject ? .object(JSONObject()) : .array([])
                } else {
                    stack.append(Frame(isObject: isObject, valuesStart: values.count, keysStart: keys.count,
                                       awaitingValue: false))
                    if isObject { try readKey() } else { try beginElement() }
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
                values.append(value)
                stack[top].awaitingValue = false
                skipWhitespace()
                guard position < bytes.count else { throw error(.unexpectedEndOfInput) }
                let byte = bytes[position]
                if stack[top].isObject {
                    switch byte {
                    case ASCII.comma:
                        try skipComma(closer: ASCII.closeBrace)
                        try readKey()
                        continue parsing
                    case ASCII.closeBrace:
                        position += 1
                        value = .object(closeObject())
                    default:
                        throw unexpectedCharacter(expected: "',' or '}' after an object member")
                    }
                } else {
                    switch byte {
                    case ASCII.comma:
                        try skipComma(closer: ASCII.closeBracket)
                        try beginElement()
                        continue parsing
                    case ASCII.closeBracket:
                        position += 1
                        value = .array(closeArray())
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

    private mutating func closeArray() -> [JSONValue] {
        let frame = stack.removeLast()
        let elements = Array(values[frame.valuesStart...])
        values.removeSubrange(frame.valuesStart...)
        return elements
    }

    private mutating func closeObject() -> JSONObject {
        let frame = stack.removeLast()
        let count = values.count - frame.valuesStart
        var members: [JSONObject.Member] = []
        members.reserveCapacity(count)
        for offset in 0..<count {
            members.append(JSONObject.Member(key: keys[frame.keysStart + offset], value: values[frame.valuesStart + offset]))
        }
        values.removeSubrange(frame.valuesStart...)
        keys.removeSubrange(frame.keysStart...)
        return JSONObject(uniqueMembers: members, index: frame.keyPositions)
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

    /// Marks the innermost array as reading its next element, if it may have one more.
    private mutating func beginElement() throws(JSONSyntaxError) {
        let top = stack.count - 1
        guard values.count - stack[top].valuesStart < limits.maxArrayCount else {
            throw error(.arrayTooLong(limit: limits.maxArrayCount))
        }
        stack[top].awaitingValue = true
    }

    /// Reads `"key" :` in the innermost object and leaves the cursor on the value.
    private mutating func readKey() throws(JSONSyntaxError) {
        let top = stack.count - 1
        guard position < bytes.count else { throw error(.unexpectedEndOfInput) }
        guard bytes[position] == ASCII.quote else {
            throw unexpectedCharacter(expected: "a member name in double quotes")
        }
        let memberCount = keys.count - stack[top].keysStart
        guard memberCount < limits.maxObjectMembers else {
            throw error(.objectTooLarge(limit: limits.maxObjectMembers))
        }
        let keyStart = position
        let key = try parseString()
        try register(key, at: keyStart, in: top, position: memberCount)
        skipWhitespace()
        guard position < bytes.count else { throw error(.unexpectedEndOfInput) }
        guard bytes[position] == ASCII.colon else { throw unexpectedCharacter(expected: "':' after the member name") }
        position += 1
        skipWhitespace()
        keys.append(key)
        stack[top].awaitingValue = true
    }

    private mutating func register(_ key: String, at keyStart: Int, in top: Int, position: Int) throws(JSONSyntaxError) {
        if stack[top].keyPositions != nil {
            if stack[top].keyPositions?.updateValue(position, forKey: key) != nil {
                throw error(.duplicateKey(key), at: keyStart)
            }
            return
        }
        let keysStart = stack[top].keysStart
        if keys[keysStart...].contains(key) {
            throw error(.duplicateKey(key), at: keyStart)
        }
        if position >= JSONObject.indexThreshold {
            var positions: [String: Int] = [:]
            positions.reserveCapacity(position * 2)
            for (index, existing) in keys[keysStart...].enumerated() { positions[existing] = index }
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
        for (depth, frame) in stack.enumerated() {
            guard frame.awaitingValue else { break }
            if frame.isObject {
                // The key of the member being parsed is the last key this
                // object has pushed, which sits just below the next frame's keys.
                let keysEnd = depth + 1 < stack.count ? stack[depth + 1].keysStart : keys.count
                guard keysEnd > frame.keysStart else { break }
                components.append(.key(keys[keysEnd - 1]))
            } else {
                let valuesEnd = depth + 1 < stack.count ? stack[depth + 1].valuesStart : values.count
                components.append(.index(valuesEnd - frame.valuesStart))
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
