import FFBCatalog
import FFBModel
import FFBParallel
import FFBProgression
import FFBStore
import Foundation

/// Reads a store into the progression engine's domain values. Records marked entered in error are
/// left out; when a theme has two levels on one day, the later record wins.
public enum StoreProgressionLoader {
    /// Everyone in the store, in a few ordered passes: the levels in one, the orders, goals and
    /// follow-ups in one each (read while the levels' entries are). `progress` counts theme
    /// entries read.
    public static func load(_ store: any CaseStore, progress: WorkProgress = .none) throws -> ProgressionData {
        var noExtract: ExtractBuilder?
        return try load(store, progress: progress, extract: &noExtract)
    }

    /// `load`, and everyone's levels in the extract's compact form too (what statistics by theme,
    /// area or nothing read fastest), from the same pass.
    public static func loadWithExtract(_ store: any CaseStore, progress: WorkProgress = .none) throws -> (data: ProgressionData, extract: Extract) {
        var builder: ExtractBuilder? = ExtractBuilder(themes: store.catalog.themes)
        let data = try load(store, progress: progress, extract: &builder)
        return (data, builder!.build())
    }

    private static func load(_ store: any CaseStore, progress: WorkProgress, extract: inout ExtractBuilder?) throws -> ProgressionData {
        let themes = store.catalog.themes, codes = themes.map(\.code), withExtract = extract != nil
        // Each run of citizens made into series (and the extract's form) on the store's workers
        // while the courses are read here; then joined in citizen order.
        var courses: [Pseudonym: [(course: OrderCourse, write: Int64)]] = [:]
        let runs = try store.mapAllCitizenRuns(progress: progress, order: .registered, meanwhile: { () throws(StoreError) in
            courses = try coursesByCitizen(store, goalsAlongside: true)
        }, run: { citizens in
            var run = CitizenRun(extract: withExtract ? ExtractBuilder(themes: themes) : nil)
            citizens { citizen, scored in
                run.levels.append((citizen, series(scored, themes: codes)))
                if run.extract != nil { add(scored, to: &run.extract!) }
            }
            return run
        })
        var levels = [Pseudonym: [KLCode: LevelSeries]](minimumCapacity: runs.reduce(0) { $0 + $1.levels.count })
        var ordered: [OrderCourse] = []
        for run in runs {
            for (citizen, series) in run.levels {
                levels[citizen] = series
                ordered += byIssued(courses.removeValue(forKey: citizen) ?? [])
            }
            if let part = run.extract { extract?.append(part) }
        }
        return ProgressionData(catalog: store.catalog, levels: levels, courses: ordered)
    }

    /// A run of citizens' levels as series, and in the extract's form when one is made.
    private struct CitizenRun: Sendable {
        var levels: [(citizen: Pseudonym, series: [KLCode: LevelSeries])] = []
        var extract: ExtractBuilder?
    }

    /// Everyone in the store one citizen at a time, in `order`: the citizen's levels by theme and
    /// courses (in the order the orders were created), as `load` gives them, without holding
    /// everyone's levels (a streaming export holds one citizen's). `progress` counts theme
    /// entries read.
    public static func forEachCitizen(
        _ store: any CaseStore, order: CitizenOrder, progress: WorkProgress = .none,
        _ body: (Pseudonym, [KLCode: LevelSeries], [OrderCourse]) -> Void
    ) throws {
        let themes = store.catalog.themes.map(\.code)
        try forEachCitizen(store, order: order, progress: progress) { citizen, scored, courses in
            body(citizen, series(scored, themes: themes), courses)
        }
    }

    /// One citizen as `mapCitizenRuns` hands them: the pseudonym, the courses (in the order the
    /// orders were created) and the levels, theme by theme.
    public struct CitizenSeries {
        public let citizen: Pseudonym
        public let courses: [OrderCourse]
        fileprivate let scored: [ScoredLevel]

