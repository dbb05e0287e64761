import FFBDigest

/// The hash chain over the audit table: each `writes` row's hash covers its own fields and the
/// hash of the row before it, so changing or removing any row breaks every hash after it.
enum AuditChain {
    /// The "previous hash" of the first row.
    static let genesis = String(repeating: "0", count: 64)

    struct Entry: Sendable {
        let id: Int64
        let at: String
        let user: String
        let command: String
    }

    /// SHA-256 over the previous hash and the row's fields, each prefixed by its length in bytes
    /// so that no two different rows hash the same bytes.
    static func hash(_ entry: Entry, previous: String) -> String {
        var bytes: [UInt8] = []
        for field in [previous, String(entry.id), entry.at, entry.user, entry.command] {
            bytes += Array(String(field.utf8.count).utf8) + [UInt8(ascii: ":")] + Array(field.utf8)
        }
        return SHA256.hexHash(bytes)
    }
}
