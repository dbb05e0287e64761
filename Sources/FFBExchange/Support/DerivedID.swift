import FFBDigest
import FFBJSON
import Foundation

/// Ids computed from content, so that exporting the same records twice gives the same bytes.
///
/// The UUIDs are RFC 9562 version 8 ("custom"): the first 122 bits of a SHA-256 over a role name
/// and the parts, which keeps them stable across stores and machines and distinct between roles.
package enum DerivedID {
    package static func uuid(_ role: String, _ parts: String...) -> UUID {
        uuid(role: role, parts: parts)
    }

    package static func uuid(role: String, parts: [String]) -> UUID {
        var bytes = Array("ffbkit:\(role)".utf8)
        for part in parts {
            bytes.append(0x1F)
            bytes.append(contentsOf: part.utf8)
        }
        var digest = SHA256.hash(bytes)
        digest[6] = (digest[6] & 0x0F) | 0x80
        digest[8] = (digest[8] & 0x3F) | 0x80
        let uuid = (digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7],
                    digest[8], digest[9], digest[10], digest[11], digest[12], digest[13], digest[14], digest[15])
        return UUID(uuid: uuid)
    }
}

/// The hash that decides whether two documents with the same id say the same thing.
package enum ContentHash {
    /// SHA-256 over the value written with sorted keys: layout and member order do not count.
    package static func of(_ value: JSONValue) -> String {
        SHA256.hexHash(JSONWriter(options: [.sortedKeys]).bytes(value))
    }
}

extension UUID {
    /// Lowercase, as exchange documents write UUIDs.
    var lowercased: String { uuidString.lowercased() }
}
