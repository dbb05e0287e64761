/// The fixed scales' names in the language a person reads.
extension FunctionLevel {
    public func name(in language: Language) -> String { language.pick(danishName, englishName) }
}

extension SupportLevel {
    public func name(in language: Language) -> String { language.pick(danishName, englishName) }
}

extension GoalType {
    public func name(in language: Language) -> String { language.pick(danishName, englishName) }
}

extension FollowUpStatus {
    public func name(in language: Language) -> String { language.pick(danishName, englishName) }

    /// The decision in a word or two, for a table cell.
    public func shortName(in language: Language) -> String {
        switch self {
        case .continue: language.pick("fortsættes", "continues")
        case .end: language.pick("afsluttes", "ends")
        case .endAndRefer: language.pick("afsluttes, ny visitation", "ends, referred on")
        }
    }
}

extension Assessed where Level: CLIValueRepresentable {
    /// A level or "not assessed" in words for a table cell; the value itself (`2`, `C`) otherwise.
    public func cellText(in language: Language) -> String {
        switch self {
        case .assessed: cliValue
        case .notAssessed: language.pick("ikke vurderet", "not assessed")
        }
    }
}
