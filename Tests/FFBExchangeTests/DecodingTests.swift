import FFBCatalog
import FFBExchange
import FFBJSON
import FFBModel
import Foundation
import Testing

/// Stage 1: bytes → raw document. Shapes, types and formats, every problem at its pointer.
@Suite struct DecodingTests {
    let order: JSONValue

    init() throws {
        order = try Documents.json(Paths.example("order"))
    }

    @Test func theExampleOrderDecodesToItsDomainValues() throws {
        let document = try Documents.decode(order)
        #expect(document.header.kind == .order)
        #expect(document.syntax == .native)
        let package = try #require(Documents.order(document))
        #expect(package.citizen.cpr.formatted == "150385-2468")
        #expect(package.citizen.name == "Mette Hansen")
        #expect(package.caseDetails.number == "S-2025-001")
        #expect(package.caseDetails.municipality.code == "0751")
        #expect(package.assessments.count == 1)
        #expect(package.assessments[0].entries.count == 4)
        #expect(package.order.supportLevel == .assessed(.c))
        #expect(package.order.targetGroups.filter(\.isPrimary).count == 1)
        #expect(package.goals.count == 3)
        let revision = try #require(package.goals.first { $0.goal.version == 2 })
        #expect(revision.goal.supersedes == revision.goal.seriesID)
        #expect(package.themeEntryCount == 4)
    }

    @Test func wrongTypesAndMissingFieldsAreAllReportedAtTheirPointers() {
        let broken = order
            .setting("/order/citizen/name", to: nil)
            .setting("/order/issued", to: 5)
            .setting("/order/assessments/0/entries/0/level", to: "3")
            .setting("/order/goals/1/type", to: "grow")
        let errors = Documents.errors(broken)
        #expect(errors.has("/order/citizen", "missing required property \"name\""))
        #expect(errors.has("/order/issued", "expected string, found number"))
        #expect(errors.has("/order/assessments/0/entries/0/level", "expected a function level"))
        #expect(errors.has("/order/goals/1/type", "\"grow\" is not one of"))
        #expect(errors.count == 4)
    }

    @Test func aMemberVersionOneDoesNotKnowIsAWarningNotAnError() throws {
        let document = try Documents.decode(order.setting("/order/x-priority", to: "high"))
        #expect(document.warnings.map(\.pointer.location) == ["/order/x-priority"])
        #expect(document.warnings[0].message.contains("ignored"))
    }

    @Test func aNewerMajorVersionIsRefusedAtItsPointer() {
        let errors = Documents.errors(order.setting("/version", to: 2))
        #expect(errors.has("/version", "newer than this reader understands"))
        #expect(Documents.errors(order.setting("/version", to: 0)).has("/version", "does not exist"))
    }

    @Test func aTruncatedFileNamesTheLineAndColumn() throws {
        let text = try String(contentsOf: Paths.example("order"), encoding: .utf8)
        let errors = Documents.errors(text: String(text.prefix(400)))
        #expect(errors.count == 1)
        #expect(errors[0].message.contains("unexpected end of input"))
        #expect(errors[0].message.contains("line"))
        #expect(errors[0].pointer.location.hasPrefix("/order"))
    }

    @Test func nestingDeeperThanTheLimitIsRefused() {
        let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        let errors = Documents.errors(text: "{\"format\": \"ffb-exchange\", \"x\": \(deep)}")
        #expect(errors.count == 1)
        #expect(errors[0].message.contains("nesting deeper than 32 levels"))
    }

    @Test func aHugeStringIsRefusedWhereItIs() {
        let huge = String(repeating: "x", count: 300 * 1024)
        let errors = Documents.errors(order.setting("/order/citizen/name", to: .string(huge)))
        #expect(errors.has("/order/citizen/name", "longer than 200 characters"))
        let parsed = Documents.errors(text: "{\"format\": \"ffb-exchange\", \"note\": \"\(huge)\"}")
        #expect(parsed.has("/note", "string longer than 256 KiB"))
    }

    @Test func aMalformedCPRNumberIsReportedWithoutEchoingIt() {
        let errors = Documents.errors(order.setting("/order/citizen/cpr", to: "311390-1234"))
        #expect(errors.has("/order/citizen/cpr", "not a CPR number"))
        #expect(!errors.contains { $0.message.contains("311390") })
    }

    @Test func idsAndDatesMustHaveTheirFormats() {
        let errors = Documents.errors(order.setting("/id", to: "not-a-uuid").setting("/order/start", to: "01-03-2025").setting("/created", to: "2025-02-15"))
        #expect(errors.has("/id", "not a valid UUID"))
        #expect(errors.has("/order/start", "not a valid date"))
        #expect(errors.has("/created", "not a valid date-time"))
    }

    @Test func somethingElseIsNotAnExchangeDocument() {
        #expect(Documents.errors(.object(["hello": "world"])).has("/", "not an exchange document"))
        #expect(Documents.errors(order.setting("/format", to: "ffb-exchange-2")).has("/format", "must be \"ffb-exchange\""))
        #expect(Documents.errors(.array([])).has("/", "found array"))
        #expect(Documents.errors(.object(["resourceType": "Patient"])).has("/resourceType", "a FHIR Patient resource, not a Bundle: neither a KL FFB order message"))
    }

    @Test func theContentHashIgnoresLayoutAndTheCreatedTime() throws {
        let compact = try DocumentDecoder().decode(Data(order.jsonString().utf8))
        let pretty = try DocumentDecoder().decode(Data(order.jsonString(options: [.prettyPrinted, .sortedKeys]).utf8))
        let later = try DocumentDecoder().decode(order.setting("/created", to: "2030-01-01T00:00:00Z"))
        let other = try DocumentDecoder().decode(order.setting("/order/start", to: "2025-03-02"))
        #expect(compact.contentHash == pretty.contentHash)
        #expect(compact.contentHash == later.contentHash)
        #expect(compact.contentHash != other.contentHash)
    }
}
