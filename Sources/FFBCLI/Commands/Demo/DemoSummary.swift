import FFBWorkflows
import Foundation

/// What the demo tells a new user: what happened, where to look, what to try next.
enum DemoSummary {
    static func print(_ outcome: DemoScenario.Outcome, directory: URL, seconds: Double, to out: OutputSink) {
        let path = directory.path
        let share = outcome.improvedShare.map { "\(Int(($0 * 100).rounded())) %" } ?? "–"
        out.line("FFBKit demo — done in \(String(format: "%.1f", seconds)) s. Synthetic people only; no real CPR numbers.")
        out.line("")
        out.line("  1. The municipality (authority) registered \(outcome.citizens) citizens, opened their cases, assessed them")
        out.line("     and ordered support from \(outcome.providers.count) providers: \(outcome.orders) orders with \(outcome.goals) goals.")
        out.line("  2. The orders went to the providers as exchange documents, and the providers imported them.")
        out.line("  3. The providers followed up \(outcome.followUps) times over two years and reported back;")
        out.line("     the municipality imported the reports (\(outcome.exchanged) documents exchanged in all).")
        out.line("  4. Statistics and costs: \(share) of citizen-theme pairs improved. The report is written.")
        out.line("")
        out.line("Look at:")
        out.line("  \(path)/report.html        the analyst report (open it in a browser)")
        out.line("  \(path)/ffb.sqlite         the municipality's store")
        out.line("  \(path)/provider.sqlite    the providers' store")
        out.line("  \(path)/exchange/          the order and follow-up documents that travelled between them")
        out.line("")
        out.line("Try next:")
        out.line("  ffb stats --db \(path)/ffb.sqlite --by area")
        out.line("  ffb stats --db \(path)/ffb.sqlite --goals")
        out.line("  ffb stats --db \(path)/ffb.sqlite --cost --by provider")
        out.line("  ffb list orders --db \(path)/ffb.sqlite")
        out.line("  ffb progress --db \(path)/ffb.sqlite --citizen $(ffb citizen list --db \(path)/ffb.sqlite --format csv | sed -n 2p | cut -d, -f1)")
        out.line("  ffb catalog search bolig")
    }
}
