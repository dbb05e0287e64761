/// Støttebehovsniveau: the support need of one intervention, A (none) to E (complete).
///
/// Set per intervention, not per theme. For statistics A…E count as 0…4 so the pair rules of
/// function levels apply unchanged.
public enum SupportLevel: String, CaseIterable, Comparable, Sendable, Codable {
    case a = "A"
    case b = "B"
    case c = "C"
    case d = "D"
    case e = "E"

    public var ordinal: Int {
        switch self {
        case .a: 0
        case .b: 1
        case .c: 2
        case .d: 3
        case .e: 4
        }
    }

    public init?(ordinal: Int) {
        guard let level = Self.allCases.first(where: { $0.ordinal == ordinal }) else { return nil }
        self = level
    }

    public static func < (lhs: SupportLevel, rhs: SupportLevel) -> Bool { lhs.ordinal < rhs.ordinal }
}

extension SupportLevel {
    public var danishName: String {
        switch self {
        case .a: "Intet støttebehov"
        case .b: "Let støttebehov"
        case .c: "Moderat støttebehov"
        case .d: "Højt støttebehov"
        case .e: "Fuldstændigt støttebehov"
        }
    }

    public var englishName: String {
        switch self {
        case .a: "No support need"
        case .b: "Light support need"
        case .c: "Moderate support need"
        case .d: "High support need"
        case .e: "Complete support need"
        }
    }

    public var klCode: KLCode {
        switch self {
        case .a: KLCode(unchecked: "ae9f388a-91c3-46cf-af55-f81952f2977c")
        case .b: KLCode(unchecked: "dd628e73-d6c9-4837-a2b8-aa62d73bd6ae")
        case .c: KLCode(unchecked: "401a397b-b3aa-4ca3-8b23-bd8f99dd3f76")
        case .d: KLCode(unchecked: "b99a0790-4d70-4152-b149-3fe58b745583")
        case .e: KLCode(unchecked: "e99763d6-6c43-4969-ad52-2b1a7055f9dc")
        }
    }

    public static let notAssessedCode = KLCode(unchecked: "2254dac8-8aa3-4334-8502-9720194f49ad")
    public static let parentCode = KLCode(unchecked: "7ac451dc-773b-4877-baaf-1e6b1d5c8e28")

    public init?(klCode: KLCode) {
        guard let level = Self.allCases.first(where: { $0.klCode == klCode }) else { return nil }
        self = level
    }

    public var cliValue: String { rawValue }

    /// Accepts `A`…`E` in either case.
    public init?(cliValue text: String) {
        self.init(rawValue: text.uppercased())
    }
}
