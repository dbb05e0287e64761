/// The invalid values of one command line, gathered so that every one of them is reported (one
/// line each, exit 1), not only the first.
struct ProblemList {
    private(set) var diagnostics: [Diagnostic] = []

    var isEmpty: Bool { diagnostics.isEmpty }

    /// What `read` gives, or nil when it finds the input invalid (and the reasons are noted
    /// here). Any other failure, a usage or store error, ends the command at once.
    mutating func check<T>(_ read: () throws(CLIError) -> T) throws(CLIError) -> T? {
        do {
            return try read()
        } catch {
            try note(error)
            return nil
        }
    }

    /// What `read` gives for each of `texts`, leaving out (and noting) the invalid ones.
    mutating func checkEach<T>(_ texts: [String], _ read: (String) throws(CLIError) -> T) throws(CLIError) -> [T] {
        var values: [T] = []
        for text in texts {
            if let value = try check({ () throws(CLIError) in try read(text) }) { values.append(value) }
        }
        return values
    }

    /// Notes an invalid-input error; rethrows any other.
    mutating func note(_ error: CLIError) throws(CLIError) {
        guard case .invalidInput(let found) = error else { throw error }
        diagnostics += found
    }

    /// Everything noted, as one error to throw.
    var failure: CLIError { .invalidInput(diagnostics) }

    /// Throws everything noted, if anything was.
    func finish() throws(CLIError) {
        if !diagnostics.isEmpty { throw failure }
    }
}
