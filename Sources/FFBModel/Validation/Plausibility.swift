import FFBCatalog

/// A record that breaks no single value's rule but cannot be true against what is already known:
/// dated after today, before its case was opened, outside its order, or a goal whose expected
/// level contradicts its type. Messages name the rule and the dates, never personal data.
public struct ImplausibleRecord: Sendable, Equatable, CustomStringConvertible {
    public enum Rule: String, Sendable, CaseIterable {
        /// Dated after today: never allowed.
        case inTheFuture = "future-date"
        /// An assessment or order dated before its case was opened.
        case beforeCaseOpened = "before-case-opened"
        /// An assessment dated before the citizen was born (the CPR number's date).
        case beforeBirth = "before-birth"
        /// An assessment, order or goal on a case that was closed, or a goal on an ended order.
        case afterCaseClosed = "after-case-closed"
        /// A follow-up, or a goal's follow-up date, before its order starts.
        case beforeOrderStart = "before-order-start"
        /// A follow-up dated after its order ended.
        case afterOrderEnded = "after-order-ended"
        /// A goal's expected level against its type and the baseline.
        case goalAgainstBaseline = "goal-against-baseline"
    }

    public let rule: Rule
    public let message: String

    public init(_ rule: Rule, _ message: String) {
        self.rule = rule
        self.message = message
    }

    /// A record entered late (an assessment made before the case was registered) may predate its
    /// case when the caseworker says why (`--backdated-reason`). Nothing excuses a future date,
    /// a follow-up outside its order (record a new order, or correct the one that ended it) or a
    /// goal against its baseline (choose the goal type that fits).
    public var excusedByBackdating: Bool { rule == .beforeCaseOpened }

    public var description: String { message }
}

/// What a write is judged against: the day it counts as today, the caseworker's reason when a
/// record is knowingly entered before its case, and the language its refusals are read in.
public struct WriteRules: Sendable, Equatable {
    public let today: LocalDate
    public let backdatedReason: String?
    public let language: Language

    public init(today: LocalDate = .today, backdatedReason: String? = nil, language: Language = .en) {
        self.today = today
        self.backdatedReason = backdatedReason
        self.language = language
    }
}

/// The record a plausibility message is about, named in the reader's language.
public enum PlausibilitySubject: Sendable, Equatable {
    case assessment
    case followUp
    /// A goal's follow-up date.
    case goalFollowUp
    case order(String)
    case caseFile(String)
    case caseClosing(String)
    case orderEnding(String)
    /// A stored assessment by id and citizen (`ffb check`).
    case storedAssessment(String, citizen: String)
    case storedFollowUp(String)

    public func name(in language: Language) -> String {
        switch self {
        case .assessment: language.pick("udredningen", "the assessment")
        case .followUp: language.pick("opfølgningen", "the follow-up")
        case .goalFollowUp: language.pick("målets opfølgning", "the goal's follow-up")
        case .order(let id): language.pick("bestilling \(id)", "order \(id)")
        case .caseFile(let number): language.pick("sag \(number)", "case \(number)")
        case .caseClosing(let number): language.pick("afslutningen af sag \(number)", "the closing of case \(number)")
        case .orderEnding(let id): language.pick("afslutningen af bestilling \(id)", "the end of order \(id)")
        case .storedAssessment(let id, let citizen): language.pick("udredning \(id) for \(citizen)", "assessment \(id) of \(citizen)")
        case .storedFollowUp(let id): language.pick("opfølgning \(id)", "follow-up \(id)")
        }
    }
}

/// The plausibility rules, one function per kind of record, each given what the store knows, its
/// messages in `language`.
public struct Plausibility: Sendable {
    public let language: Language

    public init(language: Language) {
        self.language = language
    }

    private func t(_ da: String, _ en: String) -> String { language.pick(da, en) }

    public func dated(_ subject: PlausibilitySubject, _ date: LocalDate, today: LocalDate) -> ImplausibleRecord? {
        guard date > today else { return nil }
        let what = subject.name(in: language)
        return ImplausibleRecord(.inTheFuture, t("\(what) er dateret \(date), efter i dag (\(today))", "\(what) is dated \(date), after today (\(today))"))
    }

    public func onCase(_ subject: PlausibilitySubject, _ date: LocalDate, caseNumber: String, opened: LocalDate, closed: LocalDate? = nil) -> ImplausibleRecord? {
        let what = subject.name(in: language)
        if date < opened {
            return ImplausibleRecord(.beforeCaseOpened, t("\(what) er dateret \(date), før sag \(caseNumber) blev oprettet (\(opened))",
                                                          "\(what) is dated \(date), before case \(caseNumber) was opened (\(opened))"))
        }
        if let closed, date > closed {
            return ImplausibleRecord(.afterCaseClosed, t("\(what) er dateret \(date), efter sag \(caseNumber) blev afsluttet (\(closed))",
                                                         "\(what) is dated \(date), after case \(caseNumber) was closed (\(closed))"))
        }
        return nil
    }

