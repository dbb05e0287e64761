import FFBFiles

/// A hard error in an extract file: the file cannot be used. `line` is 1-based (the header is 1);
/// 0 when the error is about the file as a whole (it is a folder, it has too many rows).
public struct ExtractError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "\(line): \(message)" : message }

    /// The same words whichever part of the reader finds the line too long.
    static func lineTooLong(line: Int, limit: Int) -> ExtractError {
        ExtractError(line: line, message: "line longer than \(ByteCount.text(limit)); an extract line is citizen,theme,date,level")
    }
}
