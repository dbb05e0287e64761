import FFBCatalog
import FFBText

/// Who the information in an assessment entry comes from: KL's "Kilde" codes (CareSocialCodes).
public enum AssessmentSource: String, CaseIterable, Sendable, Codable {
    case citizen = "borger"
    case caseworker = "sagsbehandler"
    case relativeAlone = "paaroerende"
    case staffAndRelative = "medarbejder-og-paaroerende"
    case citizenSupportedByStaff = "borger-med-medarbejder"
    case staffAlone = "medarbejder"
    case citizenSupportedByRelative = "borger-med-paaroerende"
    case other = "andre"
    case provider = "udfoerer"

    /// KL's code system for these codes.
    public static let codeSystem = "http://fhir.kl.dk/term/CodeSystem/CareSocialCodes"

    public var klCode: KLCode {
        switch self {
        case .citizen: KLCode(unchecked: "25b4e705-2e9a-47a2-b11a-c829316b9d3a")
        case .caseworker: KLCode(unchecked: "f6ea2920-7dde-491e-a489-6b99a3904069")
        case .relativeAlone: KLCode(unchecked: "166d2437-4e47-4a52-bd94-cdbe91086ca6")
        case .staffAndRelative: KLCode(unchecked: "329774f9-7700-47cf-9c00-63765d9e8078")
        case .citizenSupportedByStaff: KLCode(unchecked: "12428e48-7df8-441f-9a89-d92bb7874066")
        case .staffAlone: KLCode(unchecked: "8fe80acb-2c2a-4f10-b2b8-ddb77d2f69dc")
        case .citizenSupportedByRelative: KLCode(unchecked: "b66dc78a-a673-43fc-8ac0-1e859ba626e0")
        case .other: KLCode(unchecked: "63338442-7b2e-405b-acc0-142361ef19f1")
        case .provider: KLCode(unchecked: "f00a6844-1005-401d-965d-1c5859df7beb")
        }
    }

    public var danishName: String {
        switch self {
        case .citizen: "Borger"
        case .caseworker: "Sagsbehandler"
        case .relativeAlone: "Pårørende alene"
        case .staffAndRelative: "Medarbejder og pårørende alene"
        case .citizenSupportedByStaff: "Borger støttet af medarbejder"
        case .staffAlone: "Medarbejder alene"
        case .citizenSupportedByRelative: "Borger støttet af pårørende"
        case .other: "Andre"
        case .provider: "Udfører"
        }
    }

    /// Accepts the CLI slug, the Danish name (accents optional) or the KL code.
    public init?(text: String) {
        let folded = TextFolding.fold(text).replacingOccurrences(of: " ", with: "-")
        let code = KLCode(text)
        guard let source = Self.allCases.first(where: {
            $0.rawValue == folded || TextFolding.fold($0.danishName).replacingOccurrences(of: " ", with: "-") == folded || $0.klCode == code
        }) else { return nil }
        self = source
    }
}
