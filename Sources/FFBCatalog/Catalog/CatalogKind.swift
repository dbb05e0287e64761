/// The kinds of concept a catalogue holds, named as on the command line (`--kind`).
public enum CatalogKind: String, CaseIterable, Sendable, Codable {
    case groups
    case areas
    case themes
    case functionLevels = "function-levels"
    case supportLevels = "support-levels"
    case goalTypes = "goal-types"
    case followUpStatuses = "follow-up-statuses"
    case services
    case offerTypes = "offer-types"
    case targetGroups = "target-groups"
    /// KL's structural parent concepts ("Social indsats", "Målgruppe", ...), kept so every code resolves.
    case headings

    /// Singular, for messages: "unknown theme".
    public var singular: String {
        switch self {
        case .groups: "group"
        case .areas: "area"
        case .themes: "theme"
        case .functionLevels: "function level"
        case .supportLevels: "support level"
        case .goalTypes: "goal type"
        case .followUpStatuses: "follow-up status"
        case .services: "service"
        case .offerTypes: "offer type"
        case .targetGroups: "target group"
        case .headings: "heading"
        }
    }

    /// One concept of this kind, named for a person reading `language`.
    public func singular(in language: Language) -> String {
        guard language == .da else { return singular }
        return switch self {
        case .groups: "gruppe"
        case .areas: "funktionsområde"
        case .themes: "tema"
        case .functionLevels: "funktionsevneniveau"
        case .supportLevels: "støtteniveau"
        case .goalTypes: "måltype"
        case .followUpStatuses: "status på indsats"
        case .services: "ydelse"
        case .offerTypes: "tilbudstype"
        case .targetGroups: "målgruppe"
        case .headings: "overskrift"
        }
    }
}
