import FFBCatalog
import Foundation

/// An intervention goal. A change of what the goal says (expected level, type, description or
/// themes) is a new version with a new `id`, linked to the one it replaces; `seriesID` stays.
public struct Goal: Hashable, Sendable {
    public let id: UUID
    public let seriesID: UUID
    public let version: Int
    public let supersedes: UUID?
    public let orderID: UUID
    public let primaryTheme: KLCode
    public let secondaryThemes: [KLCode]
    public let type: GoalType
    public let expectedLevel: FunctionLevel
    public let description: String
    public let followUpDate: LocalDate?

    /// A first version.
    public init(
        id: UUID = UUID(),
        orderID: UUID,
        primaryTheme: Theme,
        secondaryThemes: [Theme] = [],
        type: GoalType,
        expectedLevel: FunctionLevel,
        description: String,
        followUpDate: LocalDate?,
        order: Order? = nil
    ) throws(ModelError) {
        try self.init(id: id, seriesID: id, version: 1, supersedes: nil, orderID: orderID, primaryTheme: primaryTheme, secondaryThemes: secondaryThemes, type: type, expectedLevel: expectedLevel, description: description, followUpDate: followUpDate, order: order)
    }

    /// Any version, as the store restores it or a revision builds it; the same rules apply.
    public init(
        id: UUID,
        seriesID: UUID,
        version: Int,
        supersedes: UUID?,
        orderID: UUID,
        primaryTheme: Theme,
        secondaryThemes: [Theme],
        type: GoalType,
        expectedLevel: FunctionLevel,
        description: String,
        followUpDate: LocalDate?,
        order: Order?
    ) throws(ModelError) {
        guard primaryTheme.scored else {
            throw .invalid("a goal's primary theme must be an Aktivitet og deltagelse theme; \"\(primaryTheme.name)\" takes no level")
        }
        for theme in secondaryThemes where theme.code == primaryTheme.code {
            throw .invalid("theme \"\(theme.name)\" is both primary and secondary")
        }
        if Set(secondaryThemes.map(\.code)).count != secondaryThemes.count {
            throw .invalid("a secondary theme is named twice")
        }
        let description = description.trimmingSpacesAndNewlines()
        guard !description.isEmpty else { throw .invalid("a goal needs a description") }
        if let order, let followUpDate, followUpDate < order.start {
            throw .invalid("goal follow-up date \(followUpDate) is before the order starts (\(order.start))")
        }
        self.id = id
        self.seriesID = seriesID
        self.version = version
        self.supersedes = supersedes
        self.orderID = orderID
        self.primaryTheme = primaryTheme.code
        self.secondaryThemes = secondaryThemes.map(\.code)
        self.type = type
        self.expectedLevel = expectedLevel
        self.description = description
        self.followUpDate = followUpDate
    }

    /// The next version of this goal with the given changes; throws when nothing changes.
    public func revised(
        id: UUID = UUID(),
        primaryTheme: Theme,
        secondaryThemes: [Theme],
        type: GoalType? = nil,
        expectedLevel: FunctionLevel? = nil,
        description: String? = nil,
        followUpDate: LocalDate?? = .none
    ) throws(ModelError) -> Goal {
        let next = try Goal(
            id: id,
            seriesID: seriesID,
            version: version + 1,
            supersedes: self.id,
            orderID: orderID,
            primaryTheme: primaryTheme,
            secondaryThemes: secondaryThemes,
            type: type ?? self.type,
            expectedLevel: expectedLevel ?? self.expectedLevel,
            description: description ?? self.description,
            followUpDate: followUpDate ?? self.followUpDate,
            order: nil
        )
        guard next.primaryTheme != self.primaryTheme || next.secondaryThemes != self.secondaryThemes
            || next.type != self.type || next.expectedLevel != self.expectedLevel
            || next.description != self.description || next.followUpDate != self.followUpDate
        else {
            throw .invalid("the revision changes nothing")
        }
        return next
    }

    /// The versions that are current among an order's goal versions: the newest version of each
    /// series, in the order the series were first given, left out when that version is entered in
    /// error (the series then has none: an older version does not come back).
    @inlinable
    public static func currentVersions<Version>(
        _ versions: [Version], series: (Version) -> UUID, version: (Version) -> Int, inError: (Version) -> Bool
    ) -> [Version] {
        // Usually each series once and none in error: then they are the current versions as they are.
        if versions.indices.allSatisfy({ index in !inError(versions[index]) && !versions[..<index].contains { series($0) == series(versions[index]) } }) {
            return versions
        }
        // An order has a handful of goal series: a scan of those seen beats hashing each id.
        var newest: [Version] = []
        for candidate in versions {
            if let seen = newest.firstIndex(where: { series($0) == series(candidate) }) {
                if version(candidate) > version(newest[seen]) { newest[seen] = candidate }
            } else {
                newest.append(candidate)
            }
        }
        return newest.filter { !inError($0) }
    }
}
