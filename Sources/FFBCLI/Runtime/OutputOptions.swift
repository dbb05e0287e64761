import FFBCommandLine
import FFBFiles

/// Where a command writes its file (`--out`): checked before any work, so a path that is the
/// store, any SQLite database, or the wrong kind of file is a usage error (exit 2) and nothing
/// is written; then written owner-only and atomically.
enum OutputOptions {
    /// The resolved `--out` path, refused when it would write over a store. `directory` asks for
    /// a folder (one file per document) instead of one file.
    static func path(_ arguments: ParsedArguments, context: CommandContext, directory: Bool = false) throws(CLIError) -> String {
        let path = context.url(for: try arguments.requiredValue("out")).path
        do {
            try OutputFile.check(path, notOverwriting: StoreOptions.path(arguments, context: context), directory: directory)
        } catch {
            throw .usage(UsageError("--out: \(error.description)", command: arguments.commandPath))
        }
        return path
    }

    /// Writes one output file; `shown` is the path as the user typed it, for the error.
    static func write(_ text: String, to path: String, shown: String) throws(CLIError) {
        let stream = try self.stream(to: path, shown: shown)
        stream.write(text)
        try commit(stream, shown: shown)
    }

    /// An output file written piece by piece, named only by `commit(_:shown:)`.
    static func stream(to path: String, shown: String) throws(CLIError) -> OutputFile.Stream {
        do {
            return try OutputFile.Stream(path: path)
        } catch {
            throw .invalid("cannot write the file (\(error.description))", file: shown)
        }
    }

    static func commit(_ stream: OutputFile.Stream, shown: String) throws(CLIError) {
        do {
            try stream.commit()
        } catch {
            throw .invalid("cannot write the file (\(error.description))", file: shown)
        }
    }
}
