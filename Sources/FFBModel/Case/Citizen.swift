import Foundation

/// A citizen known to the store. The CPR number stays with the caseworker's views; everything
/// else names the citizen by `pseudonym`.
public struct Citizen: Hashable, Sendable {
    public let pseudonym: Pseudonym
    public let cpr: CPRNumber
    public let name: String

    public init(pseudonym: Pseudonym, cpr: CPRNumber, name: String) throws(ModelError) {
        let name = name.trimmingSpaces()
        guard !name.isEmpty else { throw .invalid("citizen name is empty") }
        self.pseudonym = pseudonym
        self.cpr = cpr
        self.name = name
    }
}

/// A case (sag) in the authority's system.
public struct CaseFile: Hashable, Sendable {
    public let caseNumber: String
    public let citizen: Pseudonym
    public let opened: LocalDate
    public let municipality: Municipality

    public init(caseNumber: String, citizen: Pseudonym, opened: LocalDate, municipality: Municipality) throws(ModelError) {
        let number = caseNumber.trimmingSpaces()
        guard !number.isEmpty else { throw .invalid("case number is empty") }
        self.caseNumber = number
        self.citizen = citizen
        self.opened = opened
        self.municipality = municipality
    }
}
