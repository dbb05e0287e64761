import FFBCatalog

/// A daily rate (takst) for one provider and support level over a period of validity.
public struct Tariff: Sendable, Equatable {
    public let provider: String
    public let supportLevel: SupportLevel
    /// DKK per day, in øre to keep sums exact.
    public let dailyRateOre: Int
    public let validFrom: LocalDate
    public let validTo: LocalDate?

    public init(provider: String, supportLevel: SupportLevel, dailyRateOre: Int, validFrom: LocalDate, validTo: LocalDate?) {
        self.provider = provider
        self.supportLevel = supportLevel
        self.dailyRateOre = dailyRateOre
        self.validFrom = validFrom
        self.validTo = validTo
    }

    public func isValid(on day: LocalDate) -> Bool {
        day >= validFrom && (validTo.map { day <= $0 } ?? true)
    }

    /// Whether two tariffs for the same provider and level claim a common day.
    public func overlaps(_ other: Tariff) -> Bool {
        guard provider == other.provider, supportLevel == other.supportLevel else { return false }
        let endA = validTo ?? LocalDate(dayNumber: Int(Int32.max))
        let endB = other.validTo ?? LocalDate(dayNumber: Int(Int32.max))
        return validFrom <= endB && other.validFrom <= endA
    }
}

/// The tariffs in force; lookups by provider, level and day.
public struct TariffTable: Sendable {
    public let tariffs: [Tariff]
    private let byProviderAndLevel: [String: [Tariff]]

    public init(_ tariffs: [Tariff]) {
        self.tariffs = tariffs
        byProviderAndLevel = Dictionary(grouping: tariffs) { Self.key($0.provider, $0.supportLevel) }
    }

    /// The periods of one provider and level, in the order given.
    public func tariffs(provider: String, level: SupportLevel) -> [Tariff] {
        byProviderAndLevel[Self.key(provider, level)] ?? []
    }

    public func rate(provider: String, level: SupportLevel, on day: LocalDate) -> Int? {
        tariffs(provider: provider, level: level).first { $0.isValid(on: day) }?.dailyRateOre
    }

    private static func key(_ provider: String, _ level: SupportLevel) -> String {
        provider + "\u{0}" + level.rawValue
    }
}
