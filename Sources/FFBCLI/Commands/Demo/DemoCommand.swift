import FFBCatalog
import FFBCommandLine
import FFBModel
import FFBStore
import FFBSynthetic
import Foundation

/// `ffb demo`: the whole toolkit on a synthetic population, in seconds.
///
/// The authority records citizens, cases, assessments, orders and goals; exports the orders; the
/// provider imports them into its own store, records follow-ups over two years and exports
/// follow-up reports; the authority imports those, prices support with tariffs and writes the
/// report. Exchange, import and report run through the same commands a user types.
enum DemoCommand: Command {
    static let spec = CommandSpec(
        "demo",
        abstract: "Run the whole flow on synthetic data and write a report (safe to re-run).",
        options: [
            OptionSpec("dir", value: "DIR", help: "Where to build the demo.", defaultDescription: "./ffb-demo"),
            OptionSpec("citizens", value: "N", help: "How many synthetic citizens.", defaultDescription: "120"),
        ]
    )

    static let marker = ".ffb-demo"

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let directory = context.url(for: arguments.value("dir") ?? "ffb-demo")
        guard let citizens = Int(arguments.value("citizens") ?? "120"), (1...5000).contains(citizens) else {
            throw .invalid("--citizens must be a whole number from 1 to 5000")
        }
        let clock = ContinuousClock()
        let started = clock.now
        try prepare(directory)
        let scenario = DemoScenario(directory: directory, citizens: citizens, context: context)
        let outcome = try scenario.run()
        let seconds = Double((clock.now - started).components.attoseconds) / 1e18 + Double((clock.now - started).components.seconds)
        DemoSummary.print(outcome, directory: directory, seconds: seconds, to: context.stdout)
    }

    /// Makes `directory` ready: created if missing, emptied of an earlier demo, refused when it
    /// holds anything that is not ours.
    static func prepare(_ directory: URL) throws(CLIError) {
        let files = FileManager.default
        let markerFile = directory.appendingPathComponent(marker)
        if files.fileExists(atPath: directory.path) {
            let contents = (try? files.contentsOfDirectory(atPath: directory.path)) ?? []
            guard contents.isEmpty || files.fileExists(atPath: markerFile.path) else {
                throw .invalid("\(directory.path) exists and is not an ffb demo folder; give another --dir")
            }
            for name in contents where name != marker {
                try? files.removeItem(at: directory.appendingPathComponent(name))
            }
        }
        do {
            try files.createDirectory(at: directory.appendingPathComponent("exchange/orders"), withIntermediateDirectories: true)
            try files.createDirectory(at: directory.appendingPathComponent("exchange/reports"), withIntermediateDirectories: true)
            try Data("This folder was made by `ffb demo`; re-running the demo replaces it.\n".utf8).write(to: markerFile)
        } catch {
            throw .invalid("cannot create \(directory.path): \(error.localizedDescription)")
        }
    }
}
