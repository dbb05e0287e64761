import FFBText

/// Status på indsats: the decision a follow-up ends in.
public enum FollowUpStatus: String, CaseIterable, Sendable, Codable {
    /// Træf afgørelse om fortsættelse af indsats.
    case `continue` = "continue"
    /// Træf afgørelse om afslutning af indsats.
    case end = "end"
    /// Træf afgørelse om afslutning af indsats og visiter til ny.
    case endAndRefer = "end-and-refer"

    public var cliValue: String { rawValue }

    /// Accepts the English CLI spelling or the Danish short forms `fortsæt`, `afslut`,
    /// `afslut-og-visiter` (æ also as ae).
    public init?(cliValue text: String) {
        let folded = TextFolding.fold(text)
        guard let status = Self.foldedSpellings[folded] else { return nil }
        self = status
    }

    private static let foldedSpellings: [String: FollowUpStatus] = Dictionary(
        allCases.flatMap { status in status.spellings.map { (TextFolding.fold($0), status) } }, uniquingKeysWith: { first, _ in first }
    )

    /// The spellings `init(cliValue:)` takes for this status, English first.
    public var spellings: [String] {
        switch self {
        case .continue: ["continue", "fortsæt", "fortsættelse"]
        case .end: ["end", "afslut", "afslutning"]
        case .endAndRefer: ["end-and-refer", "afslut-og-visiter", "afslut-og-visiter-til-ny"]
        }
    }

    /// Every spelling the command line takes, for help and suggestions.
    public static var cliSpellings: [String] { allCases.flatMap(\.spellings) }

    public var danishName: String {
        switch self {
        case .continue: "Træf afgørelse om fortsættelse af indsats"
        case .end: "Træf afgørelse om afslutning af indsats"
        case .endAndRefer: "Træf afgørelse om afslutning af indsats og visiter til ny"
        }
    }

    public var englishName: String {
        switch self {
        case .continue: "Continue the intervention"
        case .end: "End the intervention"
        case .endAndRefer: "End the intervention and refer to a new one"
        }
    }

    public var klCode: KLCode {
        switch self {
        case .continue: KLCode(unchecked: "1e971d84-10a4-4ef8-a8b3-0daa4c7d088a")
        case .end: KLCode(unchecked: "d7d03656-4c87-4e67-9146-aa5990460f16")
        case .endAndRefer: KLCode(unchecked: "b4c01aa8-82fd-44e4-83ff-ca19ec02c779")
        }
    }

    public static let parentCode = KLCode(unchecked: "90479ffa-bf46-4b3a-a172-91f2798e2a43")

    public init?(klCode: KLCode) {
        guard let status = Self.allCases.first(where: { $0.klCode == klCode }) else { return nil }
        self = status
    }
}
