/// A hard error in an extract file: the file cannot be used. `line` is 1-based (the header is 1).
public struct ExtractError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "\(line): \(message)" }
}
