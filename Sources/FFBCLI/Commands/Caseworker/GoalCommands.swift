import FFBCatalog
import FFBCommandLine
import FFBModel
import FFBStore
import Foundation

/// `ffb goal add`: a goal on an order.
enum GoalAddCommand: Command {
    static let spec = CommandSpec(
        "add",
        abstract: "Add a goal to an order.",
        options: [
            OptionSpec("order", value: "ORDER", help: "The order id (or its first 8+ characters).", required: true),
            OptionSpec("theme", value: "THEME", help: "The primary theme (an Aktivitet og deltagelse theme).", required: true),
            OptionSpec("secondary-theme", kind: .repeated, value: "THEME", help: "A secondary theme."),
            OptionSpec("type", value: "TYPE", help: GoalOptions.typeHelp, required: true),
            OptionSpec("expected", value: "LEVEL", help: "Expected level 0–4.", required: true),
            OptionSpec("description", value: "TEXT", help: "What the goal is, in words.", required: true),
            OptionSpec("follow-up", value: "DATE", help: "When the goal is followed up."),
        ] + StoreOptions.writeOptions,
        examples: ["ffb goal add --order 3f2a9c1e --theme \"Købe ind\" --type udvikle --expected 1 --description \"Handler selv ind en gang om ugen\" --follow-up 2025-09-01"]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let catalog = BuiltInCatalogs.standard
        var problems = ProblemList()
        let primary = try problems.check { () throws(CLIError) in try catalog.theme(named: try arguments.requiredValue("theme"), option: "theme") }
        let secondary = try problems.checkEach(arguments.values("secondary-theme")) { text throws(CLIError) in
            try catalog.theme(named: text, option: "secondary-theme")
        }
        let type = try problems.check { () throws(CLIError) in try arguments.goalType("type") ?? .develop }
        let expected = try problems.check { () throws(CLIError) in try GoalOptions.expectedLevel(arguments) }
        let followUp = try problems.check { () throws(CLIError) in try arguments.date("follow-up") }
        try StoreReferences.check(arguments, context: context, order: arguments.value("order"), problems: &problems)
        guard let primary, let type, let expected, let followUp, problems.isEmpty else { throw problems.failure }
        let goal = try StoreOptions.write(arguments, context: context) { store, writer in
            let order = try store.order(arguments.requiredValue("order"))
            let goal = try Goal(
                orderID: order.value.id, primaryTheme: primary, secondaryThemes: secondary, type: type,
                expectedLevel: expected ?? .none, description: arguments.requiredValue("description"),
                followUpDate: followUp, order: order.value
            )
            try writer.addGoal(goal)
            return goal
        }
        context.stdout.line(goal.id.storeText)
    }
}

/// `ffb goal revise`: a new version of a goal; the old version stays in the history.
enum GoalReviseCommand: Command {
    static let spec = CommandSpec(
        "revise",
        abstract: "Revise a goal: a new version linked to the one it replaces.",
        options: [
            OptionSpec("goal", value: "GOAL", help: "The current goal version's id (or its first 8+ characters).", required: true),
            OptionSpec("theme", value: "THEME", help: "New primary theme."),
            OptionSpec("secondary-theme", kind: .repeated, value: "THEME", help: "New secondary themes (replace the old ones)."),
            .flag("no-secondary-themes", help: "Remove the secondary themes."),
            OptionSpec("type", value: "TYPE", help: "New goal type: " + GoalOptions.typeValues),
            OptionSpec("expected", value: "LEVEL", help: "New expected level 0–4."),
            OptionSpec("description", value: "TEXT", help: "New description."),
            OptionSpec("follow-up", value: "DATE", help: "New follow-up date."),
        ] + StoreOptions.writeOptions
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let catalog = BuiltInCatalogs.standard
        var problems = ProblemList()
        let expected = try problems.check { () throws(CLIError) in try GoalOptions.expectedLevel(arguments) }
        let followUp = try problems.check { () throws(CLIError) in try arguments.date("follow-up") }
        let newPrimary = try problems.check { () throws(CLIError) in try arguments.value("theme").map { text throws(CLIError) in try catalog.theme(named: text, option: "theme") } }
        let newSecondary = try problems.checkEach(arguments.values("secondary-theme")) { text throws(CLIError) in
            try catalog.theme(named: text, option: "secondary-theme")
        }
        let newType = try problems.check { () throws(CLIError) in try arguments.goalType("type") }
        guard let expected, let followUp, let newPrimary, let newType, problems.isEmpty else { throw problems.failure }
        let revised = try StoreOptions.write(arguments, context: context) { store, writer in
            let current = try store.goal(arguments.requiredValue("goal")).value
            guard let primary = newPrimary ?? catalog.theme(current.primaryTheme) else { throw StoreError.invalid("unknown theme \(current.primaryTheme)") }
            let secondary = arguments.flag("no-secondary-themes") ? [] : newSecondary.isEmpty ? current.secondaryThemes.compactMap(catalog.theme) : newSecondary
            let next = try current.revised(
                primaryTheme: primary, secondaryThemes: secondary, type: newType,
                expectedLevel: expected, description: arguments.value("description"),
                followUpDate: followUp.map { .some($0) } ?? .none
            )
            try writer.addGoal(next)
            return next
        }
        context.stdout.line(revised.id.storeText)
    }
}

enum GoalOptions {
    static let typeValues = "\(GoalType.allCases.map(\.cliValue).joined(separator: ", ")) (or \(GoalType.allCases.map(\.englishKeyword).joined(separator: ", ")))."
    static let typeHelp = "Goal type: " + typeValues

    static func expectedLevel(_ arguments: ParsedArguments) throws(CLIError) -> FunctionLevel? {
        guard let text = arguments.value("expected") else { return nil }
        guard let level = FunctionLevel(cliValue: text) else {
            throw .invalid("--expected: \"\(text)\" is not a level (0–4)")
        }
        return level
    }
}
