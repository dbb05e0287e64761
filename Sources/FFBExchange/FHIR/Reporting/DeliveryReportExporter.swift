import FFBCatalog
import FFBJSON
import FFBModel
import FFBStore
import Foundation

/// One KL DeliveryReport: a citizen's changes on one day.
public struct DeliveryReport: Sendable {
    public var citizen: Pseudonym
    public var day: LocalDate
    public var bundle: JSONValue

    /// `P-XXXXXXXX-YYYY-MM-DD.json`: the pseudonym, never the CPR number, names the file.
    public var fileName: String { "\(citizen.rawValue)-\(day.iso).json" }
}

/// Writes KL FFB reporting (IG 1.0.0) DeliveryReport bundles from a store: one per citizen per
/// day with changes, each a snapshot of that day with everything its resources reference.
/// Ids are the records' own ids or derived from them, so a resource re-sent on a later day keeps
/// its id and is read by the receiver as an update (the guide's rule). See
/// `Docs/fhir/kl-reporting-1.0.0.md`.
public struct DeliveryReportExporter {
    public let store: Store
    public var settings: DeliveryReportSettings

    public init(store: Store, settings: DeliveryReportSettings = DeliveryReportSettings()) {
        self.store = store
        self.settings = settings
    }

    /// The reports of one citizen (pseudonym or CPR), or of every citizen.
    public func reports(citizen reference: String? = nil) throws(ExportError) -> [DeliveryReport] {
        do {
            let citizens = try reference.map { [try store.citizen($0)] } ?? store.citizens().map(\.value)
            var reports: [DeliveryReport] = []
            for citizen in citizens.sorted(by: { $0.pseudonym < $1.pseudonym }) {
                let history = try CitizenHistory(citizen: citizen, store: store)
                for day in history.changeDays {
                    var builder = DeliveryReportBuilder(history: history, day: day, settings: settings, catalog: store.catalog)
                    reports.append(DeliveryReport(citizen: citizen.pseudonym, day: day, bundle: builder.bundle()))
                }
            }
            return reports
        } catch let error as StoreError {
            throw .from(error)
        } catch {
            throw .store("\(error)")
        }
    }
}
