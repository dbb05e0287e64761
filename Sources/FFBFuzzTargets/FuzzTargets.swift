import FFBCatalog
import FFBCommandLine
import FFBExchange
import FFBJSON
import FFBProgression
import Foundation

/// What each fuzz harness does with one input, shared by the libFuzzer executables
/// (`Scripts/fuzz`) and the test that replays the regression corpus. Each function must return
/// for any bytes: errors are expected, crashes, hangs and blow-ups are the bugs looked for.
package enum FuzzTargets {
    /// The names `Scripts/fuzz` knows, with their entry points.
    package static let all: [String: @Sendable ([UInt8]) -> Void] = [
        "json": json,
        "extract": extract,
        "arguments": arguments,
        "exchange": exchange,
        "fhir": exchange,
        "tariff": tariff,
        "settings": settings,
    ]

    /// The exchange pipeline's first two stages (decode, validate against the catalogue) on one
    /// document: native documents and KL FHIR bundles take the same path, so the "exchange" and
    /// "fhir" harnesses differ only in their seeds.
    @Sendable package static func exchange(_ bytes: [UInt8]) {
        guard let raw = try? DocumentDecoder().decode(Data(bytes)) else { return }
        _ = try? DocumentValidator().validate(raw)
    }

    /// Our JSON parser, the writer on what it accepts, and a parse of the written text.
    @Sendable package static func json(_ bytes: [UInt8]) {
        guard let value = try? JSONParser().parse(bytes) else { return }
        let text = JSONWriter().bytes(value)
        _ = try? JSONParser().parse(text)
    }

    /// The extract CSV reader (small blocks and two workers, to reach the block-joining code; a
    /// small line limit, so lines over it are found both by the block reader and by the parser)
    /// and the statistics on what it reads.
    @Sendable package static func extract(_ bytes: [UInt8]) {
        var reader = ExtractReader(catalog: BuiltInCatalogs.standard)
        // The first byte picks one or two workers, so both the single and the joining path run.
        reader.blockSize = 64
        reader.lineLimit = 100
        reader.workers = 1 + Int(bytes.first ?? 0) % 2
        guard let extract = try? reader.read(Data(bytes)) else { return }
        for rule in BaselineRule.allCases {
            _ = extract.statistics(by: .theme, rule: rule)
        }
    }

    /// The tariff CSV parser (`ffb tariff import`): tokenizer limits, rows, overlaps.
    @Sendable package static func tariff(_ bytes: [UInt8]) {
        _ = try? TariffCSV.parse(bytes)
    }

    /// The progression settings file parser, from bytes (its UTF-8 and size checks included).
    @Sendable package static func settings(_ bytes: [UInt8]) {
        _ = try? ProgressionSettings.parse(bytes)
    }

    /// The argument parser on NUL-separated words, against a tree shaped like ffb's.
    @Sendable package static func arguments(_ bytes: [UInt8]) {
        let words = bytes.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        _ = try? ArgumentParser(root: sampleTree).parse(words)
    }

    static let sampleTree = CommandSpec("ffb", abstract: "fuzz", subcommands: [
        CommandSpec("catalog", abstract: "", subcommands: [
            CommandSpec("list", abstract: "", options: [
                OptionSpec("kind", value: "KIND", help: "", required: true, allowed: ["themes", "areas"]),
                OptionSpec("format", help: "", allowed: ["table", "json", "csv"]),
            ]),
            CommandSpec("show", abstract: "", positionals: [PositionalSpec("CODE", help: "")]),
        ]),
        CommandSpec("assess", abstract: "", options: [
            OptionSpec("theme", kind: .repeated, help: ""),
            OptionSpec("date", help: ""),
            .flag("interactive", short: "i", help: ""),
        ]),
        CommandSpec("import", abstract: "", options: [OptionSpec("db", help: "")], positionals: [PositionalSpec("FILE", help: "", variadic: true)]),
    ])
}
