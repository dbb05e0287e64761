import Foundation
import Testing
import FFBJSON

/// Files are checked against the size limit before they are read.
struct ParserFileTests {
    private func temporaryFile(_ contents: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ffbjson-\(UUID().uuidString).json")
        try Data(contents.utf8).write(to: url)
        return url
    }

    @Test func aFileIsParsed() throws {
        let url = try temporaryFile(#"{"citizen": {"name": "Åse"}}"#)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try JSONParser().parse(contentsOf: url) == ["citizen": ["name": "Åse"]])
    }

    @Test func aFileOverTheLimitIsRejectedUnread() throws {
        let url = try temporaryFile("[1, 2, 3]")
        defer { try? FileManager.default.removeItem(at: url) }
        let error = try #require(throws: JSONSyntaxError.self) {
            try JSONParser(limits: JSONParser.Limits(maxBytes: 4)).parse(contentsOf: url)
        }
        #expect(error.description == "/: document larger than 4 bytes (line 1, column 1)")
    }

    @Test func aDeviceOrAFIFOWithNoWriterIsNeitherReadForeverNorWaitedFor() throws {
        do {
            _ = try JSONParser().parse(contentsOf: URL(fileURLWithPath: "/dev/zero"))
            Issue.record("/dev/zero was parsed")
        } catch {
            #expect("\(error)" == "is a device, not a file")
        }
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("ffbjson-fifo-\(UUID().uuidString)")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        defer { unlink(fifo.path) }
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser().parse(contentsOf: fifo) }
        #expect(error.reason == .emptyDocument)
    }

    @Test func aDuplicateKeyIsQuotedShort() throws {
        let key = String(repeating: "k", count: 1000)
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser().parse("{\"\(key)\": 1, \"\(key)\": 2}") }
        #expect(error.message == "duplicate key \"\(String(repeating: "k", count: 39))…\"")
    }

    @Test func aMissingFileIsAnIOError() {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ffbjson-missing-\(UUID().uuidString).json")
        do {
            _ = try JSONParser().parse(contentsOf: url)
            Issue.record("a missing file was parsed")
        } catch {
            #expect(!(error is JSONSyntaxError))
        }
    }
}
