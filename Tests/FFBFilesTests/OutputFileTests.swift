@testable import FFBFiles
import Foundation
import Testing

@Suite struct OutputFileTests {
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ffb-out-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func sqliteFile(_ name: String) throws -> String {
        let path = folder + "/" + name
        try Data(Array("SQLite format 3\u{0}".utf8) + [UInt8](repeating: 0, count: 84)).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func theStoreAndItsCompanionsAreRefusedWhetherOrNotTheyExist() throws {
        let store = try sqliteFile("s.sqlite")
        for path in [store, store + "-wal", store + "-shm", store + "-journal", folder + "/./s.sqlite", folder + "/../" + (folder as NSString).lastPathComponent + "/s.sqlite-wal"] {
            #expect(throws: OutputRefusal.isTheStore(path)) { try OutputFile.check(path, notOverwriting: store) }
        }
        let link = folder + "/link.json"
        #expect(symlink(store, link) == 0)
        #expect(throws: OutputRefusal.isTheStore(link)) { try OutputFile.check(link, notOverwriting: store) }
    }

    @Test func aStreamTakesItsNameOnlyWhenCommittedAndAnAbandonedOneLeavesNothing() throws {
        let path = folder + "/extract.csv"
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))
        do {
            let stream = try OutputFile.Stream(path: path)
            stream.write("a,b\n")
            stream.write(Array(repeating: UInt8(ascii: "x"), count: 3 << 20))
            // Until the commit, readers see the old file; then the whole new one.
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
            try stream.commit()
        }
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written.count == 4 + 3 << 20)
        #expect(written.prefix(4) == Data("a,b\n".utf8))
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        do {
            let abandoned = try OutputFile.Stream(path: folder + "/never.csv")
            abandoned.write("half a file")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["extract.csv"])
        #expect(throws: OutputWriteError.self) { try OutputFile.Stream(path: try sqliteFile("s.sqlite")) }
    }

    @Test func aLargeStreamWrittenOnItsOwnThreadKeepsEveryPieceInOrder() throws {
        let path = folder + "/large.csv"
        var expected: [UInt8] = []
        do {
            let stream = try OutputFile.Stream(path: path)
            // Pieces of uneven sizes, each its own bytes, well past where the writer thread starts.
            for piece in 0..<60 {
                let bytes = Array(repeating: UInt8(truncatingIfNeeded: piece), count: 150_000 + 7_919 * piece)
                stream.write(bytes)
                expected += bytes
            }
            try stream.commit()
        }
        #expect(expected.count > 16 << 20)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected))
        do {
            let abandoned = try OutputFile.Stream(path: folder + "/never.csv")
            for _ in 0..<12 { abandoned.write(Array(repeating: UInt8(ascii: "x"), count: 1 << 20)) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["large.csv"])
    }

    /// Pieces made in spare buffers on other threads and handed over whole, between plain
    /// writes, small ones first: the file is every byte in the order given, and the buffers the
    /// writer is done with come back for the next pieces.
    @Test func piecesMadeInSpareBuffersKeepTheirPlaceBetweenPlainWrites() throws {
        let path = folder + "/pieces.csv"
        var expected: [UInt8] = []
        var reused = 0
        do {
            let stream = try OutputFile.Stream(path: path)
            for piece in 0..<40 {
                var bytes = stream.spares.take()
                if bytes.capacity > 0 { reused += 1 }
                bytes += Array(repeating: UInt8(truncatingIfNeeded: piece), count: piece < 3 ? 1_000 : 300_000 + 4_099 * piece)
                expected += bytes
                stream.write(piece: bytes)
                let plain = Array(repeating: UInt8(ascii: "x"), count: 5_000 + piece)
                stream.write(plain)
                expected += plain
            }
            try stream.commit()
        }
        #expect(expected.count > 12 << 20)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected))
        #expect(reused > 10, "only \(reused) pieces were made in a buffer given back")
    }

    @Test func aBatchNamesItsFilesOnlyWhenCommittedAndAnAbandonedOneLeavesNothing() throws {
        do {
            let batch = OutputFile.Batch(folder: folder)
            for index in 0..<3 { try batch.write(Array("bundle \(index)\n".utf8), named: "b\(index).json") }
            // Written, but under temporary names only: no reader sees a bundle yet.
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.isEmpty)
            try batch.commit()
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["b0.json", "b1.json", "b2.json"])
        #expect(try String(contentsOfFile: folder + "/b2.json", encoding: .utf8) == "bundle 2\n")
        #expect(try FileManager.default.attributesOfItem(atPath: folder + "/b0.json")[.posixPermissions] as? Int == 0o600)
        do {
            let abandoned = OutputFile.Batch(folder: folder)
            try abandoned.write(Array("half".utf8), named: "never.json")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["b0.json", "b1.json", "b2.json"])
        // A name that cannot be taken (a folder is in its way): none of the batch's names is left.
        try FileManager.default.createDirectory(atPath: folder + "/taken.json/inside", withIntermediateDirectories: true)
        let failing = OutputFile.Batch(folder: folder)
        try failing.write(Array("first".utf8), named: "a-first.json")
        try failing.write(Array("second".utf8), named: "taken.json")
        #expect(throws: OutputWriteError.self) { try failing.commit() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["b0.json", "b1.json", "b2.json", "taken.json"])
    }

    @Test func anySQLiteFileAndTheWrongKindOfFileAreRefused() throws {
        let other = try sqliteFile("other.db")
        #expect(throws: OutputRefusal.isADatabase(other)) { try OutputFile.check(other, notOverwriting: nil) }
        #expect(throws: OutputRefusal.wrongKind("/dev/null", .device)) { try OutputFile.check("/dev/null", notOverwriting: nil) }
        #expect(throws: OutputRefusal.wrongKind(folder, .directory)) { try OutputFile.check(folder, notOverwriting: nil) }
        let text = folder + "/old.json"
        try Data("{}".utf8).write(to: URL(fileURLWithPath: text))
        try OutputFile.check(text, notOverwriting: nil)
        try OutputFile.check(folder + "/new.json", notOverwriting: nil)
        try OutputFile.check(folder, notOverwriting: nil, directory: true)
        #expect(throws: OutputRefusal.wrongKind(text, .regular(size: 2))) { try OutputFile.check(text, notOverwriting: nil, directory: true) }
    }

    @Test func aWrittenFileIsOwnerOnlyAndReplacesTheOldOneWhole() throws {
        let path = folder + "/out.json"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        try OutputFile.write(Array("new content".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new content")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.json"])
    }

    @Test func temporariesOfDeadWritersAreRemovedAndThoseOfLiveOnesKept() throws {
        let dead = folder + "/" + OutputFile.temporaryName(of: "out.json", process: 999_999)
        let live = folder + "/" + OutputFile.temporaryName(of: "out.json", process: getppid())
        let otherName = folder + "/" + OutputFile.temporaryName(of: "other.json", process: 999_999)
        for path in [dead, live, otherName] { try Data("x".utf8).write(to: URL(fileURLWithPath: path)) }
        try OutputFile.write(Array("{}".utf8), to: folder + "/out.json")
        #expect(!FileManager.default.fileExists(atPath: dead))
        #expect(FileManager.default.fileExists(atPath: live))
        #expect(FileManager.default.fileExists(atPath: otherName))
    }

    @Test func aFolderForManyFilesIsOwnerOnly() throws {
        let nested = folder + "/a/b"
        try OutputFile.makeDirectory(nested)
        #expect(try FileManager.default.attributesOfItem(atPath: nested)[.posixPermissions] as? Int == 0o700)
    }
}
