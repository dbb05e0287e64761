import FFBCatalog
import FFBModel
import FFBParallel
import FFBSQLite
import Foundation

/// What the application layer may ask of a case store, whatever holds it.
///
/// The workflows and the CLI see a store only through this protocol and `CaseStoreWriter`;
/// SQL stays inside the backend. `Store` (one SQLite file) is the backend today; a shared
/// server store implements the same two protocols with the same errors (`StoreError`).
///
/// Every write runs through `write(user:command:now:_:)`: one transaction, one audit row, all
/// or nothing. Reads see committed records only; a record marked entered in error is still
/// returned, carrying the reason, so a caller decides whether to show it.
public protocol CaseStore: AnyObject, AccessLogging, SharedStoreAdministration {
    /// The catalogue the store's codes are read against.
    var catalog: Catalog { get }
    /// Where the store lives, as a user named it (a file path for SQLite).
    var location: String { get }

    func close()

    /// Runs `body`'s reads on one consistent snapshot of the store (one read transaction): no
    /// write lands between its queries, and the store is locked and unlocked once, not per query.
    func snapshot<T>(_ body: () throws -> T) throws -> T

    /// Inside `snapshot`: `body` here, and `other` meanwhile on a second core, on a read-only
    /// connection of its own that sees the same committed state (two whole-store reads at once).
    /// Where no such connection can (a store in memory or on a server, or a write committed in
    /// between), `other` runs here after `body`, on this store.
    func alongside<Here, There: Sendable>(_ other: @escaping @Sendable (any CaseStore) throws -> There, _ body: () throws -> Here) throws -> (Here, There)

    /// Runs `body` as one transaction recorded as a write by `user` running `command`, its
    /// records judged by `rules` (what counts as today, a caseworker's reason for a late record).
    func write<T>(user: String, command: String, now: Date, rules: WriteRules, _ body: (any CaseStoreWriter) throws -> T) throws(StoreError) -> T

    // MARK: Citizens and cases

    /// A citizen by pseudonym, or by CPR number when `reference` is one.
    func citizen(_ reference: String) throws(StoreError) -> Citizen
    func citizens() throws(StoreError) -> [Stored<Citizen>]
    func cases(of citizen: Pseudonym) throws(StoreError) -> [Stored<CaseFile>]
    /// Every case's municipality by case number, in one pass (statistics by municipality).
    func caseMunicipalities() throws(StoreError) -> [String: Municipality]
    func caseFile(_ number: String) throws(StoreError) -> CaseFile

    // MARK: Clinical records

