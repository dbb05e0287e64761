import FFBCatalog
import FFBCommandLine
import FFBExchange
import FFBFiles
import FFBJSON
import FFBModel
import FFBWorkflows
import Foundation

/// `ffb exchange synth-orders`: deterministic native order documents for import benchmarks.
/// The CPR numbers are valid in form and made up (born 1900–1999, serials counted from 0000).
enum SynthOrdersCommand: Command {
    static let spec = CommandSpec(
        "synth-orders",
        abstract: "Write N synthetic native order documents (fake CPR numbers), for import benchmarks.",
        options: [
            OptionSpec("count", value: "N", help: "How many order documents.", required: true),
            OptionSpec("themes", value: "K", help: "Assessed themes per order.", defaultDescription: "12"),
            OptionSpec("seed", value: "S", help: "Random seed; the same seed gives the same documents.", defaultDescription: "1"),
            OptionSpec("out", value: "DIR", help: "Output folder (created, owner-only).", required: true),
        ],
        examples: ["ffb exchange synth-orders --count 10000 --out bench/orders"]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        guard let count = Int(try arguments.requiredValue("count")), (1...5_000_000).contains(count) else {
            throw .invalid("--count must be a whole number from 1 to 5000000")
        }
        guard let themeCount = Int(arguments.value("themes") ?? "12"), (1...40).contains(themeCount) else {
            throw .invalid("--themes must be a whole number from 1 to 40")
        }
        guard let seed = UInt64(arguments.value("seed") ?? "1") else { throw .invalid("--seed must be a whole number") }
        let directory = context.url(for: try arguments.requiredValue("out"))
        var generator = SyntheticOrders(catalog: BuiltInCatalogs.standard, seed: seed, themeCount: themeCount)
        var entries = 0
        do {
            try OutputFile.makeDirectory(directory.path)
            let writer = NativeWriter()
            for index in 0..<count {
                let exported = try generator.order(index)
                entries += exported.themeEntries
                let name = "order-" + String(format: "%07d", index) + ".json"
                try OutputFile.write(Array(JSONWriter.fileText(writer.document(exported.content), pretty: false).utf8), to: directory.appendingPathComponent(name).path, durable: false)
            }
        } catch let error as ModelError {
            throw .invalid(error.message)
        } catch {
            throw .invalid("cannot write to the output folder", file: directory.path)
        }
        context.stdout.line("Wrote \(count) order documents with \(entries) theme entries to \(directory.path).")
    }
}
