import FFBExchange
import FFBFiles
import FFBModel
import FFBParallel
import FFBStore
import Foundation

/// Exchange documents as files: the one way `import`, `validate` and the demo read them.
public enum ExchangeFiles {
    /// One file, decoded and validated; or every problem with it.
    public struct Checked: Sendable {
        /// The path as the caller named it, for messages.
        public var path: String
        public var result: Result<ExchangeDocument, ExchangeError>
    }

    /// The files named, a directory standing for the `.json` files in it (sorted by name, hidden
    /// files left out). Relative names are read from `base`; the names stay as given.
    public static func expand(_ paths: [String], base: URL) -> [String] {
        paths.flatMap { path -> [String] in
            var isDirectory: ObjCBool = false
            let url = FilePath.url(path, from: base)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue,
                  let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return [path] }
            let folder = path.hasSuffix("/") ? path : path + "/"
            return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted().map { folder + $0 }
        }
    }

    /// Every file (after `expand`) read, decoded and validated; nothing is written.
    public static func check(_ paths: [String], base: URL, validator: DocumentValidator = DocumentValidator()) -> [Checked] {
        let decoder = DocumentDecoder()
        return expand(paths, base: base).map { path in
            Checked(path: path, result: document(at: FilePath.url(path, from: base), decoder: decoder, validator: validator))
        }
    }

    /// One file read (no larger than the decoder accepts), decoded and validated.
    public static func document(at url: URL, decoder: DocumentDecoder, validator: DocumentValidator) -> Result<ExchangeDocument, ExchangeError> {
        let bytes: [UInt8]
        do {
            bytes = try InputFile.contents(of: url.path, limit: decoder.limits.maxBytes)
        } catch {
            return .failure(ExchangeError(error.description))
        }
        return Result { () throws(ExchangeError) -> ExchangeDocument in try validator.validate(try decoder.decode(Data(bytes))) }
    }

    /// Imports the files (already expanded; relative names are read from `base`) into `store` in
    /// one transaction, all or nothing: decoded on the spare cores while the documents already
    /// decoded are applied. `progress` counts documents (`ExchangeImport.run`). The names are kept
    /// as given and made into URLs one at a time, as each is read.
    public static func importFiles(
        _ paths: [String], base: URL, into store: any CaseStore, user: String, command: String, rules: WriteRules = WriteRules(),
        strict: Bool = false, progress: WorkProgress = .none
    ) throws(ImportError) -> ImportReport {
        let decoder = DocumentDecoder(), validator = DocumentValidator()
        return try ExchangeImport.run(count: paths.count, decode: { document(at: FilePath.url(paths[$0], from: base), decoder: decoder, validator: validator) },
                                      into: store, user: user, command: command, rules: rules, strict: strict, progress: progress)
    }
}
