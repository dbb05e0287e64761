import FFBCommandLine
import FFBStore
import Foundation

/// The records a write names (its citizen, its case, its order), looked up before the write, so an
/// unknown one is reported together with every other bad value of the command line rather than
/// after them. The write looks them up again inside its transaction; this only says more, sooner.
enum StoreReferences {
    static func check(_ arguments: ParsedArguments, context: CommandContext, citizen: String? = nil, caseNumber: String? = nil,
                      order: String? = nil, problems: inout ProblemList) throws(CLIError) {
        guard citizen != nil || caseNumber != nil || order != nil else { return }
        // No store yet (no file, or a database without one): the write makes it, and says what
        // is missing from it.
        let found = try StoreOptions.readIfPresent(arguments, context: context) { store in
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
        if let found, !found.isEmpty { try problems.note(.invalidInput(found)) }
    }
}
