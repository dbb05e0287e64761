import Foundation
import Testing

/// Store trouble exits 3 (CLI.md), naming the file it is about: a store that is not there, and a
/// file that is not a store.
@Suite struct StoreErrorExitTests {
    @Test(.storeFile) func aMissingStoreAndAFileThatIsNotOneExitThreeNamingTheFile() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.file("none.sqlite").path
        let read = try FFBProcess.run(["citizen", "list", "--db", missing])
        #expect(read.status == 3)
        #expect(read.stderr == "ffb: store error: no store at \(missing) (run 'ffb init' or give --db)\n")

        let garbage = directory.file("garbage.sqlite")
        try Data("this is not a database, it is a shopping list\n".utf8).write(to: garbage)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: garbage.path)
        for arguments in [["citizen", "list"], ["citizen", "add", "--cpr", "010190-1234", "--name", "A"]] {
            let result = try FFBProcess.run(arguments + ["--db", garbage.path])
            #expect(result.status == 3, "\(arguments): \(result.stderr)")
            #expect(result.stderr == "ffb: store error: \(garbage.path) is not an ffb store (not an SQLite database)\n")
        }
        #expect(try String(contentsOf: garbage, encoding: .utf8) == "this is not a database, it is a shopping list\n")
    }
}
