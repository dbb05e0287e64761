import Foundation
@testable import FFBStore

/// A new store in a new temporary directory named after `prefix` (tests run in parallel).
func freshStore(_ prefix: String) throws -> (directory: URL, store: Store) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return (directory, try Store.open(path: directory.appendingPathComponent("s.sqlite").path, create: true))
}
