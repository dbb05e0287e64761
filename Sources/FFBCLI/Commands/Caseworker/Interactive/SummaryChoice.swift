import FFBText
import FFBCatalog

/// One line typed at the summary's prompt, understood against the walk's themes.
enum SummaryChoice: Equatable {
    case save
    /// Not now: the draft stays.
    case keep
    /// The theme at this position of the walk, to change it.
    case edit(Int)
    case noSuchNumber(Int)
    case ambiguous([String])
    case unknown
    case unclear

    static func parse(_ line: String, themes: [Theme]) -> SummaryChoice {
        let text = line.trimmingSpaces()
        switch text.lowercased() {
        case "j", "ja", "y", "yes": return .save
        case "n", "nej", "no", "q": return .keep
        case "": return .unclear
        default: break
        }
        if let number = Int(text) {
            return themes.indices.contains(number - 1) ? .edit(number - 1) : .noSuchNumber(number)
        }
        // By name: exact, else the only theme the text begins, else the only one containing it
        // (folded, so "kobe ind" finds "Købe ind"). One or two letters are too little to go on:
        // "k" is in half the theme names.
        let folded = TextFolding.fold(text)
        let names = themes.map { TextFolding.fold($0.name) }
        let rules: [(String) -> Bool] = [
            { $0 == folded },
            { folded.count >= 2 && $0.hasPrefix(folded) },
            { folded.count >= 3 && $0.contains(folded) },
        ]
        for matches in rules {
            let found = names.indices.filter { matches(names[$0]) }
            if found.count == 1 { return .edit(found[0]) }
            if found.count > 1 { return .ambiguous(found.map { themes[$0].name }) }
        }
        return .unknown
    }
}
