import FFBFiles
import Foundation

/// A strict RFC 8259 JSON parser over UTF-8 bytes.
///
/// Strict because exchange documents come from other systems and a document
/// that two parsers could read differently must be rejected, not guessed at:
/// duplicate keys, lone surrogates, invalid UTF-8, trailing commas, leading
/// zeros, `NaN`/`Infinity` and numbers beyond `Double`'s range are all errors.
/// The only leniency is a leading UTF-8 byte order mark, which RFC 8259 allows
/// a parser to ignore and which Windows tools like to write.
///
/// The parser never recurses, so no input can exhaust the stack, and every
/// size it allocates for is bounded by `Limits`.
public struct JSONParser: Sendable {
    /// Bounds on what the parser accepts, so a hostile or broken file fails
    /// with a clear error instead of exhausting memory.
    public struct Limits: Sendable, Hashable {
        /// Values built from a document (equality, writing, validation) are
        /// processed recursively, so nesting is capped whatever is asked for.
        public static let maxDepthCeiling = 512

        /// Deepest nesting of arrays and objects; the root container is level 1.
        /// Clamped to `maxDepthCeiling`.
        public var maxDepth: Int {
            didSet { maxDepth = min(maxDepth, Self.maxDepthCeiling) }
        }
        /// Largest document, in bytes.
        public var maxBytes: Int
        /// Longest string (key or value), in UTF-8 bytes after unescaping.
        public var maxStringBytes: Int
        /// Most elements in one array.
        public var maxArrayCount: Int
        /// Most members in one object.
        public var maxObjectMembers: Int

        public init(
            maxDepth: Int = 64,
            maxBytes: Int = 64 << 20,
            maxStringBytes: Int = 1 << 20,
            maxArrayCount: Int = 1_000_000,
            maxObjectMembers: Int = 100_000
        ) {
            self.maxDepth = min(maxDepth, Self.maxDepthCeiling)
            self.maxBytes = maxBytes
            self.maxStringBytes = maxStringBytes
            self.maxArrayCount = maxArrayCount
            self.maxObjectMembers = maxObjectMembers
        }

        /// 64 levels, 64 MiB documents, 1 MiB strings, a million array
        /// elements, a hundred thousand object members.
        public static let `default` = Limits()
    }

    /// The bounds this parser enforces.
    public var limits: Limits

    /// A parser enforcing `limits`.
    public init(limits: Limits = .default) {
        self.limits = limits
    }

    /// Parses one JSON document.
    public func parse(_ buffer: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> JSONValue {
        var scanner = JSONScanner(bytes: buffer.bindMemory(to: UInt8.self), limits: limits)
        return try scanner.parseDocument()
    }

    /// Parses one JSON document.
    public func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONSyntaxError) -> JSONValue in try parse(buffer) }
        }
        return try result.get()
    }

    /// Parses one JSON document.
    public func parse(_ data: Data) throws(JSONSyntaxError) -> JSONValue {
        let result = data.withUnsafeBytes { buffer in
            Result { () throws(JSONSyntaxError) -> JSONValue in try parse(buffer) }
        }
        return try result.get()
    }

    /// Parses one JSON document.
    public func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONSyntaxError) -> JSONValue in try parse(UnsafeRawBufferPointer(buffer)) }
        }
        return try result.get()
    }

    /// Reads and parses a file. Throws `JSONSyntaxError` for bad JSON (including a file over
    /// `limits.maxBytes`, refused before it is read) and `InputFileError` when the path is not a
    /// readable file (a folder, a device, missing).
    public func parse(contentsOf url: URL) throws -> JSONValue {
        let bytes: [UInt8]
        do {
            bytes = try InputFile.contents(of: url.path, limit: limits.maxBytes)
        } catch where error.reason == .tooLarge(limit: limits.maxBytes) {
            throw JSONSyntaxError.documentTooLarge(limit: limits.maxBytes)
        }
        return try parse(bytes)
    }
}
