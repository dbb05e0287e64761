import FFBCatalog
import FFBModel
import Testing

/// The plausibility rules alone, with the dates and levels a store would hand them.
@Suite struct PlausibilityTests {
    let day = { (iso: String) in LocalDate(iso: iso)! }
    let rules = Plausibility(language: .en)

    @Test func aRecordDatedAfterTodayIsImplausibleAndTodayItselfIsNot() {
        let today = day("2026-12-06")
        #expect(rules.dated(.assessment, today, today: today) == nil)
        let future = rules.dated(.assessment, day("2031-01-01"), today: today)
        #expect(future?.rule == .inTheFuture)
        #expect(future?.message == "the assessment is dated 2031-01-01, after today (2026-12-06)")
        #expect(future?.excusedByBackdating == false)
        // Danish for a Danish reader, the same rule.
        let danish = Plausibility(language: .da).dated(.assessment, day("2031-01-01"), today: today)
        #expect(danish?.message == "udredningen er dateret 2031-01-01, efter i dag (2026-12-06)")
        #expect(danish?.rule == .inTheFuture)
    }

    @Test func anAssessmentBeforeItsCaseWasOpenedMayBeExcusedAsEnteredLate() {
        let found = rules.onCase(.assessment, day("2020-01-01"), caseNumber: "S-1", opened: day("2025-01-10"))
        #expect(found?.rule == .beforeCaseOpened)
        #expect(found?.message == "the assessment is dated 2020-01-01, before case S-1 was opened (2025-01-10)")
        #expect(found?.excusedByBackdating == true)
        #expect(rules.onCase(.assessment, day("2025-01-10"), caseNumber: "S-1", opened: day("2025-01-10")) == nil)
    }

    @Test func aFollowUpMustLieWithinItsOrderEndDayIncluded() {
        let start = day("2025-03-01"), ended = day("2026-03-01")
        #expect(rules.onOrder(.followUp, day("2025-02-28"), orderID: "o", start: start, ended: ended)?.rule == .beforeOrderStart)
        #expect(rules.onOrder(.followUp, day("2025-03-01"), orderID: "o", start: start, ended: ended) == nil)
        #expect(rules.onOrder(.followUp, day("2026-03-01"), orderID: "o", start: start, ended: ended) == nil)
        let after = rules.onOrder(.followUp, day("2026-03-02"), orderID: "o", start: start, ended: ended)
        #expect(after?.rule == .afterOrderEnded)
        #expect(after?.excusedByBackdating == false)
        #expect(rules.onOrder(.followUp, day("2030-01-01"), orderID: "o", start: start, ended: nil) == nil)
    }

    /// Lower is better: develop expects a level below the baseline, maintain the baseline, limit
    /// loss the baseline or worse. Every (type, baseline, expected) is checked against that.
    @Test func aGoalsExpectedLevelMustFitItsTypeFromTheBaseline() {
        for type in GoalType.allCases {
            for b in FunctionLevel.allCases {
                for e in FunctionLevel.allCases {
                    let fits = switch type {
                    case .develop: e.rawValue < b.rawValue
                    case .maintain: e == b
                    case .limitLoss: e.rawValue >= b.rawValue
                    }
                    let found = rules.goal(type: type, expected: e, baseline: b, theme: "Købe ind")
                    #expect((found == nil) == fits, "\(type) from \(b.rawValue) expecting \(e.rawValue)")
                    #expect(found.map { $0.rule == .goalAgainstBaseline && !$0.excusedByBackdating } ?? true)
                }
            }
        }
        #expect(rules.goal(type: .develop, expected: .severe, baseline: .moderate, theme: "Købe ind")?.message
            == "goal type udvikle on \"Købe ind\" expects level 3 from baseline 2; from that baseline it can expect a level below 2")
        // Nothing is worse than 4: a develop goal expecting it is refused even before any baseline.
        #expect(rules.goal(type: .develop, expected: .complete, baseline: nil, theme: "Købe ind")?.rule == .goalAgainstBaseline)
        #expect(rules.goal(type: .develop, expected: .none, baseline: nil, theme: "Købe ind") == nil)
    }
}
