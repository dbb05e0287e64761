import FFBCommandLine
import FFBStore

/// `ffb init`: create an empty store (owner-only, 0600) or bring an existing one up to date.
enum InitCommand: Command {
    static let spec = CommandSpec("init", abstract: "Create the store (or migrate an existing one).", options: StoreOptions.readOptions)

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let store = try StoreOptions.open(arguments, context: context, create: true)
        store.close()
        context.stdout.line(context.language.pick("Databasen er klar: \(store.location)", "Store ready: \(store.location)"))
    }
}
