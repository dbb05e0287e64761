import FFBExchange
import FFBJSON
import Foundation
import Testing

/// The worked examples in Docs/examples/ are valid against their schemas in Docs/schemas/ (with
/// FFBKit's own validator) and import; so the documentation cannot go stale.
@Suite struct ExampleDocumentTests {
    static let kinds = ["order", "follow-up-report", "assessment", "extract"]

    @Test(arguments: kinds)
    func theExampleIsValidAgainstItsSchema(_ kind: String) throws {
        let schema = try JSONSchema.load(contentsOf: Paths.schema(kind))
        let example = try Documents.json(Paths.example(kind))
        #expect(schema.validate(example).isEmpty, "\(schema.validate(example))")
        #expect(example["kind"] == .string(kind))
        let document = try Documents.decode(example)
        #expect(document.header.kind.rawValue == kind)
        #expect(document.warnings.isEmpty)
    }

    @Test func everyExampleImportsIntoOneStore() throws {
        let stores = try TemporaryStore()
        let summary = try stores.importing(try Self.kinds.map { try Documents.decode(Paths.example($0)) })
        #expect(summary.documents == 4)
        #expect(summary.orders == 2)
        #expect(summary.followUps == 2)
        #expect(summary.assessments == 3)
    }

    @Test(arguments: [
        ("/order/support_level", JSONValue.string("F")),
        ("/order/citizen/cpr", .string("12345")),
        ("/order/assessments/0/entries/0/level", .number(JSONNumber(5))),
        ("/order/goals/0/type", .string("grow")),
        ("/kind", .string("bestilling")),
        ("/version", .number(JSONNumber(2))),
        ("/order/services", .array([])),
    ])
    func theOrderSchemaRejectsWhatTheReaderRejects(_ pointer: String, _ value: JSONValue) throws {
        let schema = try JSONSchema.load(contentsOf: Paths.schema("order"))
        let broken = try Documents.json(Paths.example("order")).setting(pointer, to: value)
        #expect(!schema.validate(broken).isEmpty)
        #expect(!Documents.errors(broken).isEmpty)
    }

    @Test func aLevelAndARelevanceTogetherBreakTheSchema() throws {
        let schema = try JSONSchema.load(contentsOf: Paths.schema("order"))
        let broken = try Documents.json(Paths.example("order")).setting("/order/assessments/0/entries/0/relevance", to: "relevant")
        #expect(schema.validate(broken).locations.contains("/order/assessments/0/entries/0"))
    }
}
