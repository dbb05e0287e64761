import FFBCatalog
import FFBExchange
import FFBWorkflows
import FFBJSON
import FFBStore
import Foundation
import Testing

/// Where the test files are: fixtures next to these tests, examples and schemas in Docs/.
enum Paths {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let root = tests.deletingLastPathComponent().deletingLastPathComponent()
    static func fixture(_ name: String) -> URL { tests.appendingPathComponent("Fixtures").appendingPathComponent(name) }
    static func example(_ kind: String) -> URL { root.appendingPathComponent("Docs/examples/\(kind).json") }
    static func schema(_ kind: String) -> URL { root.appendingPathComponent("Docs/schemas/\(kind).schema.json") }
    static let kl = root.appendingPathComponent("Tests/Fixtures/fhir")
    static let klOrderMessage = kl.appendingPathComponent("kl-messaging-1.0.0/order-message-example.json")
    static let klDraftOrderMessage = kl.appendingPathComponent("kl-messaging-0.1.0-draft/order-message-example.json")
    static let klDeliveryReport = kl.appendingPathComponent("kl-reporting-1.0.0/DeliveryReport-aaa5d153-968e-46ec-9f9e-cfc6e93a3f1b.json")
    /// KL's five DeliveryReport examples: the 2nd, 3rd, 5th, 6th and 7th encounter of its story (the 1st and 4th send none).
    static let klDeliveryReports = ["498644ca-b26c-4ba7-a1ef-69d691297ba3", "4b4e5f33-a9a2-42f6-b598-180543029ae5",
                                    "5bf6a186-ee66-4b0e-ba6e-623972ab5130", "aaa5d153-968e-46ec-9f9e-cfc6e93a3f1b",
                                    "ae9cdbef-ca35-4dae-b5df-ffd938cf0098"]
        .map { kl.appendingPathComponent("kl-reporting-1.0.0/DeliveryReport-\($0).json") }
}

enum Documents {
    static func json(_ url: URL) throws -> JSONValue {
        try JSONParser().parse(Data(contentsOf: url))
    }

    static func decode(_ value: JSONValue) throws(ExchangeError) -> ExchangeDocument {
        try DocumentValidator().validate(try DocumentDecoder().decode(value))
    }

    static func decode(_ url: URL) throws -> ExchangeDocument {
        try decode(try json(url))
    }

    static func decode(text: String) throws(ExchangeError) -> ExchangeDocument {
        try DocumentValidator().validate(try DocumentDecoder().decode(Data(text.utf8)))
    }

    /// The errors of a document that should not decode; empty when it does.
    static func errors(_ value: JSONValue) -> [JSONIssue] {
        do {
            _ = try decode(value)
            return []
        } catch {
            return error.issues.errors
        }
    }

    static func errors(text: String) -> [JSONIssue] {
        do {
            _ = try decode(text: text)
            return []
        } catch {
            return error.issues.errors
        }
    }

    static func order(_ document: ExchangeDocument) -> OrderPackage? {
        if case .order(let package) = document.content { return package }
        return nil
    }
}

extension [JSONIssue] {
    /// The pointers, as error lines print them.
    var locations: [String] { map(\.pointer.location) }

    func has(_ location: String, _ fragment: String) -> Bool {
        contains { $0.pointer.location == location && $0.message.contains(fragment) }
    }
}

extension JSONValue {
    /// A copy with the value at `pointer` replaced (nil removes it).
    func setting(_ pointer: String, to newValue: JSONValue?) -> JSONValue {
        guard let parsed = try? JSONPointer(parsing: pointer) else { return self }
        return Self.set(self, parsed.components[...], newValue)
    }

    private static func set(_ value: JSONValue, _ path: ArraySlice<JSONPointer.Component>, _ newValue: JSONValue?) -> JSONValue {
        guard let first = path.first else { return newValue ?? .null }
        let rest = path.dropFirst()
        switch value {
        case .object(var object):
            if rest.isEmpty {
                object[first.token] = newValue
            } else if let child = object[first.token] {
                object[first.token] = set(child, rest, newValue)
            }
            return .object(object)
        case .array(var elements):
            guard let index = first.arrayIndex else {
                if first.token == "-", rest.isEmpty, let newValue { elements.append(newValue) }
                return .array(elements)
            }
            guard elements.indices.contains(index) else { return value }
            if rest.isEmpty {
                if let newValue { elements[index] = newValue } else { elements.remove(at: index) }
            } else {
                elements[index] = set(elements[index], rest, newValue)
            }
            return .array(elements)
        default:
            return value
        }
    }
}

/// A store in a temporary folder, removed with the value.
final class TemporaryStore {
    let directory: URL
    let store: Store

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ffb-exchange-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try Store.open(path: directory.appendingPathComponent("store.sqlite").path, create: true)
    }

    @discardableResult
    func importing(_ documents: [ExchangeDocument], user: String = "test") throws(ImportError) -> ImportSummary {
        try ExchangeImport.run(documents, into: store, user: user, command: "test import")
    }

    /// The import's problems; empty when it succeeded.
    func problems(_ documents: [ExchangeDocument]) -> [DocumentProblems] {
        do {
            try importing(documents)
            return []
        } catch {
            if case .rejected(let problems) = error { return problems }
            return [DocumentProblems(index: -1, issues: ExchangeIssues(errors: [JSONIssue(pointer: JSONPointer(), message: "\(error)")]))]
        }
    }

    func dump() throws -> String { try store.logicalDump() }

    deinit {
        store.close()
        try? FileManager.default.removeItem(at: directory)
    }
}
