import FFBCatalog
import FFBCommandLine
import FFBExchange
import FFBFiles
import FFBJSON
import FFBModel
import FFBStore
import FFBWorkflows
import Foundation

/// `ffb export`: native exchange documents, KL FHIR messages and reports, and the analytic extract.
enum ExportCommand: Command {
    static let kinds = ["order", "follow-up-report", "assessment", "extract"]

    static let spec = CommandSpec(
        "export",
        abstract: "Write exchange documents (native or KL FHIR) or the pseudonymised analytic extract.",
        discussion: """
        --kind writes one native document: an order (--id ORDER), a follow-up report (--id FOLLOW-UP), \
        an assessment (--id ASSESSMENT) or an extract of whole cases (all citizens, or --citizen). The \
        same records always give the same document, so export → import → export is a fixed point. \
        --fhir order writes a KL FFB order message (messaging IG 1.0.0); an order lacking what KL's profiles \
        require (the citizen's phone, the purpose, the payer's account number) is refused with what to \
        record and how. --fhir reporting writes KL DeliveryReport bundles (reporting IG 1.0.0), one per \
        citizen per day with changes, into --out DIR; it needs the municipality's KOMBIT STS organisation \
        id (--reporting-organisation). \
        --extract csv|json writes the pseudonymised analytic extract (no CPR numbers, no names). \
        Files that hold CPR numbers are created readable by their owner only (0600).
        """,
        options: StoreOptions.personalViewOptions + [
            OptionSpec("kind", value: "KIND", help: "A native document.", allowed: kinds),
            OptionSpec("fhir", value: "WHAT", help: "A KL FHIR order message or the reporting bundles.", allowed: ["order", "reporting"]),
            OptionSpec("id", value: "ID", help: "The order, follow-up or assessment (its id or first 8+ characters)."),
            OptionSpec("citizen", value: "CITIZEN", help: "With --kind extract or --fhir reporting: one citizen (pseudonym or CPR)."),
            OptionSpec("out", value: "PATH", help: "The file to write (a directory for --fhir reporting).", required: true),
            OptionSpec("sender-name", value: "NAME", help: "With --kind extract: the sending organisation.", defaultDescription: "FFBKit"),
            OptionSpec("sender-id", value: "ID", help: "With --kind extract: its identifier.", defaultDescription: "ffbkit"),
            OptionSpec("reporting-organisation", value: "ID", help: "With --fhir reporting: the municipality's KOMBIT STS organisation id (a UUID; required)."),
            OptionSpec("case-system", value: "URL", help: "With --fhir reporting: the identifier system of case numbers.",
                       defaultDescription: DeliveryReportSettings.defaultCaseSystem),
        ] + ExtractExport.options + [.quiet],
        examples: [
            "ffb export --kind order --id 3f2a9c1e --out order.json",
            "ffb export --kind follow-up-report --id 7d1e4b20 --out follow-up.json",
            "ffb export --fhir order --id 3f2a9c1e --out order-message.json",
            "ffb export --fhir reporting --reporting-organisation 7f3c9a1e-2b4d-4e8f-9a6b-1c2d3e4f5a6b --out reports/",
        ]
    )

    static func run(_ arguments: ParsedArguments, context: CommandContext) throws(CLIError) {
        let chosen = ["kind", "fhir", "extract"].filter { arguments.value($0) != nil }
        guard chosen.count == 1 else {
            throw .usage(UsageError("give exactly one of --kind, --fhir or --extract", command: arguments.commandPath))
        }
        if arguments.value("extract") != nil { return try ExtractExport.run(arguments, context: context) }
        let out = try arguments.requiredValue("out")
        if arguments.value("fhir") == "reporting" { return try exportReporting(arguments, out: out, context: context) }
        let path = try OutputOptions.path(arguments, context: context)
        let (document, summary) = try StoreOptions.readPersonal(arguments, context: context) { store throws -> ((JSONValue, String), shown: [Pseudonym]) in
            let (document, summary, citizens) = try exportDocument(arguments, exporter: ExchangeExporter(store: store))
            // A document names its citizens by CPR number (KL's profiles do): whose it is, for the access log.
            return ((document, summary), try citizens.map { try store.citizen($0.digits).pseudonym })
        }
        try OutputOptions.write(JSONWriter.fileText(document), to: path, shown: out)
        context.stdout.line("Wrote \(out): \(summary).")
    }

