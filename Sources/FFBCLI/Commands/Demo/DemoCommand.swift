import FFBCommandLine
import FFBWorkflows
import Foundation

/// `ffb demo`: the whole toolkit on a synthetic population, in seconds (`DemoScenario` tells
/// the story; this command parses its options and prints the summary).
enum DemoCommand: Command {
    static let spec = CommandSpec(
        "demo",
        abstract: "Run the whole flow on synthetic data and write a report (safe to re-run).",
        options: [
            OptionSpec("dir", value: "DIR", help: "Where to build the demo.", defaultDescription: "./ffb-demo"),
            OptionSpec("citizens", value: "N", help: "How many synthetic citizens.", defaultDescription: "120"),
        ]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let directory = context.url(for: arguments.value("dir") ?? "ffb-demo")
        guard let citizens = Int(arguments.value("citizens") ?? "120"), (1...5000).contains(citizens) else {
            throw .invalid("--citizens must be a whole number from 1 to 5000")
        }
        let clock = ContinuousClock()
        let started = clock.now
        let scenario = DemoScenario(directory: directory, citizens: citizens, settings: try AnalysisOptions.settings(arguments, context: context))
        let outcome: DemoScenario.Outcome
        do {
            outcome = try scenario.run()
        } catch let error as DemoError {
            throw .invalid(error.description)
        } catch {
            throw CLIError(error)
        }
        let elapsed = (clock.now - started).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        DemoSummary.print(outcome, directory: directory, seconds: seconds, ffb: Invocation.command(environment: context.environment),
                          language: context.language, to: context.stdout)
    }
}
