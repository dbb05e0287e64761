/// What stops a CSV file's reading, at the line it is on (1-based).
package struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    package var line: Int
    package var message: String

    package init(_ message: String, line: Int) {
        self.message = message
        self.line = line
    }

    package var description: String { "\(line): \(message)" }
}
