import FFBCatalog
import FFBWorkflows
import Foundation

/// What the demo tells a new user: what happened, where to look, what to try next.
enum DemoSummary {
    /// `ffb` is how the reader runs this binary (`Invocation`): the "Try next" lines run as printed.
    static func print(_ outcome: DemoScenario.Outcome, directory: URL, seconds: Double, ffb: String, language: Language, to out: OutputSink) {
        let path = directory.path
        let store = Invocation.shellQuoted(path + "/ffb.sqlite")
        let share = outcome.improvedShare.map { "\(Int(($0 * 100).rounded())) %" } ?? "–"
        let lang = language
        out.line(lang.pick("FFBKit-demo — færdig på \(String(format: "%.1f", seconds)) s. Kun syntetiske personer; ingen rigtige CPR-numre.",
                           "FFBKit demo — done in \(String(format: "%.1f", seconds)) s. Synthetic people only; no real CPR numbers."))
        out.line("")
        out.line(lang.pick(
            "  1. Kommunen (myndigheden) registrerede \(outcome.citizens) borgere, oprettede deres sager, udredte dem",
            "  1. The municipality (authority) registered \(outcome.citizens) citizens, opened their cases, assessed them"))
        out.line(lang.pick(
            "     og bestilte støtte hos \(outcome.providers.count) udførere: \(outcome.orders) bestillinger med \(outcome.goals) mål.",
            "     and ordered support from \(outcome.providers.count) providers: \(outcome.orders) orders with \(outcome.goals) goals."))
        out.line(lang.pick("  2. Bestillingerne gik til udførerne som udvekslingsdokumenter, og udførerne indlæste dem.",
                           "  2. The orders went to the providers as exchange documents, and the providers imported them."))
        out.line(lang.pick("  3. Udførerne fulgte op \(outcome.followUps) gange over to år og rapporterede tilbage;",
                           "  3. The providers followed up \(outcome.followUps) times over two years and reported back;"))
        out.line(lang.pick("     kommunen indlæste rapporterne (\(outcome.exchanged) dokumenter udvekslet i alt).",
                           "     the municipality imported the reports (\(outcome.exchanged) documents exchanged in all)."))
        out.line(lang.pick("  4. Statistik og omkostninger: \(share) af borger-tema-parrene blev bedre. Rapporten er skrevet.",
                           "  4. Statistics and costs: \(share) of citizen-theme pairs improved. The report is written."))
        out.line("")
        out.line(lang.pick("Se:", "Look at:"))
        out.line("  \(path)/report.html        " + lang.pick("analytikerens rapport (åbn den i en browser)", "the analyst report (open it in a browser)"))
        out.line("  \(path)/ffb.sqlite         " + lang.pick("kommunens database", "the municipality's store"))
        out.line("  \(path)/provider.sqlite    " + lang.pick("udførernes database", "the providers' store"))
        out.line("  \(path)/exchange/          " + lang.pick("bestillinger og opfølgninger, som de gik mellem dem", "the order and follow-up documents that travelled between them"))
        out.line("")
        out.line(lang.pick("Prøv derefter:", "Try next:"))
        out.line("  \(ffb) stats --db \(store) --by area")
        out.line("  \(ffb) stats --db \(store) --goals")
        out.line("  \(ffb) stats --db \(store) --cost --by provider")
        out.line("  \(ffb) list orders --db \(store)")
        out.line("  \(ffb) progress --db \(store) --citizen $(\(ffb) citizen list --db \(store) --format csv | sed -n 2p | cut -d, -f1)")
        out.line("  \(ffb) catalog search bolig")
        if ffb != "ffb" {
            out.line("")
            out.line(lang.pick("Læg ffb i din PATH for at skrive blot `ffb` (README, \"Installing ffb\").",
                               "To type plain `ffb`, put it on your PATH (README, \"Installing ffb\")."))
        }
    }
}
