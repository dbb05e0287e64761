import FFBCatalog
import FFBModel
import FFBWorkflows

/// Every word of the caseload view, in one place: Danish, and English for `--lang en`.
struct CaseloadWords: Sendable {
    let citizen: String
    let name: String
    let order: String
    let provider: String
    let themes: String
    let lastFollowUp: String
    let planned: String
    let due: String
    let what: String
    let status: String
    let caseworker: String
    let nothing: String
    let nothingOverdue: String
    let plannedFollowUp: String
    let noFollowUp: @Sendable (Int) -> String
    let overdue: @Sendable (Int) -> String
    let dueToday: String
    let daysLeft: @Sendable (Int) -> String
    let title: @Sendable (LocalDate, Int, String?) -> String
    let summary: @Sendable (Int, Int, Int) -> String

    func kind(_ kind: FollowUpDue.Kind) -> String {
        switch kind {
        case .planned: plannedFollowUp
        case .quiet(let months): noFollowUp(months)
        }
    }

    func status(_ daysOverdue: Int) -> String {
        daysOverdue > 0 ? overdue(daysOverdue) : daysOverdue == 0 ? dueToday : daysLeft(-daysOverdue)
    }

    static let danish = CaseloadWords(
        citizen: "BORGER", name: "NAVN", order: "BESTILLING", provider: "UDFØRER", themes: "TEMAER",
        lastFollowUp: "SIDSTE OPF.", planned: "NÆSTE PLANLAGT", due: "FORFALDEN", what: "HVAD", status: "STATUS",
        caseworker: "SAGSBEHANDLER",
        nothing: "Ingen igangværende indsatser.",
        nothingOverdue: "Intet er overskredet.",
        plannedFollowUp: "planlagt opfølgning",
        noFollowUp: { "ingen opfølgning i \($0) mdr." },
        overdue: { $0 == 1 ? "1 dag over" : "\($0) dage over" },
        dueToday: "i dag",
        daysLeft: { $0 == 1 ? "om 1 dag" : "om \($0) dage" },
        title: { today, months, caseworker in
            "Sagsstamme pr. \(today)" + (caseworker.map { " for \($0)" } ?? "") + " (uden opfølgning i \(months) mdr. er overskredet)"
        },
        summary: { citizens, orders, overdue in
            "\(citizens) borger\(citizens == 1 ? "" : "e"), \(orders) igangværende indsats\(orders == 1 ? "" : "er"), \(overdue) overskredne"
        }
    )

    static let english = CaseloadWords(
        citizen: "CITIZEN", name: "NAME", order: "ORDER", provider: "PROVIDER", themes: "THEMES",
        lastFollowUp: "LAST FOLLOW-UP", planned: "NEXT PLANNED", due: "DUE", what: "WHAT", status: "STATUS",
        caseworker: "CASEWORKER",
        nothing: "No running interventions.",
        nothingOverdue: "Nothing is overdue.",
        plannedFollowUp: "planned follow-up",
        noFollowUp: { "no follow-up for \($0) months" },
        overdue: { $0 == 1 ? "1 day overdue" : "\($0) days overdue" },
        dueToday: "today",
        daysLeft: { $0 == 1 ? "in 1 day" : "in \($0) days" },
        title: { today, months, caseworker in
            "Caseload as of \(today)" + (caseworker.map { " for \($0)" } ?? "") + " (no follow-up for \(months) months is overdue)"
        },
        summary: { citizens, orders, overdue in
            "\(citizens) citizen\(citizens == 1 ? "" : "s"), \(orders) running intervention\(orders == 1 ? "" : "s"), \(overdue) overdue"
        }
    )

    static func of(_ language: Language) -> CaseloadWords {
        language == .da ? danish : english
    }
}