        /// The citizen's levels as series in catalogue order: the theme's position in
        /// `store.catalog.themes`, and its points (what a writer that goes theme by theme takes,
        /// with no dictionary made per citizen).
        public func forEachSeries(_ body: (Int, ArraySlice<LevelSeries.Point>) -> Void) {
            StoreProgressionLoader.forEachSeries(scored) { theme, points in body(Int(theme), points) }
        }
    }

    /// Everyone in the store, in `order`, in runs of citizens that the store's workers take in
    /// turn: `run` gets a run's citizens one at a time (through the function it is given) and
    /// what it returns goes to `consume`, run by run in citizen order. A streaming export makes
    /// its text on two cores and holds a few runs' text at a time. `progress` counts theme
    /// entries read.
    public static func mapCitizenRuns<Value: Sendable>(
        _ store: any CaseStore, order: CitizenOrder, progress: WorkProgress = .none,
        run: @escaping @Sendable (_ citizens: ((CitizenSeries) -> Void) -> Void) -> Value, consume: (Value) -> Void
    ) throws {
        let courses = CoursesByCitizen()
        try store.mapCitizenRuns(progress: progress, order: order, meanwhile: { () throws(StoreError) in
            courses.byCitizen = try coursesByCitizen(store, goalsAlongside: false)
        }, run: { citizens in
            run { each in
                withoutActuallyEscaping(each) { each in
                    citizens { citizen, scored in each(CitizenSeries(citizen: citizen, courses: byIssued(courses.byCitizen[citizen] ?? []), scored: scored)) }
                }
            }
        }, consume: consume)
    }

    /// Every citizen's courses, made by `mapCitizenRuns` before its runs start and only read by them.
    private final class CoursesByCitizen: @unchecked Sendable {
        var byCitizen: [Pseudonym: [(course: OrderCourse, write: Int64)]] = [:]
    }

    /// The pass behind the others: each citizen's levels as the store hands them, and courses.
    private static func forEachCitizen(
        _ store: any CaseStore, order: CitizenOrder, progress: WorkProgress, _ body: (Pseudonym, [ScoredLevel], [OrderCourse]) -> Void
    ) throws {
        var courses: [Pseudonym: [(course: OrderCourse, write: Int64)]] = [:]
        try store.forEachCitizenLevels(progress: progress, order: order, meanwhile: { () throws(StoreError) in
            courses = try coursesByCitizen(store, goalsAlongside: false)
        }) { citizen, scored in
            body(citizen, scored, byIssued(courses.removeValue(forKey: citizen) ?? []))
        }
    }

    /// Every citizen's courses, as the orders are read (the order written), each with the write
    /// that recorded its order: `byIssued` puts a citizen's in the order `orders(of:)` lists them.
    /// With `goalsAlongside`, the goals are read on a second connection while the follow-ups,
    /// ends and municipalities are read here (about as long): faster, but the two reads' records
    /// meet the levels' in memory, which a streaming export bounded in memory cannot afford.
    /// Then each order is made into its course as it is read, so no order waits for its goals.
    private static func coursesByCitizen(_ store: any CaseStore, goalsAlongside: Bool) throws(StoreError) -> [Pseudonym: [(course: OrderCourse, write: Int64)]] {
        do {
            func here() throws -> (CourseRecords<FollowUpOutcome>, [UUID: OrderEnd], [String: Municipality]) {
                (CourseRecords(try store.followUpOutcomesByOrder()), try store.orderEnds(), try store.caseMunicipalities())
            }
            let ((followUps, ends, municipalities), goals) = goalsAlongside
                ? try store.alongside({ there in CourseRecords(try there.currentGoalsByOrder()) }, here)
                : (try here(), CourseRecords(try store.currentGoalsByOrder()))
            // Each order's goals and follow-ups are taken out as its course is made.
            var courses: [Pseudonym: [(course: OrderCourse, write: Int64)]] = [:]
            try store.forEachOrder { stored in
                guard stored.enteredInError == nil else { return }
                let order = stored.value
                let course = course(order, goals: goals.take(order.id), followUps: followUps.take(order.id), end: ends[order.id],
                                    municipality: municipalities[order.caseNumber])
                courses[order.citizen, default: []].append((course, stored.recorded.id))
            }
            return courses
        } catch {
            throw StoreError.from(error)
        }
    }