    /// A citizen's assessments and follow-up levels, oldest first.
    func assessments(of citizen: Pseudonym) throws(StoreError) -> [Stored<StoredAssessment>]
    /// Every level that counts, for whole-store analysis, in a few ordered passes: `body` is
    /// called once for every citizen, in `order`, with the citizen's levels by theme (catalogue
    /// order), then date, then the order they were written (none for a citizen not assessed
    /// yet). Records entered in error (a follow-up's levels with the follow-up) and entries
    /// without a level are left out. `meanwhile` runs first, on this store and in the same
    /// snapshot, while the entries are read elsewhere where the store allows it (read the rest of
    /// what the analysis needs there). `progress` advances by the entries read.
    func forEachCitizenLevels(
        progress: WorkProgress, order: CitizenOrder, meanwhile: () throws(StoreError) -> Void, _ body: (Pseudonym, [ScoredLevel]) -> Void
    ) throws(StoreError)
    /// The levels `forEachCitizenLevels` hands, in `order`, split into runs of consecutive
    /// citizens that the store's workers take in turn: `run` gets a run's citizens one at a time
    /// (through the function it is given), and what it returns goes to `consume`, run by run in
    /// citizen order, on the calling thread. Only a few runs' values wait at a time.
    func mapCitizenRuns<Value: Sendable>(
        progress: WorkProgress, order: CitizenOrder, meanwhile: () throws(StoreError) -> Void,
        run: @escaping @Sendable (_ citizens: ((Pseudonym, [ScoredLevel]) -> Void) -> Void) -> Value, consume: (Value) -> Void
    ) throws(StoreError)
    /// The runs `mapCitizenRuns` makes, every one kept and returned in citizen order. They are
    /// made on the store's workers as soon as the levels are read, while this thread still runs
    /// `meanwhile` (which they must not need): a whole-store load that keeps everything has its
    /// levels in hand when the rest is read.
    func mapAllCitizenRuns<Value: Sendable>(
        progress: WorkProgress, order: CitizenOrder, meanwhile: () throws(StoreError) -> Void,
        run: @escaping @Sendable (_ citizens: ((Pseudonym, [ScoredLevel]) -> Void) -> Void) -> Value
    ) throws(StoreError) -> [Value]
    /// Each theme's latest level for a citizen (assessments and follow-up levels that count),
    /// with its date, by theme code; themes never given a level are absent. One query.
    func latestLevels(of citizen: Pseudonym, onOrBefore day: LocalDate?) throws(StoreError) -> [KLCode: LatestLevel]
    /// An assessment (not follow-up levels) by id; nil when the store has none.
    func assessment(id: UUID) throws(StoreError) -> Stored<StoredAssessment>?
    /// An order by id or unambiguous id prefix.
    func order(_ reference: String) throws(StoreError) -> Stored<Order>
    /// Every order, or one citizen's, by the day issued, then the order written.
    func orders(of citizen: Pseudonym?) throws(StoreError) -> [Stored<Order>]
    /// Every order in the order written (not by the day issued, as `orders(of:)` lists them), one
    /// at a time: a whole-store pass that keeps less of each order than `Stored<Order>` does never
    /// holds all of them.
    func forEachOrder(_ body: (Stored<Order>) -> Void) throws(StoreError)
    /// Every version of every goal of an order.
    func goals(of orderID: UUID) throws(StoreError) -> [Stored<Goal>]
    /// A goal version by id or unambiguous id prefix.
    func goal(_ reference: String) throws(StoreError) -> Stored<Goal>
    /// The latest version of a goal series.
    func currentGoal(series seriesID: UUID) throws(StoreError) -> Stored<Goal>?
    func followUps(of orderID: UUID) throws(StoreError) -> [Stored<StoredFollowUp>]
    /// Every order's current goals (`currentVersions` of `goals(of:)`), by order (whole-store
    /// analysis: one pass, not one per order).
    func currentGoalsByOrder() throws(StoreError) -> [UUID: [Goal]]
    /// Every assessment (not follow-up levels) not entered in error, by citizen, each citizen's in
    /// the order `assessments(of:)` gives them, with the themes their entries name (whole-store
    /// listings: one pass, not one query per citizen).
    func assessmentThemesByCitizen() throws(StoreError) -> [Pseudonym: [AssessmentThemes]]
    /// What every follow-up that counts (not entered in error) decided, by order, each order's in
    /// the order `followUps(of:)` gives (whole-store analysis: one pass, and no notes).
    func followUpOutcomesByOrder() throws(StoreError) -> [UUID: [FollowUpOutcome]]
    /// Every follow-up of one citizen's orders, or of every order in one pass when `citizen` is nil.
    func followUps(ofCitizen citizen: Pseudonym?) throws(StoreError) -> [Stored<StoredFollowUp>]
    /// When each order ended, by order id; a running order has none. The one place the store
    /// decides it (a follow-up that ended it, its explicit ending, its case's closing: the earliest).
    func orderEnds() throws(StoreError) -> [UUID: OrderEnd]
    /// When each of a citizen's orders ended, by order id.
    func orderEnds(of citizen: Pseudonym) throws(StoreError) -> [UUID: OrderEnd]
    /// When one order ended; nil while it runs.
    func orderEnd(of order: UUID) throws(StoreError) -> OrderEnd?
    /// The closings of a citizen's cases, by case number.
    func caseClosings(of citizen: Pseudonym) throws(StoreError) -> [String: Stored<Closing>]
    /// The explicit endings (`ffb order end`) of a citizen's orders, by order id.
    func orderEndings(of citizen: Pseudonym) throws(StoreError) -> [String: Stored<Closing>]
    /// Every citizen with every name they have had (whole-store search: one pass).
    func citizenNames() throws(StoreError) -> [CitizenNames]
    /// Each citizen's caseworker: who recorded the citizen's newest assessment or order that counts.
    func caseworkers() throws(StoreError) -> [Pseudonym: String]
    /// A follow-up by id, with its levels; nil when the store has none.
    func followUp(id: UUID) throws(StoreError) -> (followUp: Stored<StoredFollowUp>, levels: StoredAssessment?)?
    /// The full id of a record given by id or unambiguous prefix (at least 8 characters).
    func resolveID(_ reference: String, kind: RecordKind) throws(StoreError) -> String

