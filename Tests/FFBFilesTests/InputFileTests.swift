import FFBFiles
import Foundation
import Testing

@Suite final class InputFileTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ffb-input-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func reason(_ path: String, limit: Int = 1 << 20) -> InputFileError.Reason? {
        do {
            _ = try InputFile.contents(of: path, limit: limit)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test func aFileIsReadWhole() throws {
        let path = try file("a.txt", Array("citizen,theme\n".utf8))
        #expect(try InputFile.contents(of: path, limit: 100) == Array("citizen,theme\n".utf8))
        #expect(try InputFile.contents(of: try file("empty", []), limit: 100) == [])
    }

    @Test func aFileOverTheLimitIsRefusedBeforeItIsRead() throws {
        let path = try file("big", [UInt8](repeating: 65, count: 101))
        #expect(reason(path, limit: 100) == .tooLarge(limit: 100))
        #expect(try InputFile.contents(of: path, limit: 101).count == 101)
        #expect(InputFileError(.tooLarge(limit: 1 << 20)).description == "is larger than 1 MiB")
    }

    @Test func devicesAndFoldersAreRefusedAtOnce() {
        #expect(reason("/dev/zero") == .device)
        #expect(reason("/dev/null") == .device)
        #expect(reason(directory.path) == .folder)
        #expect(reason(directory.appendingPathComponent("missing").path) == .missing)
        #expect(InputFileError(.device).description == "is a device, not a file")
    }

    @Test func aFIFOWithNoWriterReadsAsEmptyAtOnce() throws {
        let path = directory.appendingPathComponent("fifo").path
        #expect(mkfifo(path, 0o600) == 0)
        let started = ContinuousClock.now
        #expect(try InputFile.contents(of: path, limit: 100) == [])
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    /// A pipe holding `count` bytes and no writer, by the path a shell's `<(command)` hands over.
    func pipe(holding count: Int) -> (path: String, bytes: [UInt8], readEnd: Int32) {
        var ends: [Int32] = [0, 0]
        #expect(Glibc.pipe(&ends) == 0)
        let bytes = [UInt8](repeating: 66, count: count)
        #expect(write(ends[1], bytes, bytes.count) == bytes.count)
        close(ends[1])
        return ("/dev/fd/\(ends[0])", bytes, ends[0])
    }

    @Test func aPipeIsReadToTheLimitAndOneByteMore() throws {
        let pipe = pipe(holding: 3000)
        defer { close(pipe.readEnd) }
        #expect(reason(pipe.path, limit: 2999) == .tooLarge(limit: 2999))
    }

    @Test func aPipeWithinTheLimitIsReadWhole() throws {
        let pipe = pipe(holding: 3000)
        defer { close(pipe.readEnd) }
        #expect(try InputFile.contents(of: pipe.path, limit: 3000) == pipe.bytes)
    }

    @Test func excerptsAreShortAndOneLine() {
        #expect(Excerpt.quoted("SOR-1") == "\"SOR-1\"")
        let long = String(repeating: "x", count: 10_000_000)
        #expect(Excerpt.quoted(long) == "\"" + String(repeating: "x", count: 39) + "…\"")
        #expect(Excerpt.quoted(bytes: Array(long.utf8)).count == 42)
        #expect(Excerpt.quoted("a\nb\u{1B}[31m\u{202E}") == #""a\nb\x1b[31m<U+202E>""#)
        #expect(Excerpt.quoted(String(repeating: "æ", count: 40)) == "\"" + String(repeating: "æ", count: 40) + "\"")
    }

    @Test func whatHasTheShapeOfACPRNumberIsQuotedAsThatShape() {
        #expect(Excerpt.quoted("010190-1234") == "\"######-####\"")
        #expect(Excerpt.quoted("cpr 0101901234, ok") == "\"cpr ##########, ok\"")
        // Typed with a space, a no-break hyphen or an en dash: the same shape.
        for typed in ["010190 1234", "010190\u{2011}1234", "010190\u{2013}1234", " 010190-1234 "] {
            #expect(Excerpt.quoted(typed).contains("######-####") && !Excerpt.quoted(typed).contains("1234"), "\(typed)")
        }
        // Digits inside a UUID or a word are not a CPR number standing alone: they stay.
        #expect(Excerpt.quoted("3f2a9c1e-1234-4000-8000-0123456789ab") == "\"3f2a9c1e-1234-4000-8000-0123456789ab\"")
        #expect(Excerpt.quoted("x0101901234") == "\"x0101901234\"")
        // Other lengths are no CPR number: a date, eleven digits, six and five.
        for text in ["2024-01-01", "01019012345", "010190-12345", "01019-1234"] { #expect(Excerpt.quoted(text) == "\"\(text)\"") }
        // Across the cut, still masked: the digits shown are not the number's.
        let cut = Excerpt.quoted(String(repeating: "x", count: 34) + " 0101901234")
        #expect(cut == "\"" + String(repeating: "x", count: 34) + " ####…\"")
    }
}