    /// Records by order id, read on one connection and taken out on another thread.
    private final class CourseRecords<Record: Sendable>: @unchecked Sendable {
        private var byOrder: [UUID: [Record]]

        init(_ byOrder: [UUID: [Record]]) {
            self.byOrder = byOrder
        }

        /// The order's records, taken out (none when it has none).
        func take(_ order: UUID) -> [Record] {
            byOrder.removeValue(forKey: order) ?? []
        }
    }

    /// A citizen's courses, read in the order written, in the order `orders(of:)` lists their
    /// orders (`Store.byIssued`).
    private static func byIssued(_ courses: [(course: OrderCourse, write: Int64)]) -> [OrderCourse] {
        Store.byIssued(courses, issued: { $0.course.order.issued }, write: { $0.write }).map(\.course)
    }

    /// One citizen's levels added to an extract.
    private static func add(_ scored: [ScoredLevel], to builder: inout ExtractBuilder) {
        builder.beginCitizen()
        forEachSeries(scored) { theme, points in builder.addSeries(theme: theme, points: points) }
    }

    /// Everyone's levels in the engine's compact form, in one ordered pass and nothing else:
    /// what statistics by theme, area or nothing need, read the way an extract file is.
    /// `progress` counts theme entries read.
    public static func extract(_ store: any CaseStore, progress: WorkProgress = .none) throws -> Extract {
        let themes = store.catalog.themes
        // Built in runs of citizens on the store's workers, each joined on as it is done.
        var builder = ExtractBuilder(themes: themes)
        try store.mapCitizenRuns(progress: progress, order: .registered, meanwhile: {}, run: { citizens in
            var part = ExtractBuilder(themes: themes)
            citizens { _, scored in add(scored, to: &part) }
            return part
        }) { builder.append($0) }
        return builder.build()
    }

    /// The given citizens only, read by the store's per-citizen queries: one citizen's view costs
    /// what that citizen's records cost, whatever the size of the store.
    public static func load(_ store: any CaseStore, citizens: [Pseudonym]) throws -> ProgressionData {
        try loadWithFollowUps(store, citizens: citizens).data
    }

    /// `load(_:citizens:)`, and each of their orders' follow-ups that count (in the order a
    /// course reads them), from the same reads: what `progress` judges overdue by.
    public static func loadWithFollowUps(_ store: any CaseStore, citizens: [Pseudonym]) throws -> (data: ProgressionData, followUps: [UUID: [FollowUpOutcome]]) {
        var followUps: [UUID: [FollowUpOutcome]] = [:]
        let themes = store.catalog.themes.map(\.code)
        let position = Dictionary(themes.enumerated().map { ($1, Int16($0)) }, uniquingKeysWith: { first, _ in first })
        var levels: [Pseudonym: [KLCode: LevelSeries]] = [:]
        var courses: [OrderCourse] = []
        for citizen in citizens {
            var scored: [ScoredLevel] = []
            for stored in try store.assessments(of: citizen) where stored.enteredInError == nil {
                let day = Int32(stored.value.date.dayNumber)
                for entry in stored.value.entries {
                    guard let level = entry.level, let theme = position[entry.theme] else { continue }
                    scored.append(ScoredLevel(theme: theme, day: day, level: level.level.map { Int8($0.rawValue) } ?? ScoredLevel.notAssessed))
                }
            }
            // The whole-store pass's order: theme, date, then the order written (as listed).
            let ordered = scored.indices.sorted { (scored[$0].theme, scored[$0].day, $0) < (scored[$1].theme, scored[$1].day, $1) }.map { scored[$0] }
            levels[citizen] = series(ordered, themes: themes)
            let ends = try store.orderEnds(of: citizen)
            let municipalities = Dictionary(try store.cases(of: citizen).map { ($0.value.caseNumber, $0.value.municipality) }, uniquingKeysWith: { _, last in last })
            for stored in try store.orders(of: citizen) where stored.enteredInError == nil {
                let order = stored.value
                let counted = followUpsThatCount(try store.followUps(of: order.id))
                followUps[order.id] = counted
                courses.append(course(order, goals: try store.goals(of: order.id).currentVersions, followUps: counted, end: ends[order.id],
                                      municipality: municipalities[order.caseNumber]))
            }
        }
        return (ProgressionData(catalog: store.catalog, levels: levels, courses: courses), followUps)
    }

