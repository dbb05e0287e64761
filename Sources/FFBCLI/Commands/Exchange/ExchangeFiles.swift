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

/// Files that may hold CPR numbers: created owner-only (0600) and replaced atomically, so a
/// reader never sees half a document and nobody else can read it.
enum PrivateFile {
    static func write(_ bytes: [UInt8], to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission) }
        var written = 0
        let failed = bytes.withUnsafeBytes { buffer -> Bool in
            while written < buffer.count {
                let result = Foundation.write(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
                if result <= 0 { return true }
                written += result
            }
            return false
        }
        close(descriptor)
        guard !failed, rename(temporary.path, url.path) == 0 else {
            unlink(temporary.path)
            throw CocoaError(.fileWriteUnknown)
        }
    }

    static func write(_ text: String, to url: URL) throws {
        try write(Array(text.utf8), to: url)
    }

    /// A directory only the owner can enter.
    static func makeDirectory(_ url: URL) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
}
