import FFBCatalog

/// The column titles of the listings, written in Danish where they are made, in English for
/// `--lang en`: one glossary, so no listing mixes the two.
enum TableTitles {
    static func title(_ danish: String, in language: Language) -> String {
        language == .da ? danish : english[danish] ?? danish
    }

    static let english: [String: String] = [
        "AFGØRELSE": "DECISION", "AFSLUTTET": "ENDED", "BESTILLING": "ORDER", "BESTILT": "ISSUED", "BORGER": "CITIZEN",
        "BORGERE": "CITIZENS", "DAGE": "DAYS", "DATO": "DATE", "DKK/DAG": "DKK/DAY", "ENGLISH": "ENGLISH",
        "FEJLREGISTRERET": "ENTERED IN ERROR", "FRA": "FROM", "GRUPPE": "GROUP", "ID": "ID", "KL 2024-NAVN": "KL 2024 NAME",
        "KODE": "CODE", "MÅL": "GOALS", "NAVN": "NAME", "NIVEAU": "LEVEL", "NÆSTE PLANLAGT": "NEXT PLANNED", "OMRÅDE": "AREA",
        "OVERORDNET": "PARENT", "PR. BORGER": "PER CITIZEN", "PSEUDONYM": "PSEUDONYM", "REGISTRERET": "REGISTERED",
        "SCORES": "SCORED", "SLAGS": "KIND", "STANDARD": "DEFAULT", "STØTTE": "SUPPORT", "TEMAER": "THEMES",
        "TIDLIGERE NAVN": "FORMER NAME", "TIL": "TO", "TITEL": "TITLE", "UDEN TAKST": "NO TARIFF", "UDFØRER": "PROVIDER",
        "UDGIFT DKK": "COST DKK", "VERSION": "VERSION", "VÆRDI": "VALUE", "Ø ÆNDRING/DAG": "MEAN CHANGE/DAY",
    ]
}