    /// A citizen's levels (ordered as `forEachSeries` takes them) as the engine's series by
    /// theme code; `themes` are the catalogue's theme codes, which `ScoredLevel.theme` indexes.
    static func series(_ scored: [ScoredLevel], themes: [KLCode]) -> [KLCode: LevelSeries] {
        // Sized for the citizen's themes at once (they come theme by theme): no table grown and
        // every code hashed again on the way.
        let themeCount = scored.indices.dropFirst().reduce(scored.isEmpty ? 0 : 1) { $0 + (scored[$1].theme != scored[$1 - 1].theme ? 1 : 0) }
        var byTheme = [KLCode: LevelSeries](minimumCapacity: themeCount)
        forEachSeries(scored) { theme, points in byTheme[themes[Int(theme)]] = LevelSeries(points: Array(points)) }
        return byTheme
    }

    /// A citizen's levels, ordered by theme, date and the order written, as one series per
    /// theme; when a theme has two levels on one day, the later record wins.
    static func forEachSeries(_ scored: [ScoredLevel], _ body: (Int16, ArraySlice<LevelSeries.Point>) -> Void) {
        var points: [LevelSeries.Point] = []
        points.reserveCapacity(scored.count)
        var lower = 0
        for (index, entry) in scored.enumerated() {
            if index > 0, entry.theme != scored[index - 1].theme {
                body(scored[index - 1].theme, points[lower...])
                lower = points.count
            }
            if points.count > lower, points[points.count - 1].day == entry.day {
                points[points.count - 1].level = entry.level
            } else {
                points.append(LevelSeries.Point(day: entry.day, level: entry.level))
            }
        }
        if let last = scored.last { body(last.theme, points[lower...]) }
    }

    /// An order's follow-ups that count (not entered in error), as a course reads them.
    static func followUpsThatCount(_ recorded: [Stored<StoredFollowUp>]) -> [FollowUpOutcome] {
        recorded.filter { $0.enteredInError == nil }.map {
            FollowUpOutcome(date: $0.value.date, supportLevel: $0.value.supportLevel, status: $0.value.status, nextFollowUp: $0.value.nextFollowUp)
        }
    }

    /// An order's course: its current goals, its support spells, and when it ended (the store's
    /// `orderEnds`: a follow-up that ended it, its explicit ending or its case's closing).
    static func course(
        _ order: Order, goals: [Goal], followUps: [FollowUpOutcome], end: OrderEnd?, municipality: Municipality? = nil
    ) -> OrderCourse {
        var spells = [SupportSpell(from: order.start, level: order.supportLevel)]
        for followUp in followUps {
            guard let level = followUp.supportLevel else { continue }
            if spells.last?.from == followUp.date { spells.removeLast() }
            spells.append(SupportSpell(from: followUp.date, level: level))
        }
        return OrderCourse(order: order, goals: goals, supportSpells: spells, end: end?.date, municipality: municipality)
    }
}