    /// Nothing about a person happens before they were born (the date is the CPR number's, and
    /// is not repeated in the message).
    public func born(_ subject: PlausibilitySubject, _ date: LocalDate, birth: LocalDate) -> ImplausibleRecord? {
        guard date < birth else { return nil }
        let what = subject.name(in: language)
        return ImplausibleRecord(.beforeBirth, t("\(what) er dateret \(date), før borgeren blev født", "\(what) is dated \(date), before the citizen was born"))
    }

    /// Nobody is born after today: a CPR number dated later is mistyped (its date is not repeated).
    public func bornAfter(today: LocalDate, birth: LocalDate) -> ImplausibleRecord? {
        guard birth > today else { return nil }
        return ImplausibleRecord(.inTheFuture, t("CPR-nummerets fødselsdato ligger efter i dag; tjek cifrene (også det 7., der giver århundredet)",
                                                 "the CPR number's birth date is after today; check its digits (the 7th gives the century)"))
    }

    /// A goal is set on a running order.
    public func goalOnOrder(orderID: String, ended: LocalDate?) -> ImplausibleRecord? {
        guard let ended else { return nil }
        return ImplausibleRecord(.afterCaseClosed, t("bestilling \(orderID) blev afsluttet \(ended); et mål sættes på en igangværende bestilling",
                                                     "order \(orderID) ended on \(ended); a goal is set on a running order"))
    }

    public func onOrder(_ subject: PlausibilitySubject, _ date: LocalDate, orderID: String, start: LocalDate, ended: LocalDate?) -> ImplausibleRecord? {
        let what = subject.name(in: language)
        if date < start {
            return ImplausibleRecord(.beforeOrderStart, t("\(what) er dateret \(date), før bestilling \(orderID) starter (\(start))",
                                                          "\(what) is dated \(date), before order \(orderID) starts (\(start))"))
        }
        if let ended, date > ended {
            return ImplausibleRecord(.afterOrderEnded, t("\(what) er dateret \(date), efter bestilling \(orderID) blev afsluttet (\(ended))",
                                                         "\(what) is dated \(date), after order \(orderID) ended (\(ended))"))
        }
        return nil
    }

    /// A goal against the level its theme starts from (STATISTICS.md "Goals"; lower is better):
    /// develop expects a level below the baseline, maintain the baseline itself, limit loss the
    /// baseline or above. Without a baseline yet there is nothing to contradict, except a develop
    /// goal expecting level 4, which nothing is worse than.
    public func goal(type: GoalType, expected: FunctionLevel, baseline: FunctionLevel?, theme: String) -> ImplausibleRecord? {
        if type == .develop, expected == .complete {
            return ImplausibleRecord(.goalAgainstBaseline, t(
                "måltypen udvikle på \"\(theme)\" forventer niveau 4, og intet niveau er værre: et udvikle-mål forventer et niveau under udgangspunktet",
                "goal type udvikle on \"\(theme)\" expects level 4, and no level is worse: a develop goal expects a level below the baseline"))
        }
        guard let baseline else { return nil }
        let (b, e) = (baseline.rawValue, expected.rawValue)
        let wanted: String
        switch type {
        case .develop:
            guard e >= b else { return nil }
            wanted = b == 0 ? t("intet: niveau 0 kan ikke forbedres (et fastholde-mål holder det)", "nothing: level 0 cannot improve (a maintain goal keeps it)")
                : t("et niveau under \(b)", "a level below \(b)")
        case .maintain:
            guard e != b else { return nil }
            wanted = t("niveau \(b) selv", "level \(b) itself")
        case .limitLoss:
            guard e < b else { return nil }
            wanted = t("niveau \(b) eller derover (et niveau under er et udvikle-mål)", "level \(b) or above (a level below it is a develop goal)")
        }
        return ImplausibleRecord(.goalAgainstBaseline, t(
            "måltypen \(type.cliValue) på \"\(theme)\" forventer niveau \(e) fra udgangspunkt \(b); fra det udgangspunkt kan den forvente \(wanted)",
            "goal type \(type.cliValue) on \"\(theme)\" expects level \(e) from baseline \(b); from that baseline it can expect \(wanted)"))
    }

    /// What the caseworker can do about `found`, appended to the refusal.
    public func remedy(_ found: ImplausibleRecord) -> String {
        switch found.rule {
        case .beforeCaseOpened: t("; er den indtastet sent, så skriv hvorfor med --backdated-reason TEKST", "; if it was entered late, say why with --backdated-reason TEXT")
        case .afterOrderEnded:
            t("; sluttede bestillingen ikke da, så ret det, der afsluttede den (en opfølgning: --supersedes den, eller ffb mark-error)",
              "; if the order did not end then, correct what ended it (a follow-up: --supersedes it, or ffb mark-error)")
        case .inTheFuture, .beforeOrderStart, .goalAgainstBaseline, .beforeBirth, .afterCaseClosed: ""
        }
    }

    /// The audit's note beside a record the caseworker entered late, with their reason.
    public func enteredLate(_ found: ImplausibleRecord, reason: String) -> String {
        t("indtastet sent (\(reason)): \(found.message)", "entered late (\(reason)): \(found.message)")
    }

    public var reasonNotNeeded: String {
        t("intet i denne registrering ligger før sin sag; udelad --backdated-reason", "nothing in this write predates its case; leave out --backdated-reason")
    }
}
