import FFBCatalog
import FFBJSON
import FFBModel
import Foundation

extension ValidationContext {
    /// The goal versions of an order: each on a scored primary theme, versions that chain
    /// (version 1 starts its series, a later one names the version it replaces), ids once.
    mutating func goals(_ raw: [RawGoal], orderID: UUID, start: LocalDate) -> [GoalRecord]? {
        var records: [GoalRecord] = []
        var ids: [UUID: RawGoal] = [:]
        var seriesVersions: [UUID: [Int: JSONPointer]] = [:]
        var valid = true
        for goal in raw {
            if let first = ids[goal.id.value] {
                error("goal id appears twice (first at \(first.pointer.location))", at: goal.id.pointer)
                valid = false
                continue
            }
            ids[goal.id.value] = goal
            if let first = seriesVersions[goal.seriesID.value]?[goal.version.value] {
                error("version \(goal.version.value) of this goal appears twice (first at \(first.location))", at: goal.version.pointer)
                valid = false
            }
            seriesVersions[goal.seriesID.value, default: [:]][goal.version.value] = goal.pointer
            if let record = self.goal(goal, orderID: orderID, start: start, earlier: ids) { records.append(record) } else { valid = false }
        }
        return valid ? records : nil
    }

    private mutating func goal(_ raw: RawGoal, orderID: UUID, start: LocalDate, earlier: [UUID: RawGoal]) -> GoalRecord? {
        locations[.goal(raw.id.value)] = raw.pointer
        let errorsBefore = issues.errors.count
        var primary: Theme?
        if let theme = index.theme(raw.primaryTheme.value) {
            if theme.scored {
                primary = theme
            } else {
                error("goal on an unscored theme: a goal's primary theme must be an Aktivitet og deltagelse theme; \"\(theme.name)\" takes no level", at: raw.primaryTheme.pointer)
            }
        } else {
            error("unknown theme \(Quoted.value(raw.primaryTheme.value))", at: raw.primaryTheme.pointer)
        }
        var secondary: [Theme] = []
        var seen: Set<KLCode> = primary.map { [$0.code] } ?? []
        for text in raw.secondaryThemes {
            guard let theme = index.theme(text.value) else {
                error("unknown theme \(Quoted.value(text.value))", at: text.pointer)
                continue
            }
            guard seen.insert(theme.code).inserted else {
                error("theme \"\(theme.name)\" is named twice among the goal's themes", at: text.pointer)
                continue
            }
            secondary.append(theme)
        }
        if let followUp = raw.followUpDate, followUp.value < start {
            error("goal follow-up date \(followUp.value) is before the order starts (\(start))", at: followUp.pointer)
        }
        switch (raw.version.value, raw.supersedes) {
        case (1, .some(let supersedes)):
            error("version 1 of a goal replaces nothing; remove \"supersedes\" or raise the version", at: supersedes.pointer)
        case (1, nil) where raw.seriesID.value != raw.id.value:
            error("version 1 of a goal starts its series: \"series_id\" must equal \"id\"", at: raw.seriesID.pointer)
        case (let version, nil) where version > 1:
            error("version \(version) of a goal must name the version it replaces (\"supersedes\")", at: raw.version.pointer)
        case (let version, .some(let supersedes)):
            if supersedes.value == raw.id.value {
                error("a goal cannot replace itself", at: supersedes.pointer)
            } else if let previous = earlier[supersedes.value] {
                if previous.seriesID.value != raw.seriesID.value {
                    error("the goal it replaces belongs to another series", at: supersedes.pointer)
                } else if previous.version.value != version - 1 {
                    error("version \(version) replaces version \(previous.version.value); it must replace version \(version - 1)", at: supersedes.pointer)
                }
            }
        default:
            break
        }
        guard issues.errors.count == errorsBefore, let primary else { return nil }
        guard let goal = model(at: raw.pointer, { () throws(ModelError) in
            try Goal(id: raw.id.value, seriesID: raw.seriesID.value, version: raw.version.value, supersedes: raw.supersedes?.value,
                     orderID: orderID, primaryTheme: primary, secondaryThemes: secondary, type: raw.type.value,
                     expectedLevel: raw.expectedLevel.value, description: raw.description.value, followUpDate: raw.followUpDate?.value, order: nil)
        }) else { return nil }
        return GoalRecord(goal: goal, enteredInError: raw.enteredInError)
    }
}
