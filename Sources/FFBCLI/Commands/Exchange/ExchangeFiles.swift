import FFBExchange
import FFBFiles
import FFBJSON
import Foundation

/// Reading exchange files and turning their problems into CLI diagnostics.
enum ExchangeFiles {
    /// One file, decoded and validated; or every problem with it.
    struct Checked {
        var path: String
        var result: Result<ExchangeDocument, ExchangeError>
    }

    /// The files named, a directory standing for the `.json` files in it (sorted by name).
    static func expand(_ paths: [String], context: CommandContext) -> [String] {
        paths.flatMap { path -> [String] in
            var isDirectory: ObjCBool = false
            let url = context.url(for: path)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue,
                  let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return [path] }
            let base = path.hasSuffix("/") ? path : path + "/"
            return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted().map { base + $0 }
        }
    }

    static func check(_ paths: [String], context: CommandContext, validator: DocumentValidator) -> [Checked] {
        let files = expand(paths, context: context)
        let urls = files.map(context.url(for:))
        let decoder = DocumentDecoder()
        return zip(files, urls).map { Checked(path: $0, result: document(at: $1, decoder: decoder, validator: validator)) }
    }

    /// One file read (no larger than the decoder accepts), decoded and validated.
    static func document(at url: URL, decoder: DocumentDecoder, validator: DocumentValidator) -> Result<ExchangeDocument, ExchangeError> {
        let bytes: [UInt8]
        do {
            bytes = try InputFile.contents(of: url.path, limit: decoder.limits.maxBytes)
        } catch {
            return .failure(ExchangeError(error.description))
        }
        return Result { () throws(ExchangeError) -> ExchangeDocument in try validator.validate(try decoder.decode(Data(bytes))) }
    }

    static func diagnostics(_ issues: ExchangeIssues, file: String) -> [Diagnostic] {
        issues.errors.map { Diagnostic(file: file, location: $0.pointer.location, message: $0.message) }
    }

    static func warningLines(_ warnings: [JSONIssue], file: String) -> [String] {
        warnings.map { Diagnostic(file: file, location: $0.pointer.location, message: "warning: \($0.message)").description }
    }
}
