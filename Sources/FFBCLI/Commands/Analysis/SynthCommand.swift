import FFBCatalog
import FFBCommandLine
import FFBFiles
import FFBSynthetic
import FFBWorkflows
import Foundation

/// `ffb synth`: a deterministic synthetic population for demos, tests and benchmarks.
enum SynthCommand: Command {
    static let spec = CommandSpec(
        "synth",
        abstract: "Write deterministic synthetic data: DIR/extract.csv and DIR/exchange/ (fake CPR numbers, never real people).",
        discussion: "DIR/exchange/ holds, for the same citizens, a native order document each (baseline assessment, order, goals) and a follow-up report per later visit; --extract-only skips them (for very large populations).",
        options: [
            OptionSpec("citizens", value: "N", help: "How many citizens.", required: true),
            OptionSpec("seed", value: "S", help: "Random seed; the same seed gives the same data.", defaultDescription: "1"),
            OptionSpec("follow-ups", value: "K", help: "Follow-ups per citizen after the baseline.", defaultDescription: "3"),
            OptionSpec("out", value: "DIR", help: "Output folder (created).", required: true),
            .flag("extract-only", help: "Write only DIR/extract.csv."),
            .quiet,
        ],
        examples: ["ffb synth --citizens 10000 --seed 7 --out synth"]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard let citizens = Int(try arguments.requiredValue("citizens")), citizens >= 0, citizens <= 50_000_000 else {
            throw .invalid("--citizens must be a whole number from 0 to 50000000")
        }
        guard let seed = UInt64(arguments.value("seed") ?? "1") else { throw .invalid("--seed must be a whole number") }
        guard let followUps = Int(arguments.value("follow-ups") ?? "3"), (0...40).contains(followUps) else {
            throw .invalid("--follow-ups must be a whole number from 0 to 40")
        }
        let directory = context.url(for: try arguments.requiredValue("out"))
        // The extract is streamed by its own writer, so its path is checked here like any --out.
        do {
            try OutputFile.check(directory.path, notOverwriting: nil, directory: true)
            try OutputFile.check(directory.appendingPathComponent("extract.csv").path, notOverwriting: nil)
        } catch {
            throw .usage(UsageError("--out: \(error.description)", command: arguments.commandPath))
        }
        let population = SyntheticPopulation(settings: .init(citizens: citizens, seed: seed, followUps: followUps), catalog: BuiltInCatalogs.standard)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let start = Date()
            let rows = try context.withProgress(arguments, "synth extract", unit: "citizens") { progress in
                try ExtractWriter().write(population, to: directory.appendingPathComponent("extract.csv"), progress: progress)
            }
            let seconds = Date().timeIntervalSince(start)
            context.stdout.line("Wrote \(rows) rows for \(citizens) citizens to \(directory.appendingPathComponent("extract.csv").path) in \(String(format: "%.2f", seconds)) s.")
            if !arguments.flag("extract-only") {
                let written = try context.withProgress(arguments, "synth exchange", unit: "citizens") { progress in
                    try SyntheticExchange(population: population, catalog: BuiltInCatalogs.standard).write(to: directory.appendingPathComponent("exchange"), progress: progress)
                }
                context.stdout.line("Wrote \(written.orders) order documents and \(written.reports) follow-up reports (\(written.themeEntries) theme entries) to \(directory.appendingPathComponent("exchange").path).")
            }
        } catch {
            throw .invalid("cannot write to \(directory.path): \(error.localizedDescription)")
        }
    }
}
