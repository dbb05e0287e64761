import FFBCatalog
import FFBJSON
import FFBModel
import FFBParallel
import FFBExchange
import FFBStore
import Foundation

/// One KL DeliveryReport: a citizen's changes on one day.
public struct DeliveryReport: Sendable {
    public var citizen: Pseudonym
    public var day: LocalDate
    public var bundle: JSONValue

    /// `DeliveryReport-YYYY-MM-DD-BUNDLEID.json`. The bundle must carry the CPR number (KL's
    /// profile requires the Patient's identifier), so its name must not carry the pseudonym: a
    /// file named by pseudonym and holding the CPR number would be the key that undoes the
    /// pseudonymisation of every extract. The bundle's own id is derived, not reversible.
    public var fileName: String { "DeliveryReport-\(day.iso)-\(bundle["id"]?.stringValue ?? "bundle").json" }
}

/// Writes KL FFB reporting (IG 1.0.0) DeliveryReport bundles from a store: one per citizen per
/// day with changes, each a snapshot of that day with everything its resources reference.
/// Ids are the records' own ids or derived from them, so a resource re-sent on a later day keeps
/// its id and is read by the receiver as an update (the guide's rule). See
/// `Docs/fhir/kl-reporting-1.0.0.md`.
public struct DeliveryReportExporter {
    public let store: any CaseStore
    public var settings: DeliveryReportSettings

    public init(store: any CaseStore, settings: DeliveryReportSettings = DeliveryReportSettings()) {
        self.store = store
        self.settings = settings
    }

    /// The reports of one citizen (pseudonym or CPR), or of every citizen.
    public func reports(citizen reference: String? = nil) throws(ExportError) -> [DeliveryReport] {
        var reports: [DeliveryReport] = []
        do {
            try forEachCitizenReports(citizen: reference) { reports += $0 }
        } catch {
            throw error as? ExportError ?? .store("\(error)")
        }
        return reports
    }

    /// The reports citizen by citizen (in pseudonym order), each citizen's read and built only
    /// when its turn comes, so a whole store's reports can be written out in bounded memory.
    /// `progress` counts citizens. The store's errors are `ExportError`s; an error `body` throws
    /// stops the export and is rethrown as it is.
    public func forEachCitizenReports(
        citizen reference: String? = nil, progress: WorkProgress = .none, _ body: ([DeliveryReport]) throws -> Void
    ) throws {
        guard let organisation = settings.reportingOrganisation, DeliveryReportSettings.isSTSOrganisationID(organisation) else {
            throw ExportError.refused("KL's DeliveryReport names the reporting municipality by its KOMBIT STS organisation id, and none (a UUID) is set")
        }
        let citizens: [Citizen]
        do {
            citizens = try reference.map { [try store.citizen($0)] } ?? store.citizens().map(\.value)
        } catch let error as StoreError {
            throw ExportError.from(error)
        }
        progress.start(total: citizens.count)
        for citizen in citizens.sorted(by: { $0.pseudonym < $1.pseudonym }) {
            let reports: [DeliveryReport]
            do {
                let history = try CitizenHistory(citizen: citizen, store: store)
                reports = history.changeDays.map { day in
                    var builder = DeliveryReportBuilder(history: history, day: day, settings: settings, catalog: store.catalog)
                    return DeliveryReport(citizen: citizen.pseudonym, day: day, bundle: builder.bundle())
                }
            } catch let error as StoreError {
                throw ExportError.from(error)
            }
            try body(reports)
            progress.advance()
        }
    }
}
