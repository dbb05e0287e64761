import FFBCatalog
import FFBCommandLine
import Foundation

/// `ffb catalog generate --reference FILE`: builds the kl-2024 catalogue file from KL's CodeSystem.
/// Used by Scripts/generate-catalogs; the test suite checks that its output equals Catalogs/kl-2024.json.
enum CatalogGenerateCommand: Command {
    static let spec = CommandSpec(
        "generate",
        abstract: "Build a catalogue file from KL's FFB CodeSystem JSON (maintainers).",
        options: [OptionSpec("reference", value: "FILE", help: "KL's kl-term-CodeSystem-FFB-*.json.", required: true)]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let path = try arguments.requiredValue("reference")
        do {
            let data = Data(try CatalogLoader.contents(of: context.url(for: path)))
            let file = try KLTerminologyImporter().catalogFile(fromCodeSystem: data)
            let encoded = try file.encoded()
            context.stdout.write(String(decoding: encoded, as: UTF8.self))
        } catch let error as CatalogError {
            throw .invalidInput(error.problems.map { Diagnostic(file: path, location: $0.pointer, message: $0.message) })
        } catch {
            throw .invalid("could not encode the catalogue: \(error)", file: path)
        }
    }
}
