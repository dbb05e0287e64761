import FFBSQLite
import Foundation

/// One database role of a shared store and whom it works for.
public struct StaffRole: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case caseworker, provider, analyst

        /// The server's group role of this kind, which row security and column privileges name.
        var group: String { "ffb_\(rawValue)" }
    }

    public let name: String
    public let kind: Kind
    /// The municipality a caseworker works for (its code, e.g. 0751).
    public let municipalityCode: String?
    /// The provider (its SOR id, as in orders) a provider role is.
    public let providerID: String?

    public init(name: String, kind: Kind, municipalityCode: String? = nil, providerID: String? = nil) {
        self.name = name
        self.kind = kind
        self.municipalityCode = municipalityCode
        self.providerID = providerID
    }
}

/// The staff of a shared store (Schema+Roles): only its owner may change them, and the server
/// refuses anyone else.
extension Store {
    package func staff() throws(StoreError) -> [StaffRole] {
        try requireServer()
        return try read {
            try database.map("SELECT role_name, kind, municipality_code, provider_id FROM ffb_staff ORDER BY role_name") { row in
                StaffRole(name: try row.string(0), kind: StaffRole.Kind(rawValue: try row.string(1)) ?? .analyst,
                          municipalityCode: try row.optionalString(2), providerID: try row.optionalString(3))
            }
        }
    }

    /// Makes `role` a login role of the server when it is none yet, a member of its kind's group
    /// (and of no other ffb group), and records whom it works for.
    package func addStaff(_ role: StaffRole) throws(StoreError) {
        try requireServer()
        guard role.name.range(of: #"^[a-z_][a-z0-9_.\-]{0,62}$"#, options: .regularExpression) != nil else {
            throw .invalid("a role name is lower-case letters, digits, _ . or - (starting with a letter or _), at most 63 characters: \(role.name)")
        }
        switch role.kind {
        case .caseworker where (role.municipalityCode ?? "").isEmpty: throw .invalid("a caseworker works for a municipality: give its code")
        case .provider where (role.providerID ?? "").isEmpty: throw .invalid("a provider role is one provider: give its id (SOR) as in orders")
        default: break
        }
        let quoted = "\"\(role.name)\""
        let group = role.kind.group
        try StoreError.mapping { () throws(SQLiteError) in
            try database.transaction(.immediate) { database throws(SQLiteError) in
                if try database.firstRow("SELECT 1 FROM pg_roles WHERE rolname = ?", [.text(role.name)]) == nil {
                    try database.executeScript("CREATE ROLE \(quoted) LOGIN")
                }
                for other in StaffRole.Kind.allCases where other != role.kind {
                    try database.executeScript("REVOKE \(other.group) FROM \(quoted)")
                }
                try database.executeScript("GRANT \(group) TO \(quoted)")
                try database.execute("""
                    INSERT INTO ffb_staff (role_name, kind, municipality_code, provider_id) VALUES (?, ?, ?, ?)
                    ON CONFLICT (role_name) DO UPDATE SET kind = excluded.kind, municipality_code = excluded.municipality_code, provider_id = excluded.provider_id
                    """, [.text(role.name), .text(role.kind.rawValue), role.kind == .caseworker ? role.municipalityCode.map(SQLiteValue.text) ?? .null : .null,
                          role.kind == .provider ? role.providerID.map(SQLiteValue.text) ?? .null : .null])
            }
        }
    }

    private func requireServer() throws(StoreError) {
        guard database.isServer else {
            throw .invalid("roles belong to a shared store: give --db postgresql://… (an SQLite file is one user's)")
        }
    }
}
