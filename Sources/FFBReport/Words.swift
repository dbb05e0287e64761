import FFBCatalog
import FFBProgression
import FFBStatistics

/// The report's language: the one every view has (`Language`).
public typealias ReportLanguage = Language

extension ObservedExpected.FunnelPosition {
    /// Where a group falls in the funnel plot, in words (the report's table and `ffb stats --adjusted`).
    public static func words(_ position: Self?, in language: Language) -> String {
        switch position {
        case nil: "–"
        case .within: language.pick("inden for", "within")
        case .above95: language.pick("over 95 %", "above 95 %")
        case .below95: language.pick("under 95 %", "below 95 %")
        case .above998: language.pick("over 99,8 %", "above 99.8 %")
        case .below998: language.pick("under 99,8 %", "below 99.8 %")
        }
    }
}

struct Words {
    let language: ReportLanguage

    private func t(_ da: String, _ en: String) -> String { language.pick(da, en) }

    var title: String { t("Progression i FFB-data", "Progression in FFB data") }
    var headline: String { t("Nøgletal", "Headline numbers") }
    var citizens: String { t("borgere", "citizens") }
    var pairs: String { t("par (borger × tema)", "pairs (citizen × theme)") }
    var improvedShare: String { t("andel forbedret", "share improved") }
    var meanChange: String { t("gns. ændring (niveauer)", "mean change (levels)") }
    var improved: String { t("Forbedret", "Improved") }
    var unchanged: String { t("Uændret", "Unchanged") }
    var worsened: String { t("Forværret", "Worsened") }
    var byArea: String { t("Forandring pr. funktionsområde", "Change by area") }
    var byTheme: String { t("Forandring pr. tema", "Change by theme") }
    var changeChartLabel: String {
        t("Andel forbedret, uændret og forværret med 95 % interval for andelen forbedret (borgerne som klynger)",
          "Share improved, unchanged and worsened with the 95 % interval of the share improved (citizens as clusters)")
    }
    var distributions: String { t("Funktionsevneniveau ved baseline og opfølgning", "Function level at baseline and follow-up") }
    var baseline: String { t("Baseline", "Baseline") }
    var followUp: String { t("Opfølgning", "Follow-up") }
    var transitions: String { t("Overgange mellem niveauer pr. tema", "Transitions between levels by theme") }
    var goals: String { t("Målopfyldelse pr. måltype", "Goal achievement by goal type") }
    var support: String { t("Støttebehovsniveau A–E", "Support level A–E") }
    var cost: String { t("Udgift pr. støttebehovsniveau", "Cost by support level") }
    var methods: String { t("Metode", "Methods") }
    var succeeding: String { t("lykkes", "succeeding") }
    func gridsHidden(minimum: Int, themes: [String]) -> String {
        t("Gitre skjult, fordi et felt har 1–\(max(1, minimum - 1)) par: \(themes.joined(separator: ", ")).",
          "Grids hidden because a cell holds 1–\(max(1, minimum - 1)) pairs: \(themes.joined(separator: ", ")).")
    }
    func distributionHidden(minimum: Int) -> String {
        t("Fordelingen er skjult: et niveau har 1–\(max(1, minimum - 1)) par, og fordelingens sum og gennemsnit ville give det tilbage.",
          "The distribution is hidden: a level holds 1–\(max(1, minimum - 1)) pairs, and the distribution's total and mean would give it back.")
    }
    var suppressed: String { t("skjult (færre borgere end grænsen)", "suppressed (fewer citizens than the threshold)") }
    var notFromExtract: String { t("Ikke tilgængeligt fra et udtræk: kræver databasen (--db).", "Not available from an extract: needs the store (--db).") }
    var noTariffs: String { t("Ingen takster i databasen (ffb tariff import).", "No tariffs in the store (ffb tariff import).") }
    var group: String { t("Gruppe", "Group") }
    var level: String { t("Niveau", "Level") }
    var start: String { t("Start", "Start") }
    var latest: String { t("Seneste", "Latest") }
    var goalsWord: String { t("mål", "goals") }
    var achieved: String { GoalStatus.achieved.name(in: language) }
    var sustaining: String { GoalStatus.sustaining.name(in: language) }
    var improving: String { GoalStatus.improving.name(in: language) }
    var noChange: String { GoalStatus.noChange.name(in: language) }
    var worsening: String { GoalStatus.worsening.name(in: language) }
    var notEvaluable: String { GoalStatus.notEvaluable.name(in: language) }
    var period: String { t("Periode", "Period") }
    var pairsShort: String { t("par", "pairs") }
    var currency: String { t("kr.", "DKK") }
    var signP: String { t("fortegn p", "sign p") }
    func baselineRule(_ rule: BaselineRule) -> String {
        rule == .first ? t("udgangspunkt: første vurdering", "baseline: first assessment") : t("udgangspunkt: forrige vurdering", "baseline: previous assessment")
    }
    var kroner: String { t("Kr.", "DKK") }
    var days: String { t("Dage", "Days") }
    var total: String { t("I alt", "Total") }
    var shownTotal: String { t("I alt, viste grupper", "Total of the groups shown") }
    var howToCount: String {
        t("Sådan tæller rapporten: et par er én borger × ét tema med en vurdering ved baseline og en senere ved opfølgning, og n tæller par. "
            + "En borger kan give flere par (flere temaer), så borgere tæller klynger: intervaller og test regner hver borger som én enhed.",
          "How the report counts: a pair is one citizen × one theme with an assessment at baseline and a later one at follow-up, and n counts pairs. "
            + "A citizen can give several pairs (several themes), so citizens count as clusters: intervals and tests treat each citizen as one unit.")
    }
    func gridLegend(minimum: Int) -> String {
        t("Sådan læses et overgangsgitter: rækken er niveauet ved baseline, kolonnen niveauet ved opfølgning, og tallet er antal par. "
            + "Felterne på diagonalen (med ramme) er uændrede; til venstre for diagonalen faldt niveauet (forbedring), til højre steg det (forværring). "
            + "Mørkere felt = flere par. Har et felt 1–\(max(1, minimum - 1)) par, er hele gitteret skjult: dets rækker, søjler og diagonal står andre steder og ville give feltet tilbage.",
          "How to read a transition grid: the row is the level at baseline, the column the level at follow-up, and the number counts pairs. "
            + "Cells on the diagonal (outlined) are unchanged; left of the diagonal the level fell (improvement), right of it the level rose (worsening). "
            + "Darker cell = more pairs. When a cell holds 1–\(max(1, minimum - 1)) pairs the whole grid is hidden: its rows, columns and diagonal are shown elsewhere and would give the cell back.")
    }
    /// Under a table grouped by goal type: a limit-loss goal expects the level to rise, so "improved" is no success measure there.
    func limitLoss(improved: Int, worsened: Int) -> String {
        let direction = worsened > improved
            ? t("Her bevægede niveauet sig den forkerte vej (\(worsened) par værre mod \(improved) bedre); en lille p-værdi siger, at det er en forværring. ",
                "Here the level moved the wrong way (\(worsened) pairs worse against \(improved) better); a small p-value says it is a worsening. ")
            : ""
        return t("* Begrænse tab: målet er at bremse et forventet tab, ikke at forbedre, så andelen forbedret er ikke et mål for succes. \(direction)"
                    + "Om tabet holdt sig inden for det forventede niveau, står i målopfyldelsen (opnået = opfølgning ≤ forventet).",
                 "* Limit loss: the goal is to slow an expected loss, not to improve, so the share improved is no measure of success. \(direction)"
                    + "Whether the loss stayed within the expected level is in goal achievement (achieved = follow-up ≤ expected).")
    }
    var limitLossAchieved: String {
        t("Begrænse tab: opnået betyder, at tabet holdt sig inden for det forventede (niveau ved opfølgning ≤ forventet niveau); ellers er det en forværring. Et sådant mål kan ikke blive \"i bedring\".",
          "Limit loss: achieved means the loss stayed within what was expected (level at follow-up ≤ expected level); else it is worsening. Such a goal cannot be \"improving\".")
    }
    var trajectory: String { t("Niveauer over tid siden udgangspunktet", "Levels over time since baseline") }
    var trajectoryLevels: String { t("Fordeling på niveauer pr. vindue", "Distribution of levels by window") }
    var trajectoryMean: String { t("Gns. niveau med 95 % interval (borgerne som klynger)", "Mean level with 95 % interval (citizens as clusters)") }
    var monthsSinceBaseline: String { t("måneder siden udgangspunktet", "months since baseline") }
    var window: String { t("Måneder", "Months") }
    var meanLevel: String { t("Gns. niveau [95 % CI]", "Mean level [95 % CI]") }
    var betterThanBaseline: String { t("Bedre end udgangspunktet [95 % CI]", "Better than baseline [95 % CI]") }
    func trajectoryNote(months w: Int, minimum: Int) -> String {
        t("Hver borgers tema følges fra udgangspunktet (første niveau i perioden, vindue 0); et senere niveau hører til det nærmeste af \(w), \(2 * w), \(3 * w) og \(4 * w)+ måneder, "
            + "og det seneste i vinduet tæller. Senere vinduer rummer kun dem, der er fulgt op. Lavere niveau er bedre. "
            + "Et vindue med færre end \(minimum) borgere er skjult (·); har et niveau i vinduet 1–\(max(1, minimum - 1)) par, er vinduets niveauer skjult i gråt (dets gennemsnit står).",
          "Each citizen's theme is followed from the baseline (the first level in the period, window 0); a later level belongs to the nearest of \(w), \(2 * w), \(3 * w) and \(4 * w)+ months, "
            + "and the latest in the window counts. Later windows hold only those followed up. A lower level is better. "
            + "A window of fewer than \(minimum) citizens is hidden (·); when a level in a window holds 1–\(max(1, minimum - 1)) pairs, the window's levels are hidden in grey (its mean stays).")
    }
    var lowerIsBetter: String { t("Lavere niveau er bedre: 0 = ingen nedsat funktionsevne, 4 = fuldstændig nedsat.", "A lower level is better: 0 = no reduced function, 4 = complete.") }
}
