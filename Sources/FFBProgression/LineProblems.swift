import FFBFiles

/// The problems of a line-oriented text file (a settings file, a tariff CSV), each at its line;
/// line 0 stands for the file as a whole. Only the first `kept` are kept, so a file that is wrong
/// on every line gives a screenful of errors, not a million lines.
public struct LineProblems: Error, Sendable, Equatable {
    public struct Problem: Sendable, Equatable {
        public var line: Int
        public var message: String
    }

    public static let kept = 20

    public private(set) var problems: [Problem] = []
    /// How many were found beyond `kept`.
    public private(set) var omitted = 0

    init() {}

    /// One problem that stops the reading.
    init(_ message: String, line: Int = 0) {
        append(message, line: line)
    }

    var isEmpty: Bool { problems.isEmpty }

    mutating func append(_ message: String, line: Int) {
        if problems.count < Self.kept {
            problems.append(Problem(line: line, message: message))
        } else {
            omitted += 1
        }
    }
}

extension LineProblems {
    /// The bytes of the file at `path`; why it cannot be read (a folder, over `limit`) is the
    /// file's one problem.
    static func contents(of path: String, limit: Int) throws(LineProblems) -> [UInt8] {
        do {
            return try InputFile.contents(of: path, limit: limit)
        } catch {
            throw LineProblems(error.description)
        }
    }
}
