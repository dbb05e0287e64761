import Foundation
import Testing

/// A CLI suite that works in a temporary directory of its own and records through the built `ffb`:
/// the helpers the probes of careless hands and of a new user share.
protocol CaseStoreSuite {
    var directory: TemporaryDirectory { get }
}

extension CaseStoreSuite {
    func path(_ name: String) -> String { directory.file(name).path }

    /// Runs `ffb`, expects exit 0, returns stdout trimmed.
    @discardableResult
    func ok(_ arguments: String...) throws -> String {
        let result = try FFBProcess.run(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A store with one citizen (born 1985-04-02), a case S-1 opened 2025-01-10, an assessment and an
    /// order from 2025-02-01; returns (pseudonym, order id).
    func caseStore(_ db: String) throws -> (citizen: String, order: String) {
        let citizen = try ok("citizen", "add", "--cpr", "020485-1357", "--name", "Karen Dahl", "--db", db)
        try ok("case", "open", "--citizen", citizen, "--case-number", "S-1", "--opened", "2025-01-10",
               "--municipality", "Aarhus", "--municipality-code", "0751", "--db", db)
        try ok("assess", "--citizen", citizen, "--case", "S-1", "--date", "2025-01-20", "--theme", "Købe ind=3", "--db", db)
        let order = try ok("order", "create", "--citizen", citizen, "--case", "S-1", "--service", "Socialpædagogisk støtte",
                           "--provider-name", "Bostøtten", "--provider-id", "SOR-1", "--support-level", "C", "--start", "2025-02-01", "--db", db)
        return (citizen, order)
    }
}
