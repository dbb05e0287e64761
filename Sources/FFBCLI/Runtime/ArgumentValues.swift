import FFBCatalog
import FFBCommandLine
import FFBModel
import FFBText

/// Typed readers for option values; a bad value is invalid input naming the option (exit 1).
extension ParsedArguments {
    func date(_ name: String) throws(CLIError) -> LocalDate? {
        guard let text = value(name) else { return nil }
        guard let date = LocalDate(iso: text) else {
            throw .invalid("--\(name): \"\(text)\" is not a date (YYYY-MM-DD)")
        }
        return date
    }

    func requiredDate(_ name: String) throws(CLIError) -> LocalDate {
        _ = try requiredValue(name)
        guard let date = try date(name) else { throw .invalid("--\(name) is missing") }
        return date
    }

    func functionLevel(_ name: String, _ text: String) throws(CLIError) -> Assessed<FunctionLevel> {
        guard let level = Assessed<FunctionLevel>(text: text) else {
            throw .unknownValue(text, option: name, "\"\(text)\" is not a function level (0–4 or ikke-vurderet)", known: Assessed<FunctionLevel>.cliSpellings)
        }
        return level
    }

    func supportLevel(_ name: String) throws(CLIError) -> Assessed<SupportLevel>? {
        guard let text = value(name) else { return nil }
        guard let level = Assessed<SupportLevel>(text: text) else {
            throw .unknownValue(text, option: name, "\"\(text)\" is not a support level (A–E or ikke-vurderet)", known: Assessed<SupportLevel>.cliSpellings)
        }
        return level
    }

    /// A goal type in Danish or English (`udvikle` or `develop`, …).
    func goalType(_ name: String) throws(CLIError) -> GoalType? {
        guard let text = value(name) else { return nil }
        guard let type = GoalType(cliValue: text) else {
            throw .unknownValue(text, option: name, "\"\(text)\" is not a goal type (\(GoalType.cliSpellings.joined(separator: ", ")))", known: GoalType.cliSpellings)
        }
        return type
    }

    /// A follow-up's decision in English or Danish (`continue` or `fortsæt`, …).
    func followUpStatus(_ name: String) throws(CLIError) -> FollowUpStatus? {
        guard let text = value(name) else { return nil }
        guard let status = FollowUpStatus(cliValue: text) else {
            let listed = FollowUpStatus.allCases.flatMap { $0.spellings.prefix(2) }
            throw .unknownValue(text, option: name, "\"\(text)\" is not a follow-up status (\(listed.joined(separator: ", ")))", known: FollowUpStatus.cliSpellings)
        }
        return status
    }

    /// `KEY=VALUE` pairs of a repeated option, split at the last `=` that leaves a non-empty key
    /// (theme names have no `=`; notes may).
    func pairs(_ name: String) throws(CLIError) -> [(key: String, value: String)] {
        var result: [(key: String, value: String)] = []
        for text in values(name) {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw .invalid("--\(name): \"\(text)\" is not KEY=VALUE")
            }
            result.append((String(text[..<equals]).trimmingSpaces(), String(text[text.index(after: equals)...])))
        }
        return result
    }

    func cpr(_ name: String) throws(CLIError) -> CPRNumber {
        let text = try requiredValue(name)
        do {
            return try CPRNumber(text)
        } catch {
            // The value itself is never echoed: it may be a real CPR number with a typo.
            throw .invalid("--\(name): \(error.description)")
        }
    }
}

extension Catalog {
    func theme(named text: String, option: String) throws(CLIError) -> Theme {
        do {
            return try resolveTheme(text)
        } catch {
            throw lookupFailure(error, text: text, kind: .themes, option: option)
        }
    }

    func code(_ text: String, kind: CatalogKind, option: String) throws(CLIError) -> KLCode {
        do {
            return try resolve(text, kind: kind).code
        } catch {
            throw lookupFailure(error, text: text, kind: kind, option: option)
        }
    }

    /// The error line for a name that resolved to no concept (with the nearest names) or to several.
    private func lookupFailure(_ error: CatalogLookupError, text: String, kind: CatalogKind, option: String) -> CLIError {
        guard case .unknown = error else { return .invalid("--\(option): \(error.description)") }
        return .invalid(DidYouMean.message("--\(option): \(error.description)", suggesting: closestNames(to: text, kind: kind)))
    }
}