    // MARK: What KL's profiles require and what an imported message carried

    /// A citizen's newest name, phone number and address; nil when none was recorded.
    func contact(of citizen: Pseudonym) throws(StoreError) -> Stored<CitizenContact>?
    /// Every version of a citizen's name, phone number and address, oldest first.
    func contacts(of citizen: Pseudonym) throws(StoreError) -> [Stored<CitizenContact>]
    /// An order's newest purpose and payer account number; nil when none was recorded.
    func details(of order: UUID) throws(StoreError) -> OrderDetails?
    /// The KL order message an order came in, kept whole; nil for an order made here.
    func keptMessage(of order: UUID) throws(StoreError) -> StoredMessage?

    // MARK: Tariffs, exchange and the store itself

    func tariffs() throws(StoreError) -> [Tariff]
    /// Every imported exchange document, oldest first.
    func importedDocuments() throws(StoreError) -> [ImportedDocument]
    /// The warnings the given writes gave (an import's identity warnings), by write id.
    func warnings(ofWrites ids: Set<Int64>) throws(StoreError) -> [Int64: [String]]
    /// Checks everything the store promises: schema, append-only rules, audit chain, integrity.
    /// `progress` counts the store's pages as they are checked.
    func check(progress: WorkProgress) throws(StoreError) -> StoreCheckReport
    /// Records that break a plausibility rule (`Plausibility`) against `today` and what else the
    /// store holds, in the order they were written.
    func implausibleRecords(today: LocalDate, language: Language) throws(StoreError) -> [ImplausibleRecord]
}

extension CaseStore {
    public func check() throws(StoreError) -> StoreCheckReport {
        try check(progress: .none)
    }

    public func write<T>(user: String, command: String, rules: WriteRules = WriteRules(), _ body: (any CaseStoreWriter) throws -> T) throws(StoreError) -> T {
        try write(user: user, command: command, now: Date(), rules: rules, body)
    }

    public func forEachCitizenLevels(progress: WorkProgress = .none, _ body: (Pseudonym, [ScoredLevel]) -> Void) throws(StoreError) {
        try forEachCitizenLevels(progress: progress, order: .registered, meanwhile: {}, body)
    }

    public func latestLevels(of citizen: Pseudonym) throws(StoreError) -> [KLCode: LatestLevel] {
        try latestLevels(of: citizen, onOrBefore: nil)
    }

    public func orders() throws(StoreError) -> [Stored<Order>] {
        try orders(of: nil)
    }
}

