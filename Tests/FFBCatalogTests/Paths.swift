import Foundation

/// Files the catalogue tests compare against: the repository's Catalogs/ and KL's reference file
/// in ../shared/reference (CI always has ../shared beside the clone).
enum Paths {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let catalogs = packageRoot.appendingPathComponent("Catalogs")
    static let klReference = packageRoot
        .deletingLastPathComponent()
        .appendingPathComponent("shared/reference/kl-term-CodeSystem-FFB-20240530.json")
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func data(_ url: URL) throws -> Data {
        try Data(contentsOf: url)
    }
}
