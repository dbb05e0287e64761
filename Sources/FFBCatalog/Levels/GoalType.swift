import FFBText

/// Måltype: what an intervention goal aims at, which decides how its progression is judged.
public enum GoalType: String, CaseIterable, Sendable, Codable {
    /// Udvikle funktionsevne: the level is expected to fall to the expected level.
    case develop = "udvikle"
    /// Fastholde funktionsevne: the level is expected not to rise.
    case maintain = "fastholde"
    /// Begrænse tab af funktionsevne: the level may rise, but no further than the expected level.
    case limitLoss = "begraense-tab"

    public var cliValue: String { rawValue }

    /// Accepts the CLI spelling, the Danish name or the English word.
    public init?(cliValue text: String) {
        let folded = TextFolding.fold(text)
        guard let type = Self.allCases.first(where: {
            $0.rawValue == folded || TextFolding.fold($0.danishName) == folded || $0.englishKeyword == folded
        }) else { return nil }
        self = type
    }

    /// Every short spelling the command line takes, Danish and English, for help and suggestions.
    public static var cliSpellings: [String] { allCases.map(\.rawValue) + allCases.map(\.englishKeyword) }

    public var danishName: String {
        switch self {
        case .develop: "Udvikle funktionsevne"
        case .maintain: "Fastholde funktionsevne"
        case .limitLoss: "Begrænse tab af funktionsevne"
        }
    }

    public var englishName: String {
        switch self {
        case .develop: "Develop function"
        case .maintain: "Maintain function"
        case .limitLoss: "Limit loss of function"
        }
    }

    /// The English word the command line also takes: `develop`, `maintain`, `limit-loss`.
    public var englishKeyword: String {
        switch self {
        case .develop: "develop"
        case .maintain: "maintain"
        case .limitLoss: "limit-loss"
        }
    }

    public var klCode: KLCode {
        switch self {
        case .develop: KLCode(unchecked: "d41c8072-52f8-42b5-9375-ddbea454d27f")
        case .maintain: KLCode(unchecked: "10752a63-00b4-4958-b7f4-9f3a18f74266")
        case .limitLoss: KLCode(unchecked: "e47c22bd-d88d-48ab-882b-419923e1f44e")
        }
    }

    public static let parentCode = KLCode(unchecked: "b5257b2d-0fbf-4d00-bf38-d298c8568116")

    public init?(klCode: KLCode) {
        guard let type = Self.allCases.first(where: { $0.klCode == klCode }) else { return nil }
        self = type
    }
}
