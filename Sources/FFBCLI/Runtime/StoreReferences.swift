import FFBCommandLine
import FFBStore
import Foundation

/// The records a write names (its citizen, its case, its order), looked up before the write, so an
/// unknown one is reported together with every other bad value of the command line rather than
/// after them. The write looks them up again inside its transaction; this only says more, sooner.
enum StoreReferences {
    static func check(_ arguments: ParsedArguments, context: CommandContext, citizen: String? = nil, caseNumber: String? = nil,
                      order: String? = nil, problems: inout ProblemList) throws(CLIError) {
        // No store yet (no file, or a database without one): the write makes it, and says what
        // is missing from it.
        let path = StoreOptions.path(arguments, context: context)
        guard citizen != nil || caseNumber != nil || order != nil,
              CaseStores.isServerAddress(path) || FileManager.default.fileExists(atPath: path) else { return }
        if CaseStores.isServerAddress(path) {
            do {
                try CaseStores.open(path, create: false).close()
            } catch .missingStore {
                return
            } catch {
                throw CLIError(error)
            }
        }
        let found = try StoreOptions.read(arguments, context: context) { store in
            var found: [Diagnostic] = []
            if let citizen {
                do { _ = try store.citizen(citizen) } catch let error as StoreError where error.isUserError {
                    found.append(Diagnostic(message: error.description))
                }
            }
            if let caseNumber {
                do { _ = try store.caseFile(caseNumber) } catch let error as StoreError where error.isUserError {
                    found.append(Diagnostic(message: error.description))
                }
            }
            if let order {
                do { _ = try store.order(order) } catch let error as StoreError where error.isUserError {
                    found.append(Diagnostic(message: error.description))
                }
            }
            return found
        }
        if !found.isEmpty { try problems.note(.invalidInput(found)) }
    }
}
