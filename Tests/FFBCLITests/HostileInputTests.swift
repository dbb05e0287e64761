import Foundation
import Testing

/// Files no reader should trust, given to the real binary: each is refused promptly, in little
/// memory, with exactly one short line on stderr and exit 1 (issue 15's probes).
@Suite struct HostileInputTests {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    /// Runs ffb and checks the one-line, exit-1, prompt failure every probe must give.
    @discardableResult
    func refused(_ arguments: [String], environment: [String: String] = [:], within limit: Duration = .seconds(5),
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let started = ContinuousClock.now
        let result = try FFBProcess.run(arguments, environment: environment, timeout: .seconds(30))
        let elapsed = ContinuousClock.now - started
        #expect(result.status == 1, "exit \(result.status): \(result.stderr.prefix(300))", sourceLocation: sourceLocation)
        #expect(result.errorLines.count == 1, "\(result.errorLines.count) stderr lines", sourceLocation: sourceLocation)
        #expect(result.stderr.utf8.count < 600, "\(result.stderr.utf8.count) bytes on stderr", sourceLocation: sourceLocation)
        #expect(elapsed < limit, "took \(elapsed)", sourceLocation: sourceLocation)
        return result.stderr
    }

    /// A gigabyte without a line end that takes no disk space.
    func sparseGigabyte(_ name: String) throws -> String {
        let path = directory.file(name).path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: directory.file(name))
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        return path
    }

    func fifo(_ name: String) -> String {
        let path = directory.file(name).path
        #expect(mkfifo(path, 0o600) == 0)
        return path
    }

    @Test(arguments: ["stats", "report"])
    func anExtractThatIsADeviceIsRefusedAtOnce(command: String) throws {
        let out = directory.file("\(command).html").path
        let message = try refused([command, "--input", "/dev/zero"] + (command == "report" ? ["--out", out] : []), within: .seconds(2))
        #expect(message == "/dev/zero: is a device, not a file\n")
    }

    @Test(arguments: ["stats", "report"])
    func aGigabyteWithoutALineEndIsALineTooLongAtOnce(command: String) throws {
        let path = try sparseGigabyte("\(command).csv")
        let out = directory.file("\(command).html").path
        let message = try refused([command, "--input", path] + (command == "report" ? ["--out", out] : []), within: .seconds(2))
        #expect(message == "\(path):1: line longer than 64 KiB; an extract line is citizen,theme,date,level\n")
    }

    @Test func aFIFOWithNoWriterImportsAsAnEmptyDocumentAndDoesNotHang() throws {
        let path = fifo("order.json")
        let message = try refused(["import", "--db", directory.file("s.sqlite").path, path])
        #expect(message.contains("empty"))
        #expect(!message.contains("permission denied"))
    }

    @Test func aDeviceIsNotADocument() throws {
        let message = try refused(["import", "--db", directory.file("s.sqlite").path, "/dev/zero"])
        #expect(message == "/dev/zero:/: is a device, not a file\n")
        #expect(try refused(["validate", "/dev/zero"]) == message)
        #expect(try refused(["validate", fifo("validate.json")]).contains("empty document"))
    }

    @Test func aTenMillionCharacterTariffFieldIsOneShortLine() throws {
        let field = String(repeating: "x", count: 10_000_000)
        let file = try directory.write("tariffs.csv", "provider,support_level,daily_rate,valid_from,valid_to\nSOR-1,C,\(field),2025-01-01,\n")
        let message = try refused(["tariff", "import", file.path, "--db", directory.file("t.sqlite").path])
        #expect(message == "\(file.path):2: a field is longer than 1 KiB\n")
    }

    @Test func anUnclosedQuoteInATariffFileIsOneLine() throws {
        var text = "provider,support_level,daily_rate,valid_from,valid_to\nSOR-1,C,1000,2025-01-01,\n\"SOR-2,C,1000,2025-01-01,\n"
        let short = try directory.write("short.csv", text)
        #expect(try refused(["tariff", "import", short.path, "--db", directory.file("t.sqlite").path]) == "\(short.path):3: a quoted field starting here is never closed\n")
        for index in 0..<2000 { text += "SOR-\(index),C,1000,2025-01-01,\n" }
        let long = try directory.write("long.csv", text)
        #expect(try refused(["tariff", "import", long.path, "--db", directory.file("t.sqlite").path]).hasPrefix("\(long.path):3: a quoted field starting here"))
    }

    @Test func aSettingsFileThatIsADeviceIsRefused() throws {
        let extract = try directory.write("e.csv", "citizen,theme,date,level\n")
        #expect(try refused(["stats", "--input", extract.path, "--settings", "/dev/zero"]) == "/dev/zero: is a device, not a file\n")
        #expect(try refused(["stats", "--input", extract.path], environment: ["FFB_SETTINGS": "/dev/zero"]) == "/dev/zero: is a device, not a file\n")
    }

    @Test func assessmentAndCatalogueFilesThatAreDevicesAreRefused() throws {
        #expect(try refused(["assess", "--file", "/dev/zero", "--db", directory.file("a.sqlite").path]) == "/dev/zero: is a device, not a file\n")
        #expect(try refused(["catalog", "list", "--kind", "themes", "--catalog", "/dev/zero"]) == "/dev/zero:/: is a device, not a file\n")
    }
}