/// The write side of one store transaction. Only `CaseStore.write` hands one out, so every
/// record it adds carries the same audit row and commits or rolls back with the others.
public protocol CaseStoreWriter {
    /// Registers a citizen under a fresh pseudonym; a CPR number already stored is an error
    /// that names the existing pseudonym, not the number.
    func addCitizen(cpr: CPRNumber, name: String) throws(StoreError) -> Citizen
    func openCase(_ caseFile: CaseFile) throws(StoreError)
    func record(_ assessment: Assessment) throws(StoreError)
    func createOrder(_ order: Order) throws(StoreError)
    /// A goal, or a new version of one (same series, next version number).
    func addGoal(_ goal: Goal) throws(StoreError)
    func record(_ followUp: FollowUp, citizen: Pseudonym, caseNumber: String?) throws(StoreError)
    /// A new version of a citizen's name, phone number and address; the older ones stay.
    func recordContact(_ contact: CitizenContact, of citizen: Pseudonym) throws(StoreError)
    /// A new version of an order's purpose and payer account number; the older ones stay.
    func recordDetails(_ details: OrderDetails, of order: UUID) throws(StoreError)
    /// Keeps the KL order message an order came in, once.
    func keepMessage(_ message: StoredMessage, of order: UUID) throws(StoreError)
    /// A warning kept with this write in the audit trail.
    func recordWarning(_ message: String) throws(StoreError)
    func markEnteredInError(kind: RecordKind, id: String, reason: String) throws(StoreError)
    /// Closes a case on a date, for a reason; its orders stop running then. Refused when the case
    /// is closed already, opened later, or has an order starting or followed up after the date.
    func closeCase(_ caseNumber: String, _ closing: Closing) throws(StoreError)
    /// Ends an order on a date, for a reason. Refused when it has ended already (by a follow-up,
    /// an ending or its case's closing), starts later, or was followed up after the date.
    func endOrder(_ order: UUID, _ closing: Closing) throws(StoreError)
    /// When an order ended, as this write sees the store; nil while it runs.
    func orderEnd(of order: UUID) throws(StoreError) -> OrderEnd?
    /// Adds tariffs; a period overlapping a stored tariff of the same provider and level is an error.
    func addTariffs(_ tariffs: [Tariff]) throws(StoreError)

    // MARK: Lookups inside the write, by the identities that travel between stores

    func citizen(cpr: CPRNumber) throws(StoreError) -> Citizen?
    func caseFile(number: String) throws(StoreError) -> CaseFile?
    func contains(_ kind: RecordKind, id: UUID) throws(StoreError) -> Bool
    func currentGoalVersion(series: UUID) throws(StoreError) -> (id: UUID, version: Int)?
    func enteredInErrorReason(_ kind: RecordKind, id: UUID) throws(StoreError) -> String?
    func importedDocument(id: String) throws(StoreError) -> ImportedDocument?
    func recordImportedDocument(_ document: ImportedDocument) throws(StoreError)
    /// A hint that this write is large: keep about this much of the store in memory.
    func reserveCache(megabytes: Int) throws(StoreError)
}

/// What an assessment was about: its case, date and the themes of its entries, in their order.
public struct AssessmentThemes: Sendable, Equatable {
    public let caseNumber: String?
    public let date: LocalDate
    public let themes: [KLCode]

    public init(caseNumber: String?, date: LocalDate, themes: [KLCode]) {
        self.caseNumber = caseNumber
        self.date = date
        self.themes = themes
    }
}

/// What a follow-up decided, as whole-store analysis reads it: the date, the support level set
/// (if any), whether the intervention goes on, and when the next follow-up is planned.
public struct FollowUpOutcome: Sendable, Equatable {
    public let date: LocalDate
    public let supportLevel: Assessed<SupportLevel>?
    public let status: FollowUpStatus
    /// The next follow-up it planned, if it planned one.
    public let nextFollowUp: LocalDate?

    public init(date: LocalDate, supportLevel: Assessed<SupportLevel>?, status: FollowUpStatus, nextFollowUp: LocalDate? = nil) {
        self.date = date
        self.supportLevel = supportLevel
        self.status = status
        self.nextFollowUp = nextFollowUp
    }
}

/// The order a whole-store pass hands citizens in.
public enum CitizenOrder: Sendable {
    /// The order they were registered in.
    case registered
    /// By pseudonym (as `Pseudonym` compares), the order of an analytic extract.
    case pseudonym
}

/// One theme's level on one day, compact, as a whole-store pass reads it (`forEachCitizenLevels`).
public struct ScoredLevel: Sendable, Equatable {
    /// The level of an entry "ikke vurderet".
    public static let notAssessed: Int8 = -1

