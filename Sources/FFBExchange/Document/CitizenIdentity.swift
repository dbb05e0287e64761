import FFBModel

/// Who a document is about, as two stores can agree on it: the CPR number (pseudonyms are local
/// to each store) and the name the provider needs.
public struct CitizenIdentity: Hashable, Sendable {
    public var cpr: CPRNumber
    public var name: String

    public init(cpr: CPRNumber, name: String) {
        self.cpr = cpr
        self.name = name
    }
}

/// A case as an order carries it, so that a provider's store can open the same case.
public struct CaseDetails: Hashable, Sendable {
    public var number: String
    public var opened: LocalDate
    public var municipality: Municipality

    public init(number: String, opened: LocalDate, municipality: Municipality) {
        self.number = number
        self.opened = opened
        self.municipality = municipality
    }

    public init(_ caseFile: CaseFile) {
        self.init(number: caseFile.caseNumber, opened: caseFile.opened, municipality: caseFile.municipality)
    }

    public func caseFile(citizen: Pseudonym) throws(ModelError) -> CaseFile {
        try CaseFile(caseNumber: number, citizen: citizen, opened: opened, municipality: municipality)
    }
}
