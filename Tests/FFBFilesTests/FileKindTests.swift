import FFBFiles
import Foundation
import Testing

@Suite struct FileKindTests {
    @Test func devicesFoldersAndFilesAreToldApart() throws {
        #expect(FileKind(path: "/dev/null") == .device)
        #expect(FileKind(path: "/dev/zero") == .device)
        #expect(FileKind(path: "/tmp") == .directory)
        #expect(FileKind(path: "/no/such/file") == .missing)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ffb-kind-\(UUID().uuidString)")
        try Data("abc".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(FileKind(path: file.path) == .regular(size: 3))
    }

    @Test func aFIFOIsAPipe() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ffb-fifo-\(UUID().uuidString)").path
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        #expect(FileKind(path: path) == .pipe)
    }
}
