import FFBModel
import Foundation
import Testing
@testable import FFBStore

/// `snapshot` reads one consistent store: a write that lands meanwhile (another ffb, another
/// connection) is not seen until the snapshot ends.
@Suite struct SnapshotTests {
    @Test func aWriteDuringASnapshotIsSeenOnlyAfterIt() throws {
        let (directory, reader) = try freshStore("ffb-snapshot")
        defer { reader.close(); try? FileManager.default.removeItem(at: directory) }
        let writer = try CaseStores.open(reader.path, create: false)
        defer { writer.close() }
        func register(_ cpr: String) throws {
            _ = try writer.write(user: "test", command: "test") { try $0.addCitizen(cpr: try CPRNumber(cpr), name: "Borger") }
        }
        try register("010190-1234")
        let (before, during) = try reader.snapshot {
            let before = try reader.citizens().count
            try register("020290-2345")
            return (before, try reader.citizens().count)
        }
        #expect(before == 1)
        #expect(during == 1)
        #expect(try reader.citizens().count == 2)
    }
}