    private static func exportDocument(_ arguments: ParsedArguments, exporter: ExchangeExporter) throws(CLIError) -> (JSONValue, String, [CPRNumber]) {
        do {
            if arguments.value("fhir") == "order" {
                var writer = OrderMessageWriter()
                if let system = arguments.value("case-system") { writer.caseSystem = system }
                let id = try requiredID(arguments)
                let message = try exporter.orderMessage(id, writer: writer)
                return (message, "KL FHIR order message \(message["id"]?.stringValue ?? "")", try exporter.order(id).content.citizens)
            }
            let kind = try arguments.requiredValue("kind")
            let exported: ExportedContent = switch kind {
            case "order": try exporter.order(try requiredID(arguments))
            case "follow-up-report": try exporter.followUpReport(try requiredID(arguments))
            case "assessment": try exporter.assessment(try requiredID(arguments))
            default: try exporter.extract(citizen: arguments.value("citizen"), sender: try extractSender(arguments))
            }
            let document = NativeWriter().document(exported)
            return (document, "\(kind) document \(document["id"]?.stringValue ?? "")", exported.content.citizens)
        } catch {
            throw CLIError(error)
        }
    }

    private static func extractSender(_ arguments: ParsedArguments) throws(CLIError) -> Organization {
        do {
            return try Organization(name: arguments.value("sender-name") ?? "FFBKit", identifier: arguments.value("sender-id") ?? "ffbkit")
        } catch {
            throw .invalid(error.message)
        }
    }

    private static func requiredID(_ arguments: ParsedArguments) throws(CLIError) -> String {
        guard let id = arguments.value("id") else { throw .usage(UsageError("this export needs --id", command: arguments.commandPath)) }
        return id
    }

    private static func exportReporting(_ arguments: ParsedArguments, out: String, context: CommandContext) throws(CLIError) {
        let directory = try OutputOptions.path(arguments, context: context, directory: true)
        var settings = DeliveryReportSettings()
        guard let organisation = arguments.value("reporting-organisation") else {
            throw .invalid("""
                KL's DeliveryReport names the reporting municipality by its KOMBIT STS organisation id \
                (system \(DeliveryReportSettings.stsOrganisationSystem)), and none was given: give it with --reporting-organisation ID
                """)
        }
        guard DeliveryReportSettings.isSTSOrganisationID(organisation) else {
            throw .invalid("--reporting-organisation: \"\(organisation)\" is not a KOMBIT STS organisation id (a UUID such as 7f3c9a1e-2b4d-4e8f-9a6b-1c2d3e4f5a6b)")
        }
        settings.reportingOrganisation = organisation
        if let system = arguments.value("case-system") { settings.caseSystem = system }
        // Written citizen by citizen as they are built (bounded memory), named all together at the
        // end: if the export fails part way, no bundle is left, so it writes all or nothing.
        do {
            try OutputFile.makeDirectory(directory)
        } catch {
            throw .invalid("cannot write the reports (\(error.description))", file: out)
        }
        let batch = OutputFile.Batch(folder: directory)
        var written = 0
        var citizens = 0
        try context.withProgress(arguments, "export", unit: "citizens") { progress throws(CLIError) in
            // The bundles carry CPR numbers: whose are written is logged, and if that fails none is named.
            try StoreOptions.readPersonal(arguments, context: context) { store in
                var shown: [Pseudonym] = []
                try DeliveryReportExporter(store: store, settings: settings)
                    .forEachCitizenReports(citizen: arguments.value("citizen"), progress: progress) { reports in
                        if let citizen = reports.first?.citizen { citizens += 1; shown.append(citizen) }
                        for report in reports {
                            do throws(OutputWriteError) {
                                try batch.write(Array(JSONWriter.fileText(report.bundle).utf8), named: report.fileName)
                            } catch {
                                throw CLIError.invalid("cannot write the reports (\(error.description))", file: out)
                            }
                            written += 1
                        }
                    }
                return ((), shown)
            }
        }
        // Named only once whose bundles they are is logged: a failure before this leaves none.
        do throws(OutputWriteError) {
            try batch.commit()
        } catch {
            throw .invalid("cannot write the reports (\(error.description))", file: out)
        }
        context.stdout.line("Wrote \(written) DeliveryReport bundle\(written == 1 ? "" : "s") for \(citizens) citizen\(citizens == 1 ? "" : "s") to \(out).")
    }
}

extension CLIError {
    init(exporting error: ExportError) {
        switch error {
        case .notFound(let message), .refused(let message): self = .invalid(message)
        case .store(let message): self = .store(message)
        }
    }
}
