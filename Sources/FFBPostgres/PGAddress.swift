import CLibPQ
import Foundation

/// Store addresses that name a PostgreSQL database, and how to print them safely.
package enum PGAddress {
    /// Whether `address` is a PostgreSQL connection URI (`postgresql://…` or `postgres://…`),
    /// as opposed to an SQLite file path.
    package static func isPostgres(_ address: String) -> Bool {
        let lowered = address.prefix(13).lowercased()
        return lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://")
    }

    /// `address` with no password at all (a URI's; a keyword string's replaced by `***`), for a
    /// command line printed for the user to run again: libpq then takes it from `PGPASSWORD` or
    /// `~/.pgpass`, and it names the same store however the password was given.
    package static func withoutPassword(_ address: String) -> String {
        redacted(address, replacement: nil)
    }

    /// `address` with its password replaced by `***`, in the URI's user part and in a
    /// `password=` parameter, so that it can be shown in messages and the audit trail.
    package static func redacted(_ address: String) -> String {
        redacted(address, replacement: "***")
    }

    private static func redacted(_ address: String, replacement: String?) -> String {
        guard isPostgres(address), let schemeEnd = address.range(of: "://")?.upperBound else {
            return redactedKeywords(address)
        }
        var result = String(address[..<schemeEnd])
        var rest = address[schemeEnd...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            if let colon = userInfo.firstIndex(of: ":") {
                result += userInfo[..<colon] + (replacement.map { ":" + $0 } ?? "")
            } else {
                result += userInfo
            }
            result += authority[at...]
        } else {
            result += authority
        }
        rest = rest[authorityEnd...]
        guard let question = rest.firstIndex(of: "?") else { return result + rest }
        result += rest[..<question]
        let parameters = rest[rest.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false).compactMap { parameter in
            parameter.lowercased().hasPrefix("password=") ? replacement.map { "password=" + $0 } : String(parameter)
        }
        return parameters.isEmpty ? result : result + "?" + parameters.joined(separator: "&")
    }

    /// A keyword/value connection string with its `password=` value replaced.
    private static func redactedKeywords(_ text: String) -> String {
        guard let range = text.range(of: "password", options: []) else { return text }
        var rest = text[range.upperBound...].drop(while: { $0 == " " })
        guard rest.first == "=" else { return String(text[..<range.upperBound]) + redactedKeywords(String(text[range.upperBound...])) }
        rest = rest.dropFirst().drop(while: { $0 == " " })
        if rest.first == "'" {
            var index = rest.index(after: rest.startIndex)
            while index < rest.endIndex, rest[index] != "'" {
                index = rest[index] == "\\" ? rest.index(index, offsetBy: 2, limitedBy: rest.endIndex) ?? rest.endIndex : rest.index(after: index)
            }
            rest = index < rest.endIndex ? rest[rest.index(after: index)...] : rest[rest.endIndex...]
        } else {
            rest = rest.drop(while: { $0 != " " })
        }
        return String(text[..<range.upperBound]) + "=***" + redactedKeywords(String(rest))
    }

    /// The passwords `address` carries, as written and as libpq reads them (percent-decoded), so
    /// that an error message can be cleaned of them whatever form they took.
    static func passwords(in address: String) -> [String] {
        var found: [String] = []
        var message: UnsafeMutablePointer<CChar>?
        if let options = PQconninfoParse(address, &message) {
            var option = options
            while let keyword = option.pointee.keyword {
                if String(cString: keyword) == "password", let value = option.pointee.val {
                    found.append(String(cString: value))
                }
                option += 1
            }
            PQconninfoFree(options)
        }
        PQfreemem(message)
        return found
    }
}
