import FFBModel

import FFBCatalog

/// What ended an order, in words, in the language the view is in.
enum OrderEndText {
    static func text(_ cause: OrderEnd.Cause, _ lang: Language) -> String {
        lang == .da ? danish(cause) : english(cause)
    }

    static func english(_ cause: OrderEnd.Cause) -> String {
        switch cause {
        case .followUp(let status): "a follow-up decided: \(status.englishName.lowercased())"
        case .ended(let reason): "order ended: \(reason)"
        case .caseClosed(let number, let reason): "case \(number) closed: \(reason)"
        }
    }

    static func danish(_ cause: OrderEnd.Cause) -> String {
        switch cause {
        case .followUp(let status): "opfølgning: \(status.danishName.lowercased())"
        case .ended(let reason): "indsatsen afsluttet: \(reason)"
        case .caseClosed(let number, let reason): "sag \(number) afsluttet: \(reason)"
        }
    }
}
