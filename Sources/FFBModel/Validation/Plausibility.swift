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
        /// A follow-up dated before its order starts.
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

    /// What the caseworker can do about it, appended to the refusal.
    public var remedy: String {
        switch rule {
        case .beforeCaseOpened: "; if it was entered late, say why with --backdated-reason TEXT"
        case .afterOrderEnded: "; if the order did not end then, correct what ended it (a follow-up: --supersedes it, or ffb mark-error)"
        case .inTheFuture, .beforeOrderStart, .goalAgainstBaseline, .beforeBirth, .afterCaseClosed: ""
        }
    }

    public var description: String { message }
}

/// What a write is judged against: the day it counts as today, and the caseworker's reason when
/// a record is knowingly entered outside its case's or order's dates.
public struct WriteRules: Sendable, Equatable {
    public let today: LocalDate
    public let backdatedReason: String?

    public init(today: LocalDate = .today, backdatedReason: String? = nil) {
        self.today = today
        self.backdatedReason = backdatedReason
    }
}

/// The plausibility rules, one function per kind of record, each given what the store knows.
public enum Plausibility {
    public static func dated(_ what: String, _ date: LocalDate, today: LocalDate) -> ImplausibleRecord? {
        guard date > today else { return nil }
        return ImplausibleRecord(.inTheFuture, "\(what) is dated \(date), after today (\(today))")
    }

    public static func onCase(_ what: String, _ date: LocalDate, caseNumber: String, opened: LocalDate, closed: LocalDate? = nil) -> ImplausibleRecord? {
        if date < opened {
            return ImplausibleRecord(.beforeCaseOpened, "\(what) is dated \(date), before case \(caseNumber) was opened (\(opened))")
        }
        if let closed, date > closed {
            return ImplausibleRecord(.afterCaseClosed, "\(what) is dated \(date), after case \(caseNumber) was closed (\(closed))")
        }
        return nil
    }

    /// Nothing about a person happens before they were born (the date is the CPR number's, and
    /// is not repeated in the message).
    public static func born(_ what: String, _ date: LocalDate, birth: LocalDate) -> ImplausibleRecord? {
        guard date < birth else { return nil }
        return ImplausibleRecord(.beforeBirth, "\(what) is dated \(date), before the citizen was born")
    }

    /// A goal is set on a running order.
    public static func goalOnOrder(orderID: String, ended: LocalDate?) -> ImplausibleRecord? {
        guard let ended else { return nil }
        return ImplausibleRecord(.afterCaseClosed, "order \(orderID) ended on \(ended); a goal is set on a running order")
    }

    public static func onOrder(_ what: String, _ date: LocalDate, orderID: String, start: LocalDate, ended: LocalDate?) -> ImplausibleRecord? {
        if date < start {
            return ImplausibleRecord(.beforeOrderStart, "\(what) is dated \(date), before order \(orderID) starts (\(start))")
        }
        if let ended, date > ended {
            return ImplausibleRecord(.afterOrderEnded, "\(what) is dated \(date), after order \(orderID) ended (\(ended))")
        }
        return nil
    }

    /// A goal against the level its theme starts from (STATISTICS.md "Goals"; lower is better):
    /// develop expects a level below the baseline, maintain the baseline itself, limit loss the
    /// baseline or above. Without a baseline yet there is nothing to contradict.
    public static func goal(type: GoalType, expected: FunctionLevel, baseline: FunctionLevel?, theme: String) -> ImplausibleRecord? {
        if type == .develop, expected == .complete {
            return ImplausibleRecord(.goalAgainstBaseline, """
                goal type udvikle on "\(theme)" expects level 4, and no level is worse: a develop goal expects a level below the baseline
                """)
        }
        guard let baseline else { return nil }
        let (b, e) = (baseline.rawValue, expected.rawValue)
        let wanted: String
        switch type {
        case .develop:
            guard e >= b else { return nil }
            wanted = b == 0 ? "nothing: level 0 cannot improve (a maintain goal keeps it)" : "a level below \(b)"
        case .maintain:
            guard e != b else { return nil }
            wanted = "level \(b) itself"
        case .limitLoss:
            guard e < b else { return nil }
            wanted = "level \(b) or above (a level below it is a develop goal)"
        }
        return ImplausibleRecord(.goalAgainstBaseline, """
            goal type \(type.cliValue) on "\(theme)" expects level \(e) from baseline \(b); from that baseline it can expect \(wanted)
            """)
    }
}
