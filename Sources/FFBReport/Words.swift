import FFBCatalog
import FFBProgression

/// The report's language: the one every view has (`Language`).
public typealias ReportLanguage = Language

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
    var lowerIsBetter: String { t("Lavere niveau er bedre: 0 = ingen nedsat funktionsevne, 4 = fuldstændig nedsat.", "A lower level is better: 0 = no reduced function, 4 = complete.") }
}
