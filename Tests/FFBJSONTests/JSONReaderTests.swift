import Testing
import FFBJSON

/// Domain code reads documents with `JSONReader` and learns everything that
/// is wrong in one pass.
struct JSONReaderTests {
    enum GoalType: String, CaseIterable {
        case develop = "udvikle"
        case maintain = "fastholde"
        case limitLoss = "begraense-tab"
    }

    struct Goal: Equatable {
        var type: GoalType
        var level: Int
        var note: String?
    }

    struct Order: Equatable {
        var id: String
        var issued: Day
        var cpr: String
        var goals: [Goal]
    }

    struct Day: Equatable {
        var text: String

        struct Invalid: Error, CustomStringConvertible {
            var description: String { "not a valid date (expected YYYY-MM-DD)" }
        }

        init(_ text: String) throws {
            guard text.count == 10, text.dropFirst(4).first == "-" else { throw Invalid() }
            self.text = text
        }
    }

    static func readOrder(_ document: JSONValue) throws(JSONDecodingError) -> Order {
        try JSONReader.read(document) { order -> Order? in
            let id = order.string("id")
            let issued = order.string("issued", as: Day.init)
            let cpr = order.object("citizen") { citizen in citizen.string("cpr") }
            let goals = order.array("goals") { goal -> Goal? in
                let type = goal.code("type", as: GoalType.self)
                let level = goal.int("level")
                let note = goal.string("note", required: false)
                goal.rejectUnknownProperties()
                guard let type, let level else { return nil }
                return Goal(type: type, level: level, note: note)
            }
            guard let id, let issued, let cpr, let goals else { return nil }
            return Order(id: id, issued: issued, cpr: cpr, goals: goals)
        }
    }

    @Test func aGoodDocumentBecomesDomainValues() throws {
        let document = try parse(#"""
        {"id": "o-1", "issued": "2024-05-01", "citizen": {"cpr": "010190-1234"},
         "goals": [{"type": "udvikle", "level": 3}, {"type": "fastholde", "level": 2.0, "note": "ok"}, {"type": "begraense-tab", "level": 1, "note": null}]}
        """#)
        #expect(try Self.readOrder(document) == Order(
            id: "o-1", issued: try Day("2024-05-01"), cpr: "010190-1234",
            goals: [Goal(type: .develop, level: 3), Goal(type: .maintain, level: 2, note: "ok"), Goal(type: .limitLoss, level: 1)]
        ))
    }

    @Test func everyProblemIsReportedAtItsPointer() throws {
        let document = try parse(#"""
        {"id": 17, "issued": "1 May", "citizen": {},
         "goals": [{"type": "grow", "level": 3}, {"type": "udvikle", "level": 2.5, "extra": true}, {"level": null, "note": 4}, "x"]}
        """#)
        let error = try #require(throws: JSONDecodingError.self) { try Self.readOrder(document) }
        #expect(error.issues.map(\.description) == [
            "/id: expected string, found number",
            "/issued: not a valid date (expected YYYY-MM-DD)",
            #"/citizen: missing required property "cpr""#,
            #"/goals/0/type: "grow" is not one of "udvikle", "fastholde", "begraense-tab""#,
            "/goals/1/level: expected integer, found number",
            #"/goals/1/extra: property "extra" is not allowed"#,
            #"/goals/2: missing required property "type""#,
            "/goals/2/level: expected integer, found null",
            "/goals/2/note: expected string, found number",
            "/goals/3: expected object, found string",
        ])
    }

    @Test func theWholeDocumentMustBeAnObjectToHaveMembers() throws {
        let error = try #require(throws: JSONDecodingError.self) { try Self.readOrder(["not", "an", "order"]) }
        #expect(error.issues.map(\.description) == ["/: expected object, found array"])
    }

    @Test func containersOfTheWrongTypeAreReportedOnce() throws {
        let error = try #require(throws: JSONDecodingError.self) {
            try Self.readOrder(["id": "o", "issued": "2024-01-01", "citizen": "010190-1234", "goals": ["type": "udvikle"]])
        }
        #expect(error.description == """
        /citizen: expected object, found string
        /goals: expected array, found object
        """)
    }

    @Test func optionalMembersMayBeAbsentOrNull() {
        var reader = JSONReader(["a": nil, "n": 1.5, "flag": true])
        #expect(reader.string("a", required: false) == nil)
        #expect(reader.string("missing", required: false) == nil)
        #expect(reader.double("n") == 1.5)
        #expect(reader.bool("flag") == true)
        #expect(reader.value("n") == 1.5)
        #expect(reader.issues.isEmpty)
        #expect(reader.int("n", required: false) == nil)
        #expect(reader.issues.map(\.description) == ["/n: expected integer, found number"])
    }

    @Test func scalarElementsAreReadFromTheReaderItself() throws {
        let levels = try JSONReader.read(["levels": [0, 1, 4]]) { root in
            root.array("levels") { level in level.int() }
        }
        #expect(levels == [0, 1, 4])

        let error = try #require(throws: JSONDecodingError.self) {
            try JSONReader.read(["types": ["udvikle", "grow", 3]]) { root in
                root.array("types") { type in type.code(as: GoalType.self) }
            }
        }
        #expect(error.issues.map(\.description) == [
            #"/types/1: "grow" is not one of "udvikle", "fastholde", "begraense-tab""#,
            "/types/2: expected string, found number",
        ])
    }

    @Test func aRootArrayIsReadWithElements() throws {
        let days = try JSONReader.read(["2024-01-01", "2024-02-01"]) { root in
            root.elements { day in day.string(as: Day.init) }
        }
        #expect(days.map(\.text) == ["2024-01-01", "2024-02-01"])
    }

    @Test func callersCanAddTheirOwnProblems() throws {
        let error = try #require(throws: JSONDecodingError.self) {
            try JSONReader.read(["from": 3, "to": 1]) { period -> Int? in
                guard let from = period.int("from"), let to = period.int("to") else { return nil }
                if to < from { period.fail("must not be before \"from\"", at: "to") }
                return to - from
            }
        }
        #expect(error.issues.map(\.description) == [#"/to: must not be before "from""#])
    }

    @Test func readersStartWhereTheyAreTold() throws {
        var reader = JSONReader(["cpr": 1], at: pointer("/entry/3/resource"))
        _ = reader.string("cpr")
        #expect(reader.issues.map(\.description) == ["/entry/3/resource/cpr: expected string, found number"])
        #expect(reader.hasIssues)
    }

    @Test func aBodyThatGivesUpSilentlyStillFails() {
        #expect(throws: JSONDecodingError(issues: [JSONIssue(pointer: JSONPointer(), message: "value could not be read")])) {
            try JSONReader.read(["a": 1]) { _ -> Int? in nil }
        }
    }
}
