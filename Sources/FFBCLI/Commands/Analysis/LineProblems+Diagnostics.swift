import FFBProgression

extension LineProblems {
    /// One line per problem kept (`FILE:LINE: message`, or `FILE: message` for the whole file),
    /// and one more saying how many were left out.
    func diagnostics(file: String) -> [Diagnostic] {
        var diagnostics = problems.map { Diagnostic(file: file, location: $0.line > 0 ? String($0.line) : nil, message: $0.message) }
        if omitted > 0 {
            diagnostics.append(Diagnostic(file: file, message: "\(omitted) more problem\(omitted == 1 ? "" : "s") not shown"))
        }
        return diagnostics
    }
}
