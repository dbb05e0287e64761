import FFBCatalog
import FFBExchange
import FFBModel
import FFBProgression
import FFBStore
import FFBWorkflows
import Foundation
import Testing

/// FFBKit used as a library, the way another Swift package would (the `FFBKit` product, no CLI):
/// a provider's system imports the documents of Docs/examples into its own store, reads the
/// citizen's progression and sends the order back, unchanged. This file uses `public` API only:
/// `publicAPIIsEnough` compiles it as another package would, where `package` symbols are hidden.
@Suite struct LibraryUseTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ffbkit-library-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Docs/examples")

    func document(_ name: String) throws -> ExchangeDocument {
        let data = try Data(contentsOf: Self.examples.appendingPathComponent(name))
        return try DocumentValidator().validate(try DocumentDecoder().decode(data))
    }

    @Test func aProviderSystemImportsReadsProgressionAndExportsTheOrderUnchanged() throws {
        let store = try CaseStores.open(directory.appendingPathComponent("provider.sqlite").path, create: true)
        defer { store.close() }
        let order = try document("order.json"), report = try document("follow-up-report.json")
        let summary = try ExchangeImport.run([order, report], into: store, user: "provider-system", command: "library import")
        #expect(summary.documents == 2)
        #expect(summary.orders == 1)
        #expect(summary.followUps == 1)

        // The example's citizen, theme by theme, as `ffb stats --by theme` reports it: "Købe ind"
        // from 3 to 2 (improved), another theme paired and unchanged, a third not paired.
        let data = try StoreProgressionLoader.load(store)
        #expect(data.levels.count == 1)
        let byTheme = data.statistics(by: .theme, rule: .first)
        #expect(byTheme.tally.pairs == 2)
        #expect(byTheme.groups.map { "\($0.key.value) \($0.statistics.n) \($0.statistics.improved)" } == [
            "01770afa-cd17-41fe-a966-b8895e4d55d8 1 1", "8f32c948-41c4-49d7-8913-cdeede2e7fe1 0 0", "b947f321-7cdb-4b33-9653-f3ff800572b0 1 0",
        ])

        // Exported again, the order is the document that came in (export → import is a fixed point).
        guard case .order(let package) = order.content else { Issue.record("not an order"); return }
        let exported = try ExchangeExporter(store: store).order(package.order.id.uuidString.lowercased())
        #expect(NativeWriter().document(exported)["id"]?.stringValue == order.header.id)
    }
}
