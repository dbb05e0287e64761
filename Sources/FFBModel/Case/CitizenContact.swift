import FFBCatalog
import Foundation

/// A postal address as KL's citizen profile requires it: a street line, a postal code and a city.
public struct PostalAddress: Hashable, Sendable {
    public let line: String
    public let postalCode: String
    public let city: String

    public init(line: String, postalCode: String, city: String) throws(ModelError) {
        let (line, postalCode, city) = (line.trimmingSpaces(), postalCode.trimmingSpaces(), city.trimmingSpaces())
        guard !line.isEmpty else { throw .invalid("the address has no street line") }
        guard !postalCode.isEmpty else { throw .invalid("the address has no postal code") }
        guard !city.isEmpty else { throw .invalid("the address has no city") }
        self.line = line
        self.postalCode = postalCode
        self.city = city
    }

    /// Reads "Vestergade 1, 8000 Aarhus C": the street line, a comma, the postal code and the city.
    public init(text: String) throws(ModelError) {
        guard let comma = text.lastIndex(of: ",") else {
            throw .invalid("an address is written \"STREET, POSTCODE CITY\" (e.g. \"Vestergade 1, 8000 Aarhus C\")")
        }
        let place = String(text[text.index(after: comma)...]).trimmingSpaces()
        let parts = place.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            throw .invalid("the address's \"\(place)\" is not \"POSTCODE CITY\" (e.g. \"8000 Aarhus C\")")
        }
        try self.init(line: String(text[..<comma]), postalCode: parts[0], city: parts[1])
    }

    /// "Vestergade 1, 8000 Aarhus C".
    public var text: String { "\(line), \(postalCode) \(city)" }
}

/// How to reach a citizen, one version of it: the name as last recorded, a phone number and an
/// address. A change is a new version; the old ones stay in the store.
public struct CitizenContact: Hashable, Sendable {
    public let name: String
    public let phone: String?
    public let address: PostalAddress?

    public init(name: String, phone: String?, address: PostalAddress?) throws(ModelError) {
        let name = name.trimmingSpaces()
        guard !name.isEmpty else { throw .invalid("citizen name is empty") }
        var trimmedPhone: String?
        if let phone {
            let text = phone.trimmingSpaces()
            guard !text.isEmpty else { throw .invalid("the phone number is empty") }
            let allowed = Set("0123456789+ -()")
            // E.164: at most 15 digits; a number starts with a digit, its country's + or an area's (.
            let digits = text.filter(\.isNumber).count
            guard text.allSatisfy(allowed.contains), (1...15).contains(digits), text.first.map(Set("0123456789+(").contains) == true else {
                throw .invalid("\"\(text)\" is not a phone number (up to 15 digits, with spaces, +, - and parentheses)")
            }
            trimmedPhone = text
        }
        self.name = name
        self.phone = trimmedPhone
        self.address = address
    }
}

/// What an order carries beyond FFB's own terms, one version of it: the purpose of the
/// intervention (indsatsformål) and the payer's account number. A change is a new version.
public struct OrderDetails: Hashable, Sendable {
    public let purpose: String?
    public let payerAccount: String?

    public init(purpose: String?, payerAccount: String?) throws(ModelError) {
        let purpose = purpose?.trimmingSpaces(), account = payerAccount?.trimmingSpaces()
        if purpose?.isEmpty == true { throw .invalid("the purpose is empty") }
        if account?.isEmpty == true { throw .invalid("the payer account number is empty") }
        self.purpose = purpose
        self.payerAccount = account
    }

    /// These details with `newer`'s values where it has them.
    public func updated(with newer: OrderDetails) -> OrderDetails {
        // Both inputs were checked; the merge of two checked values needs no check.
        (try? OrderDetails(purpose: newer.purpose ?? purpose, payerAccount: newer.payerAccount ?? payerAccount)) ?? newer
    }
}
