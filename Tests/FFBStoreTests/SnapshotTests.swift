import FFBModel
import Foundation
import Testing
@testable import FFBStore

/// `snapshot` reads one consistent store: a write that lands meanwhile (another ffb, another
/// connection) is not seen until the snapshot ends, and a read `alongside` on a connection of
/// its own sees what the snapshot sees.
@Suite struct SnapshotTests {
    /// A fresh store read through `reader`, and another connection to it that registers citizens.
    final class TwoConnections {
        let directory: URL
        let reader: Store
        let writer: any CaseStore

        init(_ prefix: String) throws {
            (directory, reader) = try freshStore(prefix)
            writer = try CaseStores.open(reader.path, create: false)
        }

        deinit {
            writer.close()
            reader.close()
            try? FileManager.default.removeItem(at: directory)
        }

        func register(_ cpr: String) throws {
            _ = try writer.write(user: "test", command: "test") { try $0.addCitizen(cpr: try CPRNumber(cpr), name: "Borger") }
        }
    }

    @Test func aWriteDuringASnapshotIsSeenOnlyAfterIt() throws {
        let store = try TwoConnections("ffb-snapshot")
        let reader = store.reader
        try store.register("010190-1234")
        let (before, during) = try reader.snapshot {
            let before = try reader.citizens().count
            try store.register("020290-2345")
            return (before, try reader.citizens().count)
        }
        #expect(before == 1)
        #expect(during == 1)
        #expect(try reader.citizens().count == 2)
    }

    @Test func aReadAlongsideSeesTheSameCommittedState() throws {
        let store = try TwoConnections("ffb-alongside")
        let reader = store.reader
        try store.register("010190-1234")
        let (here, there) = try reader.snapshot {
            try reader.alongside({ other in try other.citizens().count }) { try reader.citizens().count }
        }
        #expect(here == 1)
        #expect(there == 1)
        // A write committed after the snapshot began: a new connection would see it, so the read
        // meant for it runs in the snapshot instead.
        let (hereAfter, thereAfter) = try reader.snapshot {
            _ = try reader.citizens()
            try store.register("020290-2345")
            return try reader.alongside({ other in try other.citizens().count }) { try reader.citizens().count }
        }
        #expect(hereAfter == 1)
        #expect(thereAfter == 1)
        #expect(try reader.citizens().count == 2)
    }
}
