import Foundation
import Testing

/// The `FFBKit` product as another Swift package sees it: `LibraryUseTests.swift` is compiled
/// against the built modules without this package's name, so `package` symbols are hidden and
/// only `public` API may be used. A file that reaches for a `package` symbol must fail.
@Suite struct PublicAPITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built modules next to the running test bundle (`.build/<triple>/debug/Modules`).
    static var modules: URL? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("Modules")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("FFBWorkflows.swiftmodule").path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    /// Type-checks `source` as a separate package would; returns the compiler's errors.
    static func typecheck(_ source: URL) throws -> (status: Int32, errors: String) {
        let modules = try #require(modules, "no built modules found beside \(CommandLine.arguments[0])")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swiftc", "-typecheck", "-I", modules.path, "-I", root.appendingPathComponent("Sources/CSQLite").path,
                             "-I", root.appendingPathComponent("Sources/CLibPQ").path, "-Xcc", "-I/usr/include/postgresql", source.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    @Test func publicAPIIsEnough() throws {
        let result = try Self.typecheck(Self.root.appendingPathComponent("Tests/FFBWorkflowsTests/LibraryUseTests.swift"))
        #expect(result.status == 0, "\(result.errors)")
    }

    @Test func packageSymbolsAreHiddenFromAnotherPackage() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ffbkit-package-only-\(UUID().uuidString).swift")
        defer { try? FileManager.default.removeItem(at: file) }
        // The SQLite backend and its writer are the package's own; a library user opens `CaseStores`.
        try Data("import FFBStore\nlet store = try Store.open(path: \"x.sqlite\", create: true)\n".utf8).write(to: file)
        let result = try Self.typecheck(file)
        #expect(result.status != 0)
        #expect(result.errors.contains("cannot find 'Store' in scope"))
    }
}
