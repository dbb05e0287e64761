import FFBCatalog

extension GoalStatus {
    /// The status as people read it (the report's tables, `ffb progress`).
    public func name(in language: Language) -> String {
        switch self {
        case .achieved: language.pick("Opnået", "Achieved")
        case .sustaining: language.pick("Fastholdes", "Sustaining")
        case .improving: language.pick("I bedring", "Improving")
        case .noChange: language.pick("Uændret", "No change")
        case .worsening: language.pick("Forværring", "Worsening")
        case .notEvaluable: language.pick("Ikke vurderbar", "Not evaluable")
        }
    }
}
