import FFBCatalog
import Foundation
import Testing
@testable import FFBProgression

/// The extract reader's limits: whatever a file holds, reading it ends soon, in little memory,
/// with one located error.
@Suite struct ExtractLimitTests {
    let catalog = BuiltInCatalogs.standard
    static let shopping = "01770afa-cd17-41fe-a966-b8895e4d55d8"
    static let header = "citizen,theme,date,level,note\n"

    func row(_ citizen: String = "P-1", month: Int = 1, note: String = "") -> String {
        "\(citizen),\(Self.shopping),2024-\(String(format: "%02d", month))-01,3,\(note)\n"
    }

    func reader(blockSize: Int = 8 << 20, lineLimit: Int = 64 << 10, workers: Int = 2) -> ExtractReader {
        var reader = ExtractReader(catalog: catalog)
        reader.blockSize = blockSize
        reader.lineLimit = lineLimit
        reader.workers = workers
        return reader
    }

    func error(_ text: String, _ reader: ExtractReader) -> ExtractError? {
        do {
            _ = try reader.read(Data(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    static let tooLong = "line longer than 200 bytes; an extract line is citizen,theme,date,level"

    @Test(arguments: [64, 256, 1 << 20])
    func aLongLineIsFoundAtItsLineWhereverTheBlocksEnd(blockSize: Int) {
        let text = Self.header + row(month: 1) + row(month: 2) + row(month: 3, note: String(repeating: "x", count: 300)) + row(month: 4)
        #expect(error(text, reader(blockSize: blockSize, lineLimit: 200)) == ExtractError(line: 4, message: Self.tooLong))
    }

    @Test func aLineAtTheLimitIsRead() throws {
        let line = row(month: 1)
        let note = String(repeating: "x", count: 200 - line.utf8.count + 1)
        let text = Self.header + row(month: 1, note: note) + row(month: 2, note: note)
        #expect(try reader(blockSize: 64, lineLimit: 200).read(Data(text.utf8)).rows == 2)
        #expect(error(text, reader(blockSize: 64, lineLimit: 199)) == ExtractError(line: 2, message: "line longer than 199 bytes; an extract line is citizen,theme,date,level"))
    }

    @Test func aHeaderWithoutALineEndIsFoundOnLineOne() {
        let text = String(repeating: "c", count: 100_000)
        #expect(error(text, reader(blockSize: 4096)) == ExtractError(line: 1, message: "line longer than 64 KiB; an extract line is citizen,theme,date,level"))
    }

    @Test func aGigabyteWithoutALineEndFailsAfterOneBlock() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ffb-sparse-\(UUID().uuidString).csv")
        #expect(FileManager.default.createFile(atPath: url.path, contents: Data((Self.header + row()).utf8)))
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        let started = ContinuousClock.now
        #expect(throws: ExtractError(line: 3, message: "line longer than 64 KiB; an extract line is citizen,theme,date,level")) {
            try ExtractReader(catalog: catalog).read(contentsOf: url)
        }
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test func devicesAndFoldersAreRefusedAndAFIFOWithNoWriterIsEmpty() throws {
        #expect(throws: ExtractError(line: 0, message: "is a device, not a file")) {
            try ExtractReader(catalog: catalog).read(contentsOf: URL(fileURLWithPath: "/dev/zero"))
        }
        #expect(throws: ExtractError(line: 0, message: "is a folder, not a file")) {
            try ExtractReader(catalog: catalog).read(contentsOf: FileManager.default.temporaryDirectory)
        }
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("ffb-fifo-\(UUID().uuidString)")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        defer { unlink(fifo.path) }
        #expect(throws: ExtractError(line: 1, message: "the file is empty (expected a header citizen,theme,date,level)")) {
            try ExtractReader(catalog: catalog).read(contentsOf: fifo)
        }
    }

    @Test func aCitizenLongerThanAPseudonymIsRefused() {
        let long = "P-" + String(repeating: "9", count: 63)
        #expect(error(Self.header + row(month: 1) + row(long), reader())?.line == 3)
        #expect(error(Self.header + row(long), reader())?.message == "citizen \"P-9999999999999999999999999999999999999…\" is longer than 64 bytes")
    }

    @Test func rowsBeyondTheLimitAreRefused() throws {
        var limited = reader(blockSize: 64)
        limited.rowLimit = 10
        let ten = Self.header + (1...10).map { row(month: $0) }.joined()
        #expect(try limited.read(Data(ten.utf8)).rows == 10)
        #expect(error(ten + row(month: 11), limited) == ExtractError(line: 0, message: "more than 10 rows; split the extract (by period or area)"))
    }

    @Test func fieldsQuotedInErrorsAreCutShort() {
        let text = Self.header + "P-1,\(String(repeating: "t", count: 10_000)),2024-01-01,3,\n"
        let message = error(text, reader())?.message ?? ""
        #expect(message == "unknown theme \"\(String(repeating: "t", count: 39))…\"")
    }
}