    /// The theme's position in the store's catalogue (`catalog.themes`).
    public let theme: Int16
    /// The assessment's date as `LocalDate.dayNumber`.
    public let day: Int32
    /// 0…4, or `notAssessed`.
    public let level: Int8

    public init(theme: Int16, day: Int32, level: Int8) {
        self.theme = theme
        self.day = day
        self.level = level
    }
}

/// Opens case stores by address.
/// Who looked at whose personal data (both backends).
public protocol AccessLogging {
    /// Records that `user` is being shown these citizens' CPR numbers or names by `command`, one
    /// row each, before the view is printed; on a shared store the server names the role.
    func logAccess(to citizens: [Pseudonym], user: String, command: String, purpose: String?, now: Date) throws(StoreError)
    /// Every look at `citizen`'s personal data, oldest first (on a shared store, the owner only).
    func accessLog(of citizen: Pseudonym) throws(StoreError) -> [AccessLogEntry]
}

/// A shared store's administration (PostgreSQL only; an SQLite store refuses with `.invalid`).
public protocol SharedStoreAdministration {
    /// The login roles that work in the store, and for whom.
    func staff() throws(StoreError) -> [StaffRole]
    /// Adds a role (a login role made when the server has none by that name) or changes whom it
    /// works for. Only the store's owner may; the server refuses anyone else.
    func addStaff(_ role: StaffRole) throws(StoreError)
}

public enum CaseStores {
    /// Opens the store at `location`: an SQLite file (with `create`, made owner-only when it is
    /// missing), or a PostgreSQL database (`postgresql://…`; with `create`, its schema is made
    /// when the database has none).
    public static func open(_ location: String, create: Bool, catalog: Catalog = BuiltInCatalogs.standard) throws(StoreError) -> any CaseStore {
        try Store.open(path: location, create: create, catalog: catalog)
    }

    /// Copies every record of the store at `source` into the new, empty store at `target` (made
    /// when missing), SQLite or PostgreSQL either way; returns the rows copied per table.
    /// Copies the store at `source` into a new one at `target`. Every citizen's CPR number and name
    /// goes with it: the look is logged in the source first, as `user` (a look that cannot be
    /// logged is not taken).
    public static func copy(from source: String, to target: String, user: String, progress: WorkProgress) throws(StoreError) -> [(table: String, rows: Int)] {
        let from = try Store.open(path: source, create: false)
        defer { from.close() }
        try from.logAccessToEveryone(user: user, command: "ffb store copy", purpose: "a copy of the whole store", now: Date())
        // A store file this copy makes is removed again when the copy fails: no empty store is left.
        let made = !isServerAddress(target) && !FileManager.default.fileExists(atPath: target)
        do {
            let to = try Store.open(path: target, create: true)
            defer { to.close() }
            return try to.copy(from: from, progress: progress)
        } catch {
            if made { for path in StoreFiles.paths(forStoreAt: target) { try? FileManager.default.removeItem(atPath: path) } }
            throw error
        }
    }

    /// Whether `location` names a PostgreSQL database rather than an SQLite file.
    public static func isServerAddress(_ location: String) -> Bool {
        Database.isServerAddress(location)
    }

    /// The database role a server's address logs in as: who a shared store records as writing
    /// and looking (libpq settles it from the address, `PGUSER` or the login name).
    public static func loginRole(_ address: String) throws(StoreError) -> String {
        let database = try StoreError.mapping { () throws(SQLiteError) in try Database(server: address) }
        defer { database.close() }
        return try StoreError.mapping { () throws(SQLiteError) in try database.serverRole ?? "" }
    }

    /// `location` fit to print for the user to give again: a server's address with no password
    /// in it (libpq finds it in `PGPASSWORD` or `~/.pgpass`), a file's path as it is.
    public static func withoutPassword(_ location: String) -> String {
        isServerAddress(location) ? Database.addressWithoutPassword(location) : location
    }
}

extension Store: CaseStore {
    package var location: String { path }
}

extension StoreWriter: CaseStoreWriter {}
