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
}
