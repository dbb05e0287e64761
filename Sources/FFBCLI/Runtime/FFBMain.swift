import FFBFiles
import FFBCommandLine

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `ffb` program: parses the command line, runs the command, and maps failures to exit codes.
package enum FFBMain {
    package static let version = "0.1.0"

    static var tree: CommandNode {
        var root = CommandNode.group("ffb", abstract: "FFBKit: KL's Fælles Faglige Begreber (FFB) for adult social services, made executable.", [
            .group("catalog", abstract: "List, show and search the FFB catalogues (themes, levels, services, ...).", [
                .command(CatalogListCommand.self),
                .command(CatalogShowCommand.self),
                .command(CatalogSearchCommand.self),
                .command(CatalogVersionsCommand.self),
                .command(CatalogGenerateCommand.self),
            ]),
            .command(InitCommand.self),
            .command(CheckCommand.self),
            .group("store", abstract: "Whole stores: copy one into a new one (SQLite ↔ PostgreSQL).", [
                .command(StoreCopyCommand.self),
            ]),
            .group("citizen", abstract: "Register, find, list and show citizens.", [
                .command(CitizenAddCommand.self),
                .command(CitizenListCommand.self),
                .command(CitizenSearchCommand.self),
                .command(CitizenShowCommand.self),
                .command(CitizenUpdateCommand.self),
            ]),
            .group("case", abstract: "Open and close cases.", [
                .command(CaseOpenCommand.self),
                .command(CaseCloseCommand.self),
            ]),
            .command(AssessCommand.self),
            .group("order", abstract: "Create, show and end orders (bestillinger) to providers.", [
                .command(OrderCreateCommand.self),
                .command(OrderShowCommand.self),
                .command(OrderUpdateCommand.self),
                .command(OrderEndCommand.self),
            ]),
            .group("goal", abstract: "Add and revise goals on an order.", [
                .command(GoalAddCommand.self),
                .command(GoalReviseCommand.self),
            ]),
            .group("followup", abstract: "Record follow-ups (opfølgninger).", [
                .command(FollowUpRecordCommand.self),
            ]),
            .command(HistoryCommand.self),
            .command(CaseloadCommand.self),
            .group("list", abstract: "List what the store holds.", [
                .command(ListOrdersCommand.self),
                .command(ListFollowUpsCommand.self),
                .command(CitizenListCommand.self, named: "citizens"),
            ]),
            .command(MarkErrorCommand.self),
            .command(StatsCommand.self),
            .command(ProgressCommand.self),
            .command(DemoCommand.self),
            .command(SynthCommand.self),
            .command(ValidateCommand.self),
            .command(ImportCommand.self),
            .command(ExportCommand.self),
            .group("exchange", abstract: "Tools around the exchange format (test data for benchmarks).", [
                .command(SynthOrdersCommand.self),
            ]),
            .command(ReportCommand.self),
            .group("tariff", abstract: "Tariffs (takster) per provider and support level, for cost statistics.", [
                .command(TariffImportCommand.self),
                .command(TariffListCommand.self),
            ]),
            .group("admin", abstract: "Administer a shared store (PostgreSQL): who works in it, and who looked at whom.", [
                .group("role", abstract: "The database roles that work in the store.", [
                    .command(AdminRoleAddCommand.self),
                    .command(AdminRoleListCommand.self),
                ]),
                .command(AdminAccessLogCommand.self),
            ]),
        ])
        root.spec.discussion = "Every command takes --help. Exit codes: 0 success, 1 invalid input (nothing written), 2 usage error, 3 store error. Long work shows a progress line on stderr when it is a terminal and the work runs past a second; piped or with --quiet, nothing extra is printed."
        return root
    }

    /// The longest single argument accepted, in bytes. Longer texts belong in a file (`--file`).
    package static let argumentLimit = 16 * 1024

    /// Runs the process's own command line: every argument must be UTF-8 and of sane length
    /// before it becomes a `String` (Swift would quietly replace broken bytes, and a `--db` path
    /// or a name would then differ from what was typed).
    package static func runProcess(context: CommandContext = .standard()) -> Int32 {
        var arguments: [String] = []
        for index in 1..<Int(CommandLine.argc) {
            guard let raw = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw))
            if let problem = problem(withArgument: index, bytes: bytes) {
                context.stderr.line("ffb: \(problem)")
                context.stderr.flush()
                return 2
            }
            arguments.append(String(decoding: bytes, as: UTF8.self))
        }
        return run(arguments, context: context)
    }

    /// Why argument `index` (from 1) cannot be used, or nil.
    static func problem(withArgument index: Int, bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if bytes.count > argumentLimit {
            return "argument \(index) is \(bytes.count) bytes long; the limit is \(argumentLimit) (put long texts in a file)"
        }
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return "argument \(index) is not valid UTF-8 (at byte \(offset + 1))"
            }
        }
    }

    /// Runs one command line and returns the process exit code.
    package static func run(_ arguments: [String], context: CommandContext) -> Int32 {
        defer {
            context.stdout.flush()
            context.stderr.flush()
        }
        let tree = tree
        let help = HelpFormatter(programName: "ffb")
        do {
            switch try ArgumentParser(root: tree.spec).parse(arguments) {
            case .version:
                context.stdout.line("ffb \(version)")
                return 0
            case .help(let path):
                guard let node = tree.node(at: path) else { return 2 }
                context.stdout.write(help.help(for: node.spec, path: path))
                return 0
            case .run(let parsed):
                guard let node = tree.node(at: parsed.commandPath), let run = node.run else { return 2 }
                try run(parsed, context)
                return 0
            }
        } catch let error as UsageError {
            report(usage: error, context: context)
            return 2
        } catch let error as CLIError {
            switch error {
            case .usage(let usage):
                report(usage: usage, context: context)
            case .invalidInput(let diagnostics):
                for diagnostic in diagnostics { context.stderr.line(bounded(diagnostic.description)) }
            case .store(let message):
                context.stderr.line(bounded("ffb: store error: \(message)"))
            case .unchanged(let message):
                context.stdout.line(context.language.pick("Allerede registreret: \(message); intet blev skrevet.", "Already recorded: \(message); nothing was written."))
            }
            return error.exitCode
        } catch {
            context.stderr.line("ffb: unexpected error: \(error)")
            return 1
        }
    }

    private static func report(usage: UsageError, context: CommandContext) {
        let command = (["ffb"] + usage.command).joined(separator: " ")
        context.stderr.line(bounded("\(command): \(usage.message)") + " (see '\(command) --help')")
    }

    /// The longest error line, in characters: an error quotes the input it is about, and a
    /// 10-million-character field must not become a 10 MB line.
    static let errorLineLimit = 500

    /// One error line: escaped for the terminal and cut to `errorLineLimit` characters.
    static func bounded(_ text: String) -> String {
        let safe = TerminalText.safe(text)
        guard safe.count > errorLineLimit else { return safe }
        return String(safe.prefix(errorLineLimit - 1)) + "…"
    }
}
